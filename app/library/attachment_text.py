"""The background job that reads an attachment's text for search.

The upload request only stores the file and queues this job. The job reads the text in a child
process under limits (``app.uploads.sandbox``) while holding no database transaction, then, in
one short write, stores the text (or why it could not be read), runs the privacy hook, and tells
search that the resource changed. A file deleted meanwhile is simply skipped.
"""

from __future__ import annotations

from flask import current_app

from ..db_setup import write_transaction
from ..extensions import db
from ..jobs import job_kind
from ..privacy.attachments import screen_attachment
from ..search import outbox
from ..uploads import configured_upload_dir, stored_path
from ..uploads.extraction import Budget
from ..uploads.sandbox import Limits, Outcome, extract_in_child
from .models import Attachment

EXTRACT_TEXT_JOB = "attachment.extract_text"
NOTE_MAX = 300


def extraction_budget() -> Budget:
    config = current_app.config
    return Budget(
        max_pages=int(config["EXTRACTION_MAX_PAGES"]),
        max_content_bytes=int(config["EXTRACTION_MAX_CONTENT_BYTES"]),
        max_chars=int(config["EXTRACTION_MAX_CHARS"]),
    )


def extraction_limits() -> Limits:
    config = current_app.config
    return Limits(
        cpu_seconds=int(config["EXTRACTION_CPU_SECONDS"]),
        memory_bytes=int(config["EXTRACTION_MEMORY_MB"]) * 1024 * 1024,
        wall_seconds=float(config["EXTRACTION_WALL_SECONDS"]),
    )


@job_kind(EXTRACT_TEXT_JOB, max_attempts=3)
def extract_attachment_text(payload: dict[str, object]) -> None:
    attachment_id = int(str(payload["attachment_id"]))
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None:
        return  # removed before its text was read
    path = stored_path(configured_upload_dir(), attachment.stored_name)
    kind = attachment.stored_name.rsplit(".", 1)[-1]
    db.session.commit()  # hold no transaction (nor SQLite's lock) while the child reads
    if path.is_file():
        outcome = extract_in_child(path, kind, extraction_budget(), extraction_limits())
    else:
        outcome = Outcome(error="the stored file is missing")
    with write_transaction():
        attachment = db.session.get(Attachment, attachment_id, populate_existing=True)
        if attachment is None:
            return
        _record(attachment, outcome)
        screen_attachment_text(attachment)
        if attachment.resource.is_listed:
            outbox.enqueue("resource", attachment.resource_id)
        db.session.commit()


def _record(attachment: Attachment, outcome: Outcome) -> None:
    attachment.extracted_text = outcome.text
    if outcome.error:
        attachment.text_status, attachment.text_note = "failed", outcome.error[:NOTE_MAX]
    elif outcome.cut_short:
        attachment.text_status, attachment.text_note = "partial", outcome.cut_short[:NOTE_MAX]
    else:
        attachment.text_status, attachment.text_note = "read", ""


def screen_attachment_text(attachment: Attachment) -> None:
    """The privacy guard reads the extracted text before search is told (docs/SECURITY.md 48): a
    flagged file takes its resource back to review."""
    screen_attachment(attachment)
