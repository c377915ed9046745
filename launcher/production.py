"""The production profile: N Rasa replicas on PostgreSQL and Redis behind nginx.

`make run-prod` (`python -m launcher.production`), or `PROFILE=production` in
`.env` with `make run`. Starts

- the action server on ACTION_PORT (5055),
- REPLICAS (2) Rasa servers on 127.0.0.1, ports REPLICA_BASE_PORT (RASA_PORT + 1)
  and up, sharing the tracker store (PostgreSQL, TRACKER_STORE_URL) and the
  lock store (Redis, REDIS_*), so any replica can take any turn of any
  conversation and turns of one conversation never run at the same time,
- nginx (Debian's) on RASA_PORT (5005), the only public port: REST and SMS go
  to any replica, socket.io sticks to one (deploy/nginx.conf, rendered to
  var/nginx/nginx.conf).

A replica or the action server that exits is restarted; Ctrl-C or SIGTERM stops
nginx first (it finishes the requests in flight), then the replicas (Sanic
finishes their turns), then the action server. The default `make run` path
(launcher/local.py) is untouched by this module.

`python -m launcher.production prepare|rasa|actions` runs one process of a
container deployment instead (deploy/Dockerfile, deploy/docker-compose.yml,
deploy/k8s): see `container()`.

Every process, this launcher included, logs one JSON object per line without
message text (LOG_FORMAT=json, the default here; itb/logs.py). Probes: each
replica's GET /webhooks/rest/ (liveness) and /webhooks/rest/ready (readiness),
the action server's GET /health, the console's /healthz and /readyz, nginx's
/proxy-health.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional
from urllib.parse import urlsplit, urlunsplit

from itb import logs
from launcher.common import ROOT, Child, StopRequest, commands, environment, no_model, say, stop_together

NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf"
NGINX_COMPOSE = ROOT / "deploy" / "nginx.compose.conf"
RUNTIME = ROOT / "var" / "nginx"

# The machine's own services (README "Running in production").
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/itb"
DEFAULTS = {
    "REPLICAS": "2",
    "TRACKER_STORE_URL": DEFAULT_POSTGRES_URL,
    "DATABASE_URL": DEFAULT_POSTGRES_URL,
    "REDIS_HOST": "127.0.0.1",
    "REDIS_PORT": "6379",
    "REDIS_DB": "1",
    "REDIS_KEY_PREFIX": "itb",
}
# Every name the production profile reads (docker-compose.yml and the
# Kubernetes manifests use the same names; tests/deploy checks it).
SETTINGS = (
    "PROFILE", "REPLICAS", "RASA_PORT", "REPLICA_BASE_PORT", "ACTION_PORT",
    "TRACKER_STORE_URL", "DATABASE_URL", "LOCK_STORE_TYPE",
    "REDIS_HOST", "REDIS_PORT", "REDIS_DB", "REDIS_PASSWORD", "REDIS_KEY_PREFIX",
    "NGINX_RUNTIME_DIR", "LOG_LEVEL", "LOG_FORMAT",
)


class ConfigError(Exception):
    pass


def production_environment(base: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """The environment for every child process in the production profile."""
    source = dict(os.environ if base is None else base)
    for key, value in DEFAULTS.items():
        if not source.get(key, "").strip():
            source[key] = value
    source.setdefault("REDIS_PASSWORD", "")
    source["LOCK_STORE_TYPE"] = "redis"
    source["PROFILE"] = "production"
    for key in ("TRACKER_STORE_URL", "DATABASE_URL"):
        if source[key].strip().startswith("sqlite"):
            raise ConfigError(
                f"{key} is SQLite, but the production profile shares its database between "
                f"processes: set a PostgreSQL URL (default {DEFAULT_POSTGRES_URL}) or unset it."
            )
    saved = dict(os.environ)
    try:  # environment() fills in the rest (ports, action endpoint, log level and format)
        os.environ.clear()
        os.environ.update(source)
        env = environment()
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    finally:
        os.environ.clear()
        os.environ.update(saved)
    replicas = int(env["REPLICAS"])
    if not 1 <= replicas <= 32:
        raise ConfigError(f"REPLICAS must be between 1 and 32, not {replicas}")
    if not env.get("REPLICA_BASE_PORT", "").strip():
        env["REPLICA_BASE_PORT"] = str(int(env["RASA_PORT"]) + 1)
    ports = replica_ports(env)
    taken = {int(env["RASA_PORT"]), int(env["ACTION_PORT"])}
    if taken & set(ports):
        raise ConfigError(f"Replica ports {ports} overlap RASA_PORT or ACTION_PORT {sorted(taken)}")
    return env


def replica_ports(env: Dict[str, str]) -> List[int]:
    base = int(env["REPLICA_BASE_PORT"])
    return [base + index for index in range(int(env["REPLICAS"]))]


def render_nginx(listen: str, servers: List[str], runtime: str, access_log: str,
                 error_log: str, user: str = "") -> str:
    """deploy/nginx.conf with its {{placeholders}} filled in."""
    text = NGINX_TEMPLATE.read_text()
    values = {
        "user": user,
        "runtime": runtime,
        "error_log": error_log,
        "access_log": access_log,
        "listen": listen,
        "servers": "\n".join(f"        server {server} max_fails=1 fail_timeout=5s;" for server in servers),
    }
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    if "{{" in text:
        raise ConfigError("deploy/nginx.conf has an unknown placeholder")
    return text


def render_nginx_compose() -> str:
    """The config docker-compose.yml mounts: Docker's DNS gives every address of `rasa`."""
    return render_nginx(
        listen="5005", servers=["rasa:5005"], runtime="/tmp",
        access_log="/dev/stdout", error_log="stderr",
    )


