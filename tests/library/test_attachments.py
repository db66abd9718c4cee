"""Attachments on resources: upload (CSRF, checks, size), download (permission, headers), removal."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from app.extensions import db
from app.library import service
from app.library.models import Attachment, Resource
from app.search.models import SearchOutbox

from ..background import run_jobs
from ..factories.library import make_resource
from ..uploads import files


def _upload(client, resource, data: bytes, name: str, headers: dict[str, str] | None = None):
    return client.post(
        f"/library/{resource.slug}/attachments",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
        headers=headers or {},
    )


def _stored_files(app) -> list[Path]:
    return [p for p in Path(app.config["UPLOAD_DIR"]).iterdir() if p.is_file()]


def test_an_editor_attaches_several_files_and_their_text_is_kept_for_search(app, client_as, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    client = client_as(roles.member)
    assert _upload(client, resource, files.pdf(["Storm checklist for shelters"]), "checklist.pdf").status_code == 302
    assert _upload(client, resource, files.docx(["Consent form wording"]), "consent.docx").status_code == 302
    attachments = db.session.execute(select(Attachment).order_by(Attachment.id)).scalars().all()
    assert [a.original_name for a in attachments] == ["checklist.pdf", "consent.docx"]
    assert [a.text_status for a in attachments] == ["pending", "pending"]  # the upload did not wait for it
    assert "Its text is being read for search" in client.get(f"/library/{resource.slug}").get_data(as_text=True)

    assert run_jobs(app) == 2
    db.session.expire_all()
    assert [a.text_status for a in attachments] == ["read", "read"]
    assert "Storm checklist for shelters" in attachments[0].extracted_text
    assert "Consent form wording" in attachments[1].extracted_text
    for attachment in attachments:
        assert re.fullmatch(r"[0-9a-f]{32}\.(pdf|docx)", attachment.stored_name)
        assert attachment.uploader_id == roles.member.id
    assert len(_stored_files(app)) == 2
    outbox = db.session.execute(select(SearchOutbox.doc_id)).scalars().all()
    assert outbox.count(resource.id) >= 5  # published, one per file, one per text read: search re-reads it


def test_a_refused_file_leaves_nothing_behind_and_says_why(app, client_as, roles):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    client = client_as(roles.member)
    response = _upload(client, resource, b"<html><script>alert(1)</script></html>", "report.pdf")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "its content is not a PDF" in page
    assert db.session.execute(select(Attachment)).first() is None
    assert _stored_files(app) == []


def test_hostile_file_names_never_reach_the_storage_path(app, client_as, roles):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    client = client_as(roles.member)
    _upload(client, resource, files.pdf(), "../../etc/\u202epasswd.pdf")
    attachment = db.session.execute(select(Attachment)).scalar_one()
    assert "/" not in attachment.original_name and "\u202e" not in attachment.original_name
    assert [p.name for p in _stored_files(app)] == [attachment.stored_name]


def test_an_upload_over_20_mb_is_refused_with_413(app, client_as, roles):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    big = files.pdf_of_size(20 * 1024 * 1024 + 10)
    response = _upload(client_as(roles.member), resource, big, "big.pdf")
    assert response.status_code == 413
    assert "20 MB" in response.get_data(as_text=True)
    assert _stored_files(app) == []


def test_a_request_over_the_global_limit_is_refused_with_413(client_as, roles):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    response = _upload(client_as(roles.member), resource, b"%PDF-" + b"0" * (21 * 1024 * 1024), "huge.pdf")
    assert response.status_code == 413


def test_a_refused_upload_links_back_to_the_page_it_came_from_and_only_on_this_site(client_as, roles):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    client = client_as(roles.member)
    huge = b"%PDF-" + b"0" * (21 * 1024 * 1024)
    page = f"http://localhost/library/{resource.slug}"

    ours = _upload(client, resource, huge, "huge.pdf", headers={"Referer": page})
    foreign = _upload(client, resource, huge, "huge.pdf", headers={"Referer": "https://evil.example/x"})

    assert ours.status_code == foreign.status_code == 413
    assert f'href="/library/{resource.slug}">Back to the page you were on' in ours.get_data(as_text=True)
    assert "Back to the page you were on" not in foreign.get_data(as_text=True)


def test_the_upload_form_tells_the_browser_the_size_limit(client_as, roles):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    page = client_as(roles.member).get(f"/library/{resource.slug}").get_data(as_text=True)
    assert f'data-max-bytes="{20 * 1024 * 1024}"' in page


def test_upload_needs_a_csrf_token(app_factory, roles):
    from ..conftest import login

    app = app_factory(WTF_CSRF_ENABLED=True)
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    client = login(app.test_client(), roles.member)
    assert _upload(client, resource, files.pdf(), "a.pdf").status_code == 400
    assert db.session.execute(select(Attachment)).first() is None


def test_only_editors_may_attach(client_as, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    assert _upload(client_as(roles.other_member), resource, files.pdf(), "a.pdf").status_code == 403
    assert _upload(client_as(None), resource, files.pdf(), "a.pdf").status_code == 302  # sign in first
    assert db.session.execute(select(Attachment)).first() is None


def test_download_sends_the_file_as_an_attachment_with_safe_headers(client_as, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    _upload(client_as(roles.member), resource, files.pdf(), "Crisis plan – 2025.pdf")
    attachment = db.session.execute(select(Attachment)).scalar_one()
    response = client_as(None).get(f"/files/{attachment.id}/anything.pdf")
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF-")
    assert response.headers["Content-Type"] == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''Crisis%20plan%20%E2%80%93%202025.pdf" in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "sandbox"


def test_files_of_private_resources_answer_404_like_missing_ones(client_as, roles):
    resource = make_resource(roles.member, status="draft")
    members_only = make_resource(roles.member, visibility="members", publisher=roles.moderator)
    db.session.commit()
    member = client_as(roles.member)
    _upload(member, resource, files.pdf(), "draft.pdf")
    _upload(member, members_only, files.pdf(), "memo.pdf")
    draft_file, memo_file = db.session.execute(select(Attachment).order_by(Attachment.id)).scalars().all()
    missing = client_as(None).get("/files/999999/x.pdf")
    assert missing.status_code == 404
    for client, attachment in (
        (client_as(None), draft_file),
        (client_as(roles.other_member), draft_file),
        (client_as(None), memo_file),
        (client_as(roles.outsider), memo_file),
    ):
        response = client.get(f"/files/{attachment.id}/x.pdf")
        assert response.status_code == 404
    assert client_as(roles.other_member).get(f"/files/{memo_file.id}/x.pdf").status_code == 200
    assert client_as(roles.org_admin).get(f"/files/{draft_file.id}/x.pdf").status_code == 200


def test_images_lose_their_exif_data(client_as, roles):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    member = client_as(roles.member)
    _upload(member, resource, files.jpeg(with_exif=True), "photo.jpg")
    attachment = db.session.execute(select(Attachment)).scalar_one()
    data = member.get(f"/files/{attachment.id}/photo.jpg").data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()


def test_removing_a_file_deletes_it_after_commit(app, client_as, roles):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    member = client_as(roles.member)
    _upload(member, resource, files.pdf(), "a.pdf")
    attachment = db.session.execute(select(Attachment)).scalar_one()
    assert member.post(f"/library/{resource.slug}/attachments/{attachment.id}/delete").status_code == 302
    assert db.session.execute(select(Attachment)).first() is None
    assert _stored_files(app) == []


def test_deleting_a_resource_deletes_its_files(app, client_as, roles):
    resource = make_resource(roles.member, status="draft")
    db.session.commit()
    _upload(client_as(roles.member), resource, files.pdf(), "a.pdf")
    db.session.expire_all()
    service.delete_resource(roles.member, db.session.get(Resource, resource.id))
    db.session.commit()
    assert _stored_files(app) == []


def test_the_resource_page_lists_files_with_download_links(client_as, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    _upload(client_as(roles.member), resource, files.pdf(), "Tom & Jerry's plan.pdf")
    attachment = db.session.execute(select(Attachment)).scalar_one()
    body = client_as(None).get(f"/library/{resource.slug}").get_data(as_text=True)
    assert f"/files/{attachment.id}/" in body
    assert "Tom &amp; Jerry&#39;s plan.pdf" in body
