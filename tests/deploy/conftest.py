"""Fixtures for the deployment tests."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def find_nginx() -> str:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")


@pytest.fixture(scope="session")
def nginx() -> str:
    """Debian's nginx; installed with apt-get when missing (as `make run-prod` does)."""
    if not find_nginx() and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "nginx"], capture_output=True, timeout=600)
    if not find_nginx():
        pytest.skip("nginx is not installed and `apt-get install -y nginx` failed: cannot run nginx")
    return find_nginx()
