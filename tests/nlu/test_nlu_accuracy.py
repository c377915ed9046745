"""Intent accuracy on the held-out NLU test set (tests/nlu/*.yml)."""
from __future__ import annotations

from pathlib import Path

import yaml
from sklearn.metrics import accuracy_score, f1_score

HERE = Path(__file__).parent


def test_examples() -> list:
    examples = []
    for path in sorted(HERE.glob("*.yml")):
        for item in yaml.safe_load(path.read_text())["nlu"]:
            for line in item["examples"].splitlines():
                if line.strip().startswith("- "):
                    examples.append((line.strip()[2:].strip(), item["intent"]))
    return examples


def test_intent_accuracy_and_macro_f1(agent):
    import asyncio

    examples = test_examples()
    loop = asyncio.new_event_loop()
    try:
        predicted = [
            loop.run_until_complete(agent.parse_message(text))["intent"]["name"]
            for text, _ in examples
        ]
    finally:
        loop.close()
    expected = [intent for _, intent in examples]
    accuracy = accuracy_score(expected, predicted)
    macro_f1 = f1_score(expected, predicted, average="macro", labels=sorted(set(expected)))
    misses = [(text, want, got) for (text, want), got in zip(examples, predicted, strict=True) if want != got]
    print(f"\nNLU test set: {len(examples)} examples, accuracy {accuracy:.3f}, macro F1 {macro_f1:.3f}")
    assert accuracy >= 0.92, misses
    assert macro_f1 >= 0.90, misses
