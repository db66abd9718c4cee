"""``flask library import``: JSON Lines and CSV, bad lines reported by number, idempotent."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.library import bulk, importer
from app.library.curation import ensure_default_topics
from app.library.models import Resource, ResourceRevision, ResourceSlug
from app.search.models import SearchOutbox
from tests import factories

from .import_data import line_fields, write_csv, write_jsonl


@pytest.fixture
def network(ctx):
    ensure_default_topics()
    orgs = [factories.make_org(f"Import Hospital {n}", slug=f"import-hospital-{n}") for n in range(4)]
    other = factories.make_org("Applied Clinic", slug="applied-clinic", status="applied")
    db.session.commit()
    return [org.slug for org in orgs], other.slug


def _count(model, *where):
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def _import(runner, path):
    started = time.perf_counter()
    result = runner.invoke(args=["library", "import", str(path)])
    return result, time.perf_counter() - started


def test_thousands_of_lines_keep_the_good_ones_and_report_each_bad_line(
    runner, network, tmp_path
):
    orgs, _ = network
    path = tmp_path / "resources.jsonl"
    bad = write_jsonl(path, 3_000, orgs)

    result, first_seconds = _import(runner, path)

    assert result.exit_code == 1
    for line, reason in bad.items():
        assert f"Skipped line {line}: {reason}" in result.output
    assert result.output.count("Skipped line") == 5
    assert "Created 2,995, updated 0 (0 unchanged), skipped 5." in result.output
    assert _count(Resource) == 2_995
    assert _count(Resource, Resource.status == "published") == 2_995
    assert _count(SearchOutbox, SearchOutbox.doc_type == "resource") == 2_995
    assert _count(ResourceRevision) == 2_995

    result, second_seconds = _import(runner, path)

    assert "Created 0, updated 2,995 (2,995 unchanged), skipped 5." in result.output
    assert _count(Resource) == 2_995
    assert _count(ResourceRevision) == 2_995
    assert _count(SearchOutbox, SearchOutbox.doc_type == "resource") == 2_995
    print(f"\n3,000-line import: first run {first_seconds:.1f} s, second run {second_seconds:.1f} s")


def test_csv_import_reports_bad_records_by_their_line_in_the_file(runner, network, tmp_path):
    orgs, _ = network
    path = tmp_path / "resources.csv"
    bad = write_csv(path, 2_000, orgs)

    result, _ = _import(runner, path)

    assert sorted(bad) == [102, 703, 1304, 1905]
    for line, reason in bad.items():
        assert f"Skipped line {line}: {reason}" in result.output
    assert "Created 1,996, updated 0 (0 unchanged), skipped 4." in result.output
    resource = db.session.execute(select(Resource).where(Resource.external_id == "ext-00012")).scalar_one()
    assert [t.slug for t in resource.topics] == ["facebook", "patient-privacy"]
    assert [t.name for t in resource.tags] == ["imported", "tag12"]

    result, _ = _import(runner, path)
    assert "Created 0, updated 1,996 (1,996 unchanged), skipped 4." in result.output


def _write(path, rows):
    path.write_text("".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows))
    return path


def _line(n, orgs, **changes):
    fields = line_fields(n, orgs, None)
    fields.update(changes)
    return fields


def test_multi_line_csv_records_are_numbered_by_where_they_start(ctx, network, tmp_path):
    orgs, _ = network
    path = tmp_path / "multi.csv"
    path.write_text(
        "external_id,title,body,organisation,kind\n"
        'a-1,First guide,"Line one\n\nLine two",' + orgs[0] + ",guide\n"
        'a-2,Second guide,"Line one\nLine two\nLine three",' + orgs[0] + ",bogus\n"
        "a-3,Third guide,Body," + orgs[0] + ",toolkit\n",
        encoding="utf-8",
    )
    report = importer.import_file(path)
    assert [str(p) for p in report.problems] == [
        "line 5: unknown kind 'bogus' (expected one of guide, toolkit, policy_template, case_study, "
        "webinar, research, link, other)"
    ]
    assert report.created == 2
    body = db.session.execute(select(Resource.body_source).where(Resource.external_id == "a-1")).scalar_one()
    assert body == "Line one\n\nLine two"


def test_changed_line_updates_the_resource_with_a_revision(ctx, network, tmp_path):
    orgs, _ = network
    importer.import_file(_write(tmp_path / "a.jsonl", [_line(1, orgs)]))
    old = db.session.execute(select(Resource).where(Resource.external_id == "ext-00001")).scalar_one()
    old_slug = old.slug
    report = importer.import_file(
        _write(tmp_path / "b.jsonl", [_line(1, orgs, title="A better title for the guide")])
    )

    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    resource = db.session.execute(select(Resource).where(Resource.external_id == "ext-00001")).scalar_one()
    assert resource.title == "A better title for the guide"
    assert resource.slug == "a-better-title-for-the-guide"
    assert _count(ResourceSlug, ResourceSlug.slug == old_slug) == 1
    assert _count(ResourceRevision, ResourceRevision.resource_id == resource.id) == 2


def test_status_visibility_and_date_come_from_the_line(ctx, network, tmp_path):
    orgs, _ = network
    rows = [
        _line(1, orgs, status="draft"),
        _line(2, orgs, status="pending"),
        _line(3, orgs, status="archived"),
        _line(4, orgs, visibility="members", published_at="2023-02-03"),
    ]
    importer.import_file(_write(tmp_path / "s.jsonl", rows))
    by_id = {r.external_id: r for r in db.session.execute(select(Resource)).scalars()}
    assert by_id["ext-00001"].status == "draft"
    assert by_id["ext-00002"].status == "pending"
    assert by_id["ext-00003"].status == "archived"
    assert by_id["ext-00004"].status == "published" and by_id["ext-00004"].visibility == "members"
    assert by_id["ext-00004"].published_at.isoformat() == "2023-02-03T00:00:00+00:00"
    assert all(r.author_id is None for r in by_id.values())
    listed = db.session.execute(select(SearchOutbox.doc_id)).scalars().all()
    assert listed == [by_id["ext-00004"].id]

    importer.import_file(_write(tmp_path / "t.jsonl", [_line(1, orgs, status="published")]))
    db.session.expire_all()
    assert db.session.get(Resource, by_id["ext-00001"].id).status == "published"


def test_imported_markdown_is_sanitized_like_the_web_form(ctx, network, tmp_path):
    orgs, _ = network
    body = "Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    importer.import_file(_write(tmp_path / "x.jsonl", [_line(1, orgs, body=body)]))
    html = db.session.execute(select(Resource.body_html)).scalar_one()
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html


def test_text_that_looks_like_patient_information_is_held_for_review(ctx, network, tmp_path):
    orgs, _ = network
    rows = [_line(1, orgs, body="Patient John Smith, MRN 12345678, DOB 04/05/1961, was discharged.")]
    report = importer.import_file(_write(tmp_path / "p.jsonl", rows))
    resource = db.session.execute(select(Resource)).scalar_one()
    assert resource.status == "pending" and resource.privacy_flagged
    assert [str(n) for n in report.notices] == [
        "line 1: held for a moderator's review: it may contain patient information"
    ]
    assert _count(SearchOutbox) == 0


def test_same_external_id_twice_in_a_file_creates_then_updates(ctx, network, tmp_path):
    orgs, _ = network
    rows = [_line(1, orgs), _line(2, orgs), _line(1, orgs, summary="Second version of the summary.")]
    report = importer.import_file(_write(tmp_path / "d.jsonl", rows))
    assert (report.created, report.updated, report.skipped) == (2, 1, 0)
    summary = db.session.execute(
        select(Resource.summary).where(Resource.external_id == "ext-00001")
    ).scalar_one()
    assert summary == "Second version of the summary."


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"topics": ["facebook", "myspace"]}, "topics: Unknown topic: myspace"),
        (
            {"organisation": "applied-clinic"},
            "organisation 'applied-clinic' is not an approved member organisation",
        ),
        ({"external_id": ""}, "external_id is missing"),
        ({"external_id": "x\x00y"}, "external_id contains control characters"),
        ({"visibility": "secret"}, "unknown visibility 'secret' (expected one of public, members)"),
        ({"status": "returned"}, "unknown status 'returned'"),
        ({"tags": {"a": 1}}, "tags must be a list of text"),
        ({"title": ["not", "text"]}, "title must be text"),
        (
            {"url": "javascript:alert(1)"},
            "external_url: Links must be complete http:// or https:// addresses.",
        ),
        ({"body": "x" * 200_001}, "body: The body is longer than 200,000 characters."),
    ],
)
def test_bad_values_are_reported_with_a_reason(ctx, network, tmp_path, changes, reason):
    orgs, _ = network
    rows = [_line(1, orgs), _line(2, orgs, **changes), _line(3, orgs)]
    report = importer.import_file(_write(tmp_path / "bad.jsonl", rows))
    assert len(report.problems) == 1
    assert report.problems[0].line == 2 and reason in report.problems[0].reason
    assert report.created == 2


def test_line_may_not_move_a_resource_to_another_organisation(ctx, network, tmp_path):
    orgs, _ = network
    importer.import_file(_write(tmp_path / "a.jsonl", [_line(1, orgs)]))
    report = importer.import_file(_write(tmp_path / "b.jsonl", [_line(1, orgs, organisation=orgs[2])]))
    assert [str(p) for p in report.problems] == [
        "line 1: external_id 'ext-00001' belongs to another organisation's resource"
    ]


def test_malformed_lines_are_reported_and_blank_lines_ignored(ctx, network, tmp_path):
    orgs, _ = network
    path = tmp_path / "m.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps(_line(1, orgs)).encode() + b"\n\n[1, 2]\n\xff\xfe not utf-8\n{bad json\n"
    )
    report = importer.import_file(path)
    assert [str(p) for p in report.problems] == [
        "line 3: expected a JSON object",
        "line 4: not valid UTF-8",
        "line 5: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
    ]
    assert report.created == 1


def test_format_is_sniffed_when_the_extension_says_nothing(ctx, network, tmp_path):
    orgs, _ = network
    path = _write(tmp_path / "export.txt", [_line(1, orgs)])
    assert importer.detect_format(path) == "jsonl"
    assert importer.import_file(path).created == 1


def test_a_batch_the_database_refuses_is_retried_line_by_line(ctx, network, tmp_path, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("CHECK constraint failed"))  # refused, not busy

    orgs, _ = network
    monkeypatch.setattr(bulk, "insert_resources", refuse)
    report = importer.import_file(
        _write(tmp_path / "r.jsonl", [_line(n, orgs) for n in range(1, 6)]), batch_size=3
    )
    assert (report.created, report.skipped) == (5, 0)
    assert _count(Resource) == 5


def test_import_is_audited(ctx, network, tmp_path):
    from app.audit import AuditEvent

    orgs, _ = network
    importer.import_file(_write(tmp_path / "audit.jsonl", [_line(1, orgs)]))
    event = db.session.execute(select(AuditEvent).where(AuditEvent.action == "library.import")).scalar_one()
    assert event.target_label == "audit.jsonl" and event.after["created"] == 1
