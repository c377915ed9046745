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


def predicted_label(parse: dict) -> str:
    """The answer predicted: `faq/<answer>` for a retrieval intent, else the intent.

    "Do you mean A or B?" (nlu_fallback with candidates) counts as a miss."""
    intent = parse["intent"]
    return intent.get("full_retrieval_intent_name") or intent["name"]


def test_intent_accuracy_and_macro_f1(agent):
    """Strict accuracy counts "Do you mean A or B?" as a miss; "answered or offered"
    counts it as right when the expected answer is one of the two offered."""
    import asyncio

    examples = test_examples()
    loop = asyncio.new_event_loop()
    try:
        parsed = [loop.run_until_complete(agent.parse_message(text)) for text, _ in examples]
    finally:
        loop.close()
    predicted = [predicted_label(parse) for parse in parsed]
    expected = [intent for _, intent in examples]
    accuracy = accuracy_score(expected, predicted)
    offered = sum(
        want == got or want in (parse["intent"].get("candidates") or [])
        for want, got, parse in zip(expected, predicted, parsed, strict=True)
    ) / len(examples)
    macro_f1 = f1_score(expected, predicted, average="macro", labels=sorted(set(expected)))
    misses = [(text, want, got) for (text, want), got in zip(examples, predicted, strict=True) if want != got]
    print(f"\nNLU test set: {len(examples)} examples, accuracy {accuracy:.3f}, answered or offered "
          f"{offered:.3f}, macro F1 {macro_f1:.3f}")
    assert accuracy >= 0.90, misses
    assert offered >= 0.92, misses
    assert macro_f1 >= 0.90, misses
