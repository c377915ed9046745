"""The console and Spanish conversations.

Each conversation shows its language (the last `language` slot the bot set;
English when none) and the list filters by it; search ignores accents and case
("rinon" finds "riñón", "pánico" finds "panico"); the training inbox and the
exports keep each message's language (Spanish nlu.yml lines are marked for
data/nlu/es/); the Content page shows each answer's English and Spanish text
side by side, and a Spanish edit has its own proposal and approval, after which
the assistant says it in Spanish conversations only. On SQLite and PostgreSQL
where the other console tests run on both."""
from __future__ import annotations

import csv
import html
import io
import json
import re
import threading
import time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select, text
from zoneinfo import ZoneInfo

from conftest import ARGS, CHROMIUM, PASSWORD, Client, Session, axe_violations, dispose, tab_to
from tests.console import data

ROOT = Path(__file__).resolve().parents[2]
TZ = ZoneInfo("America/Chicago")
# Plain Spanish (Fernández-Huerta well above 70) that the English formula rates above grade 8:
# the Spanish check, not the English one, decides.
REFILL_ES = ("La bomba se rellena en la clínica cada pocos meses, con una aguja muy pequeña "
             "que pasa por la piel de la barriga hasta la bomba.")
HARD_ES = ("La espasticidad constituye una alteración neurológica caracterizada por hiperactividad "
           "muscular involuntaria, que requiere estrategias terapéuticas farmacológicas multidisciplinarias.")
REFILL_EN = "The pump is refilled every few months. A nurse does it in the clinic with a small needle."


def conversation_id(env, sender):
    from itb import db

    with db.session(env["database_url"]) as session:
        return session.execute(select(db.ConversationIndex.id).where(db.ConversationIndex.sender_id == sender)).scalar()


def listed_ids(page):
    return [int(i) for i in re.findall(r'href="/conversations/(\d+)" class="row-link"', page)]


# ---------------------------------------------------------------------------
# The index: words without accents, each conversation's and message's language


def test_search_words_are_folded_without_accents_or_case():
    from console import indexer

    assert indexer.words("Tengo fiebre ÁLTA y me duele el Riñón, ¿es PÁNICO?") == [
        "tengo", "fiebre", "alta", "duele", "rinon", "panico"]  # y, me, el, es: very common words
    assert indexer.words("rinon") == indexer.words("riñón") == indexer.words("RIÑÓN") == ["rinon"]
    assert indexer.words("pánico") == indexer.words("panico")
    assert indexer.words("Straße naïve café") == ["strasse", "naive", "cafe"]


def _turns(url, sender):
    from itb import db

    with db.session(url) as session:
        conv = session.execute(select(db.ConversationIndex).where(db.ConversationIndex.sender_id == sender)).scalar_one()
        turns = session.execute(select(db.ConversationTurn.intent, db.ConversationTurn.language)
                                .where(db.ConversationTurn.conversation_id == conv.id)
                                .order_by(db.ConversationTurn.event_id)).all()
        terms = set(session.execute(select(db.ConversationTerm.term)
                                    .where(db.ConversationTerm.conversation_id == conv.id)).scalars())
    return conv.language, [tuple(t) for t in turns], terms


