"""The Redis lock store against the machine's Redis: tickets issued by several
processes at the same moment are all different, and a conversation's turns
never overlap (the race Rasa's own store has between replicas)."""
from __future__ import annotations

import asyncio
import threading
import time
import uuid

from itb.lock_store import RedisLockStore


def stores(count: int, prefix: str) -> list:
    return [RedisLockStore(host="127.0.0.1", port=6379, db=1, key_prefix=prefix) for _ in range(count)]


def test_tickets_issued_at_once_by_several_stores_are_unique():
    prefix, conversation = f"itbt{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    replicas = stores(4, prefix)
    tickets: list = []
    start = threading.Barrier(40)

    def take(store) -> None:
        start.wait()
        tickets.append(store.issue_ticket(conversation, 30))

    threads = [threading.Thread(target=take, args=(replicas[i % 4],)) for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(tickets) == list(range(40))
    lock = replicas[0].get_lock(conversation)
    assert [ticket.number for ticket in lock.tickets] == list(range(40))
    replicas[0].delete_lock(conversation)


def test_turns_of_one_conversation_never_overlap_across_stores():
    prefix, conversation = f"itbt{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    replicas = stores(3, prefix)
    inside = [0]
    overlaps = [0]
    done = []

    async def turn(store, index: int) -> None:
        async with store.lock(conversation, lock_lifetime=30, wait_time_in_seconds=0.01):
            inside[0] += 1
            overlaps[0] += inside[0] > 1
            await asyncio.sleep(0.005)
            inside[0] -= 1
            done.append(index)

    def replica(store, offset: int) -> None:
        async def run() -> None:
            await asyncio.gather(*(turn(store, offset + i) for i in range(10)))
        asyncio.run(run())

    # One event loop per store, in threads: like replicas, they share only Redis.
    threads = [threading.Thread(target=replica, args=(store, 10 * n)) for n, store in enumerate(replicas)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(done) == list(range(30)), f"turns missing after {time.monotonic() - began:.1f} s"
    assert overlaps[0] == 0
    assert replicas[0].get_lock(conversation) is None  # the last one out deleted it
