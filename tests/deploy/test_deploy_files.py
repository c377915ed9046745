"""The deployment files under deploy/ agree with the local production profile
(launcher/production.py): the same ports, the same setting names, at least two
Rasa replicas, no secret written in them, and an nginx config nginx accepts."""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from launcher import common, production

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"

# Settings only the single-machine launcher reads (containers run one process each).
LOCAL_ONLY = {"REPLICAS", "REPLICA_BASE_PORT", "NGINX_RUNTIME_DIR"}
# Settings that carry a password or token: only ever from the environment.
SECRET_NAME = re.compile(r"(PASSWORD|TOKEN|SECRET_KEY|SECRET)$")
SECRET_URLS = {"TRACKER_STORE_URL", "DATABASE_URL"}
ENV_REFERENCE = re.compile(r"^\$\{[A-Z][A-Z0-9_]*(:?[-?][^}]*)?\}$")


@pytest.fixture(scope="module")
def local():
    return production.production_environment({"PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def k8s():
    documents = [d for d in yaml.safe_load_all((DEPLOY / "k8s" / "itb.yaml").read_text()) if d]
    return {(d["kind"], d["metadata"]["name"]): d for d in documents}


# Set by launcher/common.py from other settings in every container and process.
DERIVED = {"LOCK_STORE_CLASS"}


def endpoint_variables() -> set:
    return set(re.findall(r"\$\{([A-Z0-9_]+)\}", (ROOT / "endpoints.yml").read_text())) - DERIVED


def env_example_names() -> set:
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))


# ---------------------------------------------------------------- compose

def test_compose_runs_at_least_two_rasa_replicas_and_every_process(compose):
    services = compose["services"]
    assert {"rasa", "actions", "nginx", "postgres", "redis"} <= set(services)
    assert int(services["rasa"]["deploy"]["replicas"]) >= 2
    assert int(production.DEFAULTS["REPLICAS"]) >= 2


def test_compose_uses_the_local_profiles_ports(compose, local):
    services = compose["services"]
    env = services["rasa"]["environment"]
    assert env["RASA_PORT"] == local["RASA_PORT"] == "5005"
    assert env["ACTION_PORT"] == local["ACTION_PORT"] == "5055"
    assert env["ACTION_ENDPOINT_URL"] == f"http://actions:{local['ACTION_PORT']}/webhook"
    assert services["rasa"]["expose"] == [local["RASA_PORT"]]
    assert services["actions"]["expose"] == [local["ACTION_PORT"]]
    assert services["nginx"]["ports"] == ["${RASA_PORT:-5005}:5005"]
    assert f"127.0.0.1:{local['RASA_PORT']}/webhooks/rest/ready'" in " ".join(services["rasa"]["healthcheck"]["test"])
    assert f"127.0.0.1:{local['ACTION_PORT']}/health'" in " ".join(services["actions"]["healthcheck"]["test"])
    assert f"127.0.0.1:{local['CONSOLE_PORT']}/readyz'" in " ".join(services["console"]["healthcheck"]["test"])
    assert services["console"]["environment"]["CONSOLE_PORT"] == local["CONSOLE_PORT"]
    assert services["console"]["ports"] == [f"127.0.0.1:{local['CONSOLE_PORT']}:{local['CONSOLE_PORT']}"]


def test_compose_uses_the_same_setting_names(compose, local):
    env = compose["services"]["rasa"]["environment"]
    assert set(production.SETTINGS) - LOCAL_ONLY <= set(env)
    assert endpoint_variables() <= set(env)
    assert env["LOCK_STORE_TYPE"] == local["LOCK_STORE_TYPE"] == "redis"
    assert local["LOCK_STORE_CLASS"] == "itb.lock_store.RedisLockStore"
    assert env["PROFILE"] == local["PROFILE"] == "production"
    assert env["LOG_FORMAT"] == "${LOG_FORMAT:-json}" and local["LOG_FORMAT"] == "json"
    known = set(production.SETTINGS) | env_example_names() | {"ACTION_ENDPOINT_URL", "RASA_TELEMETRY_ENABLED"}
    assert set(env) <= known, f"unknown settings: {set(env) - known}"
    for service in ("prepare", "actions", "rasa", "console"):
        assert set(env) <= set(compose["services"][service]["environment"])


def walk(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, path + (str(key),))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, path + (str(index),))
    else:
        yield path, value


