"""Exports: conversations (CSV, JSON), appointment requests (CSV), the audit log
(CSV) and NLU corrections as a Rasa nlu.yml fragment. Masked unless a
clinician asked for revealed details (which the caller audits). Each
conversation and each message carries its language ("en" or "es"); in the
nlu.yml fragment the Spanish examples come last, marked `metadata: {language: es}`
under a comment, for data/nlu/es/."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from sqlalchemy import select

from console import masking, queries, tracker
from itb import csv_export, db
from itb.csv_export import cell  # noqa: F401 - console.exports.cell, as before

# CSV is written by itb/csv_export.py, as the command line's export is.
to_csv = csv_export.to_text


def plain(segments: List[Tuple[str, Optional[str]]]) -> str:
    return "".join(piece for piece, _ in segments)


def conversation_records(database_url: str, tracker_url: str, conversation_ids: List[int], tz: Any,
                         low_threshold: float, revealed: bool) -> List[Dict[str, Any]]:
    """Conversations with their turns, ready for CSV or JSON, in the order given."""
    table = db.ConversationIndex.__table__
    records: List[Dict[str, Any]] = []
    with db.session(database_url) as session:
        for start in range(0, len(conversation_ids), 500):
            chunk = conversation_ids[start:start + 500]
            convs = {row.id: dict(row._mapping) for row in session.execute(select(table).where(table.c.id.in_(chunk)))}
            senders = [c["sender_id"] for c in convs.values()]
            requests: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
            for r in session.execute(select(db.AppointmentRequest).where(
                    db.AppointmentRequest.conversation_id.in_(senders))).scalars():
                requests[r.conversation_id].append({"full_name": r.full_name, "phone": r.phone})
            tags: Dict[int, List[str]] = defaultdict(list)
            for conversation_id, tag in session.execute(select(db.ConversationTag.conversation_id, db.ConversationTag.tag)
                                                        .where(db.ConversationTag.conversation_id.in_(chunk))):
                tags[conversation_id].append(tag)
            events = tracker.conversations(tracker_url, senders)
            for conversation_id in chunk:
                conv = convs.get(conversation_id)
                if conv is None:
                    continue
                conv["requests"] = requests.get(conv["sender_id"], [])
                items = queries.transcript(tracker_url, conv, low_threshold, revealed, events=events[conv["sender_id"]])
                turns = []
                for item in items:
                    if item["kind"] not in ("user", "bot"):
                        continue
                    turns.append({
                        "time": item["at"].replace(tzinfo=dt.timezone.utc).astimezone(tz).isoformat(timespec="seconds"),
                        "speaker": "patient" if item["kind"] == "user" else "assistant",
                        "language": item["language"],
                        "text": plain(item["segments"]),
                        "intent": item.get("intent"),
                        "confidence": None if item.get("confidence") is None else round(float(item["confidence"]), 4),
                        "action": item.get("action"),
                    })
                records.append({
                    "conversation": f"C-{conversation_id}",
                    "sender": conv["sender_id"] if revealed else masking.mask_sender(conv["sender_id"], conv["channel"]),
                    "channel": conv["channel"],
                    "language": conv["language"],
                    "started": conv["started_at"].replace(tzinfo=dt.timezone.utc).astimezone(tz).isoformat(timespec="seconds"),
                    "flags": [flag for flag in ("emergency", "fallback", "handoff", "appointment") if conv[f"has_{flag}"]],
                    "tags": sorted(tags.get(conversation_id, [])),
                    "masked": not revealed,
                    "turns": turns,
                })
    return records


def conversations_csv(records: List[Dict[str, Any]]) -> str:
    header = ["conversation", "sender", "channel", "language", "started", "flags", "tags", "time", "speaker",
              "message language", "text", "intent", "confidence", "action"]
    rows = []
    for record in records:
        for turn in record["turns"] or [{}]:
            rows.append([record["conversation"], record["sender"], record["channel"], record["language"],
                         record["started"], " ".join(record["flags"]), " ".join(record["tags"]), turn.get("time"),
                         turn.get("speaker"), turn.get("language"), turn.get("text"), turn.get("intent"),
                         turn.get("confidence"), turn.get("action")])
    return to_csv(header, rows)


def conversations_json(records: List[Dict[str, Any]]) -> str:
    return json.dumps({"conversations": records}, ensure_ascii=False, indent=2)


def appointments_csv(rows: List[Any], tz: Any, revealed: bool) -> str:
    header = ["reference", "created", "channel", "status", "status changed by", "updated", "reason", "name",
              "phone", "may text", "preferred times", "note", "conversation"]

    def local(value: Optional[dt.datetime]) -> str:
        return value.replace(tzinfo=dt.timezone.utc).astimezone(tz).isoformat(timespec="minutes") if value else ""

    out = []
    for r in rows:
        known = masking.Sensitive()
        known.add_name(r.full_name)
        known.add_phone(r.phone)
        out.append([
            r.reference, local(r.created_at), r.channel, r.status, r.status_changed_by or "", local(r.updated_at),
            r.reason,
            r.full_name if revealed else masking.mask_name(r.full_name),
            r.phone if revealed else masking.mask_phone(r.phone),
            "yes" if r.may_text else "no",
            r.preferred_times if revealed else masking.mask(r.preferred_times, None, known),
            (r.note or "") if revealed else masking.mask(r.note or "", None, known),
            r.conversation_id if revealed else masking.mask_sender(r.conversation_id, r.channel),
        ])
    return to_csv(header, out)


def audit_csv(rows: List[Any], tz: Any) -> str:
    header = ["id", "time", "user", "role", "action", "target type", "target", "detail", "ip"]
    return to_csv(header, [
        [r.id, r.at.replace(tzinfo=dt.timezone.utc).astimezone(tz).isoformat(timespec="seconds"), r.username, r.role,
         r.action, r.target_type, r.target_id, r.detail, r.ip]
        for r in rows
    ])


def training_text(text: str) -> str:
    """One line of training data: no line breaks, no entity mark-up by accident."""
    text = re.sub(r"\s+", " ", text or "").strip()
    return text.replace("[", "(").replace("]", ")")


SPANISH_NOTE = "Spanish (es): the examples below go to data/nlu/es/ (each block is marked language: es)."


def nlu_yaml(examples: Iterable[Sequence[str]], note: str = "") -> str:
    """A Rasa 3 nlu.yml fragment: one block per intent, examples in a literal block.
    `examples` are (intent, text) or (intent, text, language); English blocks come
    first, then the Spanish ones, each with `metadata: {language: es}` (Rasa keeps an
    intent's metadata), under a comment saying they go to data/nlu/es/."""
    grouped: Dict[Tuple[str, str], List[str]] = defaultdict(list)
    for example in examples:
        intent, text = example[0], example[1]
        language = (example[2] if len(example) > 2 else None) or db.DEFAULT_LANGUAGE
        line = training_text(text)
        if intent and line and line not in grouped[(language, intent)]:
            grouped[(language, intent)].append(line)
    lines = []
    if note:
        lines += [f"# {part}" for part in note.splitlines()]
    lines += ['version: "3.1"', "nlu:"]
    order = {language: number for number, language in enumerate(db.LANGUAGES)}
    current = db.DEFAULT_LANGUAGE
    for language, intent in sorted(grouped, key=lambda key: (order.get(key[0], len(order)), key[0], key[1])):
        if language != current:
            current = language
            lines.append("# " + (SPANISH_NOTE if language == "es" else f"Language {language}: marked language: {language}."))
        lines.append(f"- intent: {intent}")
        if language != db.DEFAULT_LANGUAGE:
            lines.append("  metadata:")
            lines.append(f"    language: {language}")
        lines.append("  examples: |")
        lines += [f"    - {example}" for example in grouped[(language, intent)]]
    if not grouped:
        lines[-1] = "nlu: []"
    return "\n".join(lines) + "\n"
