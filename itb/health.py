"""Readiness checks that a proxy or Kubernetes can call often.

A `Probe` runs one blocking check (a database `SELECT 1`, a Redis PING) in a
background thread, at most one at a time, and waits for it at most `timeout`
seconds: a database that hangs makes the probe say "unavailable" quickly
instead of piling up threads. Results are reused for `ttl` seconds. A change
between available and unavailable is logged once, with the exception's type
only (never its message, which may hold an address or a query).

`rasa_readiness()` is what the REST channel's `GET /webhooks/rest/ready`
answers (channels/rest.py); the console's `GET /readyz` uses a `Probe` on its
database (console/views/account.py).
"""
from __future__ import annotations

import asyncio
import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Callable, Dict, Optional, Tuple

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"
LOADING = "loading"
IN_MEMORY = "in_memory"  # a store in the process's own memory: nothing to reach


class Probe:
    def __init__(self, name: str, check: Callable[[], Any], timeout: float = 2.0, ttl: float = 1.0) -> None:
        self.name = name
        self._check = check
        self._timeout = timeout
        self._ttl = ttl
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"probe-{name}")
        self._pending: Optional[Future] = None
        self._checked_at: Optional[float] = None
        self._ok: Optional[bool] = None

    def _run(self) -> Tuple[bool, str]:
        try:
            self._check()
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            return False, type(exc).__name__
        return True, ""

    def __call__(self) -> bool:
        """True when the check passed (blocks for at most `timeout` seconds)."""
        with self._lock:
            if self._checked_at is not None and time.monotonic() - self._checked_at < self._ttl:
                return bool(self._ok)
            if self._pending is None:
                self._pending = self._pool.submit(self._run)
            pending = self._pending
        try:
            ok, problem = pending.result(timeout=self._timeout)
        except FutureTimeout:
            ok, problem = False, f"no answer within {self._timeout:g} s"
        with self._lock:
            if pending.done() and self._pending is pending:
                self._pending = None
            if ok != self._ok:
                if ok:
                    logger.info("readiness: %s is available", self.name)
                else:
                    logger.warning("readiness: %s is unavailable (%s)", self.name, problem)
            self._ok, self._checked_at = ok, time.monotonic()
        return ok

    async def check(self) -> bool:
        """The same, from an event loop (the wait runs in a worker thread)."""
        return await asyncio.get_running_loop().run_in_executor(None, self)


def sql_check(engine: Any) -> Callable[[], None]:
    def check() -> None:
        from sqlalchemy import text

        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    return check


def redis_check(client: Any) -> Callable[[], None]:
    def check() -> None:
        client.ping()

    return check


def _unwrap_tracker_store(store: Any) -> Any:
    """The store behind Rasa's wrappers (AwaitableTrackerStore, FailSafeTrackerStore).
    The fail-safe wrapper quietly falls back to memory, so the real one is checked."""
    seen = 0
    while hasattr(store, "_tracker_store") and seen < 5:
        store, seen = store._tracker_store, seen + 1
    return store


def _store_probe(kind: str, store: Any, probes: Dict[Any, Probe]) -> Optional[Probe]:
    """A Probe for a tracker or lock store, kept per store object; None when the
    store lives in this process's memory (nothing to reach)."""
    key = (kind, id(store))
    if key not in probes:
        if hasattr(store, "engine"):
            probes[key] = Probe(kind, sql_check(store.engine))
        elif hasattr(store, "red"):
            probes[key] = Probe(kind, redis_check(store.red))
        else:
            return None
    return probes[key]


async def rasa_readiness(app: Any) -> Tuple[int, Dict[str, Any]]:
    """(HTTP status, body) for a Rasa replica: 200 when the model is loaded and
    the tracker and lock stores answer, 503 otherwise. The body names each
    part's state, nothing else (no addresses, no errors)."""
    ctx = app.ctx
    probes: Dict[Any, Probe] = getattr(ctx, "itb_probes", None) or {}
    ctx.itb_probes = probes
    agent = getattr(ctx, "agent", None)
    checks: Dict[str, str] = {}
    if agent is None or not agent.is_ready():
        checks["model"] = LOADING if agent is None else UNAVAILABLE
    else:
        checks["model"] = OK
    pending = {}
    for kind, store in (("tracker_store", _unwrap_tracker_store(getattr(agent, "tracker_store", None))),
                        ("lock_store", getattr(agent, "lock_store", None))):
        if store is None:
            checks[kind] = LOADING if agent is None else UNAVAILABLE
            continue
        probe = _store_probe(kind, store, probes)
        if probe is None:
            checks[kind] = IN_MEMORY
        else:
            checks[kind] = UNAVAILABLE
            pending[kind] = probe.check()
    for kind, ok in zip(pending, await asyncio.gather(*pending.values()), strict=True):  # both at once
        checks[kind] = OK if ok else UNAVAILABLE
    ready = all(value in (OK, IN_MEMORY) for value in checks.values())
    return (200 if ready else 503), {"status": "ready" if ready else "not ready", "checks": checks}
