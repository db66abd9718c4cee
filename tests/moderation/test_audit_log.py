"""The audit log page and its CSV: filters, pagination, formula-safe cells, and append-only rows."""

import csv
import io
from datetime import timedelta

import pytest

from app.audit import AppendOnlyError, AuditEvent, record
from app.db_types import utcnow
from app.extensions import db
from app.moderation.auditlog import safe_cell


@pytest.fixture
def events(roles):
    """A few events by two moderators, one of them ten days old."""
    old = record(roles.moderator, "resource.approve", "resource", 11, label="Old guide")
    old.created_at = utcnow() - timedelta(days=10)
    record(roles.moderator, "user.suspend", "user", roles.member.id, label=roles.member.name, reason="Spamming")
    record(roles.admin, "org.approve", "organisation", roles.org.id, label=roles.org.name)
    record(roles.admin, "post.hide", "post", 7, label='=HYPERLINK("http://evil")', reason="+1 -2 @me")
    db.session.commit()


def table_of(response):
    """The events table only (the filter form also names actions)."""
    page = response.get_data(as_text=True)
    return page[page.index("<table") :] if "<table" in page else ""


def rows(response):
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_the_log_lists_events_newest_first(roles, events, client_as):
    page = table_of(client_as(roles.moderator).get("/moderation/log"))
    assert (
        page.index("post.hide")
        < page.index("org.approve")
        < page.index("user.suspend")
        < page.index("resource.approve")
    )
    assert "Spamming" in page


def test_the_log_filters_by_actor_action_type_and_dates(roles, events, client_as):
    client = client_as(roles.moderator)
    by_actor = table_of(client.get(f"/moderation/log?actor={roles.admin.id}"))
    assert "org.approve" in by_actor and "user.suspend" not in by_actor
    by_action = table_of(client.get("/moderation/log?action=user.suspend"))
    assert "Spamming" in by_action and "org.approve" not in by_action
    by_type = table_of(client.get("/moderation/log?target_type=organisation"))
    assert "org.approve" in by_type and "post.hide" not in by_type
    since = (utcnow() - timedelta(days=2)).date().isoformat()
    recent = client.get(f"/moderation/log?start={since}").get_data(as_text=True)
    assert "Old guide" not in recent and "Spamming" in recent
    until = (utcnow() - timedelta(days=5)).date().isoformat()
    older = client.get(f"/moderation/log?end={until}").get_data(as_text=True)
    assert "Old guide" in older and "Spamming" not in older


def test_nonsense_filters_are_ignored_without_error(roles, events, client_as):
    client = client_as(roles.moderator)
    for query in (
        "actor=abc",
        "start=yesterday",
        "end=2024-13-45",
        "target_id=-x",
        "action=%00",
        "page=99999",
    ):
        response = client.get(f"/moderation/log?{query}")
        assert response.status_code == 200


def test_the_log_is_paginated(roles, client_as):
    for i in range(55):
        record(roles.moderator, "thread.pin", "thread", i, label=f"Thread {i}")
    db.session.commit()
    client = client_as(roles.moderator)
    first = client.get("/moderation/log").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Thread 54" in first and "Thread 4<" not in first
    second = client.get("/moderation/log?page=2").get_data(as_text=True)
    assert "Thread 4<" in second


def test_the_csv_holds_the_filtered_events_oldest_first(roles, events, client_as):
    response = client_as(roles.moderator).get(f"/moderation/log.csv?actor={roles.moderator.id}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table = rows(response)
    assert table[0][:5] == ["id", "time_utc", "actor_id", "actor", "action"]
    assert [r[4] for r in table[1:]] == ["resource.approve", "user.suspend"]
    assert table[2][8] == "Spamming"


def test_csv_cells_never_start_a_formula(roles, events, client_as):
    table = rows(client_as(roles.admin).get("/moderation/log.csv?action=post.hide"))
    label, reason = table[1][7], table[1][8]
    assert label == '\'=HYPERLINK("http://evil")'
    assert reason == "'+1 -2 @me"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_safe_cell_neutralises_formula_starts(value):
    assert safe_cell(value) == "'" + value


def test_safe_cell_leaves_ordinary_text(value="Approved after review"):
    assert safe_cell(value) == value
    assert safe_cell(None) == ""


def test_the_orm_refuses_to_update_an_audit_event(roles, events):
    event = db.session.query(AuditEvent).first()
    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()


def test_the_orm_refuses_to_delete_an_audit_event(roles, events):
    event = db.session.query(AuditEvent).first()
    db.session.delete(event)
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize("value", ["Riverbend;=1+1", "Riverbend,=1+1", "a\t+2", "x|@SUM(A1)", "name; -3+4", "a;\t=1"])
def test_a_formula_after_any_separator_is_neutralised(value):
    """Issue 11.10: a spreadsheet that splits on ; , tab or | must still see text, not a formula."""
    import re

    cleaned = safe_cell(value)
    for piece in re.split(r"[;,\t|]", cleaned):
        assert not piece.lstrip(" ").startswith(("=", "+", "-", "@")), (value, cleaned)


def test_every_csv_cell_is_quoted(roles, events, client_as):
    text = client_as(roles.admin).get("/moderation/log.csv").get_data(as_text=True)
    for line in text.strip().splitlines():
        assert line.startswith('"') and line.endswith('"')
