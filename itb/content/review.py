"""Where each answer's facts come from, and which version a clinician approved.

An *answer* is a response that states facts: `utter_ask_*` (but not the
appointment form's questions), `utter_faq/*`, the safety responses
(emergency, medicine and fasting hand-offs), and any response whose
`metadata` names sources. Each must name at least one source
id from `content/sources.yml` (the list at the end of the clinic's fact sheet).

An answer's *version* is a short hash of its texts and sources. A clinician's
approval (`content/approvals.yml`) names the version it approved; an answer
whose current version has an approval is `approved`, otherwise `draft`. A
record for a version that is no longer current is an error: the text changed
after its approval.

An answer has an English text (the variations without a `language` condition)
and a Spanish one (the variations whose condition is the `language` slot "es",
`texts.language_of`). Each has its own version and sign-off: `answers()` is the
English, as before (the Spanish variations change neither its texts nor its
version); `answers(language="es")` the Spanish, whose sources are the Spanish
variations' or else the English ones, approved by a record named "name@es"
(`overrides.key`).

`python -m itb.content.review` (`make content-report`) prints one JSON object
per answer: name, text, sources, status, approved_by, approved_at, version, and
`live` (text, sources, approved_by, approved_at, version) when a clinician
approved an edit in the staff console that the assistant says instead
(itb/content/overrides.py); and `es`, the same for the Spanish text, when the
answer has one (a Spanish variation or a live Spanish edit).
`--check` prints the problems and exits 1 if there are any.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
DOMAIN = ROOT / "domain.yml"
SOURCES = ROOT / "content" / "sources.yml"
APPROVALS = ROOT / "content" / "approvals.yml"
SAFETY_ANSWERS = {"utter_emergency", "utter_emergency_self_harm", "utter_medicine_change", "utter_fasting"}
ENGLISH, SPANISH = "en", "es"


@dataclass
class Answer:
    name: str
    texts: List[str]
    sources: List[str]
    version: str
    status: str = "draft"
    approved_by: Optional[str] = None
    approved_at: Optional[str] = None
    language: str = ENGLISH

    def report(self) -> Dict[str, Any]:
        return {
            "name": self.name,
            "text": self.texts[0] if self.texts else "",
            "sources": self.sources,
            "status": self.status,
            "approved_by": self.approved_by,
            "approved_at": self.approved_at,
            "version": self.version,
        }


@lru_cache(maxsize=1)
def form_questions() -> frozenset:
    """utter_ask_<slot> of every form's slots: questions the assistant asks, not answers."""
    forms = (yaml.safe_load(DOMAIN.read_text(encoding="utf-8")) or {}).get("forms") or {}
    return frozenset(
        f"utter_ask_{slot}" for form in forms.values() for slot in (form or {}).get("required_slots") or []
    )


def answers_question(name: str) -> bool:
    """A response that answers a patient's question: utter_faq/*, or utter_ask_*
    that is not one of a form's own questions."""
    return name.startswith("utter_faq/") or (
        name.startswith("utter_ask_") and name not in form_questions()
    )


def is_answer(name: str, variants: List[Dict[str, Any]]) -> bool:
    """Does this response state facts? (A form's questions do not.)"""
    if answers_question(name) or name in SAFETY_ANSWERS:
        return True
    return any(((variant or {}).get("metadata") or {}).get("sources") for variant in variants)


def variant_language(variant: Dict[str, Any]) -> str:
    """"es" for a Spanish variation (its condition on the `language` slot), else "en"."""
    from itb.content.texts import language_of

    return language_of(variant or {}) or ENGLISH


def record_name(name: str, language: str = ENGLISH) -> str:
    """The name an approval record (and a live edit) of the answer in `language` is filed under."""
    from itb.content.overrides import key

    return key(name, language)


