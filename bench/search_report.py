"""What `search_bench.py` reports: percentiles and medians, the machine during each phase, the tables."""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
from pathlib import Path


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def median_runs(runs: list[dict]) -> dict:
    """Each figure as the median of the runs."""
    out: dict = {"open_ms": statistics.median(r["open_ms"] for r in runs)}
    for label in ("first", "warm", "first_cpu", "warm_cpu"):
        out[label] = {
            name: tuple(statistics.median(r[label][name][i] for r in runs) for i in (0, 1)) for name in runs[0][label]
        }
    return out


class Phase:
    """What the machine did during one phase: steal time and load, from /proc/stat and /proc/loadavg.

    ``steal`` is the share of CPU time the hypervisor gave to other guests, ``busy`` the share of
    non-idle time on all cores (this benchmark's and the other users' of the machine).
    """

    def __enter__(self) -> Phase:
        self.start, self.load_start = cpu_times(), os.getloadavg()[0]
        return self

    def __exit__(self, *exc) -> None:
        end = cpu_times()
        delta = [b - a for a, b in zip(self.start, end, strict=True)]
        total = sum(delta) or 1
        idle = delta[3] + delta[4]  # idle, iowait
        self.steal = 100 * delta[7] / total
        self.busy = 100 * (total - idle) / total
        self.load_end = os.getloadavg()[0]

    def summary(self) -> dict:
        return {"steal_pct": self.steal, "busy_pct": self.busy, "load": max(self.load_start, self.load_end)}


def cpu_times() -> list[int]:
    """user, nice, system, idle, iowait, irq, softirq, steal (jiffies, all cores)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:9]
    return [int(value) for value in fields]


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    load = os.getloadavg()[0]
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory} GB RAM, Linux {platform.release()}, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}; load average {load:.1f} at start"
    )


def machine_range(phases: list[dict]) -> str:
    steal = [p["steal_pct"] for p in phases]
    load = [p["load"] for p in phases]
    busy = [p["busy_pct"] for p in phases]
    return f"steal {min(steal):.0f}–{max(steal):.0f} %, busy {min(busy):.0f}–{max(busy):.0f} %, load ≤ {max(load):.1f}"


def table(results: list[dict]) -> str:
    lines = [
        "| resources | query set | first pass p50 / p95 (ms) | warm p50 / p95 (ms) | FTS5 p50 / p95 (ms) "
        "| first-pass p95 ÷ FTS5 p95 | CPU p95 first / warm (ms) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for name, (f50, f95) in r["whoosh"]["first"].items():
            w50, w95 = r["whoosh"]["warm"][name]
            r50, r95 = r["fts5"][name]
            c95, cw95 = r["whoosh"]["first_cpu"][name][1], r["whoosh"]["warm_cpu"][name][1]
            lines.append(
                f"| {r['size']:,} | {name} | {f50:.1f} / {f95:.1f} | {w50:.1f} / {w95:.1f} "
                f"| {r50:.1f} / {r95:.1f} | {f95 / r95:.2f} | {c95:.1f} / {cw95:.1f} |"
            )
    lines += [
        "",
        "| resources | pending rows | `flask search reindex` (CPU-s) | each run | index size (each run) "
        "| FTS5 build | published → searchable |",
        "|---:|---:|---:|---|---|---:|---:|",
    ]
    for r in results:
        each = ", ".join(f"{x['seconds']:.1f}" for x in r["rebuilds"])
        sizes = ", ".join(f"{x['index_mb']:.0f}" for x in r["rebuilds"])
        lines.append(
            f"| {r['size']:,} | {r['pending']:.0f} | {r['reindex_s']:.1f} s ({r['reindex_cpu_s']:.0f}) | {each} s "
            f"| {sizes} MB | {r['fts_build_s']:.1f} s | {r['searchable_after_s'] * 1000:.0f} ms |"
        )
    lines += ["", "| resources | phase | machine (each run) |", "|---:|---|---|"]
    for r in results:
        lines.append(f"| {r['size']:,} | rebuilds | {machine_range(r['rebuilds'])} |")
        lines.append(f"| {r['size']:,} | app searches | {machine_range([x['machine'] for x in r['search_runs']])} |")
        lines.append(f"| {r['size']:,} | FTS5 | {machine_range([r['fts_machine']])} |")
    return "\n".join(lines)
