"""The SQL a library listing or resource page runs does not grow with the number of resources."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from app.extensions import db
from app.library import engagement, service
from app.library.models import Attachment

from ..factories.library import make_resource, make_topic


@contextmanager
def counting(engine):
    statements: list[str] = []

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before_cursor_execute)


def _add_resources(roles, count: int, start: int) -> list:
    made = []
    for n in range(start, start + count):
        author = roles.member if n % 2 else roles.other_member
        resource = make_resource(
            author,
            title=f"Guide {n} on hospital social media",
            topics=("crisis-communication", "facebook") if n % 3 else ("facebook",),
            tags=(f"tag{n % 4}", "shared"),
            visibility="members" if n % 5 == 0 else "public",
            publisher=roles.moderator,
        )
        for k in range(2):
            db.session.add(
                Attachment(
                    resource_id=resource.id,
                    original_name=f"file{k}.pdf",
                    stored_name=f"s{n}-{k}",
                    content_type="application/pdf",
                    size=1000,
                    extracted_text="",
                )
            )
        engagement.add_bookmark(roles.org_admin, resource)
        made.append(resource)
    db.session.commit()
    return made


def _measure(app, client, url: str) -> int:
    with app.app_context():
        engine = db.engine
    with counting(engine) as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements)


# Statements per page on its first visit after a change, by viewer; the filtered listing reuses
# the filter choices the plain listing drew for the same audience.
EXPECTED = {
    "visitor": {"list": 6, "list_filtered": 4, "page": 8, "home": 8, "bookmarks": 5, "feed": 3},
    "member": {"list": 7, "list_filtered": 5, "page": 11, "home": 17, "bookmarks": 5, "feed": 3},
    "moderator": {"list": 11, "list_filtered": 9, "page": 15, "home": 17, "bookmarks": 5, "feed": 3},
}


@pytest.mark.parametrize("viewer", ["visitor", "member", "moderator"])
def test_listing_and_resource_page_run_the_same_statements_for_5_and_50_resources(app, client_as, roles, viewer):
    make_topic("Crisis communication")
    make_topic("Facebook", "platform")
    user = None if viewer == "visitor" else getattr(roles, viewer)
    first = _add_resources(roles, 5, 0)
    small = {
        "list": _measure(app, client_as(user), "/library"),
        "list_filtered": _measure(app, client_as(user), "/library?topic=facebook&sort=helpful"),
        "page": _measure(app, client_as(user), f"/library/{first[1].slug}"),
        "home": _measure(app, client_as(user), "/"),
        "bookmarks": _measure(app, client_as(roles.org_admin), "/library/bookmarks"),
        "feed": _measure(app, client_as(user), "/library/feed.atom"),
    }
    more = _add_resources(roles, 45, 5)  # more[2] (n=7) is made like first[1] (n=1): same author and topics
    large = {
        "list": _measure(app, client_as(user), "/library"),
        "list_filtered": _measure(app, client_as(user), "/library?topic=facebook&sort=helpful"),
        "page": _measure(app, client_as(user), f"/library/{more[2].slug}"),
        "home": _measure(app, client_as(user), "/"),
        "bookmarks": _measure(app, client_as(roles.org_admin), "/library/bookmarks"),
        "feed": _measure(app, client_as(user), "/library/feed.atom"),
    }
    assert large == small
    # Constant in the data size is the promise; exact counts catch a page that grows a query per feature.
    assert small == EXPECTED[viewer]
    # A visitor's second visit comes whole from the cache; a member's home is drawn for them each time.
    assert _measure(app, client_as(user), "/") == (0 if viewer == "visitor" else EXPECTED[viewer]["home"])


def test_the_author_s_page_with_editor_controls_is_flat_too(app, client_as, roles):
    make_topic("Crisis communication")
    make_topic("Facebook", "platform")
    first = _add_resources(roles, 5, 0)
    small = _measure(app, client_as(roles.member), f"/library/{first[1].slug}")
    more = _add_resources(roles, 45, 5)
    service.count_revisions(more[2])
    large = _measure(app, client_as(roles.member), f"/library/{more[2].slug}")
    assert large == small
