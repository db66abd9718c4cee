"""Generated import files: many plausible lines, with bad ones at known line numbers."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

PLATFORMS = ["facebook", "linkedin", "instagram", "youtube", "tiktok", "x"]
SUBJECTS = ["patient-privacy", "crisis-communication", "measurement"]
KINDS = ["guide", "toolkit", "policy_template", "case_study", "webinar", "research"]
OPENINGS = [
    "How our team plans a month of posts",
    "What we learned from a hard week of comments",
    "A checklist for consent before a patient story",
    "Measuring reach without vanity metrics",
    "Training clinicians to post with confidence",
]


def line_fields(n: int, orgs: list[str], rng: random.Random) -> dict:
    platform = PLATFORMS[n % len(PLATFORMS)]
    return {
        "external_id": f"ext-{n:05d}",
        "title": f"{OPENINGS[n % len(OPENINGS)]} ({platform}, part {n})",
        "summary": f"Notes from member organisation number {n % 7} on {platform}.",
        "body": (
            f"## Why it matters\n\nTeams on **{platform}** asked for item {n}. "
            "Start with the policy, then the calendar.\n\n- Agree on approvals\n- Keep a reply bank\n"
        ),
        "kind": KINDS[n % len(KINDS)],
        "topics": [platform, SUBJECTS[n % len(SUBJECTS)]],
        "tags": [f"tag{n % 13}", "imported"],
        "organisation": orgs[n % len(orgs)],
        "visibility": "members" if n % 5 == 0 else "public",
        "url": f"https://example.org/resources/{n}" if n % 3 == 0 else "",
        "published_at": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}T09:30:00Z",
    }


# Bad lines spread over six batches of 500 (the importer commits a batch at a time).
BAD_LINE_NUMBERS = (101, 702, 1303, 1904, 2505)


# line number -> (what is wrong, the fields or raw text of that line)
def bad_lines(orgs: list[str]) -> dict[int, tuple[str, object]]:
    rng = random.Random(1)
    first, second, third, fourth, fifth = BAD_LINE_NUMBERS
    base = {n: line_fields(n, orgs, rng) for n in BAD_LINE_NUMBERS}
    return {
        first: ("unknown organisation 'nowhere-hospital'", {**base[first], "organisation": "nowhere-hospital"}),
        second: ("unknown kind 'blog post'", {**base[second], "kind": "blog post"}),
        third: ("title:", {**base[third], "title": ""}),
        fourth: (
            "published_at 'last tuesday' is not an ISO 8601 date",
            {**base[fourth], "published_at": "last tuesday"},
        ),
        fifth: ("not valid JSON", f'{{"external_id": "ext-{fifth:05d}", "title": "Broken'),
    }


def write_jsonl(path: Path, count: int, orgs: list[str]) -> dict[int, str]:
    """Write ``count`` lines; returns {line number: expected reason} for the bad ones."""
    rng = random.Random(7)
    bad = {n: item for n, item in bad_lines(orgs).items() if n <= count}
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(1, count + 1):
            if n in bad:
                value = bad[n][1]
                handle.write((value if isinstance(value, str) else json.dumps(value)) + "\n")
            else:
                handle.write(json.dumps(line_fields(n, orgs, rng)) + "\n")
    return {n: reason for n, (reason, _) in bad.items()}


def write_csv(path: Path, count: int, orgs: list[str]) -> dict[int, str]:
    """CSV with a header line: record n is on line n + 1 (bodies are quoted, one line each)."""
    rng = random.Random(7)
    bad = {n: item for n, item in bad_lines(orgs).items() if n <= count and not isinstance(item[1], str)}
    columns = list(line_fields(1, orgs, rng))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for n in range(1, count + 1):
            fields = bad[n][1] if n in bad else line_fields(n, orgs, rng)
            row = {**fields, "topics": ";".join(fields["topics"]), "tags": ";".join(fields["tags"])}
            row["body"] = row["body"].replace("\n", " ")
            writer.writerow(row)
    return {n + 1: reason for n, (reason, _) in bad.items()}
