"""Layer 3: a learned red-flag detector, for what no word list names.

A linear model (logistic regression over TF-IDF character and word n-grams
of the normalised text) trained on `itb/safety/data/detector_train.yml` and
on the assistant's own NLU examples (the `emergency` intents as red flags,
every other intent as ordinary). None of its training lines is in a test set
under `tests/`.

Its two thresholds are set for recall at build time, from out-of-fold
predictions (5-fold cross-validation on the training lines): the emergency
threshold is the highest that keeps `TARGET_RECALL` of red flags; the
self-harm threshold the highest that keeps `TARGET_SELF_HARM_RECALL` of
self-harm lines. The built detector is cached under `var/safety/`, keyed by
a hash of its data and this file, so a process starts in well under a second
once it has been built (`python -m itb.safety.detector` builds it and prints
its figures).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from itb import linear_text
from itb.safety.matcher import normalise

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = Path(__file__).resolve().parent / "data" / "detector_train.yml"
NLU = ROOT / "data" / "nlu"
CACHE = ROOT / "var" / "safety"
LABELS = ("ordinary", "emergency", "self_harm")
NLU_LABELS = {"emergency": "emergency", "emergency_self_harm": "self_harm"}
TARGET_RECALL = 0.97
TARGET_SELF_HARM_RECALL = 0.90
FOLDS = 5
# The crisis reply (988) from the detector alone needs this self-harm score; a
# lower one still counts as a red flag (911 line) when the total is high enough.
CRISIS_SURE = 0.8


@dataclass
class Scores:
    """How likely a message is a red flag (any kind) and a self-harm one."""

    red_flag: float
    self_harm: float


def _text(message: str) -> str:
    return " ".join(normalise(message))


def training_lines() -> Tuple[List[str], List[str]]:
    """(texts, labels) from the detector's own data and the NLU examples."""
    texts: List[str] = []
    labels: List[str] = []
    own = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    for label in LABELS:
        for line in own.get(label) or []:
            texts.append(str(line))
            labels.append(label)
    for path in sorted(NLU.glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            intent = item.get("intent")
            if not intent or "examples" not in item:
                continue
            label = NLU_LABELS.get(intent, "ordinary")
            for raw in str(item["examples"]).splitlines():
                raw = raw.strip()
                if raw.startswith("- "):
                    texts.append(_strip_entities(raw[2:]))
                    labels.append(label)
    return texts, labels


def _strip_entities(line: str) -> str:
    """'[Jane](PERSON)' -> 'Jane' (Rasa's entity annotation)."""
    import re

    return re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", lambda m: m.group(1) or m.group(2) or "", line)


def _fingerprint() -> str:
    import sklearn

    digest = hashlib.sha256()
    digest.update(Path(__file__).read_bytes())
    digest.update(DATA.read_bytes())
    for path in sorted(NLU.glob("*.yml")):
        digest.update(path.read_bytes())
    digest.update(sklearn.__version__.encode())
    return digest.hexdigest()[:16]


def _new_model() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion([
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+")),
    ])
    classifier = LogisticRegression(C=8.0, class_weight="balanced", max_iter=3000)
    return Pipeline([("features", features), ("classifier", classifier)])


def _threshold(scores: List[float], positive: List[bool], recall: float) -> float:
    """The highest threshold that keeps at least `recall` of the positives."""
    ranked = sorted((score for score, pos in zip(scores, positive, strict=True) if pos), reverse=True)
    if not ranked:
        return 0.5
    keep = max(1, int(round(recall * len(ranked) + 0.4999)))
    return min(0.5, ranked[min(keep, len(ranked)) - 1])


def _compile(model: Any) -> Optional[Tuple[Any, Any]]:
    """The pipeline's arithmetic in numpy (itb/linear_text.py), or None for a
    pipeline of another shape (scikit-learn's own path is then used)."""
    try:
        union = model.named_steps["features"]
        if union.transformer_weights:
            return None
        features = linear_text.TfidfFeatures([step for _, step in union.transformer_list])
        return features, linear_text.MultinomialLogistic(model.named_steps["classifier"])
    except (AttributeError, KeyError, ValueError):
        return None


class Detector:
    def __init__(self, model: Any, red_flag_threshold: float, self_harm_threshold: float,
                 report: Dict[str, Any]) -> None:
        self.model = model
        self.red_flag_threshold = red_flag_threshold
        self.self_harm_threshold = self_harm_threshold
        self.report = report
        classes = list(model.classes_)
        self._index = {label: classes.index(label) for label in LABELS}
        self._compiled = _compile(model)

    def probabilities(self, message: str) -> Any:
        """The model's class probabilities for one message."""
        text = _text(message)
        if self._compiled is None:
            return self.model.predict_proba([text])[0]
        features, classifier = self._compiled
        indices, values = features(text)
        return classifier.probabilities(
            linear_text.decision(classifier.coef, classifier.intercept, indices, values)
        )

    def scores(self, message: str) -> Scores:
        probabilities = self.probabilities(message)
        self_harm = float(probabilities[self._index["self_harm"]])
        return Scores(self_harm + float(probabilities[self._index["emergency"]]), self_harm)

    def finding(self, message: str) -> Optional[str]:
        """'self_harm', 'general' or None, by the thresholds."""
        return self.judge(self.scores(message))

    def judge(self, scores: Scores) -> Optional[str]:
        """'self_harm', 'general' or None for scores already computed."""
        if scores.self_harm >= max(self.self_harm_threshold, CRISIS_SURE):
            return "self_harm"
        if scores.red_flag >= self.red_flag_threshold:
            return "general"
        return None


def build() -> Detector:
    """Train the detector and set its thresholds from out-of-fold predictions."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    texts, labels = training_lines()
    prepared = [_text(text) for text in texts]
    model = _new_model()
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=7)
    out_of_fold = cross_val_predict(model, prepared, labels, cv=folds, method="predict_proba")
    model.fit(prepared, labels)
    classes = list(model.classes_)
    emergency, self_harm = classes.index("emergency"), classes.index("self_harm")
    red_scores = [float(row[emergency] + row[self_harm]) for row in out_of_fold]
    harm_scores = [float(row[self_harm]) for row in out_of_fold]
    is_red = [label != "ordinary" for label in labels]
    is_harm = [label == "self_harm" for label in labels]
    red_threshold = _threshold(red_scores, is_red, TARGET_RECALL)
    harm_threshold = max(_threshold(harm_scores, is_harm, TARGET_SELF_HARM_RECALL), 0.2)
    ordinary = [score for score, red in zip(red_scores, is_red, strict=True) if not red]
    report = {
        "lines": {label: labels.count(label) for label in LABELS},
        "red_flag_threshold": round(red_threshold, 4),
        "self_harm_threshold": round(harm_threshold, 4),
        "out_of_fold_recall": round(
            sum(s >= red_threshold for s, r in zip(red_scores, is_red, strict=True) if r) / max(1, sum(is_red)), 4),
        "out_of_fold_false_alarms": round(
            sum(s >= red_threshold for s in ordinary) / max(1, len(ordinary)), 4),
        "out_of_fold_self_harm_recall": round(
            sum(s >= harm_threshold for s, h in zip(harm_scores, is_harm, strict=True) if h) / max(1, sum(is_harm)), 4),
    }
    return Detector(model, red_threshold, harm_threshold, report)


_lock = threading.Lock()
_loaded: Optional[Detector] = None


def load() -> Detector:
    """The detector, from the cache or built now (and cached)."""
    global _loaded
    if _loaded is not None:
        return _loaded
    with _lock:
        if _loaded is not None:
            return _loaded
        path = CACHE / f"detector-{_fingerprint()}.pkl"
        detector: Optional[Detector] = None
        if path.is_file():
            try:
                with path.open("rb") as handle:
                    detector = pickle.load(handle)
            except Exception as exc:  # noqa: BLE001 - a bad cache file is rebuilt
                logger.warning("safety: the cached detector could not be read (%s)", type(exc).__name__)
        if detector is None:
            detector = build()
            try:
                CACHE.mkdir(parents=True, exist_ok=True)
                fd, temporary = tempfile.mkstemp(dir=CACHE, suffix=".tmp")
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(detector, handle)
                os.replace(temporary, path)
                for old in CACHE.glob("detector-*.pkl"):
                    if old != path:
                        old.unlink(missing_ok=True)
            except OSError as exc:
                logger.warning("safety: the detector could not be cached (%s)", type(exc).__name__)
        _loaded = detector
        return detector


if __name__ == "__main__":
    # Through the package, so that the cache holds itb.safety.detector.Detector.
    from itb.safety import detector as _module

    built = _module.load()
    json.dump(built.report, sys.stdout, indent=2)
    print()