def version_of(texts: List[str], sources: List[str]) -> str:
    payload = json.dumps({"texts": texts, "sources": sorted(sources)}, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def known_sources() -> Dict[str, str]:
    return yaml.safe_load(SOURCES.read_text(encoding="utf-8")) or {}


def approvals() -> List[Dict[str, Any]]:
    return (yaml.safe_load(APPROVALS.read_text(encoding="utf-8")) or {}).get("approvals") or []


def _sources(variants: List[Dict[str, Any]]) -> List[str]:
    sources: List[str] = []
    for variant in variants:
        for source in ((variant or {}).get("metadata") or {}).get("sources") or []:
            if str(source) not in sources:
                sources.append(str(source))
    return sources


def answers(
    responses: Optional[Dict[str, Any]] = None, records: Optional[List[Dict[str, Any]]] = None,
    language: str = ENGLISH,
) -> List[Answer]:
    """Every answer of domain.yml (or of the given responses), with its status, in
    `language`: the English variations ("en"), or the Spanish ones ("es": an answer
    without a Spanish variation has no texts, and Spanish conversations hear the English)."""
    if responses is None:
        responses = (yaml.safe_load(DOMAIN.read_text(encoding="utf-8")) or {}).get("responses") or {}
    records = approvals() if records is None else records
    found = []
    for name, variants in responses.items():
        variants = variants or []
        if not is_answer(name, variants):
            continue
        english = [variant for variant in variants if variant_language(variant) == ENGLISH]
        chosen = english if language == ENGLISH else [v for v in variants if variant_language(v) == language]
        texts = [str((variant or {}).get("text") or "") for variant in chosen]
        sources = _sources(chosen) or ([] if language == ENGLISH else _sources(english))
        answer = Answer(name, texts, sources, version_of(texts, sources), language=language)
        filed_as = record_name(name, language)
        for record in records:
            if record.get("name") == filed_as and record.get("version") == answer.version:
                answer.status = "approved"
                answer.approved_by = str(record.get("approved_by") or "")
                answer.approved_at = str(record.get("approved_at") or "")
        found.append(answer)
    return found


def problems(
    found: Optional[List[Answer]] = None, records: Optional[List[Dict[str, Any]]] = None
) -> List[str]:
    """What fails the build: no source, an unknown source, a stale approval."""
    records = approvals() if records is None else records
    if found is None:
        found = answers(records=records) + [a for a in answers(records=records, language=SPANISH) if a.texts]
    known = known_sources()
    current = {record_name(answer.name, answer.language): answer.version for answer in found}
    issues = []
    for answer in found:
        label = record_name(answer.name, answer.language)
        if not answer.sources:
            issues.append(f"{label}: no source")
        for source in answer.sources:
            if source not in known:
                issues.append(f"{label}: unknown source id {source!r}")
    for record in records:
        name, version = record.get("name"), record.get("version")
        if name not in current:
            issues.append(f"approval for {name}: no such answer")
        elif version != current[name]:
            issues.append(
                f"{name}: changed after its approval of version {version} (now {current[name]}); "
                "a clinician approves the new version, or remove the record (draft)"
            )
        if not record.get("approved_by") or not record.get("approved_at"):
            issues.append(f"approval for {name}: who and when are required")
    return issues


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Every answer with its sources and sign-off.")
    parser.add_argument("--check", action="store_true", help="list problems; exit 1 if any")
    args = parser.parse_args(argv)
    if args.check:
        issues = problems()
        for issue in issues:
            print(issue)
        return 1 if issues else 0
    live = _live()
    spanish = {answer.name: answer for answer in answers(language=SPANISH)}
    for answer in answers():
        row = answer.report()
        if answer.name in live:
            row["live"] = live[answer.name]
        translated, live_es = spanish.get(answer.name), live.get(record_name(answer.name, SPANISH))
        if translated is not None and (translated.texts or live_es):
            row[SPANISH] = translated.report()
            if live_es:
                row[SPANISH]["live"] = live_es
        print(json.dumps(row, ensure_ascii=False))
    return 0


def _live() -> Dict[str, Dict[str, Any]]:
    """Approved edits from the staff console that the assistant says instead of the
    shipped text (itb/content/overrides.py); none when the database has none or fails."""
    try:
        from itb.content import overrides

        return {name: overrides.report(edit) for name, edit in overrides.current().items()}
    except Exception:  # noqa: BLE001 - the report of the shipped content never depends on it
        return {}


if __name__ == "__main__":
    from itb.content import review as _module

    raise SystemExit(_module.main())
