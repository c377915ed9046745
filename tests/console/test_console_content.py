"""The Content page: answers the clinic owns, edited without retraining.

A clinician or admin proposes an edit of an answer, a second clinician approves
it, and the running assistant says the new text within a minute, without a
restart (itb/content/overrides.py read by itb/content/nlg.py). The table logic
(console/content.py) runs on SQLite and PostgreSQL: the proposer cannot approve
their own edit, two approvals at once give exactly one winner, invalid edits
and files are refused whole. Over HTTP: roles, escaping, export and import."""
from __future__ import annotations

import html
import json
import logging
import re
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
import yaml
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from conftest import ARGS, CHROMIUM, PASSWORD, SECRET, Client, Server, Session, axe_violations, dispose, tab_to

ROOT = Path(__file__).resolve().parents[2]
REFILL = "The pump is refilled every few months. A nurse does it in the clinic with a small needle."
BATTERY = "The battery lasts five to seven years. Then the pump is replaced in a short surgery."
HARD = ("Spasticity is a neurological condition characterized by involuntary muscular hyperactivity, "
        "necessitating comprehensive multidisciplinary pharmacological management strategies.")
SCRIPT = "<script>alert('xss')</script> The test dose visit takes a few hours."


def answers_exist(*names: str) -> None:
    from itb.content import review

    known = {answer.name for answer in review.answers()}
    missing = [name for name in names if name not in known]
    assert not missing, f"domain.yml lost these answers the tests use: {missing}"


