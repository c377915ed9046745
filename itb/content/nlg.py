"""Rasa's response generator with the clinic's settings filled in first.

Configured in endpoints.yml (`nlg: type: itb.content.nlg.ContentNLG`; Rasa
loads a custom generator by module path, rasa/core/nlg/generator.py). Each
response from domain.yml gets the settings placeholders of itb/content/fill.py
(a sentence naming an empty setting is left out), then Rasa's own
interpolation as before: slots, and the values an action passes with
`dispatcher.utter_message(response="utter_...", reference=...)`.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from itb import language
from itb.content import fill, overrides


class ContentNLG(TemplatedNaturalLanguageGenerator):
    """domain.yml's responses, with {clinic_...} from the settings."""

    def __init__(
        self,
        endpoint_config: Optional[EndpointConfig] = None,
        domain: Optional[Domain] = None,
        responses: Optional[Dict[Text, List[Dict[Text, Any]]]] = None,
    ) -> None:
        if responses is None:
            responses = domain.responses if domain is not None else {}
        super().__init__(responses)

    def _random_response_for(
        self, utter_action: Text, output_channel: Text, filled_slots: Dict[Text, Any]
    ) -> Optional[Dict[Text, Any]]:
        # A clinician's approved edit from the staff console's Content page replaces
        # the text (buttons and other keys stay), before the settings are filled
        # (itb/content/overrides.py: live within 15 s, the shipped text if the database fails).
        # Rasa picks the variation: the Spanish one has the condition `language: es`.
        response = super()._random_response_for(utter_action, output_channel, filled_slots)
        return overrides.apply(utter_action, response, language.of_slots(filled_slots))

    def generate_from_slots(
        self,
        utter_action: Text,
        filled_slots: Dict[Text, Any],
        output_channel: Text,
        **kwargs: Any,
    ) -> Optional[Dict[Text, Any]]:
        response = super().generate_from_slots(utter_action, filled_slots, output_channel, **kwargs)
        if response is not None and isinstance(response.get("text"), str):
            response["text"] = response["text"].strip()  # an empty value at the end leaves no space
        # Every sentence named an unset setting: say nothing rather than an empty message.
        return response if fill.says_something(response) else None

    def _fill_response(
        self,
        response: Dict[Text, Any],
        filled_slots: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> Dict[Text, Any]:
        # The settings first (on Rasa's copy of the response), then slots and values.
        response = fill.fill_response(response, fill.values())
        return super()._fill_response(response, filled_slots, **kwargs)


def endpoint() -> EndpointConfig:
    """This generator as endpoints.yml names it, for an Agent loaded in-process
    (`Agent.load(model, generator=endpoint())`: tests, reports, the benchmark)."""
    return EndpointConfig(type=f"{ContentNLG.__module__}.{ContentNLG.__name__}")
