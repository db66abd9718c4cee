"""Load test: the app under gunicorn (2 workers) beside a bare Flask route, driven by wrk.

    .venv/bin/python bench/load/load_test.py --database-url sqlite:////tmp/demo.db --index-dir /tmp/idx
    .venv/bin/python bench/load/load_test.py --database-url postgresql+psycopg://postgres@127.0.0.1/bench_speed \\
        --index-dir /tmp/idx --seconds 10 --mix-seconds 40 --out bench/results/pg.json

The database must already hold data (``flask seed demo`` or ``flask seed scale``) and an index.
Each reading page is driven alone (8 connections, one per wrk thread) and so is the floor, a bare
Flask route served the same way, before and after the pages; then a mix of visitor reads, member
reads, searches and replies runs. Every figure is reported beside the floor of the same run.
``--app-dir`` serves another checkout (e.g. the code before a change) with the same driver.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Server:
    """A gunicorn with 2 sync workers, niced, stopped by its process group."""

    def __init__(self, app: str, port: int, chdir: Path, env: dict[str, str], pythonpath: Path | None = None):
        command = ["nice", "-n", "10", sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}"]
        command += ["--chdir", str(chdir), "--log-level", "warning"]
        if pythonpath:
            command += ["--pythonpath", str(pythonpath)]
        self.process = subprocess.Popen([*command, app], env=env, start_new_session=True)
        self.base = f"http://127.0.0.1:{port}"

    def wait(self, path: str = "/") -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + path, timeout=30):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise SystemExit(f"the server at {self.base} did not start") from None
                time.sleep(0.5)
        raise SystemExit(f"the server at {self.base} did not answer")

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker (the master's children), in MB."""
        found = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
            if fields.get("PPid", "").strip() == str(self.process.pid):
                found.append(int(fields.get("VmRSS", "0 kB").split()[0]) / 1024)
        return found

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def sign_in(base: str, email: str, password: str) -> tuple[str, str]:
    """The member's session cookie header, and a CSRF token bound to it."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/auth/login").read().decode()
    token = CSRF.search(form).group(1)  # type: ignore[union-attr]
    data = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password}).encode()
    opener.open(base + "/auth/login", data=data).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "session=" not in cookie:
        raise SystemExit("signing in failed")
    return cookie, token


def run_wrk(base: str, plan: list[tuple[str, str, str, str, str]], seconds: int, connections: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        plan_file, out_file = Path(folder) / "plan.tsv", Path(folder) / "out.json"
        plan_file.write_text("".join("\t".join(line) + "\n" for line in plan))
        env = dict(os.environ, WRK_PLAN=str(plan_file), WRK_OUT=str(out_file))
        command = ["nice", "-n", "10", "wrk", f"-t{connections}", f"-c{connections}", f"-d{seconds}s"]
        command += ["--timeout", "10s", "-s", str(HERE / "timed.lua"), base]
        done = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
        raw = json.loads(done.strip().splitlines()[-1])
        answers: dict[str, list[tuple[str, float]]] = {}
        for log in Path(folder).glob("out.json.*"):
            for line in log.read_text().splitlines():
                name, status, ms = line.split("\t")
                answers.setdefault(name, []).append((status, float(ms)))
    pages = {}
    for name, found in answers.items():
        latencies = [ms for _, ms in found]
        statuses: dict[str, int] = {}
        for status, _ in found:
            statuses[status] = statuses.get(status, 0) + 1
        pages[name] = {
            "requests": len(latencies),
            "rps": len(latencies) / raw["seconds"],
            "p50": percentile(latencies, 0.50),
            "p95": percentile(latencies, 0.95),
            "p99": percentile(latencies, 0.99),
            "errors": sum(n for code, n in statuses.items() if not code.startswith(("2", "3"))),
            "statuses": statuses,
        }
    return {"seconds": raw["seconds"], "socket_errors": raw["socket_errors"], "pages": pages}


def plans(targets, cookie: str, token: str, thread_id: int) -> tuple[dict[str, list], list]:
    """Each page alone, and the mix (lines repeat by weight)."""
    visitor = {
        "home": "/",
        "library": "/library",
        "resource": f"/library/{targets.resource_slug}",
        "discussions": "/discussions",
        "thread": targets.thread_path,
        "organisation": f"/orgs/{targets.org_slug}",
    }
    member = {
        "home (member)": "/",
        "resource (member)": f"/library/{targets.resource_slug}",
        "library (member)": "/library",
        "thread (member)": targets.thread_path,
        "search (member)": f"/search?q={targets.search_word}",
    }
    api = {"API search": f"/api/v1/search?q={targets.search_word}"}
    alone = {name: [(name, "GET", path, "", "")] for name, path in (visitor | api).items()}
    alone |= {name: [(name, "GET", path, cookie, "")] for name, path in member.items()}
    mix = []
    for name, path in visitor.items():
        mix += [(name, "GET", path, "", "")] * 10  # 60 of 100: visitors' reads
    for name, path in member.items():
        if not name.startswith("search"):
            mix += [(name, "GET", path, cookie, "")] * 6  # 24: members' reads
    mix += [("search (member)", "GET", member["search (member)"], cookie, "")] * 6
    mix += [("API search", "GET", api["API search"], "", "")] * 5  # 11: searches
    reply = f"/discussions/threads/{thread_id}/reply"
    for n in range(5):  # 5: members' replies (each one invalidates the visitors' cache)
        body = urllib.parse.urlencode({"csrf_token": token, "body": f"Thanks, we tried this too (load test {n})."})
        mix.append(("reply (write)", "POST", reply, cookie, body))
    random.Random(7).shuffle(mix)  # each wrk thread walks it from its own offset
    return alone, mix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--index-dir", required=True)
    parser.add_argument("--app-dir", default=str(ROOT), help="the checkout to serve")
    parser.add_argument("--seconds", type=int, default=10, help="per page")
    parser.add_argument("--mix-seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args()

    os.environ.update(DATABASE_URL=args.database_url, SEARCH_INDEX_DIR=args.index_dir)
    from app import create_app
    from app.discussions.models import Thread
    from app.extensions import db
    from bench.load_targets import DEMO_PASSWORD, find_targets

    app = create_app({"BACKGROUND_WORKER": False, "SEARCH_AUTO_SYNC": False})
    with app.app_context():
        targets = find_targets()
        thread_id = int(targets.thread_path.rsplit("/", 1)[1].split("-", 1)[0])
        assert db.session.get(Thread, thread_id) is not None
        db.engine.dispose()

    scratch = Path(tempfile.mkdtemp(prefix="smhn-load-"))
    env = dict(
        os.environ,
        DATABASE_URL=args.database_url,
        SEARCH_INDEX_DIR=args.index_dir,
        UPLOAD_DIR=str(scratch / "uploads"),
        MAIL_DIR=str(scratch / "mail"),
        PAGE_CACHE_GENERATION_FILE=str(scratch / "page-cache.generation"),
        SECRET_KEY="load-test-secret-key-" + "k7Qz9vLm2Xw4Rt8Np3Hs6Jd1Fb5Gc0Ay",
    )
    bare = Server("bare_app:app", 8791, HERE, env)
    served = Server("bench_app:app", 8792, Path(args.app_dir), env, pythonpath=HERE)
    results: dict = {"database": args.database_url.split(":", 1)[0], "app_dir": args.app_dir, "pages": {}}
    try:
        bare.wait()
        served.wait()
        cookie, _ = sign_in(served.base, targets.member_email, DEMO_PASSWORD)
        thread_page = urllib.request.Request(served.base + targets.thread_path, headers={"Cookie": cookie})
        token = CSRF.search(urllib.request.urlopen(thread_page).read().decode()).group(1)  # type: ignore[union-attr]
        alone, mix = plans(targets, cookie, token, thread_id)
        wanted = [p for p in args.pages.split(",") if p] or list(alone)
        floor_plan = [("floor", "GET", "/", "", "")]
        floors = [run_wrk(bare.base, floor_plan, args.seconds, args.connections)["pages"]["floor"]]
        for name in wanted:
            run_wrk(served.base, alone[name], 2, args.connections)  # warm-up
            results["pages"][name] = run_wrk(served.base, alone[name], args.seconds, args.connections)["pages"][name]
        floors.append(run_wrk(bare.base, floor_plan, args.seconds, args.connections)["pages"]["floor"])
        floor_rps = statistics.mean(f["rps"] for f in floors)
        results["floor"] = {"rps": floor_rps, "runs": floors}
        if args.mix_seconds:
            results["mix"] = run_wrk(served.base, mix, args.mix_seconds, args.connections)
        results["worker_rss_mb"] = served.worker_rss_mb()
    finally:
        served.stop()
        bare.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    report(results)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(results, indent=1))


def report(results: dict) -> None:
    floor = results["floor"]["rps"]
    print(
        f"\n{results['database']}: floor {floor:.0f} req/s (runs: "
        + ", ".join(f"{f['rps']:.0f}" for f in results["floor"]["runs"])
        + ")"
    )
    print("| page | req/s | % of floor | p50 / p95 / p99 (ms) | errors |")
    print("|---|---:|---:|---|---:|")
    for name, page in results["pages"].items():
        print(
            f"| {name} | {page['rps']:.0f} | {100 * page['rps'] / floor:.1f}% | "
            f"{page['p50']:.1f} / {page['p95']:.1f} / {page['p99']:.1f} | {page['errors']} |"
        )
    if "mix" in results:
        mix = results["mix"]
        total = sum(p["requests"] for p in mix["pages"].values()) / mix["seconds"]
        print(f"\nmix: {total:.0f} req/s ({100 * total / floor:.1f}% of floor), socket errors {mix['socket_errors']}")
        print("| page in the mix | req/s | p50 / p95 / p99 (ms) | errors (non-2xx/3xx) |")
        print("|---|---:|---|---:|")
        for name, page in sorted(mix["pages"].items()):
            print(
                f"| {name} | {page['rps']:.0f} | {page['p50']:.1f} / {page['p95']:.1f} / {page['p99']:.1f} "
                f"| {page['errors']} |"
            )
    print("\nworker RSS (MB):", ", ".join(f"{m:.0f}" for m in results.get("worker_rss_mb", [])))


if __name__ == "__main__":
    main()
