"""The demo library (``flask seed demo``'s library step) and ``flask seed scale``."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.content import render_markdown
from app.db_types import utcnow
from app.extensions import db
from app.library.demo_text import DemoWriter
from app.library.models import Attachment, Collection, Resource, ResourceRevision
from app.library.pending_edits import PendingEdit
from app.library.seed import COUNT, PRIVACY_EXAMPLE, SEED, key_for, seed_library
from app.orgs.models import Organisation
from app.orgs.seed import seed_network
from app.privacy import find_phi
from app.search.models import SearchOutbox
from tests.background import run_jobs


def _plans(seed=SEED):
    writer, titles = DemoWriter(seed), set()
    return [writer.resource(n, key_for(n), titles) for n in range(COUNT)]


def test_planned_resources_are_varied_unique_and_free_of_patient_information():
    plans = _plans()
    assert len({p.title for p in plans}) == COUNT
    kinds = Counter(p.kind for p in plans)
    assert set(kinds) == {
        "guide",
        "toolkit",
        "policy_template",
        "case_study",
        "webinar",
        "research",
        "link",
        "other",
    }
    assert min(kinds.values()) >= 10
    topics = Counter(t for p in plans for t in p.topics)
    assert {
        "facebook",
        "x",
        "linkedin",
        "youtube",
        "instagram",
        "tiktok",
        "patient-privacy",
        "crisis-communication",
        "physician-voice",
        "employee-advocacy",
        "measurement",
    } <= set(topics)
    for plan in plans:
        assert not find_phi("\n\n".join((plan.title, plan.summary, plan.body))), plan.title
        assert plan.body.count("\n\n") >= 2 and "lorem" not in plan.body.lower()
        assert 3 <= len(plan.title) <= 200


def test_planning_is_deterministic():
    assert [p.body for p in _plans()[:20]] == [p.body for p in _plans()[:20]]
    assert _plans()[0].title != _plans(SEED + 1)[0].title


def test_every_planned_body_renders_to_markdown_with_structure():
    for plan in _plans()[:60]:
        html = render_markdown(plan.body)
        assert "<p>" in html
        if plan.kind in ("guide", "toolkit", "policy_template", "case_study", "research", "webinar"):
            assert "<h2>" in html


@pytest.fixture
def demo_library(ctx):
    seed_network()
    db.session.commit()
    lines = seed_library()
    db.session.commit()
    return lines


def _count(model, *where):
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def test_demo_library_has_a_believable_mix_with_files_search_rows_and_dates_and_seeds_once(ctx, demo_library):
    assert demo_library[0].startswith(f"Demo library: {COUNT} resources")
    statuses = dict(db.session.execute(select(Resource.status, func.count()).group_by(Resource.status)).all())
    assert statuses["published"] > 200
    assert statuses["pending"] >= 10 and statuses["draft"] >= 10
    assert statuses.get("returned", 0) >= 1 and statuses.get("archived", 0) >= 1
    assert _count(Resource, Resource.visibility == "members") > 30
    assert _count(ResourceRevision) > COUNT + 20
    assert _count(Resource, Resource.featured.is_(True)) == 6
    assert _count(Collection) == 3
    assert len({r for r in db.session.execute(select(Resource.organisation_id)).scalars()}) > 15
    held = db.session.execute(select(Resource).where(Resource.privacy_flagged.is_(True))).scalars().all()
    assert [r.external_id for r in held] == [key_for(PRIVACY_EXAMPLE)] and held[0].status == "pending"

    # Attachments are real files that passed the upload checks.
    attachments = db.session.execute(select(Attachment)).scalars().all()
    assert len(attachments) > 40
    kinds = Counter(a.content_type for a in attachments)
    assert kinds["application/pdf"] > 20 and sum(kinds.values()) > kinds["application/pdf"]
    upload_dir = Path(ctx.config["UPLOAD_DIR"])
    for attachment in attachments:
        assert (upload_dir / attachment.stored_name).stat().st_size == attachment.size
        assert attachment.text_status == "pending"  # read by the background job, as after an upload
    assert run_jobs(ctx) == len(attachments)
    db.session.expire_all()
    for attachment in attachments:
        assert attachment.text_status == "read" and attachment.extracted_text.strip()

    # Search is told about every published resource; dates spread like a real library's.
    published = set(db.session.execute(select(Resource.id).where(Resource.status == "published")).scalars())
    queued = set(
        db.session.execute(
            select(SearchOutbox.doc_id).where(SearchOutbox.doc_type == "resource", SearchOutbox.op == "upsert")
        ).scalars()
    )
    assert published <= queued
    dates = db.session.execute(select(Resource.published_at).where(Resource.status == "published")).scalars().all()
    assert (max(dates) - min(dates)).days > 300
    html = db.session.execute(select(Resource.body_html)).scalars().all()
    assert all("<script" not in h for h in html)
    _assert_dated_like_a_real_library()

    # A second run adds nothing (one seeding serves both checks: it is the slow part).
    before = {model: _count(model) for model in (Resource, ResourceRevision, Attachment, Collection, SearchOutbox)}
    files = sorted(p.name for p in upload_dir.iterdir())
    assert seed_library() == ["Demo library: already present; nothing added."]
    db.session.commit()
    assert {model: _count(model) for model in before} == before
    assert sorted(p.name for p in upload_dir.iterdir()) == files


def test_seed_without_organisations_says_so(ctx):
    assert seed_library() == ["Demo library: no approved organisations with members yet; skipped."]


def test_seed_scale_adds_sanitized_outbox_consistent_resources(runner, ctx):
    result = runner.invoke(
        args=["seed", "scale", "--resources", "1200", "--batch-size", "500", "--organisations", "12"]
    )
    assert result.exit_code == 0, result.output
    assert "Added 1,200 synthetic resources" in result.output
    assert _count(Resource) == 1200
    assert _count(ResourceRevision) == 1200
    assert _count(Organisation, Organisation.status == "approved") == 12
    published = set(db.session.execute(select(Resource.id).where(Resource.status == "published")).scalars())
    assert len(published) > 1000
    queued = set(db.session.execute(select(SearchOutbox.doc_id).where(SearchOutbox.doc_type == "resource")).scalars())
    assert queued == published
    for resource in db.session.execute(select(Resource).limit(50)).scalars():
        assert resource.body_html == render_markdown(resource.body_source)
        assert resource.topics and resource.tags

    runner.invoke(args=["seed", "scale", "--resources", "300", "--no-outbox"])
    assert _count(Resource) == 1500
    assert _count(SearchOutbox, SearchOutbox.doc_type == "resource") == len(queued)


def test_seed_scale_accepts_threads(runner, ctx):
    result = runner.invoke(args=["seed", "scale", "--threads", "5"])
    assert result.exit_code == 0, result.output
    assert "threads" in result.output.lower()


def test_seed_scale_refuses_production(app_factory):
    app = app_factory(SMHN_ENV="production", SESSION_COOKIE_SECURE=True, TRUSTED_HOSTS=["localhost"])
    result = app.test_cli_runner().invoke(args=["seed", "scale", "--resources", "1"])
    assert result.exit_code != 0 and "refuses to run in production" in result.output


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3} - STOP_WORDS


STOP_WORDS = {"with", "your", "that", "this", "from", "what", "their", "they", "them", "about"}


def test_every_planned_summary_speaks_of_its_title():
    for plan in _plans():
        assert _words(plan.title) & _words(plan.summary), (plan.title, plan.summary)


def test_a_case_study_summary_names_the_event_or_subject_of_its_title():
    writer, titles = DemoWriter(SEED), set()
    for n in range(COUNT):
        plan = writer.resource(n, key_for(n), titles)
        if plan.kind == "case_study" and " handled " in plan.title:
            event = plan.title.split(" handled ", 1)[1].rsplit(" on ", 1)[0]
            assert event in plan.summary, (plan.title, plan.summary)


def _assert_dated_like_a_real_library() -> None:
    """Nothing dated in the future; what waits for review was sent hours to days ago."""
    now = utcnow()
    for column in (Resource.created_at, Resource.updated_at, Resource.published_at, Resource.archived_at):
        assert _count(Resource, column > now) == 0, column
    assert _count(ResourceRevision, ResourceRevision.created_at > now) == 0
    waiting = db.session.execute(select(Resource.submitted_at).where(Resource.status == "pending")).scalars().all()
    assert waiting and all(timedelta(hours=1) <= now - moment <= timedelta(days=4) for moment in waiting)
    edits = db.session.execute(select(PendingEdit.created_at)).scalars().all()
    assert all(timedelta(0) <= now - moment <= timedelta(days=4) for moment in edits)