def test_the_language_is_the_last_language_slot_and_english_when_none(tmp_path):
    from rasa.shared.core.events import SlotSet

    from console.indexer import Indexer
    from itb import db

    database_url, tracker_url = f"sqlite:///{tmp_path / 'itb.db'}", f"sqlite:///{tmp_path / 'tracker.db'}"
    db.upgrade(database_url)
    now = time.time()
    special = data.special_conversations(now)
    spanish = special[data.SPANISH_SENDER]
    back = spanish + [data._user("English please", "set_language", 1.0, now + 100,
                                 entities=[data.language_entity("English please", "en")]),
                      SlotSet("language", "en", timestamp=now + 100.5),
                      data._user("thanks", "thanks", 0.99, now + 120)]
    unset = special["web-fallback"] + [SlotSet("language", "es", timestamp=now + 50),
                                       SlotSet("language", None, timestamp=now + 51)]
    data.store(tracker_url, {data.SPANISH_SENDER: spanish, "back-to-english": back, "unset-again": unset,
                             "never-set": special["web-handoff"]})
    Indexer(database_url, tracker_url).sync()

    language, turns, terms = _turns(database_url, data.SPANISH_SENDER)
    assert language == "es"
    # "Español" and the message with an entity are Spanish; the one without an entity
    # is in the conversation's language at that moment (Spanish)
    assert turns == [("set_language", "es"), ("ask_pump_refill", "es"), ("nlu_fallback", "es")]
    assert {"fiebre", "alta", "rinon", "panico"} <= terms and not {"riñón", "álta", "el", "de"} & terms
    language, turns, _ = _turns(database_url, "back-to-english")
    assert language == "en" and [t[1] for t in turns] == ["es", "es", "es", "en", "en"]
    assert _turns(database_url, "unset-again")[0] == "en"
    assert _turns(database_url, "never-set")[0] == "en"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_migration_marks_every_conversation_for_indexing_again(backend, request, tmp_path):
    """Upgrading to 0007 (and back, and up again) on a database indexed before it: the
    indexer reads every conversation again, so old rows get languages and accent-free words."""
    from alembic import command
    from alembic.config import Config

    from console.indexer import Indexer
    from itb import db

    url = f"sqlite:///{tmp_path / 'itb.db'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    tracker_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["configure_logger"] = False
    config.set_main_option("sqlalchemy.url", url)
    try:
        db.upgrade(url)
        data.store(tracker_url, data.special_conversations(time.time()))
        indexer = Indexer(url, tracker_url)
        count = indexer.sync()
        assert count == len(data.special_conversations(time.time()))
        command.downgrade(config, "0006")
        with db.engine(url).connect() as connection:
            columns = connection.execute(select(text("*")).select_from(text("conversation_index"))).keys()
            assert "language" not in columns
            # as an older console indexed it: accents kept in the search words
            connection.execute(text("UPDATE conversation_terms SET term = 'riñón' WHERE term = 'rinon'"))
            connection.commit()
        db.engine.cache_clear()  # the next engine sees the new columns
        command.upgrade(config, "head")
        with db.session(url) as session:
            marks = set(session.execute(select(db.ConversationIndex.last_event_id)).scalars())
            assert marks == {0}
            assert session.execute(select(func.count()).select_from(db.ConsoleSyncState)).scalar() == 0
            assert set(session.execute(select(db.ConversationIndex.language)).scalars()) == {"en"}  # until indexed
        assert indexer.sync() == count
        language, _, terms = _turns(url, data.SPANISH_SENDER)
        assert language == "es" and "rinon" in terms and "riñón" not in terms
        assert indexer.sync() == 0
    finally:
        dispose(url)
        db.engine.cache_clear()


# ---------------------------------------------------------------------------
# The list: language shown and filtered, search without accents (SQLite and PostgreSQL)


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request):
    return request.getfixturevalue("sqlite_env" if request.param == "sqlite" else "pg_env")


def listing(env, params):
    from console import queries

    return queries.listing(env["database_url"], env["tracker_url"], queries.Filters.read(params), TZ, 0.5,
                           size=200)


def test_list_filters_by_language_and_search_ignores_accents(env):
    every = listing(env, {})
    spanish = listing(env, {"language": "es"})
    english = listing(env, {"language": "en"})
    assert [row["sender_id"] for row in spanish.rows] == [data.SPANISH_SENDER]
    assert {row["language"] for row in spanish.rows} == {"es"} and {row["language"] for row in english.rows} == {"en"}
    assert spanish.total + english.total == every.total
    assert listing(env, {"language": "all"}).total == listing(env, {"language": "fr"}).total == every.total
    for query in ("rinon", "RIÑON", "riñón", "riño", "fiebre alta", "Fiebre Álta", "pánico", "panico", "PANI"):
        assert [row["sender_id"] for row in listing(env, {"q": query}).rows] == [data.SPANISH_SENDER], query
    assert listing(env, {"q": "rinon", "language": "en"}).total == 0
    assert listing(env, {"q": "pump", "language": "es"}).total == 0  # patients there wrote "bomba"
    assert [row["sender_id"] for row in listing(env, {"q": "bomba", "language": "es"}).rows] == [data.SPANISH_SENDER]


