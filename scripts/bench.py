"""Benchmark: this project's config against Rasa's default config, same data, one run.

`make bench` (never part of `make test`):

1. **Models.** Both configs are trained on the same domain and data. Each
   trained model is kept in var/bench/models/ under the hash of its inputs
   (config, domain, data, the project's components, Rasa's version), so a
   second run trains nothing unless something changed.
2. **The assistant alone.** Each model is served over REST with the in-memory
   tracker store and measured: cold start to the first reply, p50/p95 at
   concurrency 1 and 20, messages per second, memory (RSS) after the load,
   and intent accuracy on the held-out NLU sets. This project is served as
   `make run` serves it (`python -m launcher.rasa_server`), Rasa's default as Rasa
   serves it (`python -m rasa run`). A third column serves the default model
   through `launcher.rasa_server` too, to show what the serving settings alone give.
3. **The whole `make run` stack** (this project only): REST through the
   project's channel with the SQLite tracker store and the action server, and
   the web chat socket.
4. **Where a message's time goes**: the assistant in-process with the SQLite
   tracker store, each graph step, the tracker reads and writes and the
   response generator timed separately.

Prints Markdown tables and writes every figure to var/bench/latest.json.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import requests

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Imported first: the in-process profile runs as the server runs (BLAS on one thread).
from launcher import rasa_server  # noqa: E402

from support.nlu import held_out  # noqa: E402
from support.stack import free_port, running_assistant  # noqa: E402

OUT = ROOT / "var" / "bench"
MODELS = OUT / "models"
CONFIGS = {"this project": ROOT / "config.yml", "Rasa default": ROOT / "baseline" / "config.yml"}
ENV = dict(os.environ, PYTHONPATH=str(ROOT), RASA_TELEMETRY_ENABLED="false",
           TF_CPP_MIN_LOG_LEVEL="2", SQLALCHEMY_SILENCE_UBER_WARNING="1", LOG_LEVEL="WARNING")
SERVERS = {"rasa": [sys.executable, "-m", "rasa", "run"],
           "itb": [sys.executable, "-m", "launcher.rasa_server", "run"]}


# ------------------------------------------------------------------ models

def inputs_hash(config: Path) -> str:
    """What a trained model depends on: its config, the domain and data, the
    project's own components (when the config names them), and Rasa's version."""
    import rasa

    digest = hashlib.sha256()
    files = [config, ROOT / "domain.yml", *sorted((ROOT / "data").rglob("*.yml"))]
    if "itb." in config.read_text():  # the project's components are part of this model
        files += [*sorted((ROOT / "itb").rglob("*.py")), *sorted((ROOT / "itb").rglob("*.yml"))]
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    digest.update(rasa.__version__.encode())
    return digest.hexdigest()[:16]


def model_for(name: str, config: Path) -> Tuple[Path, float, bool]:
    """The trained model for `config` (from the cache when its inputs are unchanged),
    its training time in seconds, and whether it came from the cache."""
    MODELS.mkdir(parents=True, exist_ok=True)
    fixed = f"{name.replace(' ', '_')}-{inputs_hash(config)}"
    model, facts = MODELS / f"{fixed}.tar.gz", MODELS / f"{fixed}.json"
    if model.is_file() and facts.is_file():
        return model, float(json.loads(facts.read_text())["train_seconds"]), True
    print(f"[{name}] training (kept for later runs) ...", flush=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "--config", str(config), "--out", str(MODELS),
         "--fixed-model-name", fixed, "--quiet", "--force"],
        cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    facts.write_text(json.dumps({"train_seconds": seconds, "config": str(config.relative_to(ROOT))}))
    for old in MODELS.glob(f"{name.replace(' ', '_')}-*"):
        if not old.name.startswith(fixed):
            old.unlink()
    return model, seconds, False


# ----------------------------------------------------------------- measuring

def percentile(values: List[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def rss_mb(pid: int) -> float:
    total = 0
    pids = [pid]
    try:
        pids += [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                                                text=True).stdout.split()]
    except OSError:
        pass
    for child in pids:
        try:
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def load(send: Callable[[str, str], None], questions: List[str], concurrency: int, total: int) -> Dict[str, float]:
    def one(index: int) -> float:
        start = time.perf_counter()
        send(f"bench-{uuid.uuid4().hex}", questions[index % len(questions)])
        return time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        latencies = list(pool.map(one, range(total)))
    elapsed = time.perf_counter() - start
    return {"p50_ms": statistics.median(latencies) * 1000, "p95_ms": percentile(latencies, 0.95) * 1000,
            "msg_per_s": total / elapsed}


def rest_sender(url: str) -> Callable[[str, str], None]:
    session = requests.Session()

    def send(sender: str, text: str) -> None:
        response = session.post(url, json={"sender": sender, "message": text}, timeout=60)
        response.raise_for_status()
        if not response.json():
            raise RuntimeError("no reply")

    return send


def serve(server: str, model: Path, questions: List[str], c1: int, c20: int) -> Dict[str, Any]:
    """One Rasa server with the in-memory tracker store, measured over REST."""
    port = free_port()
    endpoints = OUT / "endpoints.yml"
    # Both use the project's response generator (settings in the texts) and no action server.
    endpoints.write_text("nlg:\n  type: itb.content.nlg.ContentNLG\n")
    start = time.perf_counter()
    process = subprocess.Popen(
        SERVERS[server] + ["--model", str(model), "--port", str(port),
                           "--credentials", str(ROOT / "credentials.yml"), "--endpoints", str(endpoints)],
        cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{server} server exited")
            try:
                if requests.post(url, json={"sender": "warm", "message": "hi"}, timeout=5).ok:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        cold = time.perf_counter() - start
        send = rest_sender(url)
        for question in questions[:50]:
            send("warm", question)
        result = {"ready_after_s": cold, "c1": load(send, questions, 1, c1),
                  "c20": load(send, questions, 20, c20), "rss_mb": rss_mb(process.pid)}
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    return result


def accuracy(model: Path, examples: List[Tuple[str, str]]) -> float:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()
    try:
        hits = 0
        for text, intent in examples:
            parsed = loop.run_until_complete(agent.parse_message(text))["intent"]
            hits += (parsed.get("full_retrieval_intent_name") or parsed["name"]) == intent
    finally:
        loop.close()
    return hits / len(examples)


# ------------------------------------------------------------ the whole stack

def socket_round_trips(base: str, questions: List[str], count: int) -> Dict[str, float]:
    """Web chat: time from emitting a message to its first bot_uttered."""
    import threading

    import socketio

    arrived = threading.Event()
    confirmed: List[str] = []
    client = socketio.Client(reconnection=False)
    client.on("bot_uttered", lambda data: arrived.set())
    client.on("session_confirm", lambda session_id: confirmed.append(session_id))
    client.connect(base, socketio_path="/webhooks/webchat/socket.io", transports=["websocket"])
    latencies = []
    try:
        client.emit("session_request", {"session_id": None})
        deadline = time.monotonic() + 10
        while not confirmed and time.monotonic() < deadline:
            time.sleep(0.02)
        for index in range(count):
            arrived.clear()
            start = time.perf_counter()
            client.emit("user_uttered", {"message": questions[index % len(questions)],
                                         "session_id": confirmed[0], "message_id": uuid.uuid4().hex})
            if not arrived.wait(30):
                raise RuntimeError("no web chat reply")
            latencies.append(time.perf_counter() - start)
            time.sleep(3.1)  # the widget's own rate limit: 20 messages a minute per conversation
    finally:
        client.disconnect()
    return {"p50_ms": statistics.median(latencies) * 1000, "p95_ms": percentile(latencies, 0.95) * 1000}


def stack(questions: List[str], c1: int, c20: int, socket_count: int) -> Dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        with running_assistant(Path(folder), LOG_LEVEL="WARNING") as started:
            ready = time.perf_counter() - start
            send = rest_sender(f"{started['rasa']}/webhooks/rest/webhook")
            for question in questions[:50]:
                send("warm", question)
            result = {"ready_after_s": ready, "c1": load(send, questions, 1, c1),
                      "c20": load(send, questions, 20, c20)}
            result["socket"] = socket_round_trips(str(started["rasa"]), questions, socket_count)
            process = started["process"]
            result["rss_mb_all_processes"] = rss_mb(process.pid)  # type: ignore[attr-defined]
    return result


# ------------------------------------------------------------------- profile

STEPS = [  # (label, node name contains)
    ("spaCy (tokens and vectors)", "SpacyNLP"), ("tokenizer", "Tokenizer"),
    ("intent classifier", "LinearIntentClassifier"), ("names, dates, times", "SpacyDocEntities"),
    ("fallback classifier", "FallbackClassifier"), ("language", "LanguageDetector"),
    ("safety check", "SafetyGuard"), ("safety policy", "SafetyPolicy"),
    ("rule lookup", "RulePolicy"), ("memoization", "MemoizationPolicy"),
]


def profile(model: Path, questions: List[str], count: int) -> Dict[str, float]:
    """Milliseconds per message in each part, in-process, SQLite tracker store."""
    import logging

    import rasa.utils.common
    import structlog
    from rasa.core.tracker_store import SQLTrackerStore

    from itb.content import nlg

    rasa.utils.common.configure_logging_and_warnings(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    spent: Dict[str, float] = {}

    def timed(label: str, function: Callable) -> Callable:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start
        return wrapper

    def timed_async(label: str, function: Callable) -> Callable:
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start
        return wrapper

    with tempfile.TemporaryDirectory() as folder:
        store = SQLTrackerStore(dialect="sqlite", db=str(Path(folder) / "tracker.db"))
        agent = rasa_server.load_in_process(str(model), generator=nlg.endpoint(), tracker_store=store)
        nodes = agent.processor.graph_runner._instantiated_nodes
        for name, node in list(nodes.items()):
            label = next((part_label for part_label, part in STEPS if part in name), "other graph steps")
            nodes[name] = timed(label, node)  # the runner calls the node objects it finds here
        agent.tracker_store.retrieve = timed_async("tracker read (SQLite)", agent.tracker_store.retrieve)
        agent.tracker_store.save = timed_async("tracker write (SQLite)", agent.tracker_store.save)
        generator = agent.processor.nlg
        generator.generate = timed_async("response texts", generator.generate)
        loop = asyncio.new_event_loop()
        try:
            for question in questions[:50]:
                loop.run_until_complete(agent.handle_text(question, sender_id="warm"))
            spent.clear()
            start = time.perf_counter()
            for index in range(count):
                loop.run_until_complete(agent.handle_text(questions[index % len(questions)],
                                                          sender_id=f"profile-{index}"))
            total = time.perf_counter() - start
        finally:
            loop.close()
    result = {label: seconds * 1000 / count for label, seconds in spent.items()}
    result["Rasa's own processing (the rest)"] = total * 1000 / count - sum(result.values())
    result["total in-process"] = total * 1000 / count
    return result


# --------------------------------------------------------------------- main

def table(rows: List[Tuple[str, Callable[[Dict[str, Any]], str]]], columns: Dict[str, Dict[str, Any]]) -> None:
    print("| Measure | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for label, fmt in rows:
        print(f"| {label} | " + " | ".join(fmt(values) for values in columns.values()) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests-c1", type=int, default=300)
    parser.add_argument("--requests-c20", type=int, default=1000)
    parser.add_argument("--socket-messages", type=int, default=20)
    parser.add_argument("--profile-messages", type=int, default=500)
    parser.add_argument("--skip-stack", action="store_true", help="only the in-memory comparison")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    examples = held_out(spanish=False) + held_out(spanish=True)
    questions = [text for text, _ in examples]
    results: Dict[str, Any] = {"questions": len(questions), "requests_c1": args.requests_c1,
                               "requests_c20": args.requests_c20, "cpus": os.cpu_count(),
                               "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    models = {}
    for name, config in CONFIGS.items():
        model, seconds, cached = model_for(name, config)
        models[name] = model
        results.setdefault("models", {})[name] = {"file": model.name, "train_s": seconds, "cached": cached}
    runs = {"this project": ("itb", models["this project"]),
            "Rasa default": ("rasa", models["Rasa default"]),
            "Rasa default, served like this project": ("itb", models["Rasa default"])}
    serving: Dict[str, Dict[str, Any]] = {}
    for label, (server, model) in runs.items():
        print(f"[{label}] serving ...", flush=True)
        serving[label] = serve(server, model, questions, args.requests_c1, args.requests_c20)
    for name, model in models.items():
        print(f"[{name}] accuracy ...", flush=True)
        score = accuracy(model, examples)
        for label, (_, served) in runs.items():
            if served == model:
                serving[label]["accuracy"] = score
                serving[label]["train_s"] = results["models"][name]["train_s"]
    results["serving"] = serving
    ours, base = serving["this project"], serving["Rasa default"]
    results["ratios"] = {
        "p50_c1": ours["c1"]["p50_ms"] / base["c1"]["p50_ms"],
        "throughput_c20": ours["c20"]["msg_per_s"] / base["c20"]["msg_per_s"],
        "rss": ours["rss_mb"] / base["rss_mb"],
        "accuracy": ours["accuracy"] - base["accuracy"],
    }
    if not args.skip_stack:
        print("[this project] whole make run stack ...", flush=True)
        results["stack"] = stack(questions, args.requests_c1, args.requests_c20, args.socket_messages)
    print("[this project] profile ...", flush=True)
    results["profile_ms"] = profile(models["this project"], questions, args.profile_messages)
    (OUT / "latest.json").write_text(json.dumps(results, indent=2))

    print(f"\n{len(questions)} held-out questions (English and Spanish); "
          f"{args.requests_c1} requests at c=1, {args.requests_c20} at c=20; {os.cpu_count()} CPUs.\n")
    table([
        ("Training time (s)", lambda r: f"{r['train_s']:.0f}"),
        ("Ready after start (s)", lambda r: f"{r['ready_after_s']:.1f}"),
        ("p50 / p95, concurrency 1 (ms)", lambda r: f"{r['c1']['p50_ms']:.1f} / {r['c1']['p95_ms']:.1f}"),
        ("p50 / p95, concurrency 20 (ms)", lambda r: f"{r['c20']['p50_ms']:.0f} / {r['c20']['p95_ms']:.0f}"),
        ("Messages per second, concurrency 1", lambda r: f"{r['c1']['msg_per_s']:.0f}"),
        ("Messages per second, concurrency 20", lambda r: f"{r['c20']['msg_per_s']:.0f}"),
        ("Memory, RSS after the load (MB)", lambda r: f"{r['rss_mb']:.0f}"),
        ("Intent accuracy, held-out sets", lambda r: f"{r['accuracy']:.3f}"),
    ], serving)
    ratios = results["ratios"]
    print(f"\nThis project against Rasa's default: p50 {ratios['p50_c1']:.2f}x (goal at most 0.33), "
          f"throughput at c=20 {ratios['throughput_c20']:.2f}x (goal at least 3), "
          f"memory {ratios['rss']:.2f}x (goal at most 0.7), accuracy {ratios['accuracy']:+.3f}.")
    if "stack" in results:
        s = results["stack"]
        print("\nThe whole `make run` stack (REST channel, SQLite tracker store, action server):\n")
        print("| Measure | Value |\n|---|---|")
        print(f"| Ready after start (s) | {s['ready_after_s']:.1f} |")
        print(f"| REST p50 / p95, concurrency 1 (ms) | {s['c1']['p50_ms']:.1f} / {s['c1']['p95_ms']:.1f} |")
        print(f"| REST p50 / p95, concurrency 20 (ms) | {s['c20']['p50_ms']:.0f} / {s['c20']['p95_ms']:.0f} |")
        print(f"| REST messages per second, concurrency 20 | {s['c20']['msg_per_s']:.0f} |")
        print(f"| Web chat p50 / p95, message to first reply (ms) | {s['socket']['p50_ms']:.1f} / {s['socket']['p95_ms']:.1f} |")
        print(f"| Memory, all processes (MB) | {s['rss_mb_all_processes']:.0f} |")
    print("\nWhere a message's time goes (in-process, SQLite tracker store, ms per message):\n")
    print("| Part | ms |\n|---|---|")
    for label, value in sorted(results["profile_ms"].items(), key=lambda item: -item[1]):
        print(f"| {label} | {value:.2f} |")
    print(f"\nFigures written to {(OUT / 'latest.json').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