def test_compose_writes_no_secret(compose):
    checked = 0
    for path, value in walk(compose):
        text = "" if value is None else str(value)
        name = path[-1]
        if SECRET_NAME.search(name):
            checked += 1
            assert text == "" or ENV_REFERENCE.match(text), f"{'.'.join(path)} is written inline"
        for password in re.findall(r"://[^:/@\s]+:([^@\s]+)@", text):
            assert ENV_REFERENCE.match(password), f"{'.'.join(path)} has a password inline"
    assert checked >= 5


def test_compose_nginx_config_is_the_rendered_template():
    assert (DEPLOY / "nginx.compose.conf").read_text() == production.render_nginx_compose(), (
        "deploy/nginx.compose.conf is stale: regenerate it with "
        "`python -c 'from launcher import production; "
        "print(production.render_nginx_compose(), end=\"\")' > deploy/nginx.compose.conf`"
    )


# ---------------------------------------------------------------- Kubernetes

def test_k8s_runs_at_least_two_rasa_replicas_on_the_same_ports(k8s, local):
    rasa = k8s[("Deployment", "itb-rasa")]
    actions = k8s[("Deployment", "itb-actions")]
    assert rasa["spec"]["replicas"] >= 2
    rasa_container = rasa["spec"]["template"]["spec"]["containers"][0]
    actions_container = actions["spec"]["template"]["spec"]["containers"][0]
    assert rasa_container["ports"][0]["containerPort"] == int(local["RASA_PORT"])
    assert actions_container["ports"][0]["containerPort"] == int(local["ACTION_PORT"])
    assert actions_container["readinessProbe"]["httpGet"] == {"path": "/health", "port": int(local["ACTION_PORT"])}
    assert k8s[("Service", "itb-rasa")]["spec"]["ports"][0]["port"] == int(local["RASA_PORT"])
    assert k8s[("Service", "itb-actions")]["spec"]["ports"][0]["port"] == int(local["ACTION_PORT"])
    assert k8s[("Service", "itb-rasa")]["spec"]["sessionAffinity"] == "ClientIP"


def test_k8s_uses_the_same_setting_names_and_secrets_only_by_reference(k8s, local):
    config = k8s[("ConfigMap", "itb-config")]["data"]
    secrets = {"TRACKER_STORE_URL", "DATABASE_URL", "REDIS_PASSWORD"}
    assert set(production.SETTINGS) - LOCAL_ONLY - secrets <= set(config)
    assert endpoint_variables() - secrets <= set(config)
    assert config["RASA_PORT"] == local["RASA_PORT"] and config["ACTION_PORT"] == local["ACTION_PORT"]
    assert config["LOCK_STORE_TYPE"] == "redis"
    assert config["LOG_FORMAT"] == local["LOG_FORMAT"] == "json"
    assert not {name for name in config if SECRET_NAME.search(name) or name in SECRET_URLS}
    assert not [kind for kind, _ in k8s if kind == "Secret"], "secrets are created outside the repository"
    for (kind, name), document in k8s.items():
        if kind not in ("Deployment", "Job"):
            continue
        for container in document["spec"]["template"]["spec"]["containers"]:
            assert {"secretRef": {"name": "itb-secrets"}} in container["envFrom"], name
            assert "env" not in container, f"{name}: settings come from itb-config and itb-secrets"


def probes(container: dict) -> dict:
    return {kind: container[f"{kind}Probe"]["httpGet"] for kind in ("startup", "liveness", "readiness")
            if f"{kind}Probe" in container}


def served_paths() -> dict:
    """The GET paths each process really serves, from the code."""
    from console import config
    from console.app import create_app

    from channels.rest import RestInput

    blueprint = RestInput().blueprint(lambda message: None)
    rest = {"/webhooks/rest" + (route.uri if route.uri != "/" else "/") for route in blueprint._future_routes}
    conf = config.Config(database_url="sqlite://", tracker_url="sqlite://", host="127.0.0.1", port=0,
                         secret_key=b"x", idle_seconds=900, cookie_secure=True,
                         timezone=config.local_timezone("UTC"), low_confidence=0.5, retention_days=0,
                         sync_seconds=5)
    console = {"/" + route.path for route in create_app(conf, name="probe_paths").router.routes}
    return {"rasa": rest, "console": console, "actions": {"/health"}}


