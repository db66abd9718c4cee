"""A real server for the concurrency tests: gunicorn with several workers on the test's database."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from ..conftest import PROJECT_ROOT, make_test_config

PORTS = range(5100, 5110)
READY_SECONDS = 120.0


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail("no free port in 5100-5109 for the test server")


@dataclass
class Served:
    url: str
    env: dict[str, str]
    process: subprocess.Popen[bytes]

    def flask(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run ``flask`` against the served app's database, as a separate process."""
        command = [sys.executable, "-m", "flask", "--app", "tests.concurrency.server:app", *args]
        return subprocess.run(
            command, cwd=PROJECT_ROOT, env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )


def _wait_until_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_SECONDS
    pause = threading.Event()
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}")
        try:
            if requests.get(url + "/auth/login", timeout=30).status_code == 200:
                return
        except requests.RequestException:
            pass
        pause.wait(0.2)
    pytest.fail("gunicorn did not answer within two minutes")


@pytest.fixture
def serve(app, tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """``serve(workers=4, **settings)`` starts gunicorn on the test database; stopped afterwards."""
    started: list[subprocess.Popen[bytes]] = []

    def start(workers: int = 4, **settings: Any) -> Served:
        wanted = {"TESTING": False, "WTF_CSRF_ENABLED": True, "SEARCH_AUTO_SYNC": False, **settings}
        config = make_test_config(tmp_path, app.config["SQLALCHEMY_DATABASE_URI"], **wanted)
        port = _free_port()
        env = {**os.environ, "SMHN_TEST_CONFIG": json.dumps(config), "PYTHONPATH": str(PROJECT_ROOT)}
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
                "--timeout",
                "120",
                "--graceful-timeout",
                "10",
                "tests.concurrency.server:app",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        url = f"http://127.0.0.1:{port}"
        _wait_until_ready(url, process)
        return Served(url, env, process)

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page
    )
    assert match, "no csrf_token on the page"
    return match.group(1)


def signed_in(base_url: str, email: str, password: str) -> requests.Session:
    """A browser-like session that signed in through the real form."""
    browser = requests.Session()
    token = csrf_token(browser.get(base_url + "/auth/login", timeout=60).text)
    response = browser.post(
        base_url + "/auth/login",
        data={"csrf_token": token, "email": email, "password": password},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, response.status_code
    return browser
