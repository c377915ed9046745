"""A scratch PostgreSQL database on the machine's server (TEST_POSTGRES_URL), dropped afterwards."""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import Iterator

POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def scratch_postgres() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the machine's server, dropped afterwards.

    Fails the running test (pytest.fail) when the server is not reachable."""
    from sqlalchemy import create_engine, text

    name = f"itb_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001
        import pytest

        pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {exc}")
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"
            ), {"name": name})
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
