"""The throughput phase: closed-loop REST questions against 1 and against 2 replicas."""
from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path
from typing import Dict, List

from scripts.loadtest.clients import Rest
from scripts.loadtest.production import Stack
from scripts.loadtest.report import percentile
from scripts.loadtest.traffic import QUESTIONS


def throughput(replicas: int, database_url: str, workdir: Path, token: str,
               concurrency: int, seconds: float) -> Dict[str, float]:
    """Closed-loop REST questions against `replicas` replicas: messages a second."""
    with Stack(replicas, database_url, workdir, token) as stack:
        stop = threading.Event()
        latencies: List[float] = []
        failures = [0]
        lock = threading.Lock()

        def user() -> None:
            client = Rest(stack.proxy)
            index = 0
            while not stop.is_set():
                if index % len(QUESTIONS) == 0:  # conversations as long as a patient's
                    sender = f"load-tp-{uuid.uuid4().hex[:16]}"
                began = time.monotonic()
                try:
                    client.send(sender, QUESTIONS[1 + index % (len(QUESTIONS) - 1)], uuid.uuid4().hex)
                    with lock:
                        latencies.append(time.monotonic() - began)
                except Exception:  # noqa: BLE001
                    with lock:
                        failures[0] += 1
                index += 1

        # A short warm-up, then the measured window.
        threads = [threading.Thread(target=user, daemon=True) for _ in range(concurrency)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        with lock:
            latencies.clear()
        began = time.monotonic()
        time.sleep(seconds)
        with lock:
            done = list(latencies)
        elapsed = time.monotonic() - began
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
    return {
        "replicas": replicas, "messages_per_second": len(done) / elapsed,
        "p50_ms": percentile(done, 0.5) * 1000, "p95_ms": percentile(done, 0.95) * 1000,
        "failures": failures[0],
    }
