"""`python -m launcher.rasa_server run [options]`: Rasa's own command line, tuned for serving.

Everything `python -m rasa run [options]` does, with three settings that make
each message cheaper (README, "Speed"; measured by `make bench`):

* The prediction graph runs in a plain loop (itb/graph_runner.py) instead of
  through dask's scheduler.
* Once the model is loaded, the objects it made (spaCy's vocabulary, the
  classifiers' vocabularies and weights, the rules: millions of objects that
  live as long as the process) are moved out of the garbage collector's way
  with `gc.freeze()`. Without it Python's collector walks all of them again
  and again while messages are handled, which tripled the time of a message
  here. Objects made later (conversations, replies) are collected as usual.
* numpy's BLAS uses one thread (`OPENBLAS_NUM_THREADS=1`, unless set). A
  message's arithmetic is a few small products; handing them to a pool of
  threads made them ten times slower when the other core was busy, and the
  server's concurrency comes from handling many messages, not from splitting one.
"""
from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy is first imported

import functools  # noqa: E402
import gc  # noqa: E402
import logging  # noqa: E402
import warnings  # noqa: E402
from typing import Any, Awaitable, Callable  # noqa: E402

logger = logging.getLogger(__name__)


def freeze_long_lived() -> None:
    """Every object alive now is left alone by the collector from now on."""
    gc.collect()
    gc.freeze()


def freeze_after(load: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """`load`, then every object alive so far is left alone by the collector."""

    @functools.wraps(load)
    async def load_then_freeze(*args: Any, **kwargs: Any) -> Any:
        loaded = await load(*args, **kwargs)
        freeze_long_lived()
        logger.info("Model loaded; %d long-lived objects frozen for the garbage collector.", gc.get_freeze_count())
        return loaded

    return load_then_freeze


def load_in_process(model: str, **kwargs: Any) -> Any:
    """`rasa.core.agent.Agent.load(model, **kwargs)` run as the server runs it
    (plain-loop graph runner, collector frozen after the load): for the tests
    and the benchmark's profile."""
    from rasa.core.agent import Agent

    from itb import graph_runner

    graph_runner.use()
    agent = Agent.load(model, **kwargs)
    freeze_long_lived()
    return agent


def tune() -> None:
    """Apply the graph runner and the freeze to this process (before Rasa loads a model)."""
    import rasa.core.run

    from itb import graph_runner

    graph_runner.use()
    if not getattr(rasa.core.run.load_agent_on_start, "__wrapped__", None):
        rasa.core.run.load_agent_on_start = freeze_after(rasa.core.run.load_agent_on_start)


def main() -> None:
    from rasa.__main__ import main as rasa_main

    # `python -m rasa run` imports the server's modules only after it has set up
    # its logging; importing them here first would print their import-time
    # deprecation notices as plain text ahead of the log's first line.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        tune()
    rasa_main()


if __name__ == "__main__":
    main()
