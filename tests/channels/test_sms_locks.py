"""The SMS channel's per-message lock on PostgreSQL: held by whoever answers a
message, gone the moment that process dies, so a retry can tell a message still
being answered from one whose answer died with its replica."""
from __future__ import annotations

import subprocess
import sys
import time
import uuid

from channels import sms_store as store
from itb import db


def test_a_held_message_is_not_taken_and_a_dead_holders_is(postgres_url):
    db.upgrade(postgres_url)
    sid = "SM" + uuid.uuid4().hex
    first = store.hold(sid, 0, postgres_url)
    assert first is not None and first.exclusive
    assert store.claim(sid, "+15555550100", "hello", postgres_url) is None
    # A retry while the first is alive: no lock within its wait.
    began = time.monotonic()
    assert store.hold(sid, 0.3, postgres_url) is None
    assert time.monotonic() - began >= 0.3
    first.release()
    second = store.hold(sid, 0, postgres_url)
    assert second is not None and second.exclusive
    second.release()


def test_the_lock_dies_with_its_process(postgres_url):
    db.upgrade(postgres_url)
    sid = "SM" + uuid.uuid4().hex
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from channels import sms_store as s; "
         f"h = s.hold({sid!r}, 0, {postgres_url!r}); print('held' if h else 'no', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert store.hold(sid, 0.2, postgres_url) is None
        holder.kill()  # SIGKILL: a crashed replica
        holder.wait(10)
        taken = store.hold(sid, 5, postgres_url)
        assert taken is not None and taken.exclusive
        taken.release()
    finally:
        if holder.poll() is None:
            holder.kill()


def test_sqlite_has_no_lock_but_never_blocks(tmp_path):
    url = f"sqlite:///{tmp_path / 'itb.db'}"
    held = store.hold("SM" + uuid.uuid4().hex, 0, url)
    assert held is not None and not held.exclusive
    held.release()