def render_nginx_local(env: Dict[str, str], runtime: Optional[Path] = None) -> Path:
    """deploy/nginx.conf for this machine, written to NGINX_RUNTIME_DIR (var/nginx)."""
    runtime = runtime or Path(env.get("NGINX_RUNTIME_DIR", "").strip() or RUNTIME)
    runtime.mkdir(parents=True, exist_ok=True)
    text = render_nginx(
        listen=env["RASA_PORT"],
        servers=[f"127.0.0.1:{port}" for port in replica_ports(env)],
        runtime=str(runtime),
        access_log=str(runtime / "access.log"),
        error_log=str(runtime / "error.log"),
    )
    path = runtime / "nginx.conf"
    path.write_text(text)
    return path


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        raise ConfigError("nginx is not installed: `apt-get install -y nginx` (Debian's package).")
    return found


def nginx_command(conf: Path, *extra: str) -> List[str]:
    runtime = conf.parent
    return [nginx_binary(), "-p", str(runtime), "-e", str(runtime / "error.log"), "-c", str(conf), *extra]


def check_nginx(conf: Path) -> None:
    result = subprocess.run(nginx_command(conf, "-t", "-q"), capture_output=True, text=True)
    if result.returncode != 0:
        raise ConfigError(f"nginx rejects {conf}:\n{result.stderr}")


