"""Named entities (PERSON, DATE, TIME), read only from messages that may hold one.

SpacyNLP makes each message's spaCy document (tokens and word vectors) with
the entity recogniser switched off: scripts/install_spacy_model.py installs
the model with `ner` loaded but disabled, because the recogniser is the
slowest step of a message (about 1.5 ms) and most messages name no person,
date or time. This component then runs the recogniser on the same document
(with `case_sensitive: true`, so names and dates keep their capitals) when
`may_name_someone_or_a_time()` says the message may hold one: a digit, a
capital letter after the first character, or a date or time word. The
entities are used by the appointment form (DATE, to check the best times)
and by the staff console (PERSON, to mask names).

Measured on every training and held-out line (README, "Speed"): the
recogniser runs on about a quarter of them; on the rest it found almost only
false names (typos such as "baclofin", Spanish phrases), and a few dates with
no time word ("last spring").
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

RECOGNISER = "ner"
TIME_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
today tonight tomorrow tmrw tmr yesterday morning afternoon evening night noon midnight overnight
day daily week weekly weekend weekday month monthly year yearly hour hourly minute
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec spring summer fall autumn winter
am pm oclock ago later earlier soon asap next last early late
one two three four five six seven eight nine ten eleven twelve twenty thirty half quarter
""".split())
_WORD = re.compile(r"[a-z]+")


def may_name_someone_or_a_time(text: str) -> bool:
    """A digit, a capital after the first character, or a date or time word."""
    if any(character.isdigit() for character in text):
        return True
    if any(character.isupper() for character in text[1:]):
        return True
    for word in _WORD.findall(text.lower()):
        if word in TIME_WORDS or (word.endswith("s") and word[:-1] in TIME_WORDS):
            return True
    return False


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False, model_from="SpacyNLP"
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

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        nlp = model.model
        recogniser = nlp.get_pipe(RECOGNISER) if RECOGNISER in nlp.component_names else None
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT])
            text = message.get(TEXT)
            if doc is None or not isinstance(text, str):
                continue
            if RECOGNISER in nlp.disabled:
                if recogniser is None or not may_name_someone_or_a_time(text):
                    continue
                doc = recogniser(doc)
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
