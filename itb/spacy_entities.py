"""Named entities (PERSON, DATE, TIME) from the spaCy doc SpacyNLP already made.

Rasa's SpacyEntityExtractor runs the whole spaCy model a second time on every
message; this reads the entities of the document that SpacyNLP produced
(with `case_sensitive: true`, so names and dates keep their capitals).
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class SpacyDocEntities(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"dimensions": ["PERSON", "DATE", "TIME"]}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._dimensions = set(config.get("dimensions") or [])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SpacyDocEntities":
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None:
                continue
            found = [
                {"entity": ent.label_, "value": ent.text, "start": ent.start_char,
                 "end": ent.end_char, "confidence": None}
                for ent in doc.ents if ent.label_ in self._dimensions
            ]
            message.set(
                ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(found),
                add_to_output=True,
            )
        return messages
