"""CachedRulePolicy (itb/rule_policy.py) predicts exactly what RulePolicy does.

Every prediction is made twice on the same tracker: once through the
remembered rule lookup (filled by earlier conversations) and once with the
memory switched off, which is Rasa's own RulePolicy code. Trackers come from
real conversations with the in-process assistant (questions, greetings,
cancels, emergencies, Spanish) and from the appointment form in every step
with every kind of interruption.
"""
from __future__ import annotations

import asyncio
import itertools

import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from itb.rule_policy import CachedRulePolicy

FORM = "appointment_form"
STEPS = ["appt_name", "appt_phone", "appt_reason", "appt_times", "appt_may_text", "appt_note", "appt_confirm"]
INTENTS = ["inform", "affirm", "deny", "cancel", "change_detail", "emergency", "faq", "greet",
           "ask_medicine_change", "request_human", "nlu_fallback", "out_of_scope", "set_language"]
CONVERSATIONS = [
    ["hi", "what is spasticity", "how does the pump work", "thanks", "bye"],
    ["hola", "que es la espasticidad", "cuanto cuesta la bomba", "gracias"],
    ["can i stop my baclofen pills", "the pump is beeping and he is very itchy and confused", "ok"],
    ["cancel", "no", "yes", "English", "Español", "talk to a person"],
    ["I want to kill myself", "what happens at the trial", "zorblax marmalade frequency", "help"],
    ["how long does it take", "when is the refill", "do I need to fast before", "/faq/trial_dose"],
]


@pytest.fixture(scope="module")
def policy(agent):
    nodes = agent.processor.graph_runner._instantiated_nodes.values()
    found = [node._component for node in nodes if isinstance(getattr(node, "_component", None), CachedRulePolicy)]
    assert len(found) == 1, "config.yml should use itb.rule_policy.CachedRulePolicy"
    assert found[0]._applicable is not None, "a loaded policy remembers"
    return found[0]


def conversation_trackers(agent):
    loop = asyncio.new_event_loop()
    trackers = []
    try:
        for number, lines in enumerate(CONVERSATIONS):
            sender = f"rule-policy-{number}"
            for line in lines:
                loop.run_until_complete(agent.handle_text(line, sender_id=sender))
            full = loop.run_until_complete(agent.tracker_store.retrieve(sender))
            events = list(full.events)
            for end in range(1, len(events) + 1):
                if isinstance(events[end - 1], (ActionExecuted, UserUttered)):
                    trackers.append(DialogueStateTracker.from_events(sender, events[:end], agent.domain.slots))
    finally:
        loop.close()
    return trackers


def form_trackers(agent):
    trackers = []
    for step, intent in itertools.product(STEPS, INTENTS):
        events = [
            ActionExecuted("action_session_start"), ActionExecuted("action_listen"),
            UserUttered("book", {"name": "request_appointment", "confidence": 1.0}),
            ActionExecuted(FORM), ActiveLoop(FORM), SlotSet("requested_slot", step),
            ActionExecuted("action_listen"),
            UserUttered("text", {"name": intent, "confidence": 1.0}),
        ]
        trackers.append(DialogueStateTracker.from_events("form", events, agent.domain.slots))
        trackers.append(DialogueStateTracker.from_events(
            "form", events + [ActionExecuted(FORM)], agent.domain.slots))
    return trackers


def test_remembered_rules_predict_what_rule_policy_predicts(agent, policy):
    domain = agent.domain
    trackers = conversation_trackers(agent) + form_trackers(agent)
    assert len(trackers) > 150
    memory = policy._applicable
    compared = 0
    try:
        for _ in range(2):  # the second pass is answered from memory
            for tracker in trackers:
                policy._applicable = memory
                remembered = [policy._find_action_from_rules(tracker, domain, text) for text in (True, False)]
                remembered_prediction = policy.predict_action_probabilities(tracker, domain)
                policy._applicable = None
                plain = [policy._find_action_from_rules(tracker, domain, text) for text in (True, False)]
                plain_prediction = policy.predict_action_probabilities(tracker, domain)
                assert remembered == plain, tracker.events
                assert remembered_prediction.probabilities == plain_prediction.probabilities
                assert remembered_prediction.events == plain_prediction.events
                compared += 1
    finally:
        policy._applicable = memory
    assert compared == 2 * len(trackers)
    assert len(memory) > 20


def test_the_memory_is_bounded(policy, monkeypatch):
    import itb.rule_policy as module

    monkeypatch.setattr(module, "CACHE_SIZE", 3)
    memory = policy._applicable
    policy._applicable = type(memory)()
    try:
        for index in range(10):
            policy._get_possible_keys(policy.lookup["rules"], [{"prev_action": {"action_name": f"utter_{index}"}}])
        assert len(policy._applicable) == 3
    finally:
        policy._applicable = memory