def ensure_postgres_database(url: str) -> None:
    """Create the database of a PostgreSQL URL if it does not exist yet."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    parts = urlsplit(url)
    if not parts.scheme.startswith("postgresql"):
        return
    engine = create_engine(url, future=True)
    try:  # a managed database the user may not create databases on: just use it
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return
    except OperationalError:
        pass
    finally:
        engine.dispose()
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT", future=True)
    try:
        with engine.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).scalar()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()


def prepare_storage(env: Dict[str, str]) -> None:
    """Databases, the project's migrations and Rasa's tracker tables, once,
    before the replicas start (so they never race to create the same tables),
    and a check that Redis answers."""
    import redis

    from itb import db

    for key in ("DATABASE_URL", "TRACKER_STORE_URL"):
        ensure_postgres_database(env[key])
    db.upgrade(env["DATABASE_URL"])
    from rasa.core.tracker_store import SQLTrackerStore

    SQLTrackerStore(domain=None, host=env["TRACKER_STORE_URL"]).engine.dispose()
    client = redis.Redis(
        host=env["REDIS_HOST"], port=int(env["REDIS_PORT"]), db=int(env["REDIS_DB"]),
        password=env.get("REDIS_PASSWORD") or None, socket_timeout=5,
    )
    try:
        client.ping()
    except redis.RedisError as exc:
        raise ConfigError(f"Redis does not answer at {env['REDIS_HOST']}:{env['REDIS_PORT']}: {exc}") from exc
    finally:
        client.close()


def children(env: Dict[str, str], conf: Path) -> List[Child]:
    started = commands(env)
    actions, rasa = started[0], started[1]
    result = [Child("action server", actions)]
    # Anything else commands() starts (the staff console): optional, restarted,
    # never a reason to stop the assistant.
    for command in started[2:]:
        name = command[2] if command[1:2] == ["-m"] else Path(command[-1]).name
        result.append(Child(name, command, optional=True))
    port_index = rasa.index("--port") + 1
    for number, port in enumerate(replica_ports(env), start=1):
        command = list(rasa)
        command[port_index] = str(port)
        command += ["--interface", "127.0.0.1"]
        result.append(Child(f"rasa replica {number} (:{port})", command))
    # nginx: QUIT is its graceful stop (finish the requests in flight).
    result.append(Child("nginx", nginx_command(conf, "-g", "daemon off;"), signal.SIGQUIT, restart=False))
    return result


def stop_all(processes: List[Child], timeout: float = 20.0) -> None:
    # Front to back: the proxy stops taking requests, then the replicas finish
    # their turns, then the action server they call.
    groups = [[c for c in processes if c.name == "nginx"],
              [c for c in processes if c.name.startswith("rasa")],
              [c for c in processes if not c.name.startswith("rasa") and c.name != "nginx"]]
    for group in groups:
        stop_together(group, timeout)


def main() -> int:
    if no_model():
        return 1
    try:
        env = production_environment()
        logs.setup(env["LOG_FORMAT"], "launcher")
        conf = render_nginx_local(env)
        check_nginx(conf)
        prepare_storage(env)
    except ConfigError as exc:
        say(f"Production profile: {exc}", error=True)
        return 1
    processes = children(env, conf)
    stop = StopRequest()
    stop.install()
    for child in processes:
        child.start(env)
    ports = ", ".join(str(port) for port in replica_ports(env))
    say(
        f"Production profile: nginx on port {env['RASA_PORT']} "
        f"(REST http://localhost:{env['RASA_PORT']}/webhooks/rest/webhook), "
        f"{len(replica_ports(env))} Rasa replicas on 127.0.0.1:{ports}, actions on port "
        f"{env['ACTION_PORT']}; tracker store and tables on PostgreSQL, locks on Redis "
        f"{env['REDIS_HOST']}:{env['REDIS_PORT']}. Ctrl-C stops it.",
    )
    code = 0
    while not stop.requested:
        for child in processes:
            if stop.requested or child.running() or child.given_up:
                continue
            assert child.process is not None
            returncode = child.process.returncode
            now = time.monotonic()
            child.restarts = [t for t in child.restarts if now - t < 60]
            if child.optional and len(child.restarts) >= 5:
                if not child.given_up:
                    say(f"{child.name} keeps stopping (exit code {returncode}); "
                        "the assistant keeps running without it.", error=True)
                    child.given_up = True
                continue
            if not child.restart or len(child.restarts) >= 5:
                say(f"{child.name} stopped (exit code {returncode}); stopping.", error=True)
                code = returncode or 1
                stop.requested = True
                break
            say(f"{child.name} stopped (exit code {returncode}); restarting it.", error=True)
            child.restarts.append(now)
            child.start(env)
        time.sleep(0.2)
    stop_all(processes)
    say("Stopped.")
    return code


def container(role: str) -> int:
    """One process of a container deployment (deploy/docker-compose.yml, deploy/k8s):
    `prepare` (databases, migrations, tracker tables; run once before the
    replicas), `rasa` (one replica on RASA_PORT, all interfaces) or `actions`."""
    try:
        env = production_environment()
        logs.setup(env["LOG_FORMAT"], role)
        if role == "prepare":
            prepare_storage(env)
            say("Storage ready.")
            return 0
    except ConfigError as exc:
        say(f"Production profile: {exc}", error=True)
        return 1
    actions, rasa = commands(env)[:2]
    command = {"rasa": rasa + ["--interface", "0.0.0.0"], "actions": actions}.get(role)
    if command is None:
        say(f"Unknown role {role!r}: prepare, rasa or actions.", error=True)
        return 2
    os.chdir(ROOT)
    os.execvpe(command[0], command, env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(container(sys.argv[1]) if len(sys.argv) > 1 else main())
