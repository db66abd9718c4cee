from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from ..discussions import service as discussions_service
from ..events import queries as events_queries
from ..library import queries as library_queries
from ..news import service as news_service
from ..orgs import service as orgs_service
from ..page_cache import visitor_page

bp = Blueprint("main", __name__)


@bp.get("/")
@visitor_page()
def home():
    return render_template(
        "main/home.html",
        new_organisations=orgs_service.newest_organisations(limit=6),
        featured_resources=library_queries.featured_resources(current_user, limit=6),
        latest_resources=library_queries.latest_resources(current_user, limit=6),
        latest_threads=discussions_service.latest_threads(current_user, 1, per_page=5).items,
        next_events=events_queries.next_events(current_user, limit=4),
        news_posts=news_service.latest(3),
    )
