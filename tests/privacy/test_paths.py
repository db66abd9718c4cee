"""Every way text reaches the public passes the same guard: forms, change notes, files, import,
quotes, organisation profiles and bios; authors see the passages, moderators the same highlights."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from app.discussions import service as discussions
from app.errors import PermissionDenied
from app.extensions import db
from app.library import service as library
from app.library.models import Resource
from app.orgs.models import Organisation
from app.privacy import PrivacyCheckFailed
from app.search.models import SearchOutbox

from ..background import run_jobs
from ..factories.discussions import categories, reply, start_thread
from ..factories.library import make_resource
from ..uploads import files

STORY = "Our patient Maria Lopez has breast cancer and wanted to thank the infusion nurses."
CHART = ["Patient: John Smith", "MRN 00482913", "DOB 03/14/1962", "Diagnosis: pancreatic cancer"]


def _upload(client, resource, data: bytes, name: str):
    return client.post(
        f"/library/{resource.slug}/attachments",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


# --- Resources: the form, the author's choice, the moderator's view -----------------------------------


def test_the_author_sees_each_passage_in_place_and_why_before_anything_is_saved(client_as, roles):
    client = client_as(roles.member)
    data = {"title": "A story of care", "body": STORY, "kind": "case_study", "visibility": "public", "action": "submit"}
    response = client.post("/library/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<mark>Maria Lopez has breast cancer</mark>" in page
    assert "Our patient" in page and "identifies a patient" in page  # the context and the reason
    assert "Send for review anyway" in page and STORY in page  # the text is kept
    assert db.session.execute(select(Resource)).first() is None


def test_sent_for_review_anyway_it_waits_and_the_moderator_sees_the_same_highlights(client_as, roles):
    client = client_as(roles.org_admin)
    data = {"title": "A story of care", "body": STORY, "kind": "case_study", "visibility": "public"}
    assert client.post("/library/new", data={**data, "action": "publish", "send_for_review": "y"}).status_code == 302
    resource = db.session.execute(select(Resource)).scalar_one()
    assert resource.status == "pending" and resource.privacy_flagged
    with pytest.raises(PermissionDenied):
        library.publish_resource(roles.org_admin, resource)
    assert client_as(None).get(f"/library/{resource.slug}").status_code == 404
    queue = client_as(roles.moderator).get("/moderation").get_data(as_text=True)
    assert "<mark>Maria Lopez has breast cancer</mark>" in queue and "in the body" in queue


def test_a_change_note_is_checked_too(roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    data = library.ResourceInput(title=resource.title, body="Shorter steps.", kind="guide")
    with pytest.raises(PrivacyCheckFailed) as caught:
        library.edit_resource(roles.member, resource, data, note="Removed John Smith's chemo dates")
    assert caught.value.findings[0]["field"] == "note"


# --- Attachments: checked when extraction ends ------------------------------------------------------


def test_a_flagged_file_takes_a_published_resource_back_to_review(app, client_as, roles, mailbox):
    resource = make_resource(roles.member, publisher=roles.moderator, title="Discharge checklist")
    db.session.commit()
    response = _upload(client_as(roles.member), resource, files.pdf(CHART), "chart.pdf")
    assert response.status_code == 302
    run_jobs(app)  # the text is read, then screened, after the upload has answered
    db.session.refresh(resource)
    assert resource.status == "pending" and resource.privacy_flagged
    passages = {f["passage"] for f in resource.privacy_findings}
    assert "MRN 00482913" in passages and "DOB 03/14/1962" in passages
    assert {f["field"] for f in resource.privacy_findings} == {"file “chart.pdf”"}
    assert client_as(None).get(f"/library/{resource.slug}").status_code == 404
    last = db.session.execute(select(SearchOutbox).order_by(SearchOutbox.id.desc())).scalars().first()
    assert (last.doc_type, last.doc_id, last.op) == ("resource", resource.id, "delete")
    author_view = client_as(roles.member).get(f"/library/{resource.slug}").get_data(as_text=True)
    assert "<mark>MRN 00482913</mark>" in author_view and "chart.pdf" in author_view


def test_a_flagged_file_keeps_a_draft_from_being_published_until_a_moderator_approves(app, client_as, roles):
    resource = make_resource(roles.org_admin, roles.org, status="draft", title="Draft with a file")
    db.session.commit()
    _upload(client_as(roles.org_admin), resource, files.docx(CHART), "notes.docx")
    run_jobs(app)
    db.session.refresh(resource)
    assert resource.status == "draft" and resource.privacy_flagged
    with pytest.raises(PermissionDenied):
        library.publish_resource(roles.org_admin, resource)
    library.submit_resource(roles.org_admin, resource)
    library.approve_resource(roles.moderator, resource)
    assert resource.status == "published" and not resource.privacy_flagged


def test_removing_the_flagged_file_clears_its_findings(client_as, roles):
    resource = make_resource(roles.member, status="draft", title="Draft with a file")
    db.session.commit()
    client = client_as(roles.member)
    _upload(client, resource, files.pdf(CHART), "chart.pdf")
    db.session.refresh(resource)
    library.remove_attachment(roles.member, resource, resource.attachments[0].id)
    assert not resource.privacy_flagged and not resource.privacy_findings


def test_a_clean_file_changes_nothing(client_as, roles):
    resource = make_resource(roles.member, publisher=roles.moderator)
    db.session.commit()
    _upload(client_as(roles.member), resource, files.pdf(["Storm checklist for shelters"]), "checklist.pdf")
    db.session.refresh(resource)
    assert resource.status == "published" and not resource.privacy_flagged


# --- Import -------------------------------------------------------------------------------------------


def test_an_imported_line_that_identifies_a_patient_is_held_not_published(runner, roles, tmp_path):
    path = tmp_path / "lines.jsonl"
    lines = [
        {
            "external_id": "a",
            "title": "Flu season posts",
            "body": "Short videos work.",
            "organisation": roles.org.slug,
            "status": "published",
        },
        {
            "external_id": "b",
            "title": "A patient story",
            "body": STORY,
            "organisation": roles.org.slug,
            "status": "published",
        },
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = runner.invoke(args=["library", "import", str(path)])
    assert "line 2: held for a moderator's review" in result.output
    held = db.session.execute(select(Resource).where(Resource.external_id == "b")).scalar_one()
    clean = db.session.execute(select(Resource).where(Resource.external_id == "a")).scalar_one()
    assert held.status == "pending" and held.privacy_flagged
    assert clean.status == "published"


# --- Discussions: a quote is part of the reply --------------------------------------------------------


def test_quoting_patient_information_into_a_reply_is_caught(roles):
    thread = start_thread(roles.member, categories()["platforms"])
    quoted = "> John Smith was admitted with pancreatic cancer\n\nShould we reply to this comment?"
    with pytest.raises(PrivacyCheckFailed) as caught:
        discussions.reply_to_thread(roles.other_member, thread, quoted)
    assert caught.value.findings[0]["passage"].startswith("John Smith was admitted")
    post = reply(roles.other_member, thread, quoted, send_for_review=True)
    assert post.is_held and post.held_findings[0]["kind"] == "patient_name"


# --- Profiles: public at once, so they must be rewritten ----------------------------------------------


def test_an_organisation_profile_naming_a_patient_is_refused_with_the_passage(client_as, roles):
    org = roles.org
    data = {
        "name": org.name,
        "type": org.type,
        "website": "https://mercy.example.org",
        "country": "US",
        "description": f"Mercy General. {STORY}",
    }
    response = client_as(roles.org_admin).post(f"/orgs/{org.slug}/edit", data=data)
    assert 400 <= response.status_code < 500
    assert "Maria Lopez has breast cancer" in response.get_data(as_text=True)
    db.session.expire_all()
    assert "Maria" not in db.session.get(Organisation, org.id).description


def test_a_bio_naming_a_patient_is_refused_and_a_staff_bio_passes(client_as, roles):
    client = client_as(roles.member)
    data = {
        "name": "Mina Member",
        "job_title": "Social media lead",
        "email_notifications": "immediate",
        "bio": "Proud of our nurses. Yesterday Rebecca Stone delivered twins in our birthing center.",
    }
    response = client.post("/account/settings", data=data)
    assert 400 <= response.status_code < 500
    assert "Rebecca Stone delivered" in response.get_data(as_text=True)
    db.session.expire_all()
    assert "Rebecca" not in (roles.member.bio or "")
    fine = {**data, "bio": "Dr. Priya Shah, our chief of oncology, explains breast cancer screening on our channel."}
    assert client.post("/account/settings", data=fine).status_code == 302
