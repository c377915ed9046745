"""Rasa's Redis lock store with every change to a conversation's lock atomic.

Rasa keeps a conversation's lock (a queue of numbered tickets) as one JSON
value in Redis and changes it by read, modify, write. Two replicas that take a
message of the same conversation at the same moment can both read the lock,
both issue "their" next ticket and both write: one ticket is overwritten, both
replicas believe they are first, and the two turns run at once, so one of them
is lost from the tracker store (seen in tests/deploy/test_production.py). Here
each read-modify-write runs in a Redis transaction that is retried when another
process changed the lock in between (WATCH/MULTI/EXEC). Waiting, ticket
lifetimes and everything else are Rasa's own.

`endpoints.yml` uses it when LOCK_STORE_TYPE is `redis` (launcher/common.py
sets LOCK_STORE_CLASS).
"""
from __future__ import annotations

import json
from typing import Any, Callable, Optional, Text, Tuple

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError
from rasa.core.lock_store import RedisLockStore as RasaRedisLockStore
from rasa.utils.endpoints import EndpointConfig

# What a change does with the lock: keep it (save), or delete it.
Change = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], Any, bool]]


class RedisLockStore(RasaRedisLockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _atomic(self, conversation_id: Text, change: Change) -> Any:
        import redis

        key = self.key_prefix + conversation_id
        while True:
            with self.red.pipeline() as pipe:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    lock, result, delete = change(lock)
                    pipe.multi()
                    if delete:
                        pipe.delete(key)
                    elif lock is not None:
                        pipe.set(key, lock.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another process changed the lock first: read it again

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], Any, bool]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime), False

        try:
            return int(self._atomic(conversation_id, change))
        except Exception as exc:
            raise LockError(f"Error while acquiring lock ({type(exc).__name__}).") from exc

    def update_lock(self, conversation_id: Text) -> None:
        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], Any, bool]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None, False

        self._atomic(conversation_id, change)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], Any, bool]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None, False

        self._atomic(conversation_id, change)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], Any, bool]:
            if lock is None:
                return None, None, False
            lock.remove_ticket_for(ticket_number)
            return lock, None, not lock.is_someone_waiting()

        self._atomic(conversation_id, change)
