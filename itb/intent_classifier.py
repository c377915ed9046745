"""A small, fast intent classifier for short patient questions.

A linear SVM over TF-IDF character n-grams (robust to typos), TF-IDF word
uni- and bigrams, and the spaCy document vector (meaning). Probabilities come
from sigmoid calibration, so the FallbackClassifier threshold stays
meaningful. It trains in seconds and predicts in well under a millisecond,
which is why it replaces DIET here (see README, "Choosing the pipeline").

Retrieval intents (`faq/<answer>` in the NLU data) are learned as answers of
their own, so one topic can have many precise answers: the prediction is the
retrieval intent (`faq`) with Rasa's `response_selector` output naming the
answer (`utter_faq/<answer>`), which Rasa's `utter_faq` action sends. A
button payload `/faq/<answer>` picks that answer directly.

When the two best answers are close (`ambiguity_margin`), the prediction is
`nlu_fallback` carrying both as `candidates`: the assistant then asks "Do you
mean A or B?" (actions/answers.py) instead of guessing.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    RESPONSE_IDENTIFIER_DELIMITER,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from itb import linear_text

logger = logging.getLogger(__name__)
_WORD = re.compile(r"(?u)\b\w+\b")
MODEL_FILE = "linear_intent_classifier.joblib"
RESPONSE_SELECTOR = "response_selector"
FALLBACK = "nlu_fallback"
# Predictions that never take part in "Do you mean A or B?".
NOT_ANSWERS = {
    "greet", "goodbye", "thanks", "affirm", "deny", "cancel", "change_detail", "inform",
    "bot_challenge", "help", "out_of_scope", "emergency", "emergency_self_harm",
}


def top_level(label: str) -> str:
    """'faq/trial_dose' -> 'faq'; 'ask_trial_what' stays."""
    return label.split(RESPONSE_IDENTIFIER_DELIMITER, 1)[0]


class Scorer:
    """The trained model's arithmetic for one message (itb/linear_text.py):
    the same probabilities as scikit-learn's `transform` and `predict_proba`,
    about ten times faster. `compile()` is None for a model it does not know,
    which then keeps scikit-learn's path."""

    def __init__(self, parts: Dict[str, Any], vector_weight: float) -> None:
        self._features = linear_text.TfidfFeatures([parts["chars"], parts["words"]])
        self._model = linear_text.CalibratedLinear(parts["model"])
        self.classes = self._model.classes
        self._vector_weight = vector_weight

    @classmethod
    def compile(cls, parts: Dict[str, Any], vector_weight: float) -> Optional["Scorer"]:
        try:
            return cls(parts, vector_weight)
        except (AttributeError, KeyError, ValueError):
            return None

    def probabilities(self, text: str, vector: np.ndarray) -> np.ndarray:
        indices, values = self._features(text)
        scores = linear_text.decision(
            self._model.coef, self._model.intercept, indices, values,
            dense=vector * self._vector_weight, dense_offset=self._features.width,
        )
        return self._model.probabilities(scores)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """TF-IDF + spaCy vectors + calibrated linear SVM."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "C": 1.0,
            "char_ngram_range": [2, 5],
            "word_ngram_range": [1, 2],
            "vector_weight": 1.0,
            "calibration_folds": 3,
            "ranking_length": 10,
            "random_state": 42,
            # "Do you mean A or B?" when the best answer is below `ambiguity_ceiling`
            # and the second is within `ambiguity_margin` of it and at least
            # `ambiguity_floor`.
            "ambiguity_margin": 0.12,
            "ambiguity_floor": 0.2,
            "ambiguity_ceiling": 0.6,
            # A message of at least `unknown_min_words` words (3+ letters) of
            # which fewer than `known_share` were ever seen in training ("zorblax
            # quintessential marmalade frequency") is no question it knows:
            # `nlu_fallback`, whatever a few shared letters suggest.
            "unknown_min_words": 3,
            "known_share": 0.5,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        parts: Optional[Dict[str, Any]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._parts = parts
        self._compiled: Optional[Scorer] = None
        self._compiled_from: Optional[Dict[str, Any]] = None

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    # ------------------------------------------------------------ features
    @staticmethod
    def _vectors(messages: List[Message]) -> np.ndarray:
        rows = []
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT])
            vector = np.asarray(doc.vector, dtype=np.float32) if doc is not None else None
            if vector is None or vector.shape != (300,):
                vector = np.zeros(300, dtype=np.float32)
            norm = float(np.linalg.norm(vector))
            rows.append(vector / norm if norm else vector)
        return np.vstack(rows) if rows else np.zeros((0, 300), dtype=np.float32)

    def _features(self, parts: Dict[str, Any], messages: List[Message]) -> csr_matrix:
        texts = [message.get(TEXT) or "" for message in messages]
        weight = float(self._config["vector_weight"])
        return hstack(
            [
                parts["chars"].transform(texts),
                parts["words"].transform(texts),
                csr_matrix(self._vectors(messages) * weight),
            ]
        ).tocsr()

    # -------------------------------------------------------------- train
    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT) and m.get(INTENT)]
        counts: Dict[str, int] = {}
        for message in examples:
            counts[self._label(message)] = counts.get(self._label(message), 0) + 1
        folds = int(self._config["calibration_folds"])
        too_few = sorted(name for name, count in counts.items() if count < folds)
        if too_few:
            logger.warning("Intents with fewer than %d examples are left out: %s", folds, too_few)
        examples = [m for m in examples if counts[self._label(m)] >= folds]
        labels = [self._label(m) for m in examples]
        if len(set(labels)) < 2:
            logger.warning("LinearIntentClassifier needs at least two intents; not trained.")
            return self._resource
        texts = [m.get(TEXT) for m in examples]
        parts: Dict[str, Any] = {
            "chars": TfidfVectorizer(
                analyzer="char_wb", ngram_range=tuple(self._config["char_ngram_range"]),
                sublinear_tf=True, lowercase=True,
            ).fit(texts),
            "words": TfidfVectorizer(
                ngram_range=tuple(self._config["word_ngram_range"]), sublinear_tf=True,
                lowercase=True, token_pattern=r"(?u)\b\w+\b",
            ).fit(texts),
        }
        features = self._features(parts, examples)
        svm = LinearSVC(
            C=float(self._config["C"]), class_weight="balanced",
            random_state=self._config["random_state"],
        )
        parts["model"] = CalibratedClassifierCV(
            svm, cv=folds, method="sigmoid", ensemble=False
        ).fit(features, np.asarray(labels))
        self._parts = parts
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(parts, Path(directory) / MODEL_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "LinearIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                parts = joblib.load(Path(directory) / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            parts = None
        return cls(config, model_storage, resource, parts)

    @staticmethod
    def _label(message: Message) -> str:
        """What is learned: the full retrieval intent (`faq/x`) or the intent."""
        return str(message.get(INTENT_RESPONSE_KEY) or message.get(INTENT))

    # ------------------------------------------------------------ predict
    def process(self, messages: List[Message]) -> List[Message]:
        if not self._parts:
            return messages
        to_classify = [m for m in messages if m.get(TEXT)]
        if not to_classify:
            return messages
        scorer = self._scorer()
        if scorer is not None:
            names = scorer.classes
            probabilities = [
                scorer.probabilities(message.get(TEXT), vector)
                for message, vector in zip(to_classify, self._vectors(to_classify), strict=True)
            ]
        else:
            model = self._parts["model"]
            probabilities = model.predict_proba(self._features(self._parts, to_classify))
            names = list(model.classes_)
        for message, row in zip(to_classify, probabilities, strict=True):
            order = np.argsort(row)[::-1]
            full = [(names[i], float(row[i])) for i in order]
            chosen = self._payload(message.get(TEXT), names)
            if chosen is not None:
                full = [(chosen, 1.0)] + [(name, p) for name, p in full if name != chosen]
            self._set(message, full, exact=chosen is not None)
            if chosen is None and self._mostly_unknown(message.get(TEXT)):
                top = {"name": FALLBACK, "confidence": 1.0}
                message.set(INTENT, top, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [top] + (message.get(INTENT_RANKING_KEY) or []), add_to_output=True)
        return messages

    def _scorer(self) -> Optional[Scorer]:
        """The compiled arithmetic of the current model (compiled once per model)."""
        if self._compiled_from is not self._parts:
            self._compiled = Scorer.compile(self._parts or {}, float(self._config["vector_weight"]))
            self._compiled_from = self._parts
        return self._compiled

    def _mostly_unknown(self, text: Any) -> bool:
        """Most of the message's words never occur in the training lines."""
        if not isinstance(text, str) or text.startswith("/") or not self._parts:
            return False
        vocabulary = self._parts["words"].vocabulary_
        words = [word for word in _WORD.findall(text.lower()) if len(word) >= 3 and not word.isdigit()]
        if len(words) < int(self._config["unknown_min_words"]):
            return False
        known = sum(word in vocabulary for word in words)
        return known < float(self._config["known_share"]) * len(words)

    @staticmethod
    def _payload(text: Any, names: List[str]) -> Optional[str]:
        """A button payload naming an answer: '/faq/trial_dose'."""
        if not isinstance(text, str) or not text.startswith("/"):
            return None
        label = text.strip()[1:]
        return label if RESPONSE_IDENTIFIER_DELIMITER in label and label in names else None

    def _set(self, message: Message, full: List[Any], exact: bool) -> None:
        length = int(self._config["ranking_length"])
        ranking: List[Dict[str, Any]] = []
        seen = set()
        for label, confidence in full:
            name = top_level(label)
            if name in seen:
                continue
            seen.add(name)
            entry: Dict[str, Any] = {"name": name, "confidence": confidence}
            if name != label:
                entry["answer"] = label
            ranking.append(entry)
            if len(ranking) >= length:
                break
        top = dict(ranking[0])
        candidates = [] if exact else self._close_answers(full)
        if candidates:
            top = {"name": FALLBACK, "confidence": full[0][1], "candidates": candidates}
            ranking = [top] + ranking
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        selector: Dict[str, Any] = {}
        for label, confidence in full:
            retrieval = top_level(label)
            if retrieval == label:
                continue
            if retrieval not in selector:
                selector[retrieval] = {
                    "response": {
                        "id": None,
                        "responses": None,
                        "response_templates": None,
                        "confidence": confidence,
                        "intent_response_key": label,
                        "utter_action": f"utter_{label}",
                        "template_name": f"utter_{label}",
                    },
                    "ranking": [],
                }
            if len(selector[retrieval]["ranking"]) < length:
                selector[retrieval]["ranking"].append(
                    {"id": None, "confidence": confidence, "intent_response_key": label}
                )
        if selector:
            selector["all_retrieval_intents"] = sorted(selector)
            message.set(RESPONSE_SELECTOR, selector, add_to_output=True)

    def _close_answers(self, full: List[Any]) -> List[str]:
        """The two best answers when they are too close to pick one."""
        answers = [(label, p) for label, p in full if top_level(label) not in NOT_ANSWERS][:2]
        if len(answers) < 2 or full[0][0] != answers[0][0]:
            return []
        (first, p1), (second, p2) = answers
        if (
            p1 < float(self._config["ambiguity_ceiling"])
            and p2 >= float(self._config["ambiguity_floor"])
            and p1 - p2 <= float(self._config["ambiguity_margin"])
        ):
            return [first, second]
        return []

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
