"""The outside check of issue 9: a hostile 40-page PDF uploaded over HTTP while visitors read pages.

Serves the app with gunicorn on 127.0.0.1 (a fresh SQLite database by default, or
``--database-url``), seeds one member, one organisation and a published resource, then:

1. reference: visitor threads read pages for ``--seconds``; their latencies are recorded;
2. load: the same visitors read while the member uploads the hostile PDF (40 pages, all pointing
   at one compressed content stream of ``--stream-mb`` MB) and the server's background thread
   extracts its text in a limited child process.

Prints visitors' p50/p99 and 5xx count in both phases (p99 also as a ratio to the reference),
the upload's answer time and status, and how extraction ended. Run under ``nice -n 10``::

    nice -n 10 .venv/bin/python bench/hostile_upload.py
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "a long bench password 42"
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def progress(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


def seed(env: dict[str, str]) -> str:
    """One verified member of an approved organisation and a published resource; returns its slug."""
    for name, value in env.items():
        os.environ[name] = value
    from app import create_app
    from app.extensions import db
    from tests import factories
    from tests.factories.library import make_resource

    app = create_app()
    with app.app_context():
        db.create_all()
        member = factories.make_user("bench.member@example.org", name="Bench Member", password=PASSWORD)
        moderator = factories.make_user("bench.mod@example.org", moderator=True)
        factories.make_org("Bench General Hospital", members=(member,))
        resource = make_resource(member, title="Heat wave messaging", publisher=moderator)
        db.session.commit()
        return resource.slug


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    command = [str(ROOT / ".venv/bin/gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "120"]
    server = subprocess.Popen([*command, "wsgi:app"], cwd=ROOT, env={**os.environ, **env}, start_new_session=True)
    deadline = time.monotonic() + 600  # a busy machine may take minutes to boot the workers
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/library", timeout=30).read()
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    os.killpg(server.pid, signal.SIGKILL)
    raise SystemExit("gunicorn did not start")


class Visitors:
    """Threads that read pages in a loop and record (latency, status) until stopped."""

    def __init__(self, base: str, paths: list[str], count: int) -> None:
        self.base, self.paths, self.count = base, paths, count
        self.samples: list[tuple[float, int]] = []
        self.stop = threading.Event()

    def _run(self, offset: int) -> None:
        index = offset
        while not self.stop.is_set():
            path = self.paths[index % len(self.paths)]
            index += 1
            started = time.monotonic()
            try:
                with urllib.request.urlopen(self.base + path, timeout=30) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except (urllib.error.URLError, TimeoutError, ConnectionError):
                status = 599
            self.samples.append((time.monotonic() - started, status))

    def run_for(self, seconds: float, during: threading.Thread | None = None) -> list[tuple[float, int]]:
        self.samples, self.stop = [], threading.Event()
        threads = [threading.Thread(target=self._run, args=(n,)) for n in range(self.count)]
        for thread in threads:
            thread.start()
        if during is not None:
            during.start()
        time.sleep(seconds)
        if during is not None:
            during.join()
        self.stop.set()
        for thread in threads:
            thread.join()
        return self.samples


def summary(samples: list[tuple[float, int]]) -> dict[str, float]:
    latencies = sorted(latency for latency, _ in samples)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return {
        "requests": len(samples),
        "p50": statistics.median(latencies),
        "p99": p99,
        "errors_5xx": sum(1 for _, status in samples if status >= 500),
    }


def multipart(fields: dict[str, str], file_field: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = b""
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    body += (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def upload(base: str, slug: str, data: bytes, result: dict[str, float | int]) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    token = CSRF.search(opener.open(base + "/auth/login").read().decode()).group(1)
    form = urllib.parse.urlencode({"csrf_token": token, "email": "bench.member@example.org", "password": PASSWORD})
    opener.open(base + "/auth/login", data=form.encode()).read()
    progress("signed in")
    page = opener.open(f"{base}/library/{slug}").read().decode()
    body, content_type = multipart({"csrf_token": CSRF.search(page).group(1)}, "file", "tiny.pdf", data)
    request = urllib.request.Request(f"{base}/library/{slug}/attachments", data=body, method="POST")
    request.add_header("Content-Type", content_type)
    started = time.monotonic()
    progress("uploading")
    try:
        with opener.open(request, timeout=120) as response:
            response.read()
            result["status"] = response.status
    except urllib.error.HTTPError as error:
        result["status"] = error.code
    result["seconds"] = time.monotonic() - started


def extraction_outcome(env: dict[str, str], deadline_seconds: float) -> tuple[str, str, float]:
    from sqlalchemy import create_engine, text

    engine = create_engine(env["DATABASE_URL"])
    started = time.monotonic()
    while time.monotonic() - started < deadline_seconds:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT text_status, text_note FROM attachments")).first()
        if row is not None and row[0] != "pending":
            return row[0], row[1], time.monotonic() - started
        time.sleep(0.5)
    return "pending", "still pending at the deadline", deadline_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--port", type=int, default=5113)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--visitors", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--stream-mb", type=float, default=8.0)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))  # still stop the server

    from tests.uploads.files import hostile_pdf

    folder = Path(tempfile.mkdtemp(prefix="smhn-bench-"))
    env = {
        "DATABASE_URL": args.database_url or f"sqlite:///{folder / 'bench.db'}",
        "UPLOAD_DIR": str(folder / "uploads"),
        "MAIL_DIR": str(folder / "mail"),
        "SEARCH_INDEX_DIR": str(folder / "index"),
        "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
        "BACKGROUND_WORKER": "1",
        "SEARCH_AUTO_SYNC": "1",
    }
    progress("seeding")
    slug = seed(env)
    data = hostile_pdf(pages=40, stream_bytes=int(args.stream_mb * 1_000_000))
    progress("starting gunicorn")
    server = start_server(env, args.port, args.workers)
    base = f"http://127.0.0.1:{args.port}"
    try:
        visitors = Visitors(base, ["/library", f"/library/{slug}", "/"], args.visitors)
        progress("reference phase")
        reference = summary(visitors.run_for(args.seconds))
        result: dict[str, float | int] = {}
        uploader = threading.Thread(target=upload, args=(base, slug, data, result))
        progress("load phase: visitors and the upload")
        loaded = summary(visitors.run_for(args.seconds, during=uploader))
        progress("waiting for the extraction to end")
        status, note, waited = extraction_outcome(env, 120)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    print(f"hostile PDF: {len(data):,} bytes, 40 pages sharing one {args.stream_mb:g} MB content stream")
    for label, figures in (("reference", reference), ("with upload", loaded)):
        print(
            f"{label:12} requests {figures['requests']:5}  p50 {figures['p50'] * 1000:7.1f} ms  "
            f"p99 {figures['p99'] * 1000:7.1f} ms  5xx {figures['errors_5xx']}"
        )
    print(f"p99 ratio (with upload / reference): {loaded['p99'] / reference['p99']:.2f}")
    print(f"upload answered {result.get('status')} in {result.get('seconds', float('nan')):.2f} s")
    print(f"extraction: {status} ({note}), ended {waited:.1f} s after the load phase")


if __name__ == "__main__":
    main()
