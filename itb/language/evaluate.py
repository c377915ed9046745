"""How well the language of a message is told: `make language-report`.

Runs `itb.language.detect` over the held-out English and Spanish lines under
tests/ (none of them is used to build anything) and prints, per language: how
many messages were told right, told wrong, or left undecided (too short or too
unsure, so the conversation keeps its language), and the time per message.
"""
from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

from itb import language
from support.nlu import lines_of

ROOT = Path(__file__).resolve().parent.parent.parent
SPANISH_SETS = ("tests/nlu/test_heldout_es.yml", "tests/safety/red_flag_es_blind.yml")
ENGLISH_SETS = ("tests/nlu/test_heldout_2.yml", "tests/safety/red_flag_blind_2.yml", "tests/content/longtail_blind.yml")


def examples() -> Iterable[Tuple[str, str]]:
    for code, sets in ((language.SPANISH, SPANISH_SETS), (language.ENGLISH, ENGLISH_SETS)):
        for name in sets:
            path = ROOT / name
            if path.is_file():
                for line in lines_of(path):
                    yield code, line


def report() -> Dict[str, Dict[str, float]]:
    language.warm_up()
    figures: Dict[str, Dict[str, float]] = {}
    times: List[float] = []
    for code, text in examples():
        start = time.perf_counter()
        found = language.detect(text)
        times.append(time.perf_counter() - start)
        row = figures.setdefault(code, {"messages": 0, "right": 0, "wrong": 0, "undecided": 0})
        row["messages"] += 1
        row["right" if found == code else "undecided" if found is None else "wrong"] += 1
    for row in figures.values():
        for key in ("right", "wrong", "undecided"):
            row[key + "_share"] = round(row[key] / row["messages"], 4) if row["messages"] else 0.0
    figures["time_ms"] = {
        "p50": round(statistics.median(times) * 1000, 3) if times else 0.0,
        "max": round(max(times) * 1000, 3) if times else 0.0,
    }
    return figures


def main() -> int:
    print(json.dumps(report(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
