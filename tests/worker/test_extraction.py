"""Reading an attachment's text leaves the request: a job, a limited child process, a work budget."""

from __future__ import annotations

import io
import threading
import time

from sqlalchemy import select

from app.extensions import db
from app.jobs.models import Job
from app.library.models import Attachment
from app.search.models import SearchOutbox
from app.uploads.extraction import Budget, extract_text
from app.uploads.sandbox import Limits, extract_in_child
from app.worker import queue
from tests.background import run_jobs
from tests.conftest import login
from tests.factories.library import make_resource
from tests.uploads import files

DEADLINE_SECONDS = 120


def _upload(client, resource, data: bytes, name: str):
    return client.post(
        f"/library/{resource.slug}/attachments",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def _attachment() -> Attachment:
    db.session.expire_all()
    return db.session.scalars(select(Attachment)).one()


def test_the_budget_counts_work_not_characters():
    """Forty pages of one shared 8 MB stream: the budget stops before the first page is parsed."""
    started = time.process_time()
    extracted = extract_text(files.hostile_pdf(pages=40, stream_bytes=8_000_000), "pdf", Budget())
    assert extracted.text == ""
    assert "more content than the limit" in extracted.cut_short and "0 of 40 pages" in extracted.cut_short
    assert time.process_time() - started < 10  # decoding once, not parsing 40 × 8 MB


def test_the_page_cap_counts_pages_visited():
    extracted = extract_text(files.hostile_pdf(pages=5, stream_bytes=2_000), "pdf", Budget(max_pages=3))
    assert "Padding text" in extracted.text
    assert extracted.cut_short == "only the first 3 of its 5 pages were read"


def test_the_child_process_is_stopped_at_its_cpu_limit(tmp_path):
    path = tmp_path / "hostile.pdf"
    path.write_bytes(files.hostile_pdf(pages=40, stream_bytes=4_000_000))
    outcome = extract_in_child(path, "pdf", Budget(max_content_bytes=10**12), Limits(cpu_seconds=1, wall_seconds=60))
    assert outcome.error == "reading it needed more than 1 seconds of processor time"
    assert outcome.text == ""


def test_the_child_process_is_stopped_at_its_wall_clock_limit(tmp_path):
    path = tmp_path / "hostile.pdf"
    path.write_bytes(files.hostile_pdf(pages=40, stream_bytes=4_000_000))
    outcome = extract_in_child(path, "pdf", Budget(max_content_bytes=10**12), Limits(cpu_seconds=60, wall_seconds=0.5))
    assert outcome.error == "reading it took longer than 0.5 seconds"


def test_an_upload_answers_at_once_and_its_text_becomes_searchable_when_read(app, client_as, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    author = client_as(roles.member)
    assert _upload(author, resource, files.pdf(["Heat wave messaging for clinics"]), "heat.pdf").status_code == 302
    assert _attachment().text_status == "pending"
    db.session.execute(SearchOutbox.__table__.delete())
    db.session.commit()

    assert run_jobs(app) == 1

    attachment = _attachment()
    assert attachment.text_status == "read" and "Heat wave messaging" in attachment.extracted_text
    assert db.session.scalars(select(SearchOutbox.doc_id)).all() == [resource.id]  # search re-reads the text
    assert "could not be read" not in author.get(f"/library/{resource.slug}").get_data(as_text=True)


def test_a_hostile_pdf_is_cut_off_and_its_author_is_told(app, client_as, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    author = client_as(roles.member)
    assert _upload(author, resource, files.hostile_pdf(pages=40, stream_bytes=8_000_000), "tiny.pdf").status_code == 302

    run_jobs(app)

    attachment = _attachment()
    assert attachment.text_status == "partial"
    page = author.get(f"/library/{resource.slug}").get_data(as_text=True)
    assert "The text of this file could not be read in full (its pages hold more content than the limit" in page
    visitor_page = client_as(None).get(f"/library/{resource.slug}").get_data(as_text=True)
    assert "could not be read" not in visitor_page  # a note for those who can fix it


def test_other_visitors_are_served_within_a_second_while_a_hostile_pdf_is_read(app_factory, client_as, roles):
    """The job holds no transaction while the child grinds through the file (here up to its CPU limit)."""
    app = app_factory(EXTRACTION_MAX_CONTENT_BYTES=10**12, EXTRACTION_CPU_SECONDS=3, EXTRACTION_WALL_SECONDS=30)
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    author = login(app.test_client(), roles.member)
    assert _upload(author, resource, files.hostile_pdf(pages=40, stream_bytes=4_000_000), "tiny.pdf").status_code == 302
    visitor = app.test_client()
    assert visitor.get(f"/library/{resource.slug}").status_code == 200  # templates compiled, as on a warm server
    worker = threading.Thread(target=run_jobs, args=(app,))
    worker.start()
    try:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while time.monotonic() < deadline:
            with app.app_context():
                if db.session.scalar(select(Job.status)) == queue.RUNNING:
                    break
            time.sleep(0.02)  # polling against the deadline, not waiting for a guess
        started = time.monotonic()
        response = visitor.get(f"/library/{resource.slug}")
        elapsed = time.monotonic() - started
        still_reading = worker.is_alive()
    finally:
        worker.join(DEADLINE_SECONDS)
    assert response.status_code == 200
    assert still_reading  # the page was served while the extraction ran
    assert elapsed < 1.0
    attachment = _attachment()
    assert attachment.text_status == "failed"
    # Which bound ends it depends on how much processor time this machine gives the child.
    assert attachment.text_note in (
        "reading it needed more than 3 seconds of processor time",
        "reading it took longer than 30 seconds",
    )
