"""A thread page runs the same SQL statements whether it shows 2 posts or 200 (no N+1)."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event, insert

from app.db_types import utcnow
from app.discussions import counters
from app.discussions.models import Post
from app.extensions import db

from ..conftest import login
from ..factories import add_member, make_org, make_user
from ..factories.discussions import start_thread


@contextmanager
def counting_statements(app):
    """Every statement ``app`` sends to its database (its own engine, not the test's)."""
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def fill(thread, authors, orgs, total: int) -> None:
    """Posts 2..total from many authors and organisations, each replying to the one before."""
    first_id = thread.last_post_id
    now = utcnow()
    rows = [
        {
            "thread_id": thread.id,
            "position": n,
            "author_id": authors[n % len(authors)].id,
            "organisation_id": orgs[n % len(orgs)].id,
            "reply_to_id": first_id,
            "body_source": f"Reply {n}",
            "body_html": f"<p>Reply {n}</p>",
            "status": "published",
            "created_at": now,
            "edit_count": n % 2,
        }
        for n in range(2, total + 1)
    ]
    db.session.execute(insert(Post), rows)
    thread.last_position = total
    counters.refresh(thread)
    db.session.commit()


def test_a_thread_page_of_200_posts_runs_as_many_statements_as_one_of_2(app_factory, roles, cats):
    app = app_factory(DISCUSSIONS_POSTS_PER_PAGE=250)
    orgs = [make_org(f"Health system {n}") for n in range(8)]
    authors = []
    for n in range(40):
        author = make_user(name=f"Author {n}")
        add_member(orgs[n % 8], author)
        authors.append(author)
    small = start_thread(roles.member, cats["platforms"], title="Small thread here")
    large = start_thread(roles.member, cats["platforms"], title="Large thread here")
    fill(small, authors, orgs, 2)
    fill(large, authors, orgs, 200)
    client = login(app.test_client(), roles.other_member)

    def statements_for(thread) -> tuple[int, str]:
        path = f"/discussions/platforms/{thread.id}-{thread.slug}"
        client.get(path)  # the first visit writes the read marker; count a steady-state visit
        with counting_statements(app) as statements:
            page = client.get(path).get_data(as_text=True)
        return len(statements), page

    small_count, small_page = statements_for(small)
    large_count, large_page = statements_for(large)
    assert small_page.count('<article class="post') == 2 and large_page.count('<article class="post') == 200
    assert "Author 39" in large_page and "Health system 7" in large_page
    # Exact, so a page that grows a statement per feature is noticed (authors' memberships stay unloaded).
    assert large_count == small_count == 11
