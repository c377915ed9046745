"""The compiled scoring (itb/linear_text.py) gives scikit-learn's numbers.

The intent classifier and the red-flag detector score one message at a time
with numpy instead of scikit-learn's `transform` and `predict_proba`. These
tests compare the two on every held-out line (English and Spanish NLU sets
and the safety sets), so a difference in any feature, weight or calibration
step fails here rather than in a patient's answer.
"""
from __future__ import annotations

import tarfile
from pathlib import Path
from typing import List

import joblib
import numpy as np
import pytest
from scipy.sparse import csr_matrix, hstack

from itb.intent_classifier import MODEL_FILE, Scorer
from itb.safety import detector
from support.nlu import lines_of

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "current.tar.gz"
TOLERANCE = 1e-12


def held_out_lines() -> List[str]:
    paths = [*sorted((ROOT / "tests" / "nlu").glob("*.yml")), *sorted((ROOT / "tests" / "safety").glob("*.yml"))]
    lines = [line for path in paths for line in lines_of(path)]
    # Odd input: empty, only unknown characters, very long, digits, emoji.
    lines += ["", "   ", "zzzzqqq", "?!", "1234567890", "🙂🙂", "a" * 5000, "Ñandú ÁÉÍÓÚ ü"]
    return lines


@pytest.fixture(scope="module")
def classifier_parts(tmp_path_factory):
    if not MODEL.is_file():
        pytest.fail("models/current.tar.gz is missing: run `make train`.")
    with tarfile.open(MODEL) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith(MODEL_FILE))
        folder = tmp_path_factory.mktemp("classifier")
        archive.extract(member, folder)
    return joblib.load(folder / member.name)


def test_the_classifier_scores_like_scikit_learn(classifier_parts):
    parts = classifier_parts
    scorer = Scorer.compile(parts, 2.0)
    assert scorer is not None, "the trained classifier is no longer compiled: check Scorer.compile"
    rng = np.random.default_rng(7)
    lines = held_out_lines()
    assert len(lines) > 2000
    worst = 0.0
    for text in lines:
        vector = rng.normal(size=300).astype(np.float32)
        vector /= np.linalg.norm(vector)
        features = hstack([
            parts["chars"].transform([text]), parts["words"].transform([text]),
            csr_matrix(vector[None, :] * 2.0),
        ]).tocsr()
        expected = parts["model"].predict_proba(features)[0]
        got = scorer.probabilities(text, vector)
        assert list(parts["model"].classes_) == scorer.classes
        worst = max(worst, float(np.abs(expected - got).max()))
    assert worst < TOLERANCE


def test_a_model_of_another_shape_keeps_scikit_learns_path(classifier_parts):
    assert Scorer.compile({"chars": classifier_parts["chars"]}, 1.0) is None
    assert Scorer.compile({**classifier_parts, "model": object()}, 1.0) is None


def test_the_detector_scores_like_scikit_learn():
    model = detector.load()
    assert model._compiled is not None, "the detector is no longer compiled: check detector._compile"
    worst = 0.0
    for text in held_out_lines():
        expected = model.model.predict_proba([detector._text(text)])[0]
        worst = max(worst, float(np.abs(expected - model.probabilities(text)).max()))
    assert worst < TOLERANCE