def test_k8s_probes_use_liveness_and_readiness_paths_the_processes_serve(k8s, local):
    served = served_paths()
    assert {"/webhooks/rest/", "/webhooks/rest/ready"} <= served["rasa"], served["rasa"]
    assert {"/healthz", "/readyz"} <= served["console"]
    expected = {
        "itb-rasa": ("RASA_PORT", {"startup": "/webhooks/rest/", "liveness": "/webhooks/rest/",
                                   "readiness": "/webhooks/rest/ready"}),
        "itb-actions": ("ACTION_PORT", {"liveness": "/health", "readiness": "/health"}),
        "itb-console": ("CONSOLE_PORT", {"liveness": "/healthz", "readiness": "/readyz"}),
    }
    for name, (port_name, paths) in expected.items():
        container = k8s[("Deployment", name)]["spec"]["template"]["spec"]["containers"][0]
        found = probes(container)
        assert {kind: probe["path"] for kind, probe in found.items()} == paths, name
        assert {probe["port"] for probe in found.values()} == {int(local[port_name])}, name
        component = name.split("-", 1)[1]
        assert set(paths.values()) <= served[component], name
    # Readiness never restarts a pod: liveness checks no dependency.
    rasa = k8s[("Deployment", "itb-rasa")]["spec"]["template"]["spec"]["containers"][0]
    assert rasa["livenessProbe"]["httpGet"]["path"] != rasa["readinessProbe"]["httpGet"]["path"]


def test_k8s_runs_the_console_inside_the_cluster_only(k8s, local):
    deployment = k8s[("Deployment", "itb-console")]
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["command"] == ["python", "-m", "console"]
    assert container["ports"][0]["containerPort"] == int(local["CONSOLE_PORT"])
    assert {"secretRef": {"name": "itb-secrets"}} in container["envFrom"]
    assert {"configMapRef": {"name": "itb-config"}} in container["envFrom"]
    assert deployment["spec"]["replicas"] == 1 and deployment["spec"]["strategy"]["type"] == "Recreate"
    assert container["securityContext"]["runAsNonRoot"] is True
    config = k8s[("ConfigMap", "itb-config")]["data"]
    assert config["CONSOLE_PORT"] == local["CONSOLE_PORT"] and config["CONSOLE_HOST"] == "0.0.0.0"
    assert "CONSOLE_SECRET_KEY" not in config  # a secret: only in itb-secrets
    assert "CONSOLE_SECRET_KEY" in (DEPLOY / "k8s" / "itb.yaml").read_text()  # named for `kubectl create secret`
    service = k8s[("Service", "itb-console")]["spec"]
    assert service["type"] == "ClusterIP" and service["ports"][0]["port"] == int(local["CONSOLE_PORT"])
    assert service["selector"] == deployment["spec"]["selector"]["matchLabels"]
    # Not published: no Ingress rule leads to it, and no pod may connect to it.
    backends = [path["backend"]["service"]["name"]
                for kind, _ in k8s if kind == "Ingress"
                for rule in k8s[(kind, _)]["spec"]["rules"] for path in rule["http"]["paths"]]
    assert backends and "itb-console" not in backends
    policy = k8s[("NetworkPolicy", "itb-console-isolated")]["spec"]
    assert policy["podSelector"]["matchLabels"] == deployment["spec"]["selector"]["matchLabels"]
    assert policy["policyTypes"] == ["Ingress"] and policy["ingress"] == []


# ---------------------------------------------------------------- log format

def test_log_format_is_json_in_production_and_text_otherwise(monkeypatch, local):
    from itb import logs

    for key in ("PROFILE", "LOG_FORMAT"):
        monkeypatch.delenv(key, raising=False)
    assert common.environment()["LOG_FORMAT"] == "text"
    monkeypatch.setenv("LOG_FORMAT", "json")
    assert common.environment()["LOG_FORMAT"] == "json"
    assert local["LOG_FORMAT"] == "json"
    assert production.production_environment({"LOG_FORMAT": "text"})["LOG_FORMAT"] == "text"
    with pytest.raises(production.ConfigError, match="LOG_FORMAT"):
        production.production_environment({"LOG_FORMAT": "xml"})
    assert all(path.is_file() for path in logs.CONFIG_FILES.values())