# ---------------------------------------------------------------------------
# The table logic, on SQLite and PostgreSQL


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A fresh migrated database with four staff members."""
    from console import audit, auth
    from itb import db
    from itb.content import overrides

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'itb.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    db.upgrade(url)
    actors = {}
    with db.session(url) as session:
        for name, role in (("ann", "clinician"), ("ben", "clinician"), ("cal", "clinician"), ("ada", "admin"),
                           ("rex", "reviewer")):
            user = auth.create_user(session, name, PASSWORD, role, created_by="tests")
            session.flush()
            actors[name] = audit.Actor(user.id, name, role)
    overrides.forget_cache()
    yield {"url": url, **actors}
    overrides.forget_cache()
    overrides._engine.cache_clear()
    dispose(url)


def rows(url, answer=None):
    from itb import db

    with db.session(url) as session:
        query = select(db.ContentEdit).order_by(db.ContentEdit.id)
        if answer:
            query = query.where(db.ContentEdit.answer == answer)
        return list(session.execute(query).scalars())


def audit_of(url, prefix="content."):
    from itb import db

    with db.session(url) as session:
        return list(session.execute(select(db.AuditLog).where(db.AuditLog.action.like(prefix + "%"))
                                    .order_by(db.AuditLog.id)).scalars())


def test_propose_then_a_second_clinician_approves_and_it_is_live(store):
    from console import content
    from itb.content import overrides

    answers_exist("utter_ask_pump_refill")
    url = store["url"]
    edit_id = content.propose(url, store["ann"], "utter_ask_pump_refill", REFILL, ["MDT-PUMP", "GIL-REFILL"])
    assert overrides.load(url) == {}  # proposed is not live
    approved = content.approve(url, store["ben"], edit_id)
    assert approved.status == "approved" and approved.decided_by == "ben"
    live = overrides.load(url)["utter_ask_pump_refill"]
    assert live.text == REFILL and live.sources == ["MDT-PUMP", "GIL-REFILL"] and live.approved_by == "ben"
    entry = content.entry(url, "utter_ask_pump_refill")
    assert entry.status == "live" and entry.text == REFILL and entry.pending is None

    actions = [(row.action, row.username, json.loads(row.detail)) for row in audit_of(url)]
    assert [(a, u) for a, u, _ in actions] == [("content.propose", "ann"), ("content.approve", "ben")]
    for _, _, detail in actions:
        assert detail["edit"] == edit_id
        assert detail["version"] == content.version_of(REFILL, ["MDT-PUMP", "GIL-REFILL"])
    assert all("refilled" not in (row.detail or "") for row in audit_of(url))  # never the text


def test_the_proposer_cannot_approve_their_own_edit(store):
    from console import content

    url = store["url"]
    edit_id = content.propose(url, store["ann"], "utter_ask_pump_refill", REFILL, ["MDT-PUMP"])
    with pytest.raises(content.Refused) as refused:
        content.approve(url, store["ann"], edit_id)
    assert refused.value.codes == ["own_proposal"] and "another clinician" in refused.value.problems[0]
    assert rows(url)[0].status == "proposed"
    denied = audit_of(url, "content.approve.refused")
    assert len(denied) == 1 and denied[0].username == "ann" and json.loads(denied[0].detail)["reasons"] == ["own_proposal"]
    # the proposer may withdraw it, though
    assert content.reject(url, store["ann"], edit_id).status == "rejected"


def test_two_clinicians_approving_at_once_exactly_one_wins(store, monkeypatch):
    from console import content

    url = store["url"]
    checked = content._live_and_pending
    for round_number in range(6):
        monkeypatch.setattr(content, "_live_and_pending", checked)
        text = f"{BATTERY} Ask us at visit {round_number + 1}."
        edit_id = content.propose(url, store["ann"], "utter_ask_pump_battery", text, ["MDT-REPL"])
        barrier, outcomes = threading.Barrier(2), {}
        if round_number % 2:
            # Both inside their transactions, past every check, before either UPDATE:
            # only the conditional UPDATE's row count can tell them apart.
            inside = threading.Barrier(2, timeout=20)
            monkeypatch.setattr(content, "_live_and_pending",
                                lambda session, name, language="en", inside=inside:
                                (inside.wait(), checked(session, name, language))[1])

        def approve(who, barrier=barrier, outcomes=outcomes, edit_id=edit_id):
            barrier.wait()
            try:
                outcomes[who] = content.approve(url, store[who], edit_id)
            except content.Refused as refused:
                outcomes[who] = refused

        threads = [threading.Thread(target=approve, args=(who,)) for who in ("ben", "cal")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        won = [who for who, outcome in outcomes.items() if not isinstance(outcome, Exception)]
        lost = [outcome for outcome in outcomes.values() if isinstance(outcome, content.Refused)]
        assert len(won) == 1 and len(lost) == 1, outcomes
        assert lost[0].codes == ["already_approved"]
        assert f"already approved by {won[0]}" in lost[0].problems[0]
        live = [row for row in rows(url, "utter_ask_pump_battery") if row.status == "approved"]
        assert [row.id for row in live] == [edit_id] and live[0].decided_by == store[won[0]].user_id
    assert len(audit_of(url, "content.approve.refused")) == 6


def test_the_database_refuses_a_second_live_or_waiting_edit_of_one_answer(store):
    from itb import db

    url = store["url"]
    for status in ("approved", "proposed"):
        with pytest.raises(IntegrityError):
            with db.session(url) as session:
                for _ in range(2):
                    session.add(db.ContentEdit(answer=f"utter_ask_x_{status}", text="Hi.", sources="[]",
                                               base_version="0" * 16, proposed_by=store["ann"].user_id,
                                               status=status))
                    session.flush()
    assert rows(url) == []


def test_a_new_proposal_supersedes_the_waiting_one_and_a_new_approval_the_live_one(store):
    from console import content
    from itb.content import overrides

    url, name = store["url"], "utter_ask_pump_refill"
    first = content.propose(url, store["ann"], name, REFILL, ["MDT-PUMP"])
    second = content.propose(url, store["ben"], name, REFILL + " It takes about 20 minutes.", ["MDT-PUMP"])
    assert [(r.id, r.status) for r in rows(url)] == [(first, "superseded"), (second, "proposed")]
    with pytest.raises(content.Refused) as refused:
        content.approve(url, store["cal"], first)
    assert refused.value.codes == ["superseded"]
    content.approve(url, store["ann"], second)
    third = content.propose(url, store["cal"], name, BATTERY.replace("battery", "pump"), ["MDT-PUMP"])
    assert rows(url)[-1].base_version == content.version_of(REFILL + " It takes about 20 minutes.", ["MDT-PUMP"])
    content.approve(url, store["ben"], third)
    assert [r.status for r in rows(url)] == ["superseded", "superseded", "approved"]
    assert overrides.load(url)[name].text == BATTERY.replace("battery", "pump")
    history = content.entry(url, name).history
    assert [h.id for h in history] == [third, second, first]


def test_an_edit_of_an_answer_that_changed_since_cannot_be_approved(store, monkeypatch):
    from console import content

    url, name = store["url"], "utter_ask_pump_refill"
    edit_id = content.propose(url, store["ann"], name, REFILL, ["MDT-PUMP"])
    shipped = content._domain_responses()
    changed = {**shipped, name: [{**shipped[name][0], "text": "Someone changed domain.yml."}]}
    monkeypatch.setattr(content, "_domain_responses", lambda: changed)
    assert content.entry(url, name).pending.stale
    with pytest.raises(content.Refused) as refused:
        content.approve(url, store["ben"], edit_id)
    assert refused.value.codes == ["stale"] and rows(url)[0].status == "proposed"


@pytest.mark.parametrize("name,text,sources,code,says", [
    ("utter_ask_pump_refill", "A" * 1001, ["MDT-PUMP"], "too_long", "1,001 characters"),
    ("utter_ask_pump_refill", "Tight muscles.", ["MDT-PUMP", "NOT-A-SOURCE"], "unknown_source", "NOT-A-SOURCE"),
    ("utter_ask_pump_refill", HARD, ["MDT-PUMP"], "reading_level", "grade 33"),
    ("utter_ask_pump_refill", "   ", ["MDT-PUMP"], "empty", "Write"),
    ("utter_ask_pump_refill", REFILL, [], "no_source", "at least one source"),
    ("utter_ask_pump_refill", REFILL + " Call {doctor_name}.", ["MDT-PUMP"], "placeholder", "{doctor_name}"),
    ("utter_ask_pump_refill", REFILL + " }", ["MDT-PUMP"], "braces", "Curly brackets"),
    ("utter_ask_pump_refill", "Stop.\x00", ["MDT-PUMP"], "control_characters", "control characters"),
    ("utter_emergency", "Call us.", ["CLINIC"], "safety_reply", "only in domain.yml"),
    ("utter_not_an_answer", REFILL, ["MDT-PUMP"], "unknown_answer", "no answer named"),
])
def test_an_invalid_edit_is_refused_and_nothing_is_saved(store, name, text, sources, code, says):
    from console import content

    url = store["url"]
    with pytest.raises(content.Refused) as refused:
        content.propose(url, store["ann"], name, text, sources)
    assert code in refused.value.codes and says in " ".join(refused.value.problems)
    assert rows(url) == []
    (row,) = audit_of(url)
    assert row.action == "content.propose.refused" and code in json.loads(row.detail)["reasons"]
    assert "Spasticity" not in row.detail and "refilled" not in row.detail


def test_html_is_kept_as_typed_plain_text(store):
    from console import content

    edit_id = content.propose(store["url"], store["ann"], "utter_ask_trial_duration", SCRIPT, ["GIL-TEST"])
    assert content.find_edit(store["url"], edit_id).text == SCRIPT


def test_export_then_import_makes_proposals_and_never_approves(store):
    from console import content

    url = store["url"]
    content.approve(url, store["ben"], content.propose(url, store["ann"], "utter_ask_pump_refill", REFILL,
                                                       ["MDT-PUMP"]))
    document = yaml.safe_load(content.export(url, "ada"))
    by_name = {item["name"]: item for item in document["answers"]}
    assert by_name["utter_ask_pump_refill"]["status"] == "live edit"
    assert by_name["utter_ask_pump_refill"]["approved_by"] == "ben" and by_name["utter_ask_pump_refill"]["text"] == REFILL
    assert {"name", "text", "sources", "status", "approved_by", "approved_at", "version"} <= set(by_name["utter_emergency"])

    # Exported as is: nothing changed, nothing proposed.
    assert content.import_file(url, store["ada"], yaml.safe_dump(document).encode()).created == []
    by_name["utter_ask_pump_battery"].update(text=BATTERY, sources=["MDT-REPL"])
    by_name["utter_ask_pump_refill"].update(text=REFILL + " It is quick.", sources=["MDT-PUMP", "GIL-REFILL"])
    result = content.import_file(url, store["ada"], yaml.safe_dump(document).encode())
    assert sorted(name for name, _ in result.created) == ["utter_ask_pump_battery", "utter_ask_pump_refill"]
    assert [r.status for r in rows(url) if r.id in {i for _, i in result.created}] == ["proposed", "proposed"]
    assert {r.answer for r in rows(url) if r.status == "approved"} == {"utter_ask_pump_refill"}  # still the old one
    # The same file again: the waiting proposals already say it.
    assert content.import_file(url, store["ada"], yaml.safe_dump(document).encode()).created == []
    # JSON is YAML too.
    assert content.import_file(url, store["ada"], json.dumps(document).encode()).created == []
    imports = audit_of(url, "content.import")
    assert [json.loads(row.detail)["proposed"] for row in imports if row.action == "content.import"][1] == [
        "utter_ask_pump_refill", "utter_ask_pump_battery"]


@pytest.mark.parametrize("change,says", [
    ({"name": "utter_made_up"}, "no answer named"),
    ({"sources": ["MDT-PUMP", "WIKIPEDIA"]}, "Unknown source id “WIKIPEDIA”"),
    ({"text": "Short. " * 200}, "characters long"),
    ({"text": HARD}, "reads at grade"),
])
def test_an_import_with_one_invalid_entry_imports_nothing(store, change, says):
    from console import content

    url = store["url"]
    document = yaml.safe_load(content.export(url, "ada"))
    by_name = {item["name"]: item for item in document["answers"]}
    by_name["utter_ask_pump_battery"].update(text=BATTERY, sources=["MDT-REPL"])  # valid on its own
    by_name["utter_ask_pump_refill"].update({"text": REFILL, "sources": ["MDT-PUMP"], **change})
    with pytest.raises(content.Refused) as refused:
        content.import_file(url, store["ada"], yaml.safe_dump(document, allow_unicode=True).encode())
    assert says in " ".join(refused.value.problems)
    assert rows(url) == []
    assert [row.action for row in audit_of(url)] == ["content.import.refused"]


@pytest.mark.parametrize("data,says", [
    (b"answers: [\n  - name: x\n   text", "not valid YAML or JSON (line"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (b"just a string", "no list of answers"),
    (b"answers:\n- name: utter_ask_pump_refill\n  text: Hi.\n- name: utter_ask_pump_refill\n  text: Hi.\n",
     "appears twice"),
    (b'answers:\n- name: utter_ask_pump_refill\n  text: "A lone \\ud800 half."\n  sources: [MDT-PUMP]\n',
     "not valid YAML or JSON"),  # PyYAML refuses a lone surrogate itself
    # aliases that would make 9**9 items if anything expanded them
    (b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n" % ((98 + i, 98 + i) + (97 + i,) * 9)
        for i in range(8)) + b"answers:\n- name: utter_ask_pump_refill\n  text: Hi there.\n  sources: *i\n",
     "(not an id)"),
])
def test_a_malformed_import_file_is_refused_plainly(store, data, says):
    from console import content

    with pytest.raises(content.Refused) as refused:
        content.import_file(store["url"], store["ada"], data)
    assert says in " ".join(refused.value.problems)
    assert rows(store["url"]) == []


def test_overrides_are_cached_and_a_database_failure_says_the_shipped_text(store, monkeypatch, caplog):
    from console import content
    from itb.content import overrides

    url = store["url"]
    monkeypatch.setenv("DATABASE_URL", url)
    shipped = {"text": "Shipped.", "buttons": [{"title": "What causes it?", "payload": "/ask_spasticity_causes"}]}
    assert overrides.apply("utter_ask_pump_refill", dict(shipped)) == shipped  # caches "no edits"
    content.approve(url, store["ben"], content.propose(url, store["ann"], "utter_ask_pump_refill", REFILL,
                                                       ["MDT-PUMP"]))
    assert overrides.apply("utter_ask_pump_refill", dict(shipped)) == shipped  # still cached
    overrides._cache["at"] -= overrides.CACHE_SECONDS  # the cache expires
    assert overrides.apply("utter_ask_pump_refill", dict(shipped)) == {**shipped, "text": REFILL}
    assert overrides.apply("utter_ask_pump_battery", dict(shipped)) == shipped
    assert overrides.CACHE_SECONDS <= 30

    # A safety reply is never replaced, even by a row the console would have refused.
    from itb import db

    with db.session(url) as session:
        session.add(db.ContentEdit(answer="utter_emergency", text="Call us tomorrow.", sources='["CLINIC"]',
                                   base_version="0" * 16, proposed_by=store["ann"].user_id, status="approved"))
    overrides.forget_cache()
    assert "utter_emergency" in overrides.current()
    assert overrides.apply("utter_emergency", {"text": "Call 911."}) == {"text": "Call 911."}

    caplog.set_level(logging.WARNING, "itb.content.overrides")
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:9/nowhere")  # nothing listens there
    started = time.monotonic()
    assert overrides.apply("utter_ask_pump_refill", dict(shipped)) == shipped
    assert time.monotonic() - started < 5
    assert "Approved content edits unavailable (OperationalError)" in caplog.text
    assert "refilled" not in caplog.text and "nowhere" not in caplog.text


def test_the_content_report_shows_the_live_edit(store):
    import subprocess
    import sys

    from console import content

    url = store["url"]
    content.approve(url, store["ben"], content.propose(url, store["ann"], "utter_ask_pump_refill", REFILL,
                                                       ["MDT-PUMP"]))
    output = subprocess.run([sys.executable, "-m", "itb.content.review"], cwd=ROOT, capture_output=True, text=True,
                            check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "DATABASE_URL": url})
    report = {row["name"]: row for row in map(json.loads, output.stdout.splitlines())}
    assert report["utter_ask_pump_refill"]["live"]["text"] == REFILL
    assert report["utter_ask_pump_refill"]["live"]["approved_by"] == "ben"
    assert "live" not in report["utter_ask_pump_battery"]


def test_the_nlg_says_the_approved_text_with_the_shipped_buttons_and_settings(monkeypatch):
    from itb.content import fill, nlg, overrides

    monkeypatch.setattr(overrides, "current", lambda database_url=None: {
        "utter_ask_x": overrides.Live("Call {clinic_phone} to ask.", ["CLINIC"], "ben", None)})
    generator = nlg.ContentNLG(responses={
        "utter_ask_x": [{"text": "Shipped.", "buttons": [{"title": "More", "payload": "/more"}]}],
        "utter_ask_y": [{"text": "Other."}],
    })
    said = generator.generate_from_slots("utter_ask_x", {}, "rest")
    assert said["text"] == f"Call {fill.values()['clinic_phone']} to ask."
    assert said["buttons"] == [{"title": "More", "payload": "/more"}]
    assert generator.generate_from_slots("utter_ask_y", {}, "rest")["text"] == "Other."
    assert generator.responses["utter_ask_x"][0]["text"] == "Shipped."  # the domain's copy is untouched


# ---------------------------------------------------------------------------
# Over HTTP: the console's pages (SQLite; one run on PostgreSQL)


def http_rows(env, answer):
    return rows(env["database_url"], answer)


def audit_rows(env, action=None, username=None):
    from itb import db

    with db.session(env["database_url"]) as session:
        query = select(db.AuditLog).order_by(db.AuditLog.id)
        if action:
            query = query.where(db.AuditLog.action == action)
        if username:
            query = query.where(db.AuditLog.username == username)
        return list(session.execute(query).scalars())


def pending_id(client, answer):
    page = client.get(f"/content/answers/{answer}").text
    found = re.findall(r'action="/content/edits/(\d+)/(?:approve|reject)"', page)
    return int(found[0]) if found else None


def test_every_answer_is_listed_with_its_sources_and_status(console, client_for):
    from itb.content import review

    reviewer = client_for("reviewer")
    page = reviewer.get("/content")
    assert page.status_code == 200
    for answer in review.answers():
        assert f'href="/content/answers/{answer.name}"' in page.text
    assert '<a href="/content" aria-current="page">Content</a>' in page.text
    assert "<h1>Content</h1>" in page.text and 'scope="col"' in page.text
    assert 'action="/content/propose"' not in page.text and 'action="/content/import"' not in page.text
    detail = reviewer.get("/content/answers/utter_ask_spasticity_what")
    shipped = {a.name: a for a in review.answers()}["utter_ask_spasticity_what"]
    assert detail.status_code == 200 and html.escape(shipped.texts[0][:40]) in detail.text
    assert "<textarea" not in detail.text and "You can read the content" in detail.text
    assert reviewer.get("/content/answers/utter_no_such_answer").status_code == 404
    assert audit_rows(console.env, "content.view", "reviewer")
    assert [row.target_id for row in audit_rows(console.env, "content.answer.view", "reviewer")][-1] == \
        "utter_ask_spasticity_what"

    clinician = client_for("clinician")
    form = clinician.get("/content/answers/utter_ask_spasticity_what").text
    assert '<label for="text">Text</label>' in form and '<legend>Sources</legend>' in form
    assert '<code>MDT-QA</code> Medtronic ITB patient pages: questions' in form  # ids with their descriptions
    assert "Safety reply" in clinician.get("/content/answers/utter_emergency").text
    assert "<textarea" not in clinician.get("/content/answers/utter_emergency").text


@pytest.mark.parametrize("method,path", [("POST", "/content/propose"), ("POST", "/content/edits/1/approve"),
                                         ("POST", "/content/edits/1/reject"), ("POST", "/content/import")])
def test_a_reviewer_cannot_change_content(console, client_for, method, path):
    reviewer = client_for("reviewer")
    before = len(http_rows(console.env, "utter_ask_itb_what"))
    response = reviewer.post(path, {"answer": "utter_ask_itb_what", "text": REFILL, "sources": "MDT-QA"})
    assert response.status_code == 403 and "No access" in response.text
    assert len(http_rows(console.env, "utter_ask_itb_what")) == before
    assert [row for row in audit_rows(console.env, "access.denied", "reviewer") if row.target_id == path]


def test_an_admin_proposes_and_imports_but_only_a_clinician_approves(console, client_for):
    admin = client_for("admin")
    response = admin.post("/content/propose", {"answer": "utter_ask_itb_benefits", "sources": ["MDT-QA"],
                                               "text": "ITB can ease tight muscles. Many people move and sleep better."})
    assert response.status_code == 303
    edit_id = pending_id(admin, "utter_ask_itb_benefits")
    assert admin.post(f"/content/edits/{edit_id}/approve").status_code == 403
    assert client_for("clinician").post(f"/content/edits/{edit_id}/approve").status_code == 303


def test_script_tags_are_stored_as_text_and_always_escaped(console, client_for):
    clinician = client_for("clinician")
    response = clinician.post("/content/propose", {"answer": "utter_ask_trial_duration", "text": SCRIPT,
                                                   "sources": ["GIL-TEST"]})
    assert response.status_code == 303, response.text
    assert http_rows(console.env, "utter_ask_trial_duration")[-1].text == SCRIPT
    for path in ("/content", "/content/answers/utter_ask_trial_duration"):
        page = clinician.get(path).text
        assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page
        assert "<script>alert" not in page
    assert "<script>alert" not in client_for("reviewer").get("/content?show=waiting").text


@pytest.mark.parametrize("text,sources,status,says", [
    ("Tight muscles. " * 80, ["MDT-QA"], 400, "characters long; the most is 1,000"),
    ("Tight muscles are common.", ["MDT-QA", "MADE-UP-SOURCE"], 400, "Unknown source id “MADE-UP-SOURCE”"),
    (HARD, ["MDT-QA"], 400, "reads at grade 33.1; the most is grade 8"),
])
def test_invalid_edits_are_refused_over_http_and_nothing_is_saved(console, client_for, text, sources, status, says):
    clinician = client_for("clinician")
    before = len(http_rows(console.env, "utter_ask_oral_medicines"))
    response = clinician.post("/content/propose", {"answer": "utter_ask_oral_medicines", "text": text,
                                                   "sources": sources})
    assert response.status_code == status
    assert says in response.text and 'role="alert"' in response.text
    assert text.strip()[:40] in response.text  # the typed text is kept in the form
    assert len(http_rows(console.env, "utter_ask_oral_medicines")) == before


def test_propose_own_approval_refused_second_clinician_approves_once(console, client_for):
    first, second = client_for("clinician"), client_for("clinician2")
    text = "A baclofen pump sends medicine to the spine. It can ease tight muscles with a small dose."
    assert first.post("/content/propose", {"answer": "utter_ask_itb_what", "text": text,
                                           "sources": ["MDT-QA", "LIO-LEAFLET"]}).status_code == 303
    edit_id = pending_id(first, "utter_ask_itb_what")
    page = first.get("/content/answers/utter_ask_itb_what").text
    assert "You proposed this edit: another clinician approves it." in page
    own = first.post(f"/content/edits/{edit_id}/approve")
    assert own.status_code == 403 and "another clinician must approve it" in own.text
    assert [r for r in audit_rows(console.env, "content.approve.refused", "clinician")
            if json.loads(r.detail)["edit"] == edit_id]
    ok = second.post(f"/content/edits/{edit_id}/approve", {"back": "/content"})
    assert ok.status_code == 303 and ok.headers["Location"] == "/content?notice=content-approved"
    again = second.post(f"/content/edits/{edit_id}/approve")
    assert again.status_code == 409 and "already approved by clinician2" in again.text
    listing = first.get("/content").text
    assert re.search(r"Live edit</span> <span class=\"small\">approved by clinician2 on ", listing)
    rows_now = [r for r in audit_rows(console.env) if r.action.startswith("content.")]
    assert all(text[:20] not in (r.detail or "") for r in rows_now)


def test_export_and_import_round_trip_over_http(console, client_for):
    admin, reviewer = client_for("admin"), client_for("reviewer")
    exported = reviewer.post("/content/export")
    assert exported.status_code == 200 and "attachment" in exported.headers["Content-Disposition"]
    document = yaml.safe_load(exported.text)
    assert document["format"] == "itb-content/1" and len(document["answers"]) >= 20
    by_name = {item["name"]: item for item in document["answers"]}
    by_name["utter_ask_pump_mri"].update(text="Tell the MRI team you have a pump. The clinic checks it after.",
                                         sources=["MDT-MRI"])
    changed = yaml.safe_dump(document, allow_unicode=True).encode()
    assert client_for("clinician").post("/content/import", files={"file": ("c.yml", changed)}).status_code == 403

    before = len(http_rows(console.env, None))
    response = admin.post("/content/import", files={"file": ("content.yml", changed)})
    assert response.status_code == 303 and "notice=content-imported" in response.headers["Location"], \
        re.findall(r"<li>(.*?)</li>", response.text)[:10]
    (created,) = http_rows(console.env, None)[before:]
    assert created.answer == "utter_ask_pump_mri" and created.status == "proposed"

    by_name["utter_ask_pump_battery"].update(text=BATTERY, sources=["MDT-REPL", "NOT-LISTED"])
    bad = admin.post("/content/import", files={"file": ("content.yml", yaml.safe_dump(document).encode())})
    assert bad.status_code == 400 and "Nothing was imported" in bad.text and "NOT-LISTED" in bad.text
    assert len(http_rows(console.env, None)) == before + 1
    assert admin.post("/content/import", {}).status_code == 400


def test_content_on_postgresql_over_http(pg_console):
    first, second = Client(pg_console), Client(pg_console)
    assert first.login("clinician").status_code == 303 and second.login("clinician2").status_code == 303
    assert first.post("/content/propose", {"answer": "utter_ask_pump_refill", "text": REFILL,
                                           "sources": ["MDT-PUMP"]}).status_code == 303
    edit_id = pending_id(second, "utter_ask_pump_refill")
    assert second.post(f"/content/edits/{edit_id}/approve").status_code == 303
    assert "Live edit" in first.get("/content/answers/utter_ask_pump_refill").text
    assert second.post(f"/content/edits/{edit_id}/approve").status_code == 409


# ---------------------------------------------------------------------------
# End to end: the running assistant's reply changes within a minute, no restart


@pytest.fixture(scope="module")
def live_stack(tmp_path_factory):
    from support.stack import MODEL, running_assistant

    if not MODEL.is_file():
        pytest.fail("models/current.tar.gz is missing: run `make train` (make test does).")
    with running_assistant(tmp_path_factory.mktemp("content-live"), CONSOLE_SECRET_KEY=SECRET,
                           CONSOLE_SYNC_SECONDS="5") as started:
        console_url = f"http://localhost:{started['env']['CONSOLE_PORT']}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(console_url + "/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "the console did not start"
            time.sleep(0.3)
        from console import auth
        from itb import db

        with db.session(started["database_url"]) as session:
            for name in ("nurse", "doctor"):
                auth.create_user(session, name, PASSWORD, "clinician", created_by="tests")
        yield {**started, "console": console_url, "responses": model_responses(MODEL)}
        dispose(started["database_url"])


def model_responses(model):
    """The responses of the domain inside the trained model the server loaded
    (domain.yml may have changed since it was trained)."""
    import tarfile

    with tarfile.open(model) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("domain_provider/domain.yml"))
        return yaml.safe_load(archive.extractfile(member))["responses"]


def ask(stack, message):
    """The reply messages of a new conversation, by text (the first may be the
    "automated assistant" disclosure)."""
    response = requests.post(stack["rasa"] + "/webhooks/rest/webhook",
                             json={"sender": f"content-{uuid.uuid4().hex[:10]}", "message": message}, timeout=60)
    assert response.status_code == 200
    return {message.get("text"): message for message in response.json()}


def test_an_approved_edit_is_said_by_the_running_assistant_within_a_minute(live_stack):
    from itb.content import fill

    shipped = fill.fill_text(live_stack["responses"]["utter_ask_spasticity_what"][0]["text"], fill.values())
    before = ask(live_stack, "what is spasticity")
    assert shipped in before, before
    buttons = before[shipped].get("buttons")
    assert buttons
    pid = live_stack["process"].pid

    server = Server(live_stack["console"], None, live_stack["log"], live_stack)
    nurse, doctor = Client(server), Client(server)
    assert nurse.login("nurse").status_code == 303 and doctor.login("doctor").status_code == 303
    marker = f"Visit {uuid.uuid4().int % 9000 + 1000}"
    new_text = f"Spasticity means tight or stiff muscles. It can make it hard to move. Ask us at {marker}."
    assert nurse.post("/content/propose", {"answer": "utter_ask_spasticity_what", "text": new_text,
                                           "sources": ["MDT-QA", "LIO-LEAFLET"]}).status_code == 303
    edit_id = pending_id(doctor, "utter_ask_spasticity_what")
    assert doctor.post(f"/content/edits/{edit_id}/approve").status_code == 303
    approved_at = time.monotonic()

    reply = None
    while time.monotonic() - approved_at < 60:
        reply = ask(live_stack, "what is spasticity")
        if new_text in reply:
            break
        assert shipped in reply, reply  # the old text until then, never an error
        time.sleep(0.5)
    elapsed = time.monotonic() - approved_at
    print(f"\nAn approved edit went live in the running assistant after {elapsed:.1f} s")
    assert reply and new_text in reply, f"not live after {elapsed:.0f} s"
    assert reply[new_text].get("buttons") == buttons  # the shipped response's buttons stay
    assert live_stack["process"].poll() is None and live_stack["process"].pid == pid  # no restart
    time.sleep(0.5)
    assert marker not in live_stack["log"].read_text(errors="replace")  # the text never reaches a log


def test_an_faq_answer_name_with_a_slash_has_its_own_page_address():
    from console import config
    from console.app import create_app

    conf = config.Config(database_url="sqlite://", tracker_url="sqlite://", host="127.0.0.1", port=0,
                         secret_key=b"x", idle_seconds=900, cookie_secure=True,
                         timezone=config.local_timezone("UTC"), low_confidence=0.5, retention_days=0,
                         sync_seconds=5)
    app = create_app(conf, name="content_routes")
    app.router.finalize()
    route, _, params = app.router.get("/content/answers/utter_faq/trial_dose", "GET", None)
    assert route.name.endswith("content_answer") and params == {"name": "utter_faq/trial_dose"}


# ---------------------------------------------------------------------------
# In Chromium: keyboard only, axe-core, screenshots (tests/artifacts/console-content-*.png)

def test_propose_and_approve_with_the_keyboard_only_and_axe_finds_nothing(console, artifacts):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    answer = "utter_ask_pump_daily_life"
    text = "Most people with a pump can walk, work and travel. Ask your team before you swim or lift a lot."
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            nurse = Session(browser, console.base, artifacts, "content")
            nurse.login("clinician")
            nurse.goto(f"/content/answers/{answer}")
            page = nurse.page
            tab_to(page, "#text")
            page.keyboard.press("Control+A")
            page.keyboard.type(HARD)
            english_act = "#propose input[value=MDT-ACT]"  # the English form (the Spanish one is beside it)
            tab_to(page, english_act)
            if not page.locator(english_act).is_checked():  # domain.yml may name it already
                page.keyboard.press("Space")
            assert page.locator(english_act).is_checked()
            tab_to(page, "button[type=submit].primary")
            page.keyboard.press("Enter")
            page.wait_for_load_state()
            assert "reads at grade" in page.locator("[role=alert]").inner_text()
            assert page.locator("#text").input_value() == HARD  # kept for the next try
            assert page.locator(english_act).is_checked()
            assert axe_violations(nurse) == []
            nurse.shot("refused")
            tab_to(page, "#text")
            page.keyboard.press("Control+A")
            page.keyboard.type(text)
            tab_to(page, "button[type=submit].primary")
            page.keyboard.press("Enter")
            page.wait_for_load_state()
            assert "Edit proposed" in page.locator(".notice").inner_text()
            assert "You proposed this edit" in page.content()
            nurse.shot("proposed")
            # the browser reports the deliberate refusal's status as a console error
            nurse.errors = [e for e in nurse.errors if "status of 400" not in e]
            nurse.check_clean()
            nurse.close()

            doctor = Session(browser, console.base, artifacts, "content")
            doctor.login("clinician2")
            doctor.goto("/content")
            assert axe_violations(doctor) == []
            doctor.shot("list")
            edit_id = http_rows(console.env, answer)[-1].id
            tab_to(doctor.page, f"form[action='/content/edits/{edit_id}/approve'] button")
            doctor.page.keyboard.press("Enter")
            doctor.page.wait_for_load_state()
            assert "Approved." in doctor.page.locator(".notice").inner_text()
            doctor.goto(f"/content/answers/{answer}")
            assert "Live edit" in doctor.page.locator(".page-head").inner_text()
            assert axe_violations(doctor) == []
            doctor.shot("answer")
            doctor.check_clean()
            doctor.close()
        finally:
            browser.close()
    assert http_rows(console.env, answer)[-1].status == "approved"
