"""The dashboard: numbers as tables and as server-side SVG charts that need no script or inline style."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from app.db_types import utcnow
from app.extensions import db
from app.moderation import charts, dashboard
from app.moderation import service as moderation

from ..factories import moderation as builders


@pytest.fixture
def activity(roles):
    guide = builders.published_resource(roles.org, title="Most viewed guide")
    guide.view_count, guide.helpful_count = 120, 4
    other = builders.published_resource(roles.other_org, title="Most helpful toolkit")
    other.view_count, other.helpful_count = 30, 9
    thread = builders.thread(roles.member)
    builders.reply(roles.other_member, thread)
    builders.resource(roles.member, roles.org, "Waiting for review", action="submit")
    moderation.flag_item(roles.member, "resource", other.id, "spam")
    db.session.commit()


def test_the_dashboard_renders_its_charts_as_inline_svg(roles, activity, client_as):
    response = client_as(roles.moderator).get("/moderation/dashboard")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", page, flags=re.S)
    assert len(svgs) >= 8
    for svg in svgs:
        assert 'role="img"' in svg and "<title" in svg
        assert "style=" not in svg and "<script" not in svg and " on" not in svg.split(">")[0]
    assert not re.search(r"<script(?![^>]*\ssrc=)", page) and 'style="' not in page  # no inline script


def test_the_dashboard_shows_the_queue_activity_and_top_resources(roles, activity, client_as):
    page = client_as(roles.moderator).get("/moderation/dashboard").get_data(as_text=True)
    assert "<strong>2</strong> waiting" in page
    assert "Most viewed guide" in page and "Most helpful toolkit" in page
    assert roles.org.name in page and roles.other_org.name in page


def test_the_numbers_behind_the_charts(roles, activity):
    data = dashboard.build(roles.moderator)
    assert data.queue_counts == {"resource": 1, "edit": 0, "flag": 1, "post": 0, "organisation": 0}
    assert data.activity["New threads"][-1] == 1 and data.activity["New posts"][-1] == 2
    assert data.activity["New resources"][-1] == 3
    assert [r["title"] for r in data.most_viewed] == ["Most viewed guide", "Most helpful toolkit"]
    assert [r["title"] for r in data.most_helpful] == ["Most helpful toolkit", "Most viewed guide"]
    top = {o["name"]: o for o in data.top_organisations}
    assert top[roles.org.name]["resources"] == 2 and top[roles.org.name]["posts"] == 1
    assert data.age_buckets[0] == ("Under a day", 2)


def test_searches_that_found_nothing_are_listed_commonest_first(roles, client_as):
    from app.search.models import SearchLog

    for text, found in (
        ("tiktok consent form", 0),
        ("tiktok consent form", 0),
        ("hipaa selfie", 0),
        ("crisis", 4),
    ):
        db.session.add(SearchLog(query=text, result_count=found))
    old = SearchLog(query="ancient gap", result_count=0)
    old.created_at = utcnow() - timedelta(weeks=20)
    db.session.add(old)
    db.session.commit()
    data = dashboard.build(roles.moderator)
    assert [(s["query"], s["count"]) for s in data.empty_searches] == [
        ("tiktok consent form", 2),
        ("hipaa selfie", 1),
    ]
    page = client_as(roles.moderator).get("/moderation/dashboard").get_data(as_text=True)
    assert 'id="chart-searches"' in page and "tiktok consent form" in page


def test_weekly_counts_put_rows_in_the_right_week(roles):
    from app.library.models import Resource

    first = builders.published_resource(roles.org, title="Three weeks ago")
    first.created_at = utcnow() - timedelta(weeks=3)
    builders.published_resource(roles.org, title="This week")
    db.session.flush()
    starts = dashboard.week_starts(utcnow())
    counts = dashboard.weekly_counts(Resource.created_at, starts)
    assert len(counts) == dashboard.WEEKS and sum(counts) == 2
    assert counts[-1] == 1 and counts[-4] == 1


def test_weeks_start_on_monday_in_utc():
    starts = dashboard.week_starts(datetime(2024, 5, 16, 15, 30, tzinfo=UTC), weeks=3)
    assert starts == [
        datetime(2024, 4, 29, tzinfo=UTC),
        datetime(2024, 5, 6, tzinfo=UTC),
        datetime(2024, 5, 13, tzinfo=UTC),
    ]


@pytest.mark.parametrize(
    ("value", "nice"), [(0, 1), (1, 1), (3, 5), (7, 10), (11, 20), (120, 200), (500, 500)]
)
def test_the_scale_ends_on_a_round_number(value, nice):
    assert charts.nice_maximum(value) == nice


def test_column_heights_are_proportional_to_the_values():
    chart = charts.column_chart("c", "Posts", [("a", 5), ("b", 10), ("c", 0)], height=220)
    heights = [bar.height for bar in chart.bars]
    assert heights[1] == pytest.approx(2 * heights[0]) and heights[2] == 0
    assert all(
        bar.y + bar.height == pytest.approx(chart.bars[0].y + chart.bars[0].height) for bar in chart.bars
    )
    assert chart.description == "Posts: a 5, b 10, c 0."


def test_bar_labels_are_shortened_and_an_empty_chart_says_so():
    chart = charts.bar_chart("c", "Top", [("A very long organisation name that goes on and on", 3)])
    assert chart.bars[0].label.endswith("…") and len(chart.bars[0].label) == 30
    assert charts.column_chart("e", "Empty", [("a", 0)]).is_empty


def test_a_hostile_label_is_escaped_in_the_svg(roles, client_as):
    org = roles.org
    org.name = '<script>alert(1)</script>"Health'
    builders.published_resource(org, title="</text><script>alert(2)</script>")
    db.session.commit()
    page = client_as(roles.moderator).get("/moderation/dashboard").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)" in page
