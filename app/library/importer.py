"""Bulk import of resources from JSON Lines or CSV (``flask library import FILE``).

One line (CSV: one record) is one resource, with the fields docs/DESIGN.md names: ``external_id``,
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

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from .. import audit
from ..db_setup import write_transaction
from ..errors import DomainError
from ..extensions import db
from ..orgs.models import Organisation
from ..retry import is_transient, retry_writes
from . import bulk, service
from .import_records import (
    IMPORTER,
    ImportReport,
    Line,
    LineError,
    Problem,
    Record,
    check_line,
    count_lines,
    describe_error,
    detect_format,
    read_records,
)
from .models import Resource, ResourceStatus
from .revisions import snapshot
from .validation import validate

__all__ = ["IMPORTER", "ImportReport", "Importer", "count_lines", "detect_format", "import_file"]


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
        """One batch is one unit of work: when the database is busy (another process writing),
        the whole batch is rolled back and run again, so a busy moment never skips a line."""
        before = replace(self.report, problems=list(self.report.problems), notices=list(self.report.notices))

        def apply() -> None:
            self.report = replace(before, problems=list(before.problems), notices=list(before.notices))
            self._held.clear()
            with write_transaction():
                self._apply(records)
                db.session.commit()

        retry_writes(apply, what="library import batch")
        self._held.clear()
        if progress is not None:
            progress(sum(record.lines for record in records))

    def _apply(self, records: list[Record]) -> None:
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
                self._skip_or_retry(record.line, error)
        self._insert(creates)

    def _skip_or_retry(self, line: int, error: Exception) -> None:
        """A line the database refused for a busy moment is not bad: the batch runs again."""
        if is_transient(error):
            raise error
        self._skip(line, describe_error(error))

    def _skip(self, line: int, reason: str) -> None:
        self.report.skipped += 1
        self.report.problems.append(Problem(line, reason))

    def _organisation(self, slug: str) -> Organisation:
        if slug not in self._organisations:
            found = db.session.execute(select(Organisation).where(Organisation.slug == slug)).scalar_one_or_none()
            self._organisations[slug] = None if found is None else (found.id, found.is_approved)
        known = self._organisations[slug]
        if known is None:
            raise LineError(f"unknown organisation {slug!r}")
        organisation_id, approved = known
        if not approved:
            raise LineError(f"organisation {slug!r} is not an approved member organisation")
        organisation = self._held.get(organisation_id) or db.session.get_one(Organisation, organisation_id)
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
        return {
            resource.external_id: resource
            for resource in db.session.execute(query).scalars()
            if resource.external_id is not None
        }

    # New resources ------------------------------------------------------------------------

    def _prepare_create(self, record: Record, line: Line, organisation: Organisation) -> _Create | None:
        fields = validate(line.data)
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
        except (DomainError, SQLAlchemyError) as error:
            if is_transient(error):
                raise
            for create in creates:  # find the line the database refused; keep the others
                try:
                    with db.session.begin_nested():
                        self._create_one(create.record, create.line, create.item.organisation)
                except (LineError, DomainError, SQLAlchemyError) as error:
                    self._skip_or_retry(create.record.line, error)
            return
        self.report.created += len(creates)

    def _create_one(self, record: Record, line: Line, organisation: Organisation) -> None:
        action = {ResourceStatus.DRAFT: service.ACTION_DRAFT, ResourceStatus.PENDING: service.ACTION_SUBMIT}.get(
            ResourceStatus(line.status), service.ACTION_PUBLISH
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
        if line.status == ResourceStatus.ARCHIVED and resource.status == ResourceStatus.PUBLISHED:
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
        fields = validate(line.data)
        same_content = fields.snapshot() == snapshot(resource)
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
            ResourceStatus.PUBLISHED: (
                ResourceStatus.DRAFT,
                ResourceStatus.RETURNED,
                ResourceStatus.PENDING,
                ResourceStatus.ARCHIVED,
            ),
            ResourceStatus.PENDING: (ResourceStatus.DRAFT, ResourceStatus.RETURNED),
            ResourceStatus.ARCHIVED: (ResourceStatus.PUBLISHED,),
        }
        return resource.status not in moves.get(ResourceStatus(wanted), ())

    def _move_status(self, resource: Resource, line: Line) -> None:
        if self._status_settled(resource, line.status):
            return
        if line.status == ResourceStatus.PUBLISHED:
            service.publish_resource(self.actor, resource, published_at=line.published_at)
        elif line.status == ResourceStatus.PENDING:
            service.submit_resource(self.actor, resource)
        elif line.status == ResourceStatus.ARCHIVED:
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

    def record_the_run() -> None:
        audit.record(
            None,
            "library.import",
            "resource",
            None,
            label=path.name,
            after={"created": report.created, "updated": report.updated, "skipped": report.skipped},
        )
        db.session.commit()

    retry_writes(record_the_run, what="library import audit")
    return report
