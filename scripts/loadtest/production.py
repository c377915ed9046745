"""The production profile under test (`python -m launcher.production`: replicas
behind nginx) on free ports, on a scratch PostgreSQL database and its own Redis
prefix; `Stack.hit` signals one replica and waits until it answers again."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Optional, Tuple
from urllib.parse import urlsplit, urlunsplit

from launcher import production
from support.stack import ROOT, free_ports, replica_pid, wait_ready

WORKDIR = ROOT / "var" / "loadtest"  # the stacks' logs and report.json


class Stack:
    """The production profile (launcher/production.py) on free ports, with its own database and Redis prefix."""

    def __init__(self, replicas: int, database_url: str, workdir: Path, token: str) -> None:
        self.replicas = replicas
        base = free_ports(replicas + 4)
        self.base = base
        self.proxy = f"http://127.0.0.1:{base}"
        self.replica_ports = [base + 1 + index for index in range(replicas)]
        self.token = token
        env = dict(os.environ)
        for key in ("ACTION_ENDPOINT_URL", "PROFILE", "LOCK_STORE_TYPE"):
            env.pop(key, None)
        env.update(
            RASA_PORT=str(base), REPLICA_BASE_PORT=str(base + 1),
            ACTION_PORT=str(base + replicas + 1), CONSOLE_PORT=str(base + replicas + 2),
            REPLICAS=str(replicas), TRACKER_STORE_URL=database_url, DATABASE_URL=database_url,
            REDIS_HOST="127.0.0.1", REDIS_PORT="6379", REDIS_DB="1", REDIS_PASSWORD="",
            REDIS_KEY_PREFIX=f"itbload{uuid.uuid4().hex[:8]}",
            NGINX_RUNTIME_DIR=str(workdir / f"nginx-{replicas}"),
            TWILIO_AUTH_TOKEN=token, PUBLIC_BASE_URL=self.proxy,
            RASA_API_TOKEN="", LOG_LEVEL="INFO",
        )
        self.env = env
        self.log_path = workdir / f"production-{replicas}.log"
        self.process: Optional[subprocess.Popen] = None

    def __enter__(self) -> "Stack":
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "launcher.production"], cwd=ROOT, env=self.env,
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            wait_ready([f"http://127.0.0.1:{port}/" for port in self.replica_ports]
                       + [f"{self.proxy}/proxy-health"], self.process, 240)
        except Exception:
            self.__exit__()
            print(f"See {self.log_path}", file=sys.stderr)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()

    def hit(self, port: int, signum: int) -> Tuple[float, float]:
        """Signal the replica on `port`; when it was hit and when it answered again."""
        pid = replica_pid(port)
        hit = time.monotonic()
        os.killpg(pid, signum)
        deadline = hit + 180
        while time.monotonic() < deadline:
            try:
                if replica_pid(port) != pid:
                    break
            except RuntimeError:
                pass
            time.sleep(0.1)
        wait_ready([f"http://127.0.0.1:{port}/"], self.process, max(1.0, deadline - time.monotonic()))
        return hit, time.monotonic()


def scratch_database() -> str:
    name = f"itb_load_{uuid.uuid4().hex[:10]}"
    url = f"postgresql://postgres@127.0.0.1:5432/{name}"
    production.ensure_postgres_database(url)
    return url


def drop_database(url: str) -> None:
    from sqlalchemy import create_engine, text

    parts = urlsplit(url)
    engine = create_engine(urlunsplit(parts._replace(path="/postgres")), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)'))
    finally:
        engine.dispose()
