"""Benchmark: this project's config against Rasa's default config, same data.

Trains both models, then for each one measures training time, cold start to
ready, REST latency (p50/p95) at concurrency 1 and 20, messages per second,
memory (RSS) and intent accuracy on the held-out NLU test set. Prints a
Markdown table. Run with `make bench` (not part of `make test`).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Tuple

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
CONFIGS = {"this project": ROOT / "config.yml", "Rasa default": ROOT / "baseline" / "config.yml"}
ENV = dict(os.environ, PYTHONPATH=str(ROOT), RASA_TELEMETRY_ENABLED="false",
           TF_CPP_MIN_LOG_LEVEL="2", SQLALCHEMY_SILENCE_UBER_WARNING="1", LOG_LEVEL="WARNING")


def test_set() -> List[Tuple[str, str]]:
    examples = []
    for path in sorted((ROOT / "tests" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text())["nlu"]:
            for line in item["examples"].splitlines():
                if line.strip().startswith("- "):
                    examples.append((line.strip()[2:].strip(), item["intent"]))
    return examples


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def train(name: str, config: Path) -> Tuple[Path, float]:
    fixed = name.replace(" ", "_")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "--config", str(config), "--out", str(OUT),
         "--fixed-model-name", fixed, "--quiet", "--force"],
        cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL,
    )
    return OUT / f"{fixed}.tar.gz", time.perf_counter() - start


def rss_mb(pid: int) -> float:
    total = 0
    for child in [pid] + children(pid):
        try:
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def children(pid: int) -> List[int]:
    try:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    except OSError:
        return []
    return [int(p) for p in out.split()]


def percentile(values: List[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def load(url: str, questions: List[str], concurrency: int, total: int) -> Dict[str, float]:
    def one(index: int) -> float:
        body = {"sender": f"bench-{uuid.uuid4().hex}", "message": questions[index % len(questions)]}
        start = time.perf_counter()
        response = requests.post(url, json=body, timeout=60)
        response.raise_for_status()
        return time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        latencies = list(pool.map(one, range(total)))
    elapsed = time.perf_counter() - start
    return {
        "p50": statistics.median(latencies) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "rps": total / elapsed,
    }


def serve(model: Path, questions: List[str], requests_c1: int, requests_c20: int) -> Dict[str, float]:
    port = free_port()
    # In-memory tracker store for both, so the measurement is the assistant itself.
    endpoints = OUT / "endpoints.yml"
    # The project's response generator, as endpoints.yml: responses fill in the clinic's settings.
    endpoints.write_text(
        "action_endpoint:\n  url: http://127.0.0.1:5055/webhook\n"
        "nlg:\n  type: itb.content.nlg.ContentNLG\n"
    )
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "rasa", "run", "--model", str(model), "--port", str(port),
         "--credentials", str(ROOT / "credentials.yml"), "--endpoints", str(endpoints)],
        cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError("server exited")
            try:
                if requests.post(url, json={"sender": "warm", "message": "hi"}, timeout=5).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        cold = time.perf_counter() - start
        for question in questions[:20]:  # warm up
            requests.post(url, json={"sender": "warm", "message": question}, timeout=60)
        c1 = load(url, questions, 1, requests_c1)
        c20 = load(url, questions, 20, requests_c20)
        memory = rss_mb(process.pid)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    return {"cold": cold, "c1": c1, "c20": c20, "rss": memory}


def accuracy(model: Path, examples: List[Tuple[str, str]]) -> float:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()
    try:
        hits = sum(
            loop.run_until_complete(agent.parse_message(text))["intent"]["name"] == intent
            for text, intent in examples
        )
    finally:
        loop.close()
    return hits / len(examples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests-c1", type=int, default=200)
    parser.add_argument("--requests-c20", type=int, default=600)
    parser.add_argument(
        "--reuse-models", action="store_true",
        help="serve the models of the previous run in var/bench instead of training again",
    )
    args = parser.parse_args()
    if not args.reuse_models:
        shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    examples = test_set()
    questions = [text for text, _ in examples]
    results = {}
    for name, config in CONFIGS.items():
        model = OUT / f"{name.replace(' ', '_')}.tar.gz"
        if args.reuse_models and model.is_file():
            seconds = float("nan")
        else:
            print(f"[{name}] training ...", flush=True)
            model, seconds = train(name, config)
        print(f"[{name}] serving ...", flush=True)
        measured = serve(model, questions, args.requests_c1, args.requests_c20)
        measured["train"] = seconds
        measured["accuracy"] = accuracy(model, examples)
        results[name] = measured
    ours, base = results["this project"], results["Rasa default"]
    rows = [
        ("Training time (s)", lambda r: f"{r['train']:.0f}"),
        ("Cold start to first reply (s)", lambda r: f"{r['cold']:.1f}"),
        ("REST p50 / p95, concurrency 1 (ms)", lambda r: f"{r['c1']['p50']:.0f} / {r['c1']['p95']:.0f}"),
        ("REST p50 / p95, concurrency 20 (ms)", lambda r: f"{r['c20']['p50']:.0f} / {r['c20']['p95']:.0f}"),
        ("Messages per second, concurrency 20", lambda r: f"{r['c20']['rps']:.1f}"),
        ("Memory, RSS after load (MB)", lambda r: f"{r['rss']:.0f}"),
        ("Intent accuracy, NLU test set", lambda r: f"{r['accuracy']:.3f}"),
    ]
    print(f"\n{len(examples)} test questions; {args.requests_c1} requests at c=1, {args.requests_c20} at c=20.\n")
    print("| Measure | This project | Rasa default |")
    print("|---|---|---|")
    for label, fmt in rows:
        print(f"| {label} | {fmt(ours)} | {fmt(base)} |")
    print(
        f"\np50 ratio (ours/default, c=1): {ours['c1']['p50'] / base['c1']['p50']:.2f}; "
        f"throughput ratio (c=20): {ours['c20']['rps'] / base['c20']['rps']:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
