"""Rasa graph components that put safety before the trained model.

`SafetyGuard` is the last step of the NLU pipeline: it runs the safety check
(`itb.safety.assess`) on every message and, when any layer fires, replaces the
predicted intent with `emergency` or `emergency_self_harm` (confidence 1.0).
An emergency guessed by the intent classifier alone, with no sign in the
message that a safety layer found, is never answered as one: the next-best
intent (or the fallback) is used instead. Medicine-change questions are routed
to `ask_medicine_change` and fasting questions to `ask_fasting` the same way.

`SafetyPolicy` has the highest priority of all policies. It answers an
emergency intent with the emergency response first, whatever any other policy
or an active form would do, and it adds the automated-assistant disclosure
after the first answer of a conversation that did not start with a greeting.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from itb import safety

EMERGENCY_RESPONSES = {
    "emergency": "utter_emergency",
    "emergency_self_harm": "utter_emergency_self_harm",
}
MEDICINE_INTENT = "ask_medicine_change"
FASTING_INTENT = "ask_fasting"
FALLBACK_INTENT = "nlu_fallback"
# The FallbackClassifier's threshold (config.yml): a next-best intent below it
# is no answer either.
FALLBACK_THRESHOLD = 0.2
DISCLOSURE = "utter_disclosure"
ACTION_FAILED = "utter_action_failed"
# Responses that already say the assistant is automated.
DISCLOSING_RESPONSES = {
    DISCLOSURE, "utter_greet", "utter_help", "utter_bot_challenge", "utter_request_human",
    "utter_request_appointment",
}
SAFETY_RESPONSES = set(EMERGENCY_RESPONSES.values())
# A whole message that only says "stop the form" always means cancel.
CANCEL_INTENT = "cancel"
CANCEL_PHRASES = {
    "cancel", "cancel it", "cancel that", "cancel please", "please cancel", "never mind",
    "nevermind", "nvm", "forget it", "forget about it", "stop", "stop it", "stop this", "quit",
    "abort", "exit",
    # Spanish. Messages are compared normalised (no accents): "olvídalo" is "olvidalo".
    "cancelar", "cancela", "cancelo", "olvidalo", "ya no", "ya no quiero", "dejalo", "salir",
    "basta",
}


def _override(message: Message, intent: str) -> None:
    ranking = [
        entry for entry in (message.get(INTENT_RANKING_KEY) or [])
        if entry.get("name") != intent
    ]
    top = {"name": intent, "confidence": 1.0}
    message.set(INTENT, top, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [top] + ranking, add_to_output=True)


def _next_best(message: Message) -> None:
    """Drop emergency guesses: the best other intent, or the fallback."""
    ranking = [
        entry for entry in (message.get(INTENT_RANKING_KEY) or [])
        if entry.get("name") not in EMERGENCY_RESPONSES
    ]
    best = ranking[0] if ranking else None
    if best is None or best.get("name") == FALLBACK_INTENT or best.get("confidence", 0.0) < FALLBACK_THRESHOLD:
        best = {"name": FALLBACK_INTENT, "confidence": 1.0}
        ranking = [entry for entry in ranking if entry.get("name") != FALLBACK_INTENT]
    else:
        ranking = ranking[1:]
    message.set(INTENT, best, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [best] + ranking, add_to_output=True)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class SafetyGuard(GraphComponent):
    """Overrides the intent when the red-flag check fires."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyGuard":
        safety.detector.load()  # built or read from its cache now, not on the first message
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            verdict = safety.assess(text)
            predicted = (message.get(INTENT) or {}).get("name")
            if verdict.emergency is not None:
                kind = "emergency_self_harm" if verdict.self_harm else "emergency"
                _override(message, kind)
            elif predicted in EMERGENCY_RESPONSES:
                # The classifier guessed an emergency that no safety layer sees.
                if verdict.fasting:
                    _override(message, FASTING_INTENT)
                elif verdict.medicine:
                    _override(message, MEDICINE_INTENT)
                else:
                    _next_best(message)
            elif " ".join(safety.normalise(text or "")) in CANCEL_PHRASES:
                _override(message, CANCEL_INTENT)
            elif verdict.fasting:
                _override(message, FASTING_INTENT)
            elif verdict.medicine:
                _override(message, MEDICINE_INTENT)
        return messages

    def process_training_data(self, training_data: Any) -> Any:
        return training_data


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class SafetyPolicy(Policy):
    """Emergency reply first; disclosure once per conversation."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": 10}

    def train(
        self,
        training_trackers: List[TrackerWithCachedStates],
        domain: Domain,
        **kwargs: Any,
    ) -> Resource:
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "SafetyPolicy":
        return cls(config, model_storage, resource, execution_context)

    def _predict(self, domain: Domain, action: Optional[str]) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        if action is not None:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        latest_action = tracker.latest_action_name
        if latest_action == ACTION_LISTEN_NAME:
            intent = tracker.latest_message.intent.get("name") if tracker.latest_message else None
            return self._predict(domain, EMERGENCY_RESPONSES.get(intent or ""))
        if latest_action in SAFETY_RESPONSES or latest_action in (DISCLOSURE, ACTION_FAILED):
            return self._predict(domain, ACTION_LISTEN_NAME)
        if _custom_action_failed(tracker, domain):
            # The action server is down or the action crashed: Rasa logs it and
            # goes on in silence. Say so, with the clinic's number, and listen.
            return self._predict(domain, ACTION_FAILED)
        if (
            latest_action
            and latest_action.startswith("utter_")
            and not tracker.active_loop_name
            and not _disclosed_in_session(tracker)
        ):
            return self._predict(domain, DISCLOSURE)
        return self._predict(domain, None)


def _custom_action_failed(tracker: DialogueStateTracker, domain: Domain) -> bool:
    """True when the last action ran on the action server and produced nothing.

    Every custom action and form of this assistant sends a message or changes
    the conversation; Rasa records a failed call as the action with no events.
    """
    events = list(tracker.events)
    if not any(isinstance(event, BotUttered) for event in events):
        # Not a live conversation (e.g. `rasa test` replaying stories, where
        # actions are not run), or nothing was said yet: the channel's own
        # "no reply" fallback covers a failure on the very first turn.
        return False
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, ActionExecuted):
            name = event.action_name or ""
            custom = name in domain.form_names or (
                name in domain.user_actions and not name.startswith("utter_")
            )
            return bool(custom) and index == len(events) - 1
    return False


def _disclosed_in_session(tracker: DialogueStateTracker) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            return False
        if isinstance(event, ActionExecuted) and event.action_name in DISCLOSING_RESPONSES:
            return True
        if isinstance(event, BotUttered) and (event.metadata or {}).get(
            "utter_action"
        ) in DISCLOSING_RESPONSES:
            return True
    return False
