"""One home for everything the assistant says: the responses in domain.yml.

Every sentence a patient or caller can receive (answers, the form's prompts
and re-asks, the channels' own messages, SMS keywords, the web chat widget's
strings, the emergency lines) is a response in domain.yml, which code names
(`dispatcher.utter_message(response="utter_...")`, `itb.content.texts.text`).
These tests fail when patient-facing text appears anywhere else, when a
response writes out a setting (the clinic's number) instead of its
placeholder, and when a sentence naming an unset setting is not left out.
"""
from __future__ import annotations

import ast
import asyncio
import re
from pathlib import Path
from typing import Iterator, List, Set, Tuple

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ["actions", "channels", "itb"]
WIDGET_SOURCES = ROOT / "widget" / "src"
SETTINGS_VARIABLES = ("CLINIC_NAME", "CLINIC_PHONE", "CLINIC_HOURS", "CLINIC_ADDRESS", "CLINIC_AFTER_HOURS_PHONE")

# Sentence-like: at least 4 words and an end of sentence. Label-like: two or
# more words in sentence case ("Ask a question"), as buttons and labels are.
SENTENCE = re.compile(r"^(?=.*[A-Za-z]{2})(?:\S+\s+){3,}\S*[.?!…:][\"')\]]*$", re.S)
LABEL = re.compile(r"^[A-Z][a-z']+(?: [a-z'?]+)+[.?!…]?$")

# Text in code that only developers and staff read, or that is not prose,
# with the reason. Keyed on (file, the string's start).
ALLOWED = {
    # Staff e-mail about a new request (itb/appointments/mail.py notify_staff).
    ("itb/appointments/mail.py", "A new appointment request"): "staff e-mail, never sent to a patient",
    # Command-line output for whoever runs the server.
    ("itb/db.py", "Database schema is up to date."): "python -m itb.db upgrade",
    ("itb/tracker_store.py", "Requested PostgreSQL schema"): "start-up error for the operator",
    # engine.io's HTTP 400 body for a socket.io client posting to a closed session.
    ("channels/sockets.py", "Session is disconnected"): "protocol error for the client library",
    # The web chat's 404 when the widget was never built: for whoever runs the server.
    ("channels/webchat.py", "Not built: run `make widget`."): "operator message, not a chat reply",
}


# ------------------------------------------------------------- scanning
def _docstrings(tree: ast.AST) -> Set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        return f"{owner}.{func.attr}"
    return func.id if isinstance(func, ast.Name) else ""


def _developer_facing(node: ast.AST, parents: dict) -> bool:
    """Inside a log call, an exception, a JSON API error, a warning or a CLI's help."""
    child, parent = node, parents.get(id(node))
    while parent is not None:
        if isinstance(parent, ast.Raise):
            return True
        if isinstance(parent, ast.Call):
            name = _call_name(parent)
            owner, _, attr = name.rpartition(".")
            if owner in ("logger", "logging", "log", "warnings") or attr in ("add_argument", "ArgumentParser"):
                return True
            if name == "error":  # the channels' JSON errors: {"error": "..."} for API clients
                return True
        if isinstance(parent, ast.Dict):
            for key, value in zip(parent.keys, parent.values, strict=True):
                if value is child and isinstance(key, ast.Constant) and key.value == "error":
                    return True
        child, parent = parent, parents.get(id(parent))
    return False


