"""The checks after the fault run: what the database holds against what the
clients were told (nothing lost, doubled or interleaved; every confirmed
appointment request stored exactly once)."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Dict, List, Optional, Tuple

from scripts.loadtest.traffic import Recorder


def verify(database_url: str, recorder: Recorder) -> Dict[str, object]:
    """What the database holds against what the clients were told."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url, future=True)
    conversations = sorted({record.conversation for record in recorder.sent})
    events: Dict[str, List[Tuple[str, Optional[str], dict]]] = defaultdict(list)
    with engine.connect() as connection:
        for row in connection.execute(text(
            "SELECT sender_id, type_name, action_name, data FROM events "
            "WHERE sender_id = ANY(:ids) ORDER BY id"
        ), {"ids": conversations}):
            events[row.sender_id].append((row.type_name, row.action_name, json.loads(row.data)))
        appointments = Counter(
            row.conversation_id for row in connection.execute(
                text("SELECT conversation_id FROM appointment_requests WHERE conversation_id = ANY(:ids)"),
                {"ids": conversations},
            )
        )
        references = {
            row.conversation_id: row.reference for row in connection.execute(
                text("SELECT conversation_id, reference FROM appointment_requests "
                     "WHERE conversation_id = ANY(:ids)"), {"ids": conversations},
            )
        }
    engine.dispose()

    stored_ids: Dict[str, Counter] = defaultdict(Counter)
    user_turns: Counter = Counter()
    interleaved = 0
    for sender, rows in events.items():
        in_turn = False
        for type_name, action_name, data in rows:
            if type_name == "user":
                stored_ids[sender][data.get("message_id")] += 1
                user_turns[sender] += 1
                interleaved += in_turn
                in_turn = True
            elif type_name == "action" and action_name == "action_listen":
                in_turn = False

    accepted = [record for record in recorder.sent if record.accepted]
    lost = doubled = 0
    for record in accepted:
        if record.channel == "sms":
            continue  # counted per phone below: SMS turns carry no MessageSid
        count = stored_ids[record.conversation][record.message_id]
        lost += count == 0
        doubled += count > 1
    sms_accepted = Counter(record.conversation for record in accepted if record.channel == "sms")
    for phone, count in sms_accepted.items():
        lost += max(0, count - user_turns[phone])
        doubled += max(0, user_turns[phone] - count)
    stored = sum(
        1 for record in accepted
        if record.channel != "sms" and stored_ids[record.conversation][record.message_id] >= 1
    ) + sum(min(count, user_turns[phone]) for phone, count in sms_accepted.items())
    booking_problems = sum(
        1 for sender, reference in recorder.bookings.items()
        if appointments[sender] != 1 or references.get(sender) != reference
    ) + sum(1 for count in appointments.values() if count > 1)
    return {
        "stored": stored, "lost": lost, "doubled": doubled, "interleaved": interleaved,
        "appointments_confirmed": len(recorder.bookings),
        "appointments_stored_once": sum(1 for s in recorder.bookings if appointments[s] == 1),
        "appointment_problems": booking_problems,
    }
