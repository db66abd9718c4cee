"""The home page: lists the same for a whole audience come from fragments; the threads list is live."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from flask_login import current_user

from ..discussions import service as discussions_service
from ..events import queries as events_queries
from ..library import queries as library_queries
from ..news import service as news_service
from ..orgs import service as orgs_service
from ..page_cache import fragment, visitor_page
from ..roles import reads_members_content

bp = Blueprint("main", __name__)


def _audience(viewer: Any) -> str:
    """Who the shared lists are drawn for: members' or public content, in the viewer's time zone."""
    zone = (getattr(viewer, "timezone", "") or "") if viewer.is_authenticated else ""
    return f"{'members' if reads_members_content(viewer) else 'public'}:{zone}"


def _lists(viewer: Any) -> str:
    return render_template(
        "main/_home_lists.html",
        featured_resources=library_queries.featured_resources(viewer, limit=6),
        latest_resources=library_queries.latest_resources(viewer, limit=6),
        next_events=events_queries.next_events(viewer, limit=4),
        news_posts=news_service.latest(3),
    )


def _new_members() -> str:
    return render_template("main/_new_members.html", new_organisations=orgs_service.newest_organisations(limit=6))


@bp.get("/")
@visitor_page()
def home():
    viewer = current_user._get_current_object()
    return render_template(
        "main/home.html",
        home_lists=fragment(f"home-lists:{_audience(viewer)}", lambda: _lists(viewer)),
        new_members=fragment("home-new-members", _new_members),
        latest_threads=discussions_service.latest_thread_lines(viewer, limit=5),
    )
