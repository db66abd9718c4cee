"""Local HTTP servers on 127.0.0.1 for the link checker: nothing leaves the machine."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class LocalSite:
    base: str
    requests: list[str]
    release: threading.Event  # the slow page waits for it (set at teardown)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


@pytest.fixture
def local_site() -> Iterator[LocalSite]:
    """``/live`` answers 200, ``/gone`` 404, ``/to-private`` redirects to 10.255.255.1, ``/to-live``
    redirects to ``/live``, ``/blocked`` 429, ``/slow`` answers only once released."""
    requests: list[str] = []
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            requests.append(f"{self.path} {self.headers.get('User-Agent', '')}")
            if self.path == "/slow":
                release.wait(30)
            routes = {
                "/live": (200, {}),
                "/gone": (404, {}),
                "/blocked": (429, {}),
                "/to-private": (302, {"Location": "http://10.255.255.1/admin"}),
                "/to-metadata": (301, {"Location": "http://169.254.169.254/latest/meta-data/"}),
                "/to-live": (302, {"Location": "/live"}),
                "/to-ftp": (302, {"Location": "ftp://127.0.0.1/"}),
                "/slow": (200, {}),
            }
            status, headers = routes.get(self.path, (404, {}))
            body = b"<!doctype html><title>ok</title>" + b"x" * 100_000
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                pass  # the checker reads only the first bytes and hangs up

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalSite(f"http://127.0.0.1:{server.server_address[1]}", requests, release)
    finally:
        release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
