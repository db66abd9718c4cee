"""An import beside a busy site: every line kept, no error page, and the last line searchable soon.

Builds a fresh SQLite database under ``bench/results/import_under_load/``, then:

1. reference: ``flask library import`` of N lines with nothing else running;
2. loaded: the same import into a second fresh database while gunicorn (4 workers, the search
   drainer on) serves it and 4 signed-in members post replies through the real forms as fast
   as they can; then polls ``/api/v1/search`` until the import's last line is found.

Prints created/skipped lines, the writers' status codes, and the import's wall time under load
as a ratio to the reference measured in the same run.

    .venv/bin/python bench/import_under_load.py --lines 3000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from tests import factories  # noqa: E402
from tests.concurrency.conftest import csrf_token, signed_in  # noqa: E402
from tests.conftest import make_test_config  # noqa: E402
from tests.library.import_data import line_fields  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "import_under_load"
PORT = 5109
LAST_WORD = "quokkaphone"


def build(folder: Path) -> tuple[dict, list[str], list[str], int]:
    """A fresh database with two organisations, three members and a thread; returns the config."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    config = make_test_config(folder, f"sqlite:///{folder / 'smhn.db'}", TESTING=False, WTF_CSRF_ENABLED=True)
    config.update(SEARCH_AUTO_SYNC=True, RATELIMIT_ENABLED=False)
    app = create_app(config)
    with app.app_context():
        import app.models  # noqa: F401
        from app.discussions import service as discussions
        from app.library.curation import ensure_default_topics

        db.create_all()
        ensure_default_topics()
        members = [factories.make_user(f"writer{n}@example.org") for n in range(4)]
        orgs = [factories.make_org(f"Bench Hospital {n}", members=tuple(members)) for n in range(2)]
        category = {c.slug: c for c in discussions.ensure_default_categories()}["platforms"]
        thread = discussions.create_thread(members[0], category, "Busy thread", "Everyone answers at once.")
        db.session.commit()
        return config, [o.slug for o in orgs], [m.email for m in members], thread.id


def write_lines(path: Path, count: int, orgs: list[str]) -> None:
    rng = random.Random(3)
    lines = [line_fields(n, orgs, rng) for n in range(count)]
    lines[-1].update(title=f"The very last line: {LAST_WORD} rollout", visibility="public")
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


def run_import(env: dict, path: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "tests.concurrency.server:app", "library", "import", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return time.perf_counter() - started, done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr


def env_for(config: dict) -> dict:
    return {**os.environ, "SMHN_TEST_CONFIG": json.dumps(config), "PYTHONPATH": str(ROOT)}


def loaded_run(count: int) -> None:
    config, orgs, emails, thread_id = build(RESULTS / "loaded")
    path = RESULTS / "loaded" / "lines.jsonl"
    write_lines(path, count, orgs)
    env = env_for(config)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "4", "-b", f"127.0.0.1:{PORT}", "tests.concurrency.server:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{PORT}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                requests.get(url + "/auth/login", timeout=30)
                break
            except requests.RequestException:
                threading.Event().wait(0.2)
        browsers = [signed_in(url, email, factories.PASSWORD) for email in emails]
        statuses: Counter[int] = Counter()
        finished = threading.Event()

        def write(browser: requests.Session, name: int) -> None:
            n = 0
            while not finished.is_set():
                form = f"{url}/discussions/threads/{thread_id}/reply"
                token = csrf_token(browser.get(form, timeout=120).text)
                answer = browser.post(
                    form, data={"csrf_token": token, "body": f"Reply {name}/{n}"}, allow_redirects=False, timeout=120
                )
                statuses[answer.status_code] += 1
                n += 1

        writers = [threading.Thread(target=write, args=(b, i)) for i, b in enumerate(browsers)]
        for writer in writers:
            writer.start()
        seconds, summary = run_import(env, path)
        imported_at = time.monotonic()
        finished.set()
        for writer in writers:
            writer.join()
        found_after = None
        while time.monotonic() - imported_at < 120:
            if requests.get(f"{url}/api/v1/search", params={"q": LAST_WORD}, timeout=60).json()["total"]:
                found_after = time.monotonic() - imported_at
                break
            threading.Event().wait(0.5)
        print(f"loaded:    {seconds:7.1f} s   {summary}")
        print(f"writers:   {dict(statuses)}")
        print(
            "last line: "
            + (f"searchable {found_after:.1f} s after the import ended" if found_after else "not searchable in 120 s")
        )
        return seconds
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=3000)
    args = parser.parse_args()
    config, orgs, _, _ = build(RESULTS / "reference")
    path = RESULTS / "reference" / "lines.jsonl"
    write_lines(path, args.lines, orgs)
    reference, summary = run_import(env_for(config), path)
    print(f"reference: {reference:7.1f} s   {summary}")
    loaded = loaded_run(args.lines)
    print(f"ratio loaded / reference: {loaded / reference:.2f}")


if __name__ == "__main__":
    main()
