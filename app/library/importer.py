"""Bulk import of resources from JSON Lines or CSV (``flask library import FILE``).

One line (CSV: one record) is one resource, with the fields DESIGN.md names: ``external_id``,
``title``, ``summary``, ``body`` (Markdown), ``kind``, ``topics`` and ``tags`` (JSON lists, or
``;``-separated in CSV), ``organisation`` (slug), ``visibility``, ``url``, ``published_at``
(ISO 8601) and optionally ``status`` (draft, pending, published — the default — or archived).

Every line goes through ``library.service`` — the same validation, sanitizer, privacy guard and
permission rules as the web form — acting as the system importer (``IMPORTER``), which may
create for any approved organisation and publish. Imported resources have no author; they
belong to the named organisation. ``external_id`` makes the import idempotent: a line whose id
exists updates that resource (a new revision only when something changed).

A bad line is reported with its line number and reason and skipped; every line runs in its own
savepoint, and the work is committed every ``batch_size`` lines, so one bad line never loses
the others and an interrupted run keeps what it committed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from .. import audit
from ..errors import DomainError, ValidationError
from ..extensions import db
from ..orgs.models import Organisation
from . import bulk, service
from .models import Resource, ResourceKind, ResourceStatus, Visibility

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
STATUSES = ("draft", "pending", "published", "archived")
EXTERNAL_ID_MAX = 200
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")


class ImportActor:
    """The system importer: passes the permission rules as an administrator would, but is no
    user in the database, so it cannot sign in and owns nothing (``id`` is None)."""

    id = None
    name = "System importer"
    is_authenticated = True
    is_active = True
    is_anonymous = False
    is_admin = True
    is_moderator = False
    is_verified = True
    is_suspended = False
    memberships: list[Any] = []

    def get_id(self) -> None:
        return None

    def __repr__(self) -> str:
        return "<ImportActor>"


IMPORTER = ImportActor()


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
    data: service.ResourceInput
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
        raise LineError(
            f"published_at {text!r} is not an ISO 8601 date (e.g. 2024-05-01T09:30:00Z)"
        ) from None
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
    data = service.ResourceInput(
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
    if isinstance(error, service.PrivacyCheckFailed):
        return error.message
    if isinstance(error, ValidationError) and error.fields:
        return "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.fields.items())
    if isinstance(error, DomainError):
        return error.message
    if isinstance(error, SQLAlchemyError):
        return (
            "the database refused it ("
            + str(getattr(error, "orig", None) or error).splitlines()[0][:200]
            + ")"
        )
    return str(error)


# --- Importing ---------------------------------------------------------------------------


@dataclass
class _Create:
    record: Record
    line: Line
    item: bulk.NewResource


class Importer:
    """Imports records a batch at a time and commits after each batch.

    New resources without privacy findings are written together by ``bulk.insert_resources``;
    everything else (updates, status changes, privacy-flagged text, and any batch the database
    refuses as a whole) goes through the service one line at a time, each in its own savepoint.
    """

    def __init__(self, actor: Any = IMPORTER, batch_size: int = 500) -> None:
        self.actor = actor
        self.batch_size = batch_size
        self.report = ImportReport()
        self._organisations: dict[str, tuple[int, bool] | None] = {}
        self._held: dict[int, Organisation] = {}

    def run(self, records: Iterator[Record], progress: Callable[[int], None] | None = None) -> ImportReport:
        batch: list[Record] = []
        for record in records:
            batch.append(record)
            if len(batch) >= self.batch_size:
                self._batch(batch, progress)
                batch = []
        self._batch(batch, progress)
        self.report.problems.sort(key=lambda problem: problem.line)
        self.report.notices.sort(key=lambda notice: notice.line)
        return self.report

    def _batch(self, records: list[Record], progress: Callable[[int], None] | None) -> None:
        lines: list[tuple[Record, Line]] = []
        for record in records:
            if record.error:
                self._skip(record.line, record.error)
            elif record.fields is not None:
                try:
                    lines.append((record, check_line(record.fields)))
                except LineError as error:
                    self._skip(record.line, str(error))
        existing = self._existing([line.external_id for _, line in lines])
        creates: list[_Create] = []
        creating: set[str] = set()
        for record, line in lines:
            if line.external_id in creating:  # the same id twice in one batch: the second updates
                self._insert(creates)
                creates, creating = [], set()
                existing.update(self._existing([line.external_id]))
            try:
                organisation = self._organisation(line.organisation_slug)
                resource = existing.get(line.external_id)
                if resource is None:
                    create = self._prepare_create(record, line, organisation)
                    if create is not None:
                        creates.append(create)
                        creating.add(line.external_id)
                else:
                    self._update(record, line, resource, organisation)
            except (LineError, DomainError, SQLAlchemyError) as error:
                self._skip(record.line, describe_error(error))
        self._insert(creates)
        db.session.commit()
        self._held.clear()
        if progress is not None:
            progress(sum(record.lines for record in records))

    def _skip(self, line: int, reason: str) -> None:
        self.report.skipped += 1
        self.report.problems.append(Problem(line, reason))

    def _organisation(self, slug: str) -> Organisation:
        if slug not in self._organisations:
            found = db.session.execute(
                select(Organisation).where(Organisation.slug == slug)
            ).scalar_one_or_none()
            self._organisations[slug] = None if found is None else (found.id, found.is_approved)
        known = self._organisations[slug]
        if known is None:
            raise LineError(f"unknown organisation {slug!r}")
        organisation_id, approved = known
        if not approved:
            raise LineError(f"organisation {slug!r} is not an approved member organisation")
        organisation = self._held.get(organisation_id) or db.session.get(Organisation, organisation_id)
        self._held[organisation_id] = organisation  # the session only holds it weakly
        return organisation

    def _existing(self, external_ids: list[str]) -> dict[str, Resource]:
        if not external_ids:
            return {}
        query = (
            select(Resource)
            .where(Resource.external_id.in_(set(external_ids)))
            .options(selectinload(Resource.topics), selectinload(Resource.tags))
        )
        return {resource.external_id: resource for resource in db.session.execute(query).scalars()}

    # New resources ------------------------------------------------------------------------

    def _prepare_create(self, record: Record, line: Line, organisation: Organisation) -> _Create | None:
        fields = bulk.prepare(line.data)
        if service.privacy_findings(fields.title, fields.summary, fields.body):
            with db.session.begin_nested():
                self._create_one(record, line, organisation)
            return None
        item = bulk.NewResource(
            organisation=organisation,
            fields=fields,
            status=line.status,
            published_at=line.published_at,
            external_id=line.external_id,
            note="Imported",
        )
        return _Create(record, line, item)

    def _insert(self, creates: list[_Create]) -> None:
        if not creates:
            return
        try:
            with db.session.begin_nested():
                bulk.insert_resources(self.actor, [create.item for create in creates])
        except (DomainError, SQLAlchemyError):
            for create in creates:  # find the line the database refused; keep the others
                try:
                    with db.session.begin_nested():
                        self._create_one(create.record, create.line, create.item.organisation)
                except (LineError, DomainError, SQLAlchemyError) as error:
                    self._skip(create.record.line, describe_error(error))
            return
        self.report.created += len(creates)

    def _create_one(self, record: Record, line: Line, organisation: Organisation) -> None:
        action = {"draft": service.ACTION_DRAFT, "pending": service.ACTION_SUBMIT}.get(
            line.status, service.ACTION_PUBLISH
        )
        resource = service.create_resource(
            self.actor,
            organisation,
            line.data,
            action=action,
            send_anyway=True,  # held for review, never published, when the privacy guard flags it
            external_id=line.external_id,
            published_at=line.published_at,
            note="Imported",
        )
        if line.status == "archived" and resource.status == service.PUBLISHED:
            service.archive_resource(self.actor, resource)
        self.report.created += 1
        self._note_privacy(record, resource)

    def _note_privacy(self, record: Record, resource: Resource) -> None:
        if resource.privacy_flagged:
            self.report.notices.append(
                Problem(record.line, "held for a moderator's review: it may contain patient information")
            )

    # Existing resources -------------------------------------------------------------------

    def _update(self, record: Record, line: Line, resource: Resource, organisation: Organisation) -> None:
        if resource.organisation_id != organisation.id:
            raise LineError(f"external_id {line.external_id!r} belongs to another organisation's resource")
        fields = bulk.prepare(line.data)
        same_content = fields.snapshot() == bulk.snapshot(resource)
        if same_content and self._status_settled(resource, line.status):
            self.report.updated += 1
            self.report.unchanged += 1
            return
        with db.session.begin_nested():
            if not same_content:
                service.edit_resource(self.actor, resource, line.data, note="Imported", send_anyway=True)
            self._move_status(resource, line)
        self.report.updated += 1
        self._note_privacy(record, resource)

    @staticmethod
    def _status_settled(resource: Resource, wanted: str) -> bool:
        """Nothing to do: already there, or no transition leads there from here."""
        if resource.privacy_flagged or resource.status == wanted:
            return True
        moves = {
            "published": ("draft", "returned", "pending", "archived"),
            "pending": ("draft", "returned"),
            "archived": ("published",),
        }
        return resource.status not in moves.get(wanted, ())

    def _move_status(self, resource: Resource, line: Line) -> None:
        if self._status_settled(resource, line.status):
            return
        if line.status == "published":
            service.publish_resource(self.actor, resource, published_at=line.published_at)
        elif line.status == "pending":
            service.submit_resource(self.actor, resource)
        elif line.status == "archived":
            service.archive_resource(self.actor, resource)


def import_file(
    path: str | Path,
    *,
    actor: Any = IMPORTER,
    batch_size: int = 500,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import every record of ``path``; commits as it goes (see the module docstring)."""
    path = Path(path)
    report = Importer(actor, batch_size).run(read_records(path), progress)
    audit.record(
        None,
        "library.import",
        "resource",
        None,
        label=path.name,
        after={"created": report.created, "updated": report.updated, "skipped": report.skipped},
    )
    db.session.commit()
    return report
