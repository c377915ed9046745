"""The NLU step that reads each message's language (config.yml, before SafetyGuard).

It adds a `language` entity ("en" or "es") when the message tells: an explicit
choice ("Español", "in English please"), text clearly in one language, or the
channel's `metadata.language` (the widget's page or button, the SMS number's
last language). The entity fills the `language` slot; a message that tells
nothing ("sí", "ok", "1", a name) adds no entity, so the slot keeps the
conversation's language. An explicit choice also becomes the intent
`set_language`, answered in the new language.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_RANKING_KEY,
    METADATA,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from itb import language


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER],
    is_trainable=False,
)
class LanguageDetector(GraphComponent):
    """Adds the `language` entity; an explicit choice is the intent `set_language`."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LanguageDetector":
        language.warm_up()
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            metadata = message.get(METADATA) or {}
            hint = metadata.get("language") if isinstance(metadata, dict) else None
            chosen = language.choice(text)
            found = chosen or language.of_message(text, hint)
            if found is None:
                continue
            entity = {
                ENTITY_ATTRIBUTE_TYPE: language.SLOT,
                ENTITY_ATTRIBUTE_VALUE: found,
                "start": 0,
                "end": len(text or ""),
                EXTRACTOR: self.__class__.__name__,
            }
            message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
            if chosen:
                top = {"name": language.INTENT, "confidence": 1.0}
                ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get("name") != language.INTENT]
                message.set(INTENT, top, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [top, *ranking], add_to_output=True)
        return messages

    def process_training_data(self, training_data: Any) -> Any:
        return training_data
