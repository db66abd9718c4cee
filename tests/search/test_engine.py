"""The engine itself: one Whoosh, the search log, more like this."""

from __future__ import annotations

from importlib.metadata import packages_distributions

from sqlalchemy import inspect

from app import telemetry
from app.extensions import db
from app.search import log, service
from app.search.models import SearchLog

from .helpers import VISITOR, publish, search, sync


def test_exactly_one_installed_distribution_provides_whoosh():
    assert packages_distributions().get("whoosh") == ["Whoosh-Reloaded"]


def test_the_search_log_keeps_normalised_queries_and_counts_but_not_who_searched(ctx, roles):
    columns = {column["name"] for column in inspect(db.engine).get_columns("search_log")}
    assert columns == {"id", "query", "result_count", "created_at"}
    service.search(roles.member, "  Vaccine   MYTHS ", record=True)
    service.search(VISITOR, "vaccine myths", record=True)
    service.search(VISITOR, "Café   résumé", record=True)
    service.search(VISITOR, "vaccine myths", page=2, record=True)  # later pages are not counted again
    telemetry.flush()
    rows = db.session.query(SearchLog.query, SearchLog.result_count).order_by(SearchLog.id).all()
    assert rows == [("vaccine myths", 0), ("vaccine myths", 0), ("cafe resume", 0)]
    top = log.top_searches()
    assert (top[0].query, top[0].searches) == ("vaccine myths", 2)
    assert [gap.query for gap in log.top_searches(without_results=True)] == ["vaccine myths", "cafe resume"]


def test_more_like_this_finds_related_resources_the_reader_may_see(author):
    base = publish(
        author,
        title="Flu vaccine reminder posts",
        body="Reminder posts about the flu vaccine for parents and seniors.",
    )
    publish(
        author,
        title="Flu vaccine clinic schedule",
        body="Clinic schedule and reminder posts for flu vaccine season.",
    )
    publish(
        author,
        title="Flu vaccine myths",
        body="Answering flu vaccine myths with reminder posts.",
        visibility="members",
    )
    publish(author, title="Parking at the hospital", body="Where visitors park.")
    sync()
    related = service.more_like_this(VISITOR, base.id)
    assert [hit.title for hit in related] == ["Flu vaccine clinic schedule"]
    assert base.id not in [hit.id for hit in related]
    member_related = [hit.title for hit in service.more_like_this(author, base.id)]
    assert set(member_related) == {"Flu vaccine clinic schedule", "Flu vaccine myths"}
    assert service.more_like_this(VISITOR, 999_999) == []


def test_a_query_before_any_index_exists_finds_nothing_quietly(ctx):
    results = search("anything")
    assert results.total == 0 and not results.unavailable


def test_a_resource_page_shows_more_like_this_from_the_index(client, author):
    base = publish(
        author, title="Night shift nurse stories", body="Nurse stories from the night shift, told by nurses."
    )
    publish(author, title="Nurse week photo stories", body="Photo stories for nurse week from the night shift.")
    publish(author, title="Parking at the hospital", body="Where visitors park.")
    sync()
    html = client.get(f"/library/{base.slug}").get_data(as_text=True)
    section = html[html.index('id="more-like-this-heading"') :]
    section = section[: section.index("</section>")]
    assert "Nurse week photo stories" in section
    assert "Parking" not in section and "Night shift nurse stories" not in section
