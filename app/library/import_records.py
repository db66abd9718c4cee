"""The lines of a ``flask library import`` file: reading JSON Lines or CSV, and checking each line.

``check_line`` turns one record into a ``Line`` (a ``ResourceInput`` plus what only an import
carries: ``external_id``, organisation, status, original date) or raises ``LineError`` with a
reason the report shows beside the line number.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from ..actors import SystemActor
from ..errors import DomainError, ValidationError
from .models import ResourceKind, ResourceStatus, Visibility
from .privacy_check import PrivacyCheckFailed
from .validation import ResourceInput

FIELDS = (
    "external_id",
    "title",
    "summary",
    "body",
    "kind",
    "topics",
    "tags",
    "organisation",
    "visibility",
    "url",
    "published_at",
    "status",
)
STATUSES = tuple(
    str(status)
    for status in (ResourceStatus.DRAFT, ResourceStatus.PENDING, ResourceStatus.PUBLISHED, ResourceStatus.ARCHIVED)
)
EXTERNAL_ID_MAX = 200
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")


IMPORTER = SystemActor("System importer")


class LineError(Exception):
    """A line that cannot be imported; the message says why."""


@dataclass
class Problem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0  # of the updated lines, those that changed nothing
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)  # skipped lines, with their reasons
    notices: list[Problem] = field(default_factory=list)  # imported, but worth a look (held for review)

    def summary(self) -> str:
        return (
            f"Created {self.created:,}, updated {self.updated:,} ({self.unchanged:,} unchanged), "
            f"skipped {self.skipped:,}."
        )


# --- Reading records ---------------------------------------------------------------------


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


# --- Checking one line -------------------------------------------------------------------


@dataclass
class Line:
    external_id: str
    organisation_slug: str
    data: ResourceInput
    status: str
    published_at: datetime | None


def _text(fields: dict[str, Any], name: str) -> str:
    value = fields.get(name)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise LineError(f"{name} must be text")
    return str(value)


def _list(fields: dict[str, Any], name: str) -> list[str]:
    value = fields.get(name)
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value if item.strip()]
    raise LineError(f"{name} must be a list of text (JSON) or ;-separated text (CSV)")


def _choice(fields: dict[str, Any], name: str, allowed: tuple[str, ...], default: str) -> str:
    value = _text(fields, name).strip().lower().replace("-", "_").replace(" ", "_")
    if not value:
        return default
    if value not in allowed:
        raise LineError(f"unknown {name} {fields[name]!r} (expected one of {', '.join(allowed)})")
    return value


def parse_datetime(text: str) -> datetime:
    """ISO 8601 date or date-time; a time without a zone is taken as UTC."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise LineError(f"published_at {text!r} is not an ISO 8601 date (e.g. 2024-05-01T09:30:00Z)") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def check_line(fields: dict[str, Any]) -> Line:
    """The line's values, checked for shape; the service checks the rest as for the web form."""
    external_id = " ".join(_text(fields, "external_id").split())
    if not external_id:
        raise LineError("external_id is missing")
    if any(ord(char) < 32 or ord(char) == 127 for char in external_id):
        raise LineError("external_id contains control characters")
    if len(external_id) > EXTERNAL_ID_MAX:
        raise LineError(f"external_id is longer than {EXTERNAL_ID_MAX} characters")
    organisation = _text(fields, "organisation").strip().lower()
    if not organisation:
        raise LineError("organisation is missing")
    published = _text(fields, "published_at")
    data = ResourceInput(
        title=_text(fields, "title"),
        summary=_text(fields, "summary"),
        body=_text(fields, "body"),
        kind=_choice(fields, "kind", tuple(k.value for k in ResourceKind), ResourceKind.GUIDE.value),
        visibility=_choice(fields, "visibility", tuple(v.value for v in Visibility), Visibility.PUBLIC.value),
        topics=_list(fields, "topics"),
        tags=_list(fields, "tags"),
        external_url=_text(fields, "url").strip(),
    )
    return Line(
        external_id=external_id,
        organisation_slug=organisation,
        data=data,
        status=_choice(fields, "status", STATUSES, ResourceStatus.PUBLISHED.value),
        published_at=parse_datetime(published) if published.strip() else None,
    )


def describe_error(error: Exception) -> str:
    if isinstance(error, PrivacyCheckFailed):
        return error.message
    if isinstance(error, ValidationError) and error.fields:
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.fields.items())
    if isinstance(error, DomainError):
        return error.message
    if isinstance(error, SQLAlchemyError):
        return "the database refused it (" + str(getattr(error, "orig", None) or error).splitlines()[0][:200] + ")"
    return str(error)
