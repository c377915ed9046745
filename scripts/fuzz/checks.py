"""What counts as a finding, and who notices it.

`Tally` counts every request and answer per endpoint group and keeps the
findings (a 5xx, a dropped connection, a timeout, an unacknowledged socket.io
message, a stopped server) and makes the report; `Target` is the servers under
fuzz and checks that they still answer; `Http` sends one request and counts its
outcome.
"""
from __future__ import annotations

import http.cookiejar
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import requests

TIMEOUT = 30.0
UNSENT = "unsent(client-side)"


# --------------------------------------------------------------------- tally
@dataclass
class Finding:
    group: str
    case: str
    request: str  # method and route, never the query string or the body
    outcome: str


@dataclass
class Tally:
    """Requests and outcomes per group; findings are what must not happen."""

    counts: Dict[str, Counter] = field(default_factory=dict)
    findings: List[Finding] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    # The generated requests behind the findings (for --save-failing; never printed).
    failing: List[Dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, group: str, case: str, request: str, outcome: str, bad: bool) -> None:
        with self.lock:
            self.counts.setdefault(group, Counter())[outcome] += 1
            if bad:
                self.findings.append(Finding(group, case, request, outcome))

    def requests(self, group: Optional[str] = None) -> int:
        groups = [group] if group else list(self.counts)
        return sum(n for g in groups for outcome, n in self.counts.get(g, Counter()).items() if outcome != UNSENT)

    def five_xx(self, group: Optional[str] = None) -> int:
        groups = [group] if group else list(self.counts)
        return sum(n for g in groups for outcome, n in self.counts.get(g, Counter()).items()
                   if outcome.isdigit() and int(outcome) >= 500)

    def report(self) -> str:
        lines = [f"{'group':<12} {'requests':>8} {'5xx':>5} {'other findings':>14}  statuses (count)"]
        for group in self.counts:
            counts = self.counts[group]
            others = sum(1 for f in self.findings if f.group == group and not f.outcome.isdigit())
            seen = " ".join(f"{outcome}:{n}" for outcome, n in sorted(counts.items()))
            lines.append(f"{group:<12} {self.requests(group):>8} {self.five_xx(group):>5} {others:>14}  {seen}")
        lines.append(f"{'total':<12} {self.requests():>8} {self.five_xx():>5} "
                     f"{sum(1 for f in self.findings if not f.outcome.isdigit()):>14}")
        if self.findings:
            lines.append("")
            lines.append("findings (case, request, outcome; first 40 distinct):")
            seen_keys = Counter((f.group, f.case, f.request, f.outcome) for f in self.findings)
            for (group, case, request, outcome), n in list(seen_keys.items())[:40]:
                lines.append(f"  {group:<12} {case:<22} {request:<48} {outcome} x{n}")
        for note in self.notes:
            lines.append(note)
        lines.append(f"5xx: {self.five_xx()}")
        return "\n".join(lines)

    @property
    def failed(self) -> bool:
        return bool(self.findings)


# -------------------------------------------------------------------- target
class ServerDown(Exception):
    """A server stopped answering: the rest of the run would only count resets."""


@dataclass
class Target:
    rasa: str
    console: Optional[str] = None
    twilio_token: Optional[str] = None
    public_url: Optional[str] = None
    database_url: Optional[str] = None
    console_user: Optional[str] = None
    console_password: Optional[str] = None
    process: Any = None  # the started server group (subprocess.Popen), if we started it
    log: Optional[Path] = None

    @classmethod
    def from_servers(cls, servers: Dict[str, Any]) -> "Target":
        """From support.stack.running_assistant's (or the `servers` fixture's) dict."""
        env = servers["env"]
        return cls(
            rasa=str(servers["rasa"]),
            console=f"http://127.0.0.1:{env['CONSOLE_PORT']}",
            twilio_token=env.get("TWILIO_AUTH_TOKEN"),
            public_url=env.get("PUBLIC_BASE_URL") or str(servers["rasa"]),
            database_url=str(servers["database_url"]),
            process=servers.get("process"),
            log=Path(servers["log"]) if servers.get("log") else None,
        )

    def alive(self) -> List[str]:
        """What does not answer any more (empty: everything does)."""
        problems = []
        if self.process is not None and self.process.poll() is not None:
            problems.append(f"server group exited with code {self.process.returncode}")
        checks = [("rasa", self.rasa + "/"), ("rest", self.rasa + "/webhooks/rest/")]
        if self.console:
            checks.append(("console", self.console + "/healthz"))
        for name, url in checks:
            try:
                status = requests.get(url, timeout=10).status_code
                if status != 200:
                    problems.append(f"{name} answers {status}")
            except requests.RequestException as exc:
                problems.append(f"{name} does not answer ({type(exc).__name__})")
        return problems

    def check(self) -> None:
        """Raise ServerDown when a server no longer answers (after a dropped connection)."""
        problems = self.alive()
        if problems:
            raise ServerDown("; ".join(problems))

    def wait_for_console(self, timeout: float = 60) -> bool:
        if not self.console:
            return False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.console + "/healthz", timeout=2).status_code == 200:
                    return True
            except requests.RequestException:
                pass
            time.sleep(0.3)
        return False


# ---------------------------------------------------------------- requests
def no_cookies() -> requests.Session:
    session = requests.Session()
    session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    return session


class Http:
    """Sends one request and counts its outcome."""

    def __init__(self, tally: Tally, group: str, target: Target) -> None:
        self.tally, self.group, self.target = tally, group, target
        self.session = no_cookies()

    def send(self, case: str, method: str, url: str, route: str, **kwargs: Any) -> Optional[requests.Response]:
        kwargs.setdefault("timeout", TIMEOUT)
        kwargs.setdefault("allow_redirects", False)
        request = f"{method} {route}"
        try:
            response = self.session.request(method, url, **kwargs)
            response.content  # noqa: B018 - read the whole body
        except (requests.exceptions.InvalidHeader, requests.exceptions.InvalidURL):
            # requests itself refused to send it: nothing reached the server.
            self.tally.add(self.group, case, request, UNSENT, False)
            return None
        except requests.Timeout:
            self.tally.add(self.group, case, request, "timeout", True)
            self.keep(case, method, url, kwargs, "timeout")
            self.target.check()
            return None
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            self.tally.add(self.group, case, request, f"reset({type(exc).__name__})", True)
            self.keep(case, method, url, kwargs, "reset")
            # A fresh connection for the next request.
            self.session.close()
            self.session = no_cookies()
            self.target.check()
            return None
        self.tally.add(self.group, case, request, str(response.status_code), response.status_code >= 500)
        if response.status_code >= 500:
            self.keep(case, method, url, kwargs, str(response.status_code))
        return response

    def keep(self, case: str, method: str, url: str, kwargs: Dict[str, Any], outcome: str) -> None:
        body = kwargs.get("data")
        with self.tally.lock:
            self.tally.failing.append({
                "group": self.group, "case": case, "outcome": outcome, "method": method, "url": url,
                "headers": dict(kwargs.get("headers") or {}),
                "body": repr(body[:4000]) if isinstance(body, (bytes, str)) else repr(body)[:4000],
            })
