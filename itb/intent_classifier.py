"""A small, fast intent classifier for short patient questions.

A linear SVM over TF-IDF character n-grams (robust to typos), TF-IDF word
uni- and bigrams, and the spaCy document vector (meaning). Probabilities come
from sigmoid calibration, so the FallbackClassifier threshold stays
meaningful. It trains in seconds and predicts in well under a millisecond,
which is why it replaces DIET here (see README, "Choosing the pipeline").
"""
from __future__ import annotations

import logging
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
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

logger = logging.getLogger(__name__)
MODEL_FILE = "linear_intent_classifier.joblib"


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
            counts[message.get(INTENT)] = counts.get(message.get(INTENT), 0) + 1
        folds = int(self._config["calibration_folds"])
        too_few = sorted(name for name, count in counts.items() if count < folds)
        if too_few:
            logger.warning("Intents with fewer than %d examples are left out: %s", folds, too_few)
        examples = [m for m in examples if counts[m.get(INTENT)] >= folds]
        labels = [m.get(INTENT) for m in examples]
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

    # ------------------------------------------------------------ predict
    def process(self, messages: List[Message]) -> List[Message]:
        if not self._parts:
            return messages
        to_classify = [m for m in messages if m.get(TEXT)]
        if not to_classify:
            return messages
        model = self._parts["model"]
        probabilities = model.predict_proba(self._features(self._parts, to_classify))
        names = list(model.classes_)
        length = int(self._config["ranking_length"])
        for message, row in zip(to_classify, probabilities, strict=True):
            order = np.argsort(row)[::-1]
            ranking = [{"name": names[i], "confidence": float(row[i])} for i in order[:length]]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