def python_strings(path: Path) -> Iterator[Tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docstrings = _docstrings(tree)
    inside_fstring = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            value = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in inside_fstring:
            value = node.value
        else:
            continue
        if id(node) in docstrings or _developer_facing(node, parents):
            continue
        yield node.lineno, value


_JS_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\\\"'])//[^\n]*", re.S)
_JS_STRING = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`", re.S)


def js_strings(path: Path) -> Iterator[Tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    code = _JS_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)
    for match in _JS_STRING.finditer(code):
        value = next(group for group in match.groups() if group is not None)
        yield code.count("\n", 0, match.start()) + 1, value


def code_files() -> List[Path]:
    files = [path for folder in CODE_DIRS for path in sorted((ROOT / folder).rglob("*.py"))]
    return files + sorted(WIDGET_SOURCES.rglob("*.js"))


def allowed(relative: str, value: str) -> bool:
    return any(relative == file and value.strip().startswith(start) for file, start in ALLOWED)


def patient_text_in_code() -> List[str]:
    found = []
    for path in code_files():
        relative = path.relative_to(ROOT).as_posix()
        strings = js_strings(path) if path.suffix == ".js" else python_strings(path)
        for line, value in strings:
            stripped = " ".join(value.split())
            if allowed(relative, stripped):
                continue
            if SENTENCE.match(stripped) or LABEL.match(stripped):
                found.append(f"{relative}:{line}: {stripped[:90]!r}")
    return found


# ---------------------------------------------------------------- tests
def test_no_code_sends_its_own_text():
    offending = []
    for path in code_files():
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r"utter_message\(\s*text\s*=", source):
            offending.append(f"{path.relative_to(ROOT)}:{source.count(chr(10), 0, match.start()) + 1}")
    assert offending == [], "send a response by name: utter_message(response=...)"


def test_no_patient_facing_sentence_lives_in_code():
    found = patient_text_in_code()
    assert found == [], (
        "Patient-facing text belongs in domain.yml's responses, read by name "
        "(utter_message(response=...), itb.content.texts.text); developer-only text "
        "goes in tests/test_one_home.py's ALLOWED with its reason:\n" + "\n".join(found)
    )


def test_every_allowed_string_is_still_there():
    """An entry of ALLOWED whose text is gone must go too: the list stays short and true."""
    seen = set()
    for path in code_files():
        relative = path.relative_to(ROOT).as_posix()
        strings = js_strings(path) if path.suffix == ".js" else python_strings(path)
        for _, value in strings:
            stripped = " ".join(value.split())
            seen |= {(file, start) for file, start in ALLOWED if relative == file and stripped.startswith(start)}
    assert sorted(set(ALLOWED) - seen) == []


def test_the_scan_finds_what_it_must():
    """The scanner itself: it sees a sentence and a label, and skips logs and errors."""
    sample = ROOT / "var" / "one_home_sample.py"
    sample.parent.mkdir(exist_ok=True)
    sample.write_text(
        '"""A docstring is for developers, so it is fine."""\n'
        'import logging\nlogger = logging.getLogger(__name__)\n'
        'def f(phone):\n'
        '    logger.info("sms: answered a message from %s in time.", phone)\n'
        '    x = {"error": "The body must be JSON in UTF-8."}\n'
        '    a = f"Please call the clinic at {phone} today."\n'
        '    b = "Talk to a person"\n'
        '    return x, a, b\n'
    )
    try:
        values = [value for _, value in python_strings(sample)]
    finally:
        sample.unlink()
    flagged = [v for v in values if SENTENCE.match(v) or LABEL.match(v)]
    assert flagged == ["Please call the clinic at {} today.", "Talk to a person"]

    script = sample.with_suffix(".js")
    script.write_text(
        '// "A comment is for developers, so it is fine."\n'
        'const a = h("button", { text: "Start over" });\n'
        "const b = 'Not sent: the message is too long.';\n"
        'const c = t("launcher"), d = "http://www.w3.org/2000/svg";\n'
    )
    try:
        values = [value for _, value in js_strings(script)]
    finally:
        script.unlink()
    flagged = [v for v in values if SENTENCE.match(v) or LABEL.match(v)]
    assert flagged == ["Start over", "Not sent: the message is too long."]


# Names code builds from a prefix: f"utter_appt_times_{problem}",
# f"utter_my_data_status_{status}", and every utter_widget_* (channels/webchat.py).
BUILT_PREFIXES = ("utter_appt_times_", "utter_my_data_status_", "utter_widget_")


def code_named_responses() -> Set[str]:
    """Every response name code mentions (written out, or built from BUILT_PREFIXES)."""
    names = set()
    for path in code_files():
        names |= set(re.findall(r"[\"'](utter_[a-z0-9_]*[a-z0-9])[\"']", path.read_text(encoding="utf-8")))
    names |= {name for name in RESPONSES if name.startswith(BUILT_PREFIXES)}
    return names - {"utter_action"}  # Rasa's key for the response a bot message came from


DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
RESPONSES = DOMAIN["responses"]


def test_every_response_code_names_exists():
    missing = sorted(name for name in code_named_responses() if name not in RESPONSES)
    for problem in ("past", "too_far", "too_long", "empty"):
        if f"utter_appt_times_{problem}" not in RESPONSES:
            missing.append(f"utter_appt_times_{problem}")
    for status in ("new", "contacted", "scheduled", "closed", "withdrawn"):
        if f"utter_my_data_status_{status}" not in RESPONSES:
            missing.append(f"utter_my_data_status_{status}")
    assert missing == []


# ------------------------------------------------------------ settings
def all_texts() -> Iterator[Tuple[str, str]]:
    for name, variants in RESPONSES.items():
        for variant in variants:
            yield name, str(variant.get("text") or "")
            for button in variant.get("buttons") or []:
                yield name, str(button.get("title") or "")


def test_no_response_writes_out_the_clinic_number():
    from itb import settings

    phone = settings.clinic().phone
    digits = re.compile(r"800[.\s-]?775|7246|\bPAIN\b")
    offending = [name for name, text in all_texts() if phone in text or digits.search(text)]
    assert offending == [], "use {clinic_phone}"


def test_clinic_placeholders_are_known():
    from itb.content.fill import PLACEHOLDERS

    named = {key for _, text in all_texts() for key in re.findall(r"\{(clinic_[a-z_]+)\}", text)}
    assert named <= set(PLACEHOLDERS)
    assert "clinic_phone" in named and "clinic_hours" in named and "clinic_after_hours" in named


@pytest.fixture
def clinic_env(monkeypatch):
    def set_env(**values):
        for key in SETTINGS_VARIABLES:
            monkeypatch.delenv(key, raising=False)
        for key, value in values.items():
            monkeypatch.setenv(key, value)

    return set_env


def nlg():
    from rasa.shared.core.domain import Domain

    from itb.content.nlg import ContentNLG

    return ContentNLG(domain=Domain.load(str(ROOT / "domain.yml")))


def generate(generator, name: str, channel: str = "rest", slots=None, **values) -> dict:
    return asyncio.run(_generate(generator, name, channel, slots or {}, values))


async def _generate(generator, name, channel, slots, values):
    return generator.generate_from_slots(name, slots, channel, **values)


def test_contact_answer_leaves_out_what_is_not_set(clinic_env):
    generator = nlg()
    clinic_env()  # nothing set: the defaults, and no hours, address or after-hours number
    reply = generate(generator, "utter_clinic_contact")
    assert reply["text"] == "You can call the Pain Clinic at 800.775.PAIN (7246). In an emergency, call 911."
    assert "{" not in reply["text"] and "hours" not in reply["text"]
    assert reply["buttons"][0]["payload"] == "/request_appointment"

    clinic_env(CLINIC_NAME="Lakeside Pain Center", CLINIC_PHONE="555-010-0199",
               CLINIC_HOURS="Mon-Thu 7 am to 4 pm", CLINIC_ADDRESS="12 Main St",
               CLINIC_AFTER_HOURS_PHONE="555-010-0100")
    reply = generate(generator, "utter_clinic_contact")
    assert reply["text"] == (
        "You can call Lakeside Pain Center at 555-010-0199. Our hours are Mon-Thu 7 am to 4 pm. "
        "We are at 12 Main St. After hours, call 555-010-0100. In an emergency, call 911."
    )


def test_every_response_fills_its_settings_or_leaves_the_sentence_out(clinic_env):
    from itb.content import fill

    configured = {"CLINIC_HOURS": "Mon-Fri 9-4", "CLINIC_ADDRESS": "1 Elm St",
                  "CLINIC_AFTER_HOURS_PHONE": "555-010-0100"}
    for env in ({}, configured):
        clinic_env(**env)
        known = fill.values()
        for name, variants in RESPONSES.items():
            for variant in variants:
                template = str(variant.get("text") or "")
                text = fill.fill_text(template, known)
                assert "{clinic_" not in text, name
                for key, value in (("clinic_hours", "Mon-Fri 9-4"), ("clinic_address", "1 Elm St"),
                                   ("clinic_after_hours", "555-010-0100")):
                    if "{%s}" % key in template:
                        assert (value in text) == bool(env), (name, text)


def test_slots_and_an_actions_values_still_fill_responses(clinic_env):
    clinic_env()
    generator = nlg()
    slots = {"appt_name": "Jane Doe", "appt_times": "weekday mornings", "appt_note": "-"}
    reply = generate(generator, "utter_appt_read_back", slots=slots, phone="(555) 123-4567",
                     reason="the ITB trial", may_text="yes")
    assert reply["text"].startswith("Please check your request:\nName: Jane Doe\nPhone: (555) 123-4567\n")
    assert "Best times: weekday mornings" in reply["text"] and "Note:" not in reply["text"]
    slots["appt_note"] = "I use a wheelchair"
    reply = generate(generator, "utter_appt_read_back_note", slots=slots, phone="x", reason="y", may_text="no")
    assert "\nNote: I use a wheelchair\nShall I send it to the clinic?" in reply["text"]
    saved = generate(generator, "utter_appt_saved", reference="ITB-7KQ2")
    assert "Your reference is ITB-7KQ2." in saved["text"] and "800.775.PAIN (7246)" in saved["text"]


def test_a_patients_words_are_never_filled_with_settings(clinic_env):
    clinic_env()
    reply = generate(nlg(), "utter_appt_read_back",
                     slots={"appt_name": "Jo {clinic_phone}", "appt_times": "{clinic_hours}", "appt_note": "-"},
                     phone="1", reason="2", may_text="3")
    assert "Name: Jo {clinic_phone}" in reply["text"] and "Best times: {clinic_hours}" in reply["text"]


def test_a_reply_left_with_nothing_is_not_sent(clinic_env, monkeypatch):
    from itb.content.nlg import ContentNLG

    clinic_env()
    generator = ContentNLG(responses={"utter_hours": [{"text": "Our hours are {clinic_hours}."}]})
    assert generate(generator, "utter_hours") is None
    clinic_env(CLINIC_HOURS="Mon-Fri 9-4")
    assert generate(generator, "utter_hours")["text"] == "Our hours are Mon-Fri 9-4."


def test_texts_fill_settings_like_the_generator(clinic_env):
    from itb.content import texts

    clinic_env()
    assert texts.text("utter_sms_help").startswith("The Pain Clinic: automated assistant")
    assert texts.text("utter_clinic_contact") == generate(nlg(), "utter_clinic_contact")["text"]
    clinic_env(CLINIC_HOURS="Mon-Fri 9-4")
    assert "Our hours are Mon-Fri 9-4." in texts.text("utter_clinic_contact")
    assert texts.text("utter_sms_too_long", max_chars=1600, clinic_phone="800.775.7246").endswith(
        "(under 1600 characters), or call 800.775.7246."
    )
    assert texts.text("utter_channel_sorry", channel="sms") != texts.text("utter_channel_sorry")


def test_the_default_hours_are_gone():
    from itb import settings

    source = (ROOT / "itb" / "settings.py").read_text()
    assert "8 am to 5 pm" not in source and "8–5" not in source
    example = (ROOT / ".env.example").read_text()
    assert re.search(r"^CLINIC_HOURS=\s*$", example, re.M)
    assert re.search(r"^CLINIC_AFTER_HOURS_PHONE=\s*$", example, re.M)
    assert "CLINIC_AFTER_HOURS_PHONE" in (ROOT / "README.md").read_text()
    assert settings.Clinic.__dataclass_fields__.keys() >= {"name", "phone", "hours", "address", "after_hours"}


def test_endpoints_use_the_content_generator():
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    assert endpoints["nlg"]["type"] == "itb.content.nlg.ContentNLG"


# --------------------------------------------------------------- widget
def test_every_widget_text_is_a_response():
    """Each t("key") in widget.js is domain.yml's utter_widget_<key>, and the
    web chat channel serves them all, filled in, with the greeting's buttons."""
    from channels.webchat import widget_content

    source = (WIDGET_SOURCES / "widget.js").read_text(encoding="utf-8")
    keys = set(re.findall(r"\bt\(\s*\"([a-z_]+)\"\s*\)", source))
    keys |= {key for pair in re.findall(r"t\(m\.from === \"user\" \? \"([a-z_]+)\" : \"([a-z_]+)\"\)", source)
             for key in pair}
    assert {"launcher", "greeting", "disclosure", "offline", "you", "assistant"} <= keys
    assert sorted(key for key in keys if f"utter_widget_{key}" not in RESPONSES) == []
    served = widget_content()
    assert all(served["texts"][key] for key in keys)
    assert served["suggestions"][0] == {"title": "What is ITB?", "payload": "/ask_itb_what"}
    assert "{" not in "".join(served["texts"].values())
    assert "In an emergency, call 911." in served["texts"]["disclosure"]
