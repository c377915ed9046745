"""End to end: `make run`'s launcher (`python -m launcher`) starts the console beside the bot;
what a patient writes to the real assistant shows up in the console."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid

import requests

from conftest import ROOT, Client, Server


def test_a_real_conversation_reaches_the_console(bot_stack):
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    for message in ("what is a baclofen pump", "my name is Maria Lopez and my pump alarm is beeping twice",
                    "wombat sandwiches"):
        response = requests.post(bot_stack["rasa"] + "/webhooks/rest/webhook",
                                 json={"sender": sender, "message": message}, timeout=60)
        assert response.status_code == 200 and response.json()

    child = dict(os.environ, DATABASE_URL=bot_stack["database_url"], PYTHONPATH=str(ROOT))
    created = subprocess.run([sys.executable, "-m", "console.users", "create", "nurse", "--role", "reviewer",
                              "--password-stdin"], cwd=ROOT, env=child, input="a long enough password\n",
                             capture_output=True, text=True, timeout=60)
    assert created.returncode == 0, created.stderr

    client = Client(Server(bot_stack["console"], None, bot_stack["log"], bot_stack))
    assert client.login("nurse", "a long enough password").status_code == 303
    deadline = time.monotonic() + 15
    ids = []
    while not ids and time.monotonic() < deadline:
        ids = re.findall(r'href="/conversations/(\d+)" class="row-link"', client.get("/conversations?q=wombat").text)
        time.sleep(0.5)
    assert len(ids) == 1
    html = client.get(f"/conversations/{ids[0]}").text
    assert "what is a baclofen pump" in html and "Action <code>" in html
    assert re.search(r"Intent <code>ask_itb_what</code> · confidence 0\.\d\d", html)
    assert "Maria" not in html and "Lopez" not in html  # masked for a reviewer
    assert "wombat sandwiches" in html
    time.sleep(0.5)
    log = bot_stack["log"].read_text(errors="replace")
    assert "Staff console on http://localhost" in log
    for secret in ("wombat", "Lopez", "beeping twice"):
        assert secret not in log  # neither the bot nor the console logged what the patient wrote
