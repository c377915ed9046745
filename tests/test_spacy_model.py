"""The spaCy model installed by scripts/install_spacy_model.py."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import install_spacy_model as installer  # noqa: E402


def test_config_adaptation_removes_exactly_the_unknown_settings(tmp_path):
    config = tmp_path / "config.cfg"
    config.write_text(
        '[components.tok2vec]\nvectors = {"@vectors":"spacy.Vectors.v1"}\nwidth = 96\n'
        "[training]\nlabel_smoothing = 0.0\ndropout = 0.1\n"
    )
    assert installer.adapt_config(config) is True
    assert config.read_text() == "[components.tok2vec]\nwidth = 96\n[training]\ndropout = 0.1\n"
    assert installer.adapt_config(config) is False


def test_config_adaptation_keeps_only_the_entity_recogniser(tmp_path):
    config = tmp_path / "config.cfg"
    config.write_text(
        '[nlp]\nlang = "en"\npipeline = ["tok2vec","tagger","parser","ner"]\n'
        'disabled = ["senter"]\nbatch_size = 256\n'
    )
    assert installer.adapt_config(config) is True
    assert config.read_text() == '[nlp]\nlang = "en"\npipeline = ["ner"]\ndisabled = ["ner"]\nbatch_size = 256\n'
    assert installer.adapt_config(config) is False


def test_installed_model_loads_only_the_entity_recogniser_switched_off(nlp):
    assert nlp.component_names == ["ner"]
    assert nlp.disabled == ["ner"]
    assert nlp("Maria Lopez on Tuesday").ents == ()


def test_install_is_idempotent():
    before = (installer.TARGET / "config.cfg").stat().st_mtime_ns
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "install_spacy_model.py")],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "ready" in result.stdout and "Installing" not in result.stdout
    assert (installer.TARGET / "config.cfg").stat().st_mtime_ns == before
    assert installer.is_installed()


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load(installer.TARGET)


def test_model_has_word_vectors(nlp):
    doc = nlp("baclofen pump")
    assert doc.vector.shape == (300,)
    assert nlp.vocab.vectors.shape[1] == 300
    assert nlp("stiff").similarity(nlp("rigid")) > nlp("stiff").similarity(nlp("banana"))


def test_model_finds_people_dates_and_times(nlp):
    doc = nlp.get_pipe("ner")(nlp("Maria Lopez would like to come next Tuesday at 3 pm."))
    labels = {ent.label_: ent.text for ent in doc.ents}
    assert labels.get("PERSON") == "Maria Lopez"
    assert "Tuesday" in labels.get("DATE", "")
    assert "3 pm" in labels.get("TIME", "")