def test_the_log_config_reaches_rasa_and_the_action_server_through_their_own_options(local):
    from rasa.__main__ import create_argument_parser as rasa_arguments
    from rasa_sdk.endpoint import create_argument_parser as sdk_arguments

    from itb import logs

    for fmt, server in (("json", "launcher.action_server"), ("text", "rasa_sdk")):
        actions, rasa, console = common.commands(dict(local, LOG_FORMAT=fmt))
        config = str(logs.CONFIG_FILES[fmt])
        assert rasa[1:4] == ["-m", "launcher.rasa_server", "run"]
        assert rasa_arguments().parse_args(rasa[3:]).logging_config_file == config
        assert actions[1:3] == ["-m", server]
        assert sdk_arguments().parse_args(actions[3:]).logging_config_file == config
        assert console == [console[0], "-m", "console"]  # reads LOG_FORMAT itself


# ---------------------------------------------------------------- endpoints.yml

def test_endpoints_lock_store_is_in_memory_by_default_and_redis_in_production(monkeypatch, local):
    from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
    from rasa.utils.endpoints import read_endpoint_config

    for key in ("LOCK_STORE_TYPE", "LOCK_STORE_CLASS", "REDIS_HOST", "REDIS_PORT", "REDIS_DB",
                "REDIS_PASSWORD", "REDIS_KEY_PREFIX", "PROFILE", "TRACKER_STORE_URL", "ACTION_ENDPOINT_URL"):
        monkeypatch.delenv(key, raising=False)
    for key, value in common.environment().items():
        monkeypatch.setenv(key, value)
    default = LockStore.create(read_endpoint_config(str(ROOT / "endpoints.yml"), "lock_store"))
    assert isinstance(default, InMemoryLockStore)
    for key, value in local.items():
        monkeypatch.setenv(key, value)
    production = LockStore.create(read_endpoint_config(str(ROOT / "endpoints.yml"), "lock_store"))
    assert isinstance(production, RedisLockStore)
    assert type(production).__module__ == "itb.lock_store"  # the atomic one
    kwargs = production.red.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"]) == ("127.0.0.1", 6379, 1)


def test_production_refuses_sqlite():
    with pytest.raises(production.ConfigError, match="SQLite"):
        production.production_environment({"TRACKER_STORE_URL": "sqlite:///x.db"})


# ---------------------------------------------------------------- nginx

def nginx_t(conf: Path) -> subprocess.CompletedProcess:
    return subprocess.run(production.nginx_command(conf, "-t"), capture_output=True, text=True)


def test_rendered_local_nginx_config_passes_nginx_t(nginx, tmp_path, local):
    env = dict(local, RASA_PORT="18005", REPLICA_BASE_PORT="18006", REPLICAS="3")
    conf = production.render_nginx_local(env, tmp_path)
    result = nginx_t(conf)
    assert result.returncode == 0, result.stderr
    text = conf.read_text()
    assert "listen 18005;" in text
    for port in (18006, 18007, 18008):
        assert text.count(f"server 127.0.0.1:{port} ") == 2  # both upstreams
    assert "ip_hash;" in text and "proxy_set_header Upgrade $http_upgrade;" in text


def test_compose_nginx_config_passes_nginx_t(nginx, tmp_path):
    # Docker's DNS name `rasa` does not resolve here: check it with an address instead.
    text = (DEPLOY / "nginx.compose.conf").read_text().replace("rasa:5005", "127.0.0.1:5005")
    text = text.replace(" /tmp/", f" {tmp_path}/")
    conf = tmp_path / "nginx.conf"
    conf.write_text(text)
    result = nginx_t(conf)
    assert result.returncode == 0, result.stderr


def test_makefile_has_run_prod():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run-prod: .*## ", makefile, re.M)
    assert "-m launcher.production" in makefile


def test_every_container_starts_the_production_launcher_with_its_role(compose, k8s):
    """The image, compose and Kubernetes run `python -m launcher.production ROLE`
    (prepare, rasa, actions) or the console, never a path that could move."""
    launcher = ["python", "-m", "launcher.production"]
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.M)
    assert cmd and json.loads(cmd.group(1)) == launcher + ["rasa"]
    for role in ("prepare", "actions", "rasa"):
        assert compose["services"][role]["command"] == launcher + [role]
    assert compose["services"]["console"]["command"] == ["python", "-m", "console"]
    expected = {"itb-prepare": launcher + ["prepare"], "itb-rasa": launcher + ["rasa"],
                "itb-actions": launcher + ["actions"], "itb-console": ["python", "-m", "console"]}
    found = {name: document["spec"]["template"]["spec"]["containers"][0]["command"]
             for (kind, name), document in k8s.items() if kind in ("Deployment", "Job")}
    assert found == expected
    assert importlib.util.find_spec("launcher.production") is not None
