"""Intent accuracy on the held-out NLU test sets (tests/nlu/*.yml).

English: every set but the Spanish one; Spanish: `test_heldout_es.yml`, written
blind (before looking at the Spanish training lines). `make nlu-report`
prints both with the misses.
"""
from __future__ import annotations

import asyncio
from typing import Dict, List, Tuple

import pytest
from sklearn.metrics import accuracy_score, f1_score

from support.nlu import held_out


def predicted_label(parse: dict) -> str:
    """The answer predicted: `faq/<answer>` for a retrieval intent, else the intent.

    "Do you mean A or B?" (nlu_fallback with candidates) counts as a miss."""
    intent = parse["intent"]
    return intent.get("full_retrieval_intent_name") or intent["name"]


def measure(agent, examples: List[Tuple[str, str]]) -> Dict[str, object]:
    """Strict accuracy counts "Do you mean A or B?" as a miss; "answered or offered"
    counts it as right when the expected answer is one of the two offered."""
    loop = asyncio.new_event_loop()
    try:
        parsed = [loop.run_until_complete(agent.parse_message(text)) for text, _ in examples]
    finally:
        loop.close()
    predicted = [predicted_label(parse) for parse in parsed]
    expected = [intent for _, intent in examples]
    offered = sum(
        want == got or want in (parse["intent"].get("candidates") or [])
        for want, got, parse in zip(expected, predicted, parsed, strict=True)
    ) / len(examples)
    return {
        "examples": len(examples),
        "accuracy": accuracy_score(expected, predicted),
        "offered": offered,
        "macro_f1": f1_score(expected, predicted, average="macro", labels=sorted(set(expected))),
        "misses": [(text, want, got) for (text, want), got in zip(examples, predicted, strict=True) if want != got],
    }


@pytest.mark.parametrize(
    "spanish, accuracy, offered, macro_f1",
    [(False, 0.90, 0.92, 0.90), (True, 0.78, 0.80, 0.82)],
    ids=["english", "spanish"],
)
def test_intent_accuracy_and_macro_f1(agent, spanish, accuracy, offered, macro_f1):
    figures = measure(agent, held_out(spanish))
    print(f"\nNLU {'Spanish' if spanish else 'English'} held-out set: {figures['examples']} examples, "
          f"accuracy {figures['accuracy']:.3f}, answered or offered {figures['offered']:.3f}, "
          f"macro F1 {figures['macro_f1']:.3f}")
    assert figures["accuracy"] >= accuracy, figures["misses"]
    assert figures["offered"] >= offered, figures["misses"]
    assert figures["macro_f1"] >= macro_f1, figures["misses"]
