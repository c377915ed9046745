"""Runs the trained model's prediction graph in a plain loop, without dask.

Rasa runs its graph (NLU components, then each policy prediction) through
dask's scheduler, four times per message here. The graph is a short chain,
run on one thread, so the scheduler only adds work: building the task graph,
cutting it down to the targets and ordering it again on every call (about a
millisecond a message). `SequentialGraphRunner` works out the order once per
set of targets and then calls the same graph nodes, with the same inputs and
hooks, in that order. Training keeps Rasa's DaskGraphRunner.

`use()` makes the Rasa server load models with it (`python -m launcher.rasa_server`
does that before starting Rasa); in-process agents call it before Agent.load.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

Plan = List[Tuple[Text, Any, Tuple[Text, ...]]]


class SequentialGraphRunner(DaskGraphRunner):
    """A DaskGraphRunner whose `run` calls the nodes in a fixed order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: Dict[Tuple[Text, ...], Plan] = {}

    def _plan(self, targets: Tuple[Text, ...]) -> Plan:
        plan = self._plans.get(targets)
        if plan is None:
            schema = self._graph_schema.minimal_graph_schema(list(targets))
            order: List[Text] = []
            state: Dict[Text, str] = {}

            def visit(name: Text) -> None:
                if state.get(name) == "done":
                    return
                if state.get(name) == "visiting":
                    raise GraphRunError(f"The graph has a cycle at '{name}'.")
                state[name] = "visiting"
                for parent in schema.nodes[name].needs.values():
                    if parent in schema.nodes:
                        visit(parent)
                state[name] = "done"
                order.append(name)

            for name in schema.nodes:
                visit(name)
            plan = [
                (name, self._instantiated_nodes[name], tuple(schema.nodes[name].needs.values()))
                for name in order
            ]
            self._plans[targets] = plan
        return plan

    def run(
        self,
        inputs: Optional[Dict[Text, Any]] = None,
        targets: Optional[List[Text]] = None,
    ) -> Dict[Text, Any]:
        run_targets = tuple(targets if targets else self._graph_schema.target_names)
        plan = self._plan(run_targets)
        values: Dict[Text, Any] = {}
        for name, value in (inputs or {}).items():
            if name in self._graph_schema.nodes:
                raise GraphRunError(
                    f"Input value '{name}' clashes with a node name. Make sure that none of "
                    f"the input names passed to the `run` method are the same as node names "
                    f"in the graph schema."
                )
            values[name] = (name, value)
        try:
            for name, node, needs in plan:
                values[name] = node(*[values[need] for need in needs])
        except RuntimeError as error:
            raise GraphRunError("Error running runner.") from error
        return dict(values[target] for target in run_targets)


def use() -> None:
    """Load prediction graphs with SequentialGraphRunner from now on (this process)."""
    import rasa.core.processor

    rasa.core.processor.DaskGraphRunner = SequentialGraphRunner  # type: ignore[misc]
