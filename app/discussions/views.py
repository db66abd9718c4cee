"""Discussion pages: thin views that parse a form, call the service, and redirect.

Moderators' actions are in ``moderation_views``, which adds its routes to the same blueprint;
the admins' category pages are in ``app/admin/category_views.py``.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..errors import NotFound, PermissionDenied, ValidationError, render_error
from ..feeds import CONTENT_TYPE as ATOM_TYPE
from ..form_errors import FORM_ERROR_STATUS, show_errors
from ..page_cache import visitor_page
from ..permissions import can
from ..sharing import public_meta
from ..templating import page_number
from ..unit_of_work import attempt
from . import moderation_views, service  # noqa: F401  (their routes join the blueprint)
from .blueprint import bp, thread_url
from .feeds import thread_feed
from .forms import EditPostForm, ReplyForm, ThreadForm, category_choices, int_or_none
from .limits import limit_posts, limit_threads
from .models import Post, Thread

__all__ = ["bp"]

TOO_FAST = "You are posting too quickly. Wait a few seconds and send it again: your text is kept below."


def post_url(post: Post) -> str:
    _, page = service.locate_post(current_user, post.id)
    return thread_url(post.thread, page=page, post_id=post.id)


# --- Listings -----------------------------------------------------------------------------


@bp.get("/discussions")
@visitor_page()
def index():
    return render_template(
        "discussions/index.html",
        categories=service.visible_categories(current_user),
        latest=service.latest_threads(current_user, 1, per_page=8).items,
        can_start=can(current_user, "category.post"),
    )


@bp.get("/discussions/latest")
@visitor_page()
def latest():
    page = service.latest_threads(current_user, page_number(request.args.get("page")))
    return render_template("discussions/latest.html", page=page, can_start=can(current_user, "category.post"))


@bp.get("/discussions/latest.atom")
def latest_feed():
    return _feed(None)


@bp.get("/discussions/<category_slug>/feed.atom")
def category_feed(category_slug: str):
    category = service.get_category(None, category_slug)
    return _feed(category)


def _feed(category: Any) -> Response:
    """Feeds are read as a visitor would: public categories only, whoever asks."""
    body = thread_feed(current_app.config["SITE_NAME"], category)
    return Response(body, content_type=ATOM_TYPE)


@bp.get("/discussions/<category_slug>")
@visitor_page()
def category(category_slug: str):
    found = service.get_category(current_user, category_slug)
    page = service.category_threads(current_user, found, page_number(request.args.get("page")))
    return render_template(
        "discussions/category.html",
        category=found,
        page=page,
        can_start=can(current_user, "category.post", found),
        can_follow=can(current_user, "category.follow", found),
        following=service.is_following(current_user, category=found),
    )


@bp.post("/discussions/<category_slug>/follow")
@login_required
def follow_category(category_slug: str):
    found = service.get_category(current_user, category_slug)
    service.follow_category(current_user, found)
    flash(f"You follow {found.name}: new threads and replies there will notify you.", "success")
    return redirect(url_for("discussions.category", category_slug=found.slug))


@bp.post("/discussions/<category_slug>/unfollow")
@login_required
def unfollow_category(category_slug: str):
    found = service.get_category(current_user, category_slug)
    service.unfollow_category(current_user, found)
    flash(f"You no longer follow {found.name}.", "success")
    return redirect(url_for("discussions.category", category_slug=found.slug))


# --- One thread ---------------------------------------------------------------------------


@bp.get("/discussions/<category_slug>/<int(max=2147483647):thread_id>-<thread_slug>")
@visitor_page()
def thread(category_slug: str, thread_id: int, thread_slug: str):
    found = service.get_thread(current_user, thread_id)
    page = page_number(request.args.get("page"))
    if category_slug != found.category.slug or thread_slug != found.slug:
        return redirect(thread_url(found, page=page), 301)
    view = service.thread_page(current_user, found, page)
    html = render_template(
        "discussions/thread.html",
        view=view,
        thread=found,
        reply_form=ReplyForm() if view.can_reply else None,
        page_meta=public_meta(
            "thread.view",
            found,
            found.title,
            service.opening_text_for_visitors(found),
            "discussions.thread",
            category_slug=found.category.slug,
            thread_id=found.id,
            thread_slug=found.slug,
        ),
        **moderation_views.thread_tools(found, view.can_moderate),
    )
    return html


@bp.get("/discussions/<category_slug>/<int(max=2147483647):thread_id>")
@bp.get("/discussions/threads/<int(max=2147483647):thread_id>")
def thread_short(thread_id: int, category_slug: str = ""):
    return redirect(thread_url(service.get_thread(current_user, thread_id)), 301)


@bp.get("/discussions/posts/<int(max=2147483647):post_id>")
def post(post_id: int):
    """A stable link to a post: the page of its thread that shows it, at its anchor."""
    found, page = service.locate_post(current_user, post_id)
    return redirect(thread_url(found.thread, page=page, post_id=found.id))


@bp.post("/discussions/threads/<int(max=2147483647):thread_id>/follow")
@login_required
def follow_thread(thread_id: int):
    found = service.get_thread(current_user, thread_id)
    service.follow_thread(current_user, found)
    flash("You follow this thread: replies will notify you.", "success")
    return redirect(thread_url(found))


@bp.post("/discussions/threads/<int(max=2147483647):thread_id>/unfollow")
@login_required
def unfollow_thread(thread_id: int):
    found = service.get_thread(current_user, thread_id)
    service.unfollow_thread(current_user, found)
    flash("You no longer follow this thread.", "success")
    return redirect(thread_url(found))


# --- Starting a thread --------------------------------------------------------------------


def _resource_from(value: Any) -> Any:
    resource_id = int_or_none(value)
    if resource_id is None:
        return None
    return service.get_resource_for_discussion(current_user, resource_id)


def _thread_form_page(form: ThreadForm, resource: Any, *, status: int = 200, findings: Any = None, message: str = ""):
    form.category_id.choices = category_choices(service.postable_categories(current_user, resource))
    return (
        render_template(
            "discussions/new_thread.html", form=form, resource=resource, findings=findings, message=message
        ),
        status,
    )


@bp.route("/discussions/new", methods=["GET", "POST"])
@login_required
@limit_threads
def new_thread():
    if not can(current_user, "category.post"):
        raise PermissionDenied("Only members of an approved organisation can start threads.")
    form = ThreadForm()
    resource = _resource_from(form.resource_id.data if request.method == "POST" else request.args.get("resource"))
    if request.method == "GET":
        if resource is not None:
            form.resource_id.data = str(resource.id)
            form.title.data = f"Discussing: {resource.title}"[:200]
        chosen = request.args.get("category")
        if chosen:
            match = [c for c in service.postable_categories(current_user, resource) if c.slug == chosen]
            form.category_id.data = match[0].id if match else None
        return _thread_form_page(form, resource)
    if not form.validate_on_submit():
        return _thread_form_page(form, resource, status=FORM_ERROR_STATUS)
    category = service.get_category_by_id(current_user, form.category_id.data)
    try:
        with attempt():
            created = service.create_thread(
                current_user,
                category,
                form.title.data or "",
                form.body.data or "",
                resource=resource,
                send_for_review=bool(form.send_for_review.data),
            )
    except service.PrivacyCheckFailed as error:
        return _thread_form_page(form, resource, status=422, findings=error.findings, message=error.message)
    except ValidationError as error:
        show_errors(form, error)
        return _thread_form_page(form, resource, status=422)
    if created.is_held:
        flash(
            "Your thread waits for a moderator's review; only you and the moderators can see it until then.",
            "warning",
        )
    else:
        flash("Your thread is started. You will be notified of replies.", "success")
    return redirect(thread_url(created))


# --- Replying -----------------------------------------------------------------------------


def _readable_post(value: Any) -> Post | None:
    """The post a form field names, if the current user may see it (else None, never an error)."""
    post_id = int_or_none(value)
    if post_id is None:
        return None
    try:
        return service.get_post(current_user, post_id)
    except NotFound:
        return None


def _reply_page(found: Thread, form: ReplyForm, *, status: int = 200, findings: Any = None, message: str = ""):
    reply_to = _readable_post(form.reply_to.data)
    if reply_to is None:
        form.reply_to.data = ""
    return (
        render_template(
            "discussions/reply.html",
            thread=found,
            form=form,
            reply_to=reply_to,
            findings=findings,
            message=message,
        ),
        status,
    )


@bp.route("/discussions/threads/<int(max=2147483647):thread_id>/reply", methods=["GET", "POST"])
@login_required
@limit_posts
def reply(thread_id: int):
    found = service.get_thread(current_user, thread_id)
    if not can(current_user, "thread.reply", found):
        raise PermissionDenied(service.LOCKED_MESSAGE if found.locked else None)
    form = ReplyForm()
    if request.method == "GET":
        quoted_id = int_or_none(request.args.get("quote"))
        reply_id = int_or_none(request.args.get("reply_to")) or quoted_id
        if quoted_id is not None:
            quoted = service.get_post(current_user, quoted_id)
            form.body.data = service.quote_source(current_user, quoted)
        if reply_id is not None:
            form.reply_to.data = str(reply_id)
        return _reply_page(found, form)
    if not form.validate_on_submit():
        return _reply_page(found, form, status=FORM_ERROR_STATUS)
    reply_to = _readable_post(form.reply_to.data)
    try:
        with attempt():
            created = service.reply_to_thread(
                current_user,
                found,
                form.body.data or "",
                reply_to=reply_to,
                send_for_review=bool(form.send_for_review.data),
            )
    except service.PrivacyCheckFailed as error:
        return _reply_page(found, form, status=422, findings=error.findings, message=error.message)
    except ValidationError as error:
        show_errors(form, error)
        return _reply_page(found, form, status=422)
    if created.is_held:
        flash(
            "Your reply waits for a moderator's review; only you and the moderators can see it until then.",
            "warning",
        )
    else:
        flash("Your reply is posted.", "success")
    return redirect(post_url(created))


@bp.errorhandler(429)
def posting_too_fast(error: Exception):
    """Refused for speed, the member keeps what they wrote."""
    if request.endpoint == "discussions.new_thread":
        form = ThreadForm()
        return _thread_form_page(form, _resource_from(form.resource_id.data), status=429, message=TOO_FAST)
    if request.endpoint == "discussions.reply":
        found = service.get_thread(current_user, (request.view_args or {})["thread_id"])
        return _reply_page(found, ReplyForm(), status=429, message=TOO_FAST)
    return render_error(429)


# --- Editing, history, deleting -----------------------------------------------------------


def _edit_page(found: Post, form: EditPostForm, *, status: int = 200, findings: Any = None, message: str = ""):
    return (
        render_template("discussions/edit_post.html", post=found, form=form, findings=findings, message=message),
        status,
    )


@bp.route("/discussions/posts/<int(max=2147483647):post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(post_id: int):
    found = service.get_post(current_user, post_id)
    if not can(current_user, "post.edit", found):
        raise PermissionDenied("You can only edit your own posts, and not in a locked thread.")
    form = EditPostForm()
    if request.method == "GET":
        form.body.data = found.body_source
        form.title.data = found.thread.title
        return _edit_page(found, form)
    if not form.validate_on_submit():
        return _edit_page(found, form, status=FORM_ERROR_STATUS)
    try:
        with attempt():
            service.edit_post(
                current_user,
                found,
                form.body.data or "",
                title=form.title.data if found.is_first else None,
                send_for_review=bool(form.send_for_review.data),
            )
    except service.PrivacyCheckFailed as error:
        return _edit_page(
            service.get_post(current_user, post_id),
            form,
            status=422,
            findings=error.findings,
            message=error.message,
        )
    except ValidationError as error:
        show_errors(form, error)
        return _edit_page(service.get_post(current_user, post_id), form, status=422)
    flash("Your changes are saved; the earlier version is kept in the post's history.", "success")
    return redirect(post_url(found))


@bp.get("/discussions/posts/<int(max=2147483647):post_id>/history")
@login_required
def post_history(post_id: int):
    found = service.get_post(current_user, post_id)
    revisions = service.post_history(current_user, found)
    return render_template("discussions/history.html", post=found, revisions=revisions)


@bp.post("/discussions/posts/<int(max=2147483647):post_id>/delete")
@login_required
def delete_post(post_id: int):
    found = service.get_post(current_user, post_id)
    service.delete_post(current_user, found)
    flash("The post is deleted; the thread shows where it was.", "success")
    return redirect(post_url(found))