def test_the_language_filter_uses_the_index_with_keyset_pages(env):
    """Language and newest first is one index range, as the channel filter."""
    from itb import db

    url = str(env["database_url"])
    query = ("SELECT id FROM conversation_index WHERE language = 'es' "
             "ORDER BY started_at DESC, id DESC LIMIT 51")
    with db.engine(url).connect() as connection:
        if url.startswith("sqlite"):
            plan = " ".join(str(row[-1]) for row in connection.execute(text("EXPLAIN QUERY PLAN " + query)))
            assert "ix_conversation_index_language_started" in plan, plan
        else:
            names = set(connection.execute(text(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'conversation_index'")).scalars())
            assert "ix_conversation_index_language_started" in names
    first = listing(env, {"language": "en"})
    assert first.total > 0


def test_the_pages_show_the_language_and_filter_by_it(console, client_for):
    client = client_for("reviewer")
    spanish_id = conversation_id(console.env, data.SPANISH_SENDER)
    page = client.get("/conversations").text
    assert '<th scope="col">Language</th>' in page and '<label for="language">Language</label>' in page
    assert '<span class="lang lang-es">Spanish</span>' in page and '<span class="lang lang-en">English</span>' in page
    assert listed_ids(client.get("/conversations?language=es").text) == [spanish_id]
    filtered = client.get("/conversations?language=es").text
    assert '<option value="es" selected>Spanish</option>' in filtered
    assert spanish_id not in listed_ids(client.get("/conversations?language=en").text)
    assert spanish_id in listed_ids(client.get("/conversations?language=all").text)
    for query in ("rinon", "fiebre+alta", "p%C3%A1nico", "RI%C3%91ON"):
        assert listed_ids(client.get(f"/conversations?q={query}").text) == [spanish_id], query
    transcript = client.get(f"/conversations/{spanish_id}").text
    assert '<dt>Language</dt><dd><span class="lang lang-es">Spanish</span></dd>' in transcript
    assert re.search(r'<p class="message" lang="es">[^<]*Tengo fiebre álta', transcript)
    assert re.search(r'<p class="message" lang="es">Muy bien, le voy a contestar', transcript)
    english = client.get(f"/conversations/{conversation_id(console.env, 'web-fallback')}").text
    assert '<span class="lang lang-en">English</span>' in english and 'lang="es"' not in english


def test_language_and_accent_free_search_on_postgresql_over_http(pg_console):
    client = Client(pg_console)
    assert client.login("reviewer").status_code == 303
    spanish = listed_ids(client.get("/conversations?language=es").text)
    assert len(spanish) == 1
    assert listed_ids(client.get("/conversations?q=rinon").text) == spanish
    assert listed_ids(client.get("/conversations?q=p%C3%A1nico&language=es").text) == spanish
    exported = json.loads(client.post(f"/conversations/{spanish[0]}/export", {"format": "json"}).text)
    assert exported["conversations"][0]["language"] == "es"


# ---------------------------------------------------------------------------
# The training inbox and the exports keep each message's language


def test_exports_carry_the_language_of_each_conversation_and_message(console, client_for):
    reviewer = client_for("reviewer")
    spanish_id = conversation_id(console.env, data.SPANISH_SENDER)
    record = json.loads(reviewer.post(f"/conversations/{spanish_id}/export", {"format": "json"}).text)["conversations"][0]
    assert record["language"] == "es"
    assert {turn["language"] for turn in record["turns"]} == {"es"}
    rows = list(csv.DictReader(io.StringIO(reviewer.post("/conversations/export", {"format": "csv"}).text)))
    by_conversation = {}
    for row in rows:
        by_conversation.setdefault(row["conversation"], set()).add((row["language"], row["message language"]))
    assert by_conversation[f"C-{spanish_id}"] == {("es", "es")}
    assert by_conversation[f"C-{conversation_id(console.env, 'web-fallback')}"] == {("en", "en")}
    only_spanish = list(csv.DictReader(io.StringIO(
        reviewer.post("/conversations/export", {"format": "csv", "language": "es"}).text)))
    assert {row["conversation"] for row in only_spanish} == {f"C-{spanish_id}"}


def test_the_inbox_keeps_the_language_and_the_nlu_export_marks_spanish(console, client_for):
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    from itb import db

    client = client_for("reviewer")
    with db.session(console.env["database_url"]) as session:
        rows = session.execute(
            select(db.ConversationTurn.event_id, db.ConversationTurn.intent, db.ConversationTurn.language)
            .join(db.ConversationIndex, db.ConversationIndex.id == db.ConversationTurn.conversation_id)
            .where(db.ConversationIndex.sender_id == data.SPANISH_SENDER)).all()
    events = {intent: (event_id, language) for event_id, intent, language in rows}
    low, low_language = events["ask_pump_refill"]
    fallback, _ = events["nlu_fallback"]
    assert low_language == "es"
    page = client.get("/inbox").text
    item = re.search(rf'<article class="panel inbox-item" aria-labelledby="msg-{low}">.*?</article>', page, re.S)
    assert item, "the Spanish message waits in the inbox"
    assert f'id="msg-{low}" lang="es">' in item.group(0) and '<span class="lang lang-es">Spanish</span>' in item.group(0)

    assert client.post(f"/inbox/{low}", {"decision": "label", "intent": "ask_pump_refill",
                                         "text": "Tengo fiebre álta y me duele el riñón"}).status_code == 303
    assert client.post(f"/inbox/{fallback}", {"decision": "out_of_scope", "intent": "",
                                              "text": data.SPANISH_PANIC}).status_code == 303
    with db.session(console.env["database_url"]) as session:
        saved = {row.event_id: row for row in session.execute(select(db.NluCorrection)).scalars()}
    assert saved[low].language == "es" and saved[fallback].language == "es"
    assert '<td><span class="lang lang-es">Spanish</span></td>' in client.get("/inbox").text  # recently labelled

    # Both languages: the English first, then the Spanish under a comment, marked language: es
    both = client.post("/inbox/export", {"only_new": "1"})
    assert both.status_code == 200
    body = both.text
    assert "# Spanish (es): the examples below go to data/nlu/es/" in body
    spanish_part = body[body.index("# Spanish (es)"):]
    assert "- Tengo fiebre álta y me duele el riñón" in spanish_part and "language: es" in spanish_part
    document = yaml.safe_load(body)
    marked = [block for block in document["nlu"] if (block.get("metadata") or {}).get("language") == "es"]
    assert {block["intent"] for block in marked} == {"ask_pump_refill", "out_of_scope"}
    training = RasaYAMLReader().reads(body)  # still a valid Rasa file
    assert ("ask_pump_refill", "Tengo fiebre álta y me duele el riñón") in {
        (m.get("intent"), m.get("text")) for m in training.intent_examples}

    # One language only: a Spanish file for data/nlu/es/, an English one without them
    spanish = client.post("/inbox/export", {"language": "es"})
    assert "nlu-corrections-es.yml" in spanish.headers["Content-Disposition"]
    examples = {(m.get("intent"), m.get("text")) for m in RasaYAMLReader().reads(spanish.text).intent_examples}
    assert ("out_of_scope", data.SPANISH_PANIC) in examples
    english = client.post("/inbox/export", {"language": "en"})
    assert "riñón" not in english.text and "Spanish (es)" not in english.text
    with db.session(console.env["database_url"]) as session:
        details = [json.loads(d) for d in session.execute(select(db.AuditLog.detail).where(
            db.AuditLog.action == "nlu.export")).scalars()]
    assert {"language": "es"}.items() <= details[-2].items() and details[-1]["language"] == "en"
    assert all("riñón" not in json.dumps(d) for d in details)


# ---------------------------------------------------------------------------
# Content: Spanish edits, on SQLite and PostgreSQL


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    from console import audit, auth
    from itb import db
    from itb.content import overrides

    url = f"sqlite:///{tmp_path / 'itb.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    db.upgrade(url)
    actors = {}
    with db.session(url) as session:
        for name, role in (("ann", "clinician"), ("ben", "clinician"), ("ada", "admin")):
            user = auth.create_user(session, name, PASSWORD, role, created_by="tests")
            session.flush()
            actors[name] = audit.Actor(user.id, name, role)
    overrides.forget_cache()
    yield {"url": url, **actors}
    overrides.forget_cache()
    overrides._engine.cache_clear()
    dispose(url)


def edits(url):
    from itb import db

    with db.session(url) as session:
        return [(row.answer, row.language, row.status)
                for row in session.execute(select(db.ContentEdit).order_by(db.ContentEdit.id)).scalars()]


def test_a_spanish_edit_is_proposed_approved_by_a_second_clinician_and_said_in_spanish_only(store, monkeypatch):
    from console import content
    from itb.content import overrides

    url, name = store["url"], "utter_ask_pump_refill"
    shipped_es = content.shipped("es")[0][name].texts[0]
    english_id = content.propose(url, store["ann"], name, REFILL_EN, ["MDT-PUMP"])
    spanish_id = content.propose(url, store["ann"], name, REFILL_ES, ["MDT-PUMP", "GIL-REFILL"], language="es")
    assert edits(url) == [(name, "en", "proposed"), (name, "es", "proposed")]  # one waiting per language
    entry = content.entry(url, name)
    assert entry.pending.id == english_id and entry.es.pending.id == spanish_id
    assert entry.es.text == shipped_es and entry.es.pending.text == REFILL_ES
    assert overrides.load(url) == {}

    with pytest.raises(content.Refused) as refused:
        content.approve(url, store["ann"], spanish_id)
    assert refused.value.codes == ["own_proposal"]
    approved = content.approve(url, store["ben"], spanish_id)
    assert approved.status == "approved" and approved.language == "es" and approved.decided_by == "ben"
    live = overrides.load(url)
    assert set(live) == {overrides.key(name, "es")} == {f"{name}@es"}
    assert live[f"{name}@es"].text == REFILL_ES and live[f"{name}@es"].approved_by == "ben"
    entry = content.entry(url, name)
    assert entry.es.status == "live" and entry.es.text == REFILL_ES
    assert entry.status != "live" and entry.pending.id == english_id  # the English waits, untouched

    # The running assistant's path: Spanish conversations get the edit, English ones the shipped text.
    monkeypatch.setenv("DATABASE_URL", url)
    overrides.forget_cache()
    english = {"text": "Shipped English.", "buttons": [{"title": "More", "payload": "/more"}]}
    spanish = {"text": shipped_es, "buttons": [{"title": "Más", "payload": "/more"}]}
    assert overrides.apply(name, dict(spanish), "es") == {**spanish, "text": REFILL_ES}
    assert overrides.apply(name, dict(english)) == english
    assert overrides.apply(name, dict(english), "en") == english

    # The English approved later: each language has its live edit, the Spanish one stays.
    content.approve(url, store["ben"], english_id)
    overrides.forget_cache()
    assert overrides.apply(name, dict(english), "en") == {**english, "text": REFILL_EN}
    assert overrides.apply(name, dict(spanish), "es") == {**spanish, "text": REFILL_ES}
    assert set(overrides.load(url)) == {name, f"{name}@es"}
    # A newer Spanish approval supersedes only the Spanish live edit.
    newer = content.propose(url, store["ben"], name, REFILL_ES + " Pregunte en su cita.", ["MDT-PUMP"], language="es")
    content.approve(url, store["ann"], newer)
    assert edits(url) == [(name, "en", "approved"), (name, "es", "superseded"), (name, "es", "approved")]
    # A Spanish proposal rejected (here withdrawn): the live edits of both languages stay.
    withdrawn = content.propose(url, store["ann"], name, REFILL_ES + " Es rápido.", ["MDT-PUMP"], language="es")
    assert content.reject(url, store["ann"], withdrawn).status == "rejected"
    overrides.forget_cache()
    assert overrides.apply(name, dict(spanish), "es") == {**spanish, "text": REFILL_ES + " Pregunte en su cita."}
    assert overrides.apply(name, dict(english)) == {**english, "text": REFILL_EN}

    from itb import db

    with db.session(url) as session:
        details = [json.loads(row.detail) for row in session.execute(
            select(db.AuditLog).where(db.AuditLog.action.in_(["content.propose", "content.approve"]))
            .order_by(db.AuditLog.id)).scalars()]
    assert [d["language"] for d in details] == ["en", "es", "es", "en", "es", "es", "es"]
    assert all("rellena" not in json.dumps(d) for d in details)  # never the text


def test_the_database_keeps_one_live_edit_per_answer_and_language(store):
    from sqlalchemy.exc import IntegrityError

    from itb import db

    url = store["url"]
    with db.session(url) as session:
        for language in ("en", "es"):  # one live in each language is fine
            session.add(db.ContentEdit(answer="utter_ask_x", language=language, text="Hola.", sources="[]",
                                       base_version="0" * 16, proposed_by=store["ann"].user_id, status="approved"))
    with pytest.raises(IntegrityError):
        with db.session(url) as session:
            session.add(db.ContentEdit(answer="utter_ask_x", language="es", text="Otra.", sources="[]",
                                       base_version="0" * 16, proposed_by=store["ann"].user_id, status="approved"))
    assert [e[1] for e in edits(url)] == ["en", "es"]


def test_spanish_reading_level_is_fernandez_huerta_70_or_more(store):
    import textstat

    from console import content

    url, name = store["url"], "utter_ask_pump_refill"
    assert textstat.flesch_kincaid_grade(REFILL_ES) > content.MAX_GRADE  # the English formula would refuse it
    assert content.ease(REFILL_ES) >= 70 > content.ease(HARD_ES)
    with pytest.raises(content.Refused) as refused:
        content.propose(url, store["ann"], name, HARD_ES, ["MDT-PUMP"], language="es")
    assert refused.value.codes == ["reading_level"]
    assert "Fernández-Huerta" in refused.value.problems[0] and "70 or more" in refused.value.problems[0]
    content.propose(url, store["ann"], name, REFILL_ES, ["MDT-PUMP"], language="es")
    with pytest.raises(content.Refused) as refused:
        content.propose(url, store["ann"], name, "Hola.", ["MDT-PUMP"], language="fr")
    assert refused.value.codes == ["unknown_language"]
    with pytest.raises(content.Refused) as refused:
        content.propose(url, store["ann"], "utter_emergency", "Llame al 911.", ["CLINIC"], language="es")
    assert "safety_reply" in refused.value.codes
    assert edits(url) == [(name, "es", "proposed")]


def test_the_spanish_formula_does_not_change_textstat_for_anyone_else():
    """textstat.set_lang is global: the console measures Spanish on its own instance."""
    import textstat

    from console import content

    english = "The pump is refilled every few months. A nurse does it in the clinic with a small needle."
    before = (textstat.flesch_kincaid_grade(english), textstat.syllable_count("fiebre alta"))
    expected_ease = content.ease(REFILL_ES)
    assert (textstat.flesch_kincaid_grade(english), textstat.syllable_count("fiebre alta")) == before
    assert textstat.textstat._textstatistics__lang == "en_US"
    results, failures = [], []

    def work(number):
        try:
            for _ in range(30):
                if number % 2:
                    results.append(("es", content.ease(REFILL_ES)))
                else:
                    results.append(("en", content.grade(english)))
        except Exception as error:  # noqa: BLE001
            failures.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not failures
    assert {value for lang, value in results if lang == "es"} == {expected_ease}
    assert {value for lang, value in results if lang == "en"} == {content.grade(english)}
    assert textstat.textstat._textstatistics__lang == "en_US"


def test_content_export_and_import_carry_the_language(store):
    from console import content

    url, name = store["url"], "utter_ask_pump_refill"
    content.approve(url, store["ben"], content.propose(url, store["ann"], name, REFILL_ES, ["MDT-PUMP"],
                                                       language="es"))
    document = yaml.safe_load(content.export(url, "ada"))
    by_name = {item["name"]: item for item in document["answers"]}
    refill = by_name[name]
    assert refill["language"] == "en" and refill["status"] != "live edit"
    assert refill["es"]["language"] == "es" and refill["es"]["text"] == REFILL_ES
    assert refill["es"]["status"] == "live edit" and refill["es"]["approved_by"] == "ben"
    shipped_es = content.shipped("es")[0]["utter_ask_pump_alarm"].texts[0]
    assert by_name["utter_ask_pump_alarm"]["es"]["text"] == shipped_es

    # exported as is: nothing to propose in either language
    assert content.import_file(url, store["ada"], yaml.safe_dump(document, allow_unicode=True).encode()).created == []
    by_name["utter_ask_pump_alarm"]["es"]["text"] = "Si la bomba pita, llame a la clínica. Le vamos a ayudar."
    result = content.import_file(url, store["ada"], yaml.safe_dump(document, allow_unicode=True).encode())
    assert [created for created, _ in result.created] == ["utter_ask_pump_alarm@es"]
    assert edits(url)[-1] == ("utter_ask_pump_alarm", "es", "proposed")
    # a flat entry that says its language works too, and a bad Spanish text refuses the whole file
    flat = [{"name": "utter_ask_pump_battery", "language": "es", "text": "La batería dura de cinco a siete años.",
             "sources": ["MDT-REPL"]}]
    assert [c for c, _ in content.import_file(url, store["ada"], yaml.safe_dump(flat).encode()).created] == [
        "utter_ask_pump_battery@es"]
    bad = [{"name": "utter_ask_pump_mri", "text": "Tell the MRI team you have a pump.", "sources": ["MDT-MRI"],
            "es": {"text": HARD_ES, "sources": ["MDT-MRI"]}}]
    with pytest.raises(content.Refused) as refused:
        content.import_file(url, store["ada"], yaml.safe_dump(bad, allow_unicode=True).encode())
    assert "Spanish" in refused.value.problems[0] and "Fernández-Huerta" in refused.value.problems[0]
    with pytest.raises(content.Refused) as refused:
        content.import_file(url, store["ada"], yaml.safe_dump([{**flat[0], "language": "fr"}]).encode())
    assert refused.value.codes == ["unknown_language"]
    assert [e for e in edits(url) if e[0] == "utter_ask_pump_mri"] == []


def test_the_content_report_shows_the_spanish_text_and_its_live_edit(store):
    import subprocess
    import sys

    from console import content

    url = store["url"]
    content.approve(url, store["ben"], content.propose(url, store["ann"], "utter_ask_pump_refill", REFILL_ES,
                                                       ["MDT-PUMP"], language="es"))
    output = subprocess.run([sys.executable, "-m", "itb.content.review"], cwd=ROOT, capture_output=True, text=True,
                            check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "DATABASE_URL": url})
    report = {row["name"]: row for row in map(json.loads, output.stdout.splitlines())}
    refill = report["utter_ask_pump_refill"]
    assert "live" not in refill and refill["es"]["live"]["text"] == REFILL_ES
    assert refill["es"]["text"] == content.shipped("es")[0]["utter_ask_pump_refill"].texts[0]
    assert refill["text"] == content.shipped("en")[0]["utter_ask_pump_refill"].texts[0]


# ---------------------------------------------------------------------------
# Content over HTTP: side by side, proposed, approved by a second clinician, live in Spanish


def pending_spanish_id(env, answer):
    from itb import db

    with db.session(env["database_url"]) as session:
        return session.execute(select(db.ContentEdit.id).where(
            db.ContentEdit.answer == answer, db.ContentEdit.language == "es",
            db.ContentEdit.status == "proposed")).scalar()


def test_the_content_pages_show_english_and_spanish_side_by_side(console, client_for):
    from console import content

    reviewer = client_for("reviewer")
    listing_page = reviewer.get("/content").text
    assert '<th scope="col">English</th><th scope="col">Spanish</th>' in listing_page
    english, spanish = content.shipped("en")[0], content.shipped("es")[0]
    name = "utter_ask_spasticity_causes"
    assert html.escape(spanish[name].texts[0][:40]) in listing_page
    detail = reviewer.get(f"/content/answers/{name}").text
    assert '<h2 id="en-heading">English</h2>' in detail
    assert '<h2 id="es-heading">Spanish <span lang="es">(español)</span></h2>' in detail
    assert detail.index(html.escape(english[name].texts[0][:40])) < detail.index(html.escape(spanish[name].texts[0][:40]))
    assert f'<p class="message" lang="es">{html.escape(spanish[name].texts[0][:30])}' in detail
    assert "<textarea" not in detail

    form = client_for("clinician").get(f"/content/answers/{name}").text
    assert '<label for="text">Text</label>' in form and '<label for="text-es">Spanish text</label>' in form
    assert '<input type="hidden" name="language" value="es">' in form
    assert re.search(r'<textarea id="text-es" name="text" rows="6" required lang="es"[^>]*>'
                     + re.escape(html.escape(spanish[name].texts[0][:30])), form)
    assert "Fernández-Huerta" in form


def test_a_spanish_edit_over_http_approved_by_a_second_clinician_is_said_in_spanish(console, client_for,
                                                                                      monkeypatch):
    from itb.content import overrides

    nurse, doctor = client_for("clinician"), client_for("clinician2")
    name = "utter_ask_spasticity_causes"
    refused = nurse.post("/content/propose", {"answer": name, "language": "es", "text": HARD_ES,
                                              "sources": ["CLINIC"]})
    assert refused.status_code == 400 and "Fernández-Huerta" in refused.text
    assert "Not saved (the Spanish text)." in refused.text
    assert re.search(r'<textarea id="text-es"[^>]*aria-describedby="text-help-es form-errors">'
                     + re.escape(html.escape(HARD_ES[:30])), refused.text)  # kept in the Spanish form
    text_es = ("La espasticidad pasa cuando los nervios no mandan bien las señales a los músculos. "
               "Puede venir de una lesión en la médula o en el cerebro.")
    assert nurse.post("/content/propose", {"answer": name, "language": "es", "text": text_es,
                                           "sources": ["CLINIC", "LIO-LEAFLET"]}).status_code == 303
    edit_id = pending_spanish_id(console.env, name)
    page = nurse.get(f"/content/answers/{name}").text
    assert "Spanish text proposed by clinician (you)" in page
    assert nurse.post(f"/content/edits/{edit_id}/approve").status_code == 403  # not one's own
    waiting = doctor.get("/content?show=waiting").text
    assert f'<a href="/content/answers/{name}">' in waiting and "</a> (Spanish): proposed by clinician on" in waiting
    assert doctor.post(f"/content/edits/{edit_id}/approve", {"back": "/content"}).status_code == 303
    detail = doctor.get(f"/content/answers/{name}").text
    es_column = detail[detail.index('id="es-heading"'):detail.index('id="history-heading"')]
    assert "Live edit" in es_column and html.escape(text_es[:40]) in es_column
    en_column = detail[detail.index('id="en-heading"'):detail.index('id="es-heading"')]
    assert "Live edit" not in en_column

    monkeypatch.setenv("DATABASE_URL", console.env["database_url"])
    overrides.forget_cache()
    try:
        shipped = {"text": "Shipped.", "buttons": [{"title": "B", "payload": "/b"}]}
        assert overrides.apply(name, dict(shipped), "es") == {**shipped, "text": text_es}
        assert overrides.apply(name, dict(shipped), "en") == shipped and overrides.apply(name, dict(shipped)) == shipped
    finally:
        overrides.forget_cache()
        overrides._engine.cache_clear()
    exported = yaml.safe_load(client_for("reviewer").post("/content/export").text)
    entry = {item["name"]: item for item in exported["answers"]}[name]
    assert entry["es"]["text"] == text_es and entry["es"]["status"] == "live edit"


def test_a_spanish_edit_on_postgresql_over_http(pg_console):
    from itb.content import overrides

    first, second = Client(pg_console), Client(pg_console)
    assert first.login("clinician").status_code == 303 and second.login("clinician2").status_code == 303
    name = "utter_ask_pump_alarm"
    text_es = "Si la bomba pita, llame a la clínica. Si suenan dos tonos, llame al médico ahora."
    assert first.post("/content/propose", {"answer": name, "language": "es", "text": text_es,
                                           "sources": ["MDT-PUMP"]}).status_code == 303
    edit_id = pending_spanish_id(pg_console.env, name)
    assert first.post(f"/content/edits/{edit_id}/approve").status_code == 403
    assert second.post(f"/content/edits/{edit_id}/approve").status_code == 303
    assert second.post(f"/content/edits/{edit_id}/approve").status_code == 409
    live = overrides.load(pg_console.env["database_url"])
    assert live[f"{name}@es"].text == text_es and name not in live
    overrides._engine.cache_clear()


# ---------------------------------------------------------------------------
# In Chromium: the Spanish side with the keyboard only, and axe-core on the new pages

def test_a_spanish_edit_with_the_keyboard_only_and_axe_finds_nothing(console, artifacts):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    name = "utter_ask_trial_what"
    text_es = "La prueba muestra si el ITB le ayuda. Le ponen una dosis pequeña en la espalda. Dura unas horas."
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            nurse = Session(browser, console.base, artifacts, "spanish")
            nurse.login("clinician")
            for path in ("/conversations?language=es", f"/conversations/{conversation_id(console.env, data.SPANISH_SENDER)}",
                         "/inbox", "/content"):
                nurse.goto(path)
                assert axe_violations(nurse) == [], path
            nurse.shot("list")
            nurse.goto(f"/content/answers/{name}")
            page = nurse.page
            assert axe_violations(nurse) == []
            tab_to(page, "#text-es", limit=250)
            page.keyboard.press("Control+A")
            page.keyboard.type(text_es)
            tab_to(page, "#propose-es input[value=CLINIC]", limit=250)
            if not page.locator("#propose-es input[value=CLINIC]").is_checked():
                page.keyboard.press("Space")
            tab_to(page, "#propose-es button[type=submit]", limit=250)
            page.keyboard.press("Enter")
            page.wait_for_load_state()
            assert "Edit proposed" in page.locator(".notice").inner_text()
            assert "Spanish text proposed by clinician (you)" in page.content()
            assert axe_violations(nurse) == []
            nurse.shot("proposed")
            nurse.check_clean()
            nurse.close()

            doctor = Session(browser, console.base, artifacts, "spanish")
            doctor.login("clinician2")
            doctor.goto(f"/content/answers/{name}")
            edit_id = pending_spanish_id(console.env, name)
            tab_to(doctor.page, f"form[action='/content/edits/{edit_id}/approve'] button", limit=250)
            doctor.page.keyboard.press("Enter")
            doctor.page.wait_for_load_state()
            assert "Approved." in doctor.page.locator(".notice").inner_text()
            assert "Live edit" in doctor.page.locator("#es").inner_text()
            assert text_es in doctor.page.locator("#es").inner_text()
            assert axe_violations(doctor) == []
            doctor.shot("approved")
            doctor.check_clean()
            doctor.close()
        finally:
            browser.close()
