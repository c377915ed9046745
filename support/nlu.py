"""The examples of Rasa NLU YAML files: the training data (data/nlu) and the held-out test sets (tests/nlu)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, List, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEST_SETS = ROOT / "tests" / "nlu"
SPANISH_TEST_SETS = ("test_heldout_es.yml",)


def example_lines(examples: str) -> List[str]:
    """The lines of a block's `examples: |` text, without their "- "."""
    return [line.strip()[2:].strip() for line in examples.splitlines() if line.strip().startswith("- ")]


def examples_of(path: Path) -> List[Tuple[str, str]]:
    """(text, intent) of every example of the intent blocks of one NLU file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        (text, str(block["intent"]))
        for block in data.get("nlu") or []
        if "intent" in block and isinstance(block.get("examples"), str)
        for text in example_lines(block["examples"])
    ]


def examples_in(paths: Iterable[Path]) -> List[Tuple[str, str]]:
    """(text, intent) of the examples of several NLU files, in the order given."""
    return [example for path in paths for example in examples_of(path)]


def held_out(spanish: bool) -> List[Tuple[str, str]]:
    """(text, intent) of the English or of the Spanish held-out sets under tests/nlu."""
    return examples_in(
        path for path in sorted(TEST_SETS.glob("*.yml")) if (path.name in SPANISH_TEST_SETS) == spanish
    )


def lines_of(path: Path) -> List[str]:
    """Every example or text line of a Rasa NLU file or of a red-flag set (lists of {text: ...})."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: List[str] = []
    for block in data.get("nlu") or []:
        found += example_lines(str(block.get("examples") or ""))
    for key, cases in data.items():
        if key != "nlu" and isinstance(cases, list):
            found += [str(case["text"]) for case in cases if isinstance(case, dict) and "text" in case]
    return found
