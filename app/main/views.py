"""The home page: members get their own (``member_home``); visitors get the network's front page,
whose lists are the same for every visitor and come from cached fragments (the threads list is live)."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from ..discussions import service as discussions_service
from ..events import queries as events_queries
from ..library import queries as library_queries
from ..news import service as news_service
from ..orgs import service as orgs_service
from ..page_cache import fragment, visitor_page
from .member_home import member_home

bp = Blueprint("main", __name__)


def _visitor_lists() -> str:
    return render_template(
        "main/_home_lists.html",
        featured_resources=library_queries.featured_resources(current_user, limit=6),
        latest_resources=library_queries.latest_resources(current_user, limit=6),
        next_events=events_queries.next_events(current_user, limit=4),
        news_posts=news_service.latest(3),
    )


def _new_members() -> str:
    return render_template("main/_new_members.html", new_organisations=orgs_service.newest_organisations(limit=6))


@bp.get("/")
@visitor_page()
def home():
    if current_user.is_authenticated:
        return render_template("main/member_home.html", home=member_home(current_user))
    return render_template(
        "main/home.html",
        home_lists=fragment("home-lists:public", _visitor_lists),
        new_members=fragment("home-new-members", _new_members),
        latest_threads=discussions_service.latest_thread_lines(current_user, limit=5),
    )
