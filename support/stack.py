"""Free ports, and the local stack (`python -m launcher`, as `make run` starts it) started and stopped."""
from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import requests

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "current.tar.gz"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the time of asking)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def free(port: int) -> bool:
    """Whether nothing listens on `port` of 127.0.0.1."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count: int) -> int:
    """The first of `count` consecutive free ports."""
    for _ in range(500):
        base = random.randint(20000, 60000 - count)
        if all(free(base + offset) for offset in range(count)):
            return base
    raise RuntimeError("no free consecutive ports")


def stop_process_group(process: subprocess.Popen, timeout: float = 30) -> None:
    """Ctrl-C a server started with start_new_session=True; kill it if it hangs."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for(url: str, timeout: float, process: subprocess.Popen) -> None:
    """Until `url` answers below 500; fails if `process` exits first or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} not ready after {timeout}s")


def wait_ready(urls: List[str], process: Optional[subprocess.Popen], timeout: float) -> None:
    """Until every URL answers 200, in order; fails if `process` (launcher.production) exits first."""
    deadline = time.monotonic() + timeout
    pending = list(urls)
    while pending:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"launcher.production exited early with code {process.returncode}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"not ready after {timeout:.0f} s: {pending}")
        try:
            if requests.get(pending[0], timeout=2).status_code == 200:
                pending.pop(0)
                continue
        except requests.RequestException:
            pass
        time.sleep(0.25)


def replica_pid(port: int) -> int:
    """The Rasa process serving `port` (its command line names the port)."""
    wanted = ["--port", str(port)]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parts = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        # `python -m launcher.rasa_server run ...` (both profiles), or Rasa's own `python -m rasa run ...`.
        if {"rasa", "launcher.rasa_server"} & set(parts) and "run" in parts and any(
            parts[i:i + 2] == wanted for i in range(len(parts) - 1)
        ):
            return int(entry.name)
    raise RuntimeError(f"no Rasa replica on port {port}")


@contextmanager
def running_assistant(workdir: Path, **overrides: str) -> Iterator[Dict[str, object]]:
    """Start `python -m launcher` (as `make run` does) on free ports; stop it after."""
    env = dict(os.environ)
    env.update(
        RASA_PORT=str(free_port()),
        ACTION_PORT=str(free_port()),
        CONSOLE_PORT=str(free_port()),
        TRACKER_STORE_URL=f"sqlite:///{workdir / 'tracker.db'}",
        DATABASE_URL=f"sqlite:///{workdir / 'itb.db'}",
        RASA_API_TOKEN="",
        LOG_LEVEL="INFO",
    )
    # The SMS channel checks Twilio signatures made with this token over this address.
    env.update(
        TWILIO_AUTH_TOKEN="test-twilio-token",
        PUBLIC_BASE_URL=f"http://127.0.0.1:{env['RASA_PORT']}",
    )
    env.pop("ACTION_ENDPOINT_URL", None)
    env.update(overrides)
    log = open(workdir / "serve.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "launcher"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    rasa = f"http://127.0.0.1:{env['RASA_PORT']}"
    actions = f"http://127.0.0.1:{env['ACTION_PORT']}"
    try:
        try:
            wait_for(f"{actions}/health", 120, process)
            wait_for(f"{rasa}/", 240, process)
        except (RuntimeError, TimeoutError) as exc:
            log.flush()
            tail = (workdir / "serve.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{exc}; last lines of the log:\n{tail}") from None
        yield {
            "rasa": rasa,
            "actions": actions,
            "tracker_db": workdir / "tracker.db",
            "database_url": env["DATABASE_URL"],
            "log": workdir / "serve.log",
            "process": process,
            "env": env,
        }
    finally:
        stop_process_group(process)
        log.close()
