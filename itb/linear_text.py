"""Scoring one message with a trained TF-IDF + linear model, in plain numpy.

The intent classifier (itb/intent_classifier.py) and the red-flag detector
(itb/safety/detector.py) are scikit-learn TF-IDF vectorizers feeding a linear
model. Called on one message at a time, scikit-learn spends most of its time
on input checks, sparse-matrix building and per-class loops. `TfidfFeatures`
and the scorers here do the same arithmetic on the models' own arrays (no
copies; the weights are stored column by column, `column_major`): the same
numbers to within 1e-12 (tests/nlu/test_linear_text.py
compares them on every held-out line) in about a tenth of the time.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
from scipy.special import expit, softmax


class TfidfFeatures:
    """Fitted TfidfVectorizers side by side (as `hstack` or `FeatureUnion` puts them)."""

    def __init__(self, vectorizers: Sequence[Any]) -> None:
        self._parts = []
        offset = 0
        for vectorizer in vectorizers:
            if vectorizer.norm != "l2" or not vectorizer.use_idf or not vectorizer.sublinear_tf:
                raise ValueError("only l2-normalised sublinear TF-IDF is compiled")
            self._parts.append(
                (vectorizer.build_analyzer(), vectorizer.vocabulary_,
                 np.asarray(vectorizer.idf_, dtype=np.float64), offset)
            )
            offset += len(vectorizer.vocabulary_)
        self.width = offset

    def __call__(self, text: str) -> Tuple[np.ndarray, np.ndarray]:
        """Column indices and values of the message's non-zero features."""
        indices: List[np.ndarray] = []
        values: List[np.ndarray] = []
        for analyze, vocabulary, idf, offset in self._parts:
            counts: Dict[int, int] = {}
            for gram in analyze(text):
                index = vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            found = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            weights = (np.log(tf) + 1.0) * idf[found]
            norm = float(np.sqrt(np.dot(weights, weights)))
            if norm:
                weights /= norm
            indices.append(found + offset)
            values.append(weights)
        if not indices:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return np.concatenate(indices), np.concatenate(values)


def column_major(model: Any) -> np.ndarray:
    """The model's weights stored column by column (Fortran order), in place.

    One message touches a few hundred features; with the weights stored row by
    row (classes x 45,000 features, 38 MB) reading their columns touches a
    different cache line for every class and feature, which cost 1.7 ms a
    message; stored column by column each feature's weights lie together
    (0.1 ms). scikit-learn computes the same numbers from either order, and
    the model keeps one copy."""
    if not model.coef_.flags.f_contiguous:
        model.coef_ = np.asfortranarray(model.coef_)
    return model.coef_


def decision(coef: np.ndarray, intercept: np.ndarray, indices: np.ndarray, values: np.ndarray,
             dense: Optional[np.ndarray] = None, dense_offset: int = 0) -> np.ndarray:
    """`X @ coef.T + intercept` for one sparse row (plus an optional dense tail)."""
    scores = np.array(intercept, dtype=np.float64, copy=True)
    if len(indices):
        scores += coef[:, indices] @ values
    if dense is not None:
        scores += coef[:, dense_offset:dense_offset + dense.shape[0]] @ dense.astype(np.float64)
    return scores


class CalibratedLinear:
    """`CalibratedClassifierCV(LinearSVC, method="sigmoid", ensemble=False).predict_proba`."""

    def __init__(self, model: Any) -> None:
        calibrated = model.calibrated_classifiers_
        if len(calibrated) != 1 or calibrated[0].method != "sigmoid" or len(calibrated[0].classes) < 3:
            raise ValueError("only one sigmoid-calibrated multi-class model is compiled")
        svm = calibrated[0].base_estimator
        self.classes = [str(name) for name in model.classes_]
        self.coef, self.intercept = column_major(svm), svm.intercept_
        position = {name: index for index, name in enumerate(calibrated[0].classes)}
        self._columns = np.asarray([position[name] for name in svm.classes_])
        self._a = np.zeros(len(calibrated[0].classes))
        self._b = np.zeros(len(calibrated[0].classes))
        for column, calibrator in zip(self._columns, calibrated[0].calibrators, strict=True):
            self._a[column], self._b[column] = calibrator.a_, calibrator.b_

    def probabilities(self, scores: np.ndarray) -> np.ndarray:
        placed = np.zeros(len(self._a))
        placed[self._columns] = scores
        proba = expit(-(self._a * placed + self._b))
        total = proba.sum()
        if total == 0:
            return np.full(len(proba), 1.0 / len(proba))
        proba /= total
        proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
        return proba


class MultinomialLogistic:
    """`LogisticRegression` (multinomial, three or more classes) `.predict_proba`."""

    def __init__(self, model: Any) -> None:
        ovr = model.multi_class == "ovr" or (model.multi_class == "auto" and model.solver == "liblinear")
        if len(model.classes_) < 3 or ovr:
            raise ValueError("only multinomial logistic regression is compiled")
        self.classes = [str(name) for name in model.classes_]
        self.coef, self.intercept = column_major(model), model.intercept_

    def probabilities(self, scores: np.ndarray) -> np.ndarray:
        return softmax(scores)
