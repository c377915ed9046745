"""Rasa's RulePolicy with its rule lookup remembered.

To predict an action, RulePolicy checks every learned rule against the
conversation's recent states, turn by turn, twice per prediction (once for
the text, once for the intent): with this assistant's ~190 rules that is most
of the time Rasa spends choosing an action. The result depends only on those
states and on the rules, which do not change once a model is loaded, and a
conversation here reaches few distinct states (intent, previous actions,
active form, requested slot). So a loaded policy remembers which rules apply
to each states key it has seen (up to `CACHE_SIZE` keys, least recently used
dropped first). Training, which edits the rules while it checks them, never
uses the memory. Predictions are identical: tests/stories and the e2e tests
run through it, and tests/test_rule_policy.py compares it with RulePolicy.
"""
from __future__ import annotations

import json
import warnings
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Set, Text

from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import USER
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.nlu.constants import TEXT

# Rasa's recipe checks for a policy that *is* RulePolicy; a subclass does
# everything RulePolicy does (default intents, forms, fallback), so the
# warning that default intents would not work is wrong here.
warnings.filterwarnings("ignore", message="'RulePolicy' is not included in the model's policy")

CACHE_SIZE = 20_000
_ANY_TEXT = "\u0000text"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class CachedRulePolicy(RulePolicy):
    """RulePolicy that remembers which rules apply to the states it has seen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._applicable: Optional["OrderedDict[Any, frozenset]"] = None
        self._rules_read_text = True

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "CachedRulePolicy":
        policy = super().load(config, model_storage, resource, execution_context, **kwargs)
        policy._remember()
        return policy

    def _remember(self) -> None:
        """Start remembering (rules are final from now on)."""
        self._applicable = OrderedDict()
        # No rule mentions a user's text: then only whether there is text matters.
        self._rules_read_text = any(
            f'"{TEXT}"' in key for lookup in self.lookup.values() if isinstance(lookup, dict)
            for key in lookup
        )

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        self._applicable = None
        RulePolicy.raise_if_incompatible_with_domain(self.config, domain)
        return super().train(training_trackers, domain, **kwargs)

    def _states_key(self, states: List[Dict[Text, Any]]) -> str:
        if not self._rules_read_text:
            states = [
                {**state, USER: {**state[USER], TEXT: _ANY_TEXT}}
                if TEXT in state.get(USER, {}) else state
                for state in states
            ]
        return json.dumps(states, sort_keys=True, default=str)

    def _get_possible_keys(self, lookup: Dict[Text, Text], states: List[Dict[Text, Any]]) -> Set[Text]:
        if self._applicable is None:
            return super()._get_possible_keys(lookup, states)
        key = (id(lookup), self._states_key(states))
        found = self._applicable.get(key)
        if found is None:
            found = frozenset(super()._get_possible_keys(lookup, states))
            self._applicable[key] = found
            if len(self._applicable) > CACHE_SIZE:
                self._applicable.popitem(last=False)
        else:
            self._applicable.move_to_end(key)
        return set(found)
