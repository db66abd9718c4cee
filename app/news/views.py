"""Network news: the list, a post, the Atom feed; posting and editing for network staff.

Admins appoint network staff on the admin blueprint (``app/admin/network_staff_views.py``)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..errors import ValidationError
from ..feeds import CONTENT_TYPE, FeedEntry, build_feed, tag_uri
from ..form_errors import show_errors
from ..mail import absolute_url
from ..permissions import can, require
from ..sharing import page_meta
from . import service
from .forms import NewsForm

bp = Blueprint("news", __name__)


@bp.get("/news")
def index():
    return render_template("news/index.html", posts=service.latest(50), can_post=can(current_user, "news.post"))


@bp.get("/news/feed.atom")
def feed():
    entries = [
        FeedEntry(
            id=tag_uri("news", post.id, post.published_at),
            title=post.title,
            url=absolute_url("news.detail", slug=post.slug),
            published=post.published_at,
            updated=post.updated_at,
            summary=post.summary or post.title,
            author=current_app.config["SITE_NAME"],
        )
        for post in service.latest(30)
    ]
    body = build_feed("Network news", absolute_url("news.feed"), absolute_url("news.index"), entries)
    return Response(body, content_type=CONTENT_TYPE)


@bp.route("/news/new", methods=["GET", "POST"])
@login_required
def create():
    require(current_user, "news.post")
    form = NewsForm()
    if request.method == "POST" and form.validate():
        try:
            post = service.create_post(
                current_user, form.title.data or "", form.body.data or "", form.summary.data or ""
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            flash("The news post is published.", "success")
            return redirect(url_for("news.detail", slug=post.slug))
    return render_template("news/form.html", form=form, post=None), 422 if request.method == "POST" else 200


@bp.get("/news/<slug>")
def detail(slug: str):
    post = service.get_post(slug)
    return render_template(
        "news/detail.html",
        post=post,
        page_meta=page_meta(post.title, post.summary, "news.detail", slug=post.slug),
    )


@bp.route("/news/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    post = service.get_post(slug)
    require(current_user, "news.edit", post)
    form = NewsForm(obj=None if request.method == "POST" else post)
    if request.method == "GET":
        form.body.data = post.body_source
        return render_template("news/form.html", form=form, post=post)
    if form.validate():
        try:
            service.update_post(
                current_user, post, form.title.data or "", form.body.data or "", form.summary.data or ""
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            flash("The news post is updated.", "success")
            return redirect(url_for("news.detail", slug=post.slug))
    return render_template("news/form.html", form=form, post=post), 422
