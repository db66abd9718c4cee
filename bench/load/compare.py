"""Before/after table from two ``load_test.py --out`` files: each page as a share of its run's floor.

.venv/bin/python bench/load/compare.py before.json after.json
"""

from __future__ import annotations

import json
import sys


def main() -> None:
    before, after = (json.load(open(path)) for path in sys.argv[1:3])
    floors = before["floor"]["rps"], after["floor"]["rps"]
    print(f"floor: before {floors[0]:.0f} req/s, after {floors[1]:.0f} req/s")
    print("| page | before: % of floor (p50 / p99 ms) | after: % of floor (p50 / p95 / p99 ms) |")
    print("|---|---:|---:|")
    for name, page in after["pages"].items():
        old = before["pages"].get(name)
        was = f"{100 * old['rps'] / floors[0]:.1f}% ({old['p50']:.0f} / {old['p99']:.0f})" if old else "–"
        now = f"{100 * page['rps'] / floors[1]:.1f}% ({page['p50']:.0f} / {page['p95']:.0f} / {page['p99']:.0f})"
        print(f"| {name} | {was} | {now} |")
    print("worker RSS (MB): before", before.get("worker_rss_mb"), "after", after.get("worker_rss_mb"))


if __name__ == "__main__":
    main()
