"""Reading an import file: JSON Lines or CSV, one record at a time, with its line number.

A record that cannot be read (bad JSON, a bad encoding, a CSV row with the wrong shape) carries
an ``error`` instead of fields; the importer reports it and carries on.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")


@dataclass
class Record:
    line: int  # where the record starts (1-based)
    lines: int  # how many physical lines it spans (for progress)
    fields: dict[str, Any] | None
    error: str = ""


def detect_format(path: Path) -> str:
    """ "jsonl" or "csv": by extension, else by the first non-blank character."""
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    with open(path, "rb") as handle:
        start = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "jsonl" if start.startswith(b"{") else "csv"


def count_lines(path: Path) -> int:
    count, last = 0, b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (0 if last == b"\n" else 1)


def read_jsonl(path: Path) -> Iterator[Record]:
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                yield Record(number, 1, None)
                continue
            try:
                value = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield Record(number, 1, None, "not valid UTF-8")
                continue
            except json.JSONDecodeError as error:
                yield Record(number, 1, None, f"not valid JSON ({error.msg} at column {error.colno})")
                continue
            if not isinstance(value, dict):
                yield Record(number, 1, None, "expected a JSON object")
                continue
            yield Record(number, 1, value)


def read_csv(path: Path) -> Iterator[Record]:
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            return
        names = [name.strip().lower() for name in header]
        yield Record(1, reader.line_num, None)
        previous_end = reader.line_num
        while True:
            start = previous_end + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield Record(start, reader.line_num - previous_end, None, f"not valid CSV ({error})")
                previous_end = reader.line_num
                continue
            span = reader.line_num - previous_end
            previous_end = reader.line_num
            if not any(cell.strip() for cell in row):
                yield Record(start, span, None)
                continue
            if any(_has_surrogates(cell) for cell in row):
                yield Record(start, span, None, "not valid UTF-8")
                continue
            if len(row) > len(names):
                yield Record(start, span, None, f"{len(row)} values but {len(names)} columns in the header")
                continue
            yield Record(start, span, dict(zip(names, row, strict=False)), "")


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= char <= "\udcff" for char in text)


def read_records(path: Path) -> Iterator[Record]:
    return read_jsonl(path) if detect_format(path) == "jsonl" else read_csv(path)
