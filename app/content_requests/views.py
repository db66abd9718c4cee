"""``/requests``: the list, asking, one request's page, votes, comments and the moderators' decisions."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..errors import Conflict, DomainError
from ..form_errors import FORM_ERROR_STATUS, error_text, form_status, show_errors
from ..permissions import can, require
from ..templating import page_number
from . import service
from .forms import CommentForm, DeclineForm, FulfilForm, RequestForm

bp = Blueprint("content_requests", __name__, url_prefix="/requests")


@bp.get("")
@login_required
def index():
    status = "closed" if request.args.get("status") == "closed" else "open"
    page = service.list_requests(current_user, status, page=page_number(request.args.get("page")))
    return render_template(
        "content_requests/index.html", page=page, status=status, can_ask=can(current_user, "request.create")
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    require(current_user, "request.create")
    form = RequestForm()
    if request.method == "GET" and request.args.get("title"):
        form.title.data = request.args.get("title", "")[:200]
    if request.method == "POST" and form.validate():
        try:
            found = service.create_request(current_user, form.title.data or "", form.details.data or "")
        except DomainError as error:
            show_errors(form, error)
        else:
            flash("Your request is posted: members can vote for it and moderators will follow it up.", "success")
            return redirect(url_for("content_requests.detail", request_id=found.id))
    return render_template("content_requests/form.html", form=form), form_status(form)


def _detail_page(found, status: int = 200, **forms):
    moderating = can(current_user, "request.moderate", found)
    return (
        render_template(
            "content_requests/detail.html",
            item=found,
            comments=service.comments_of(found),
            voted=service.has_voted(current_user, found),
            can_vote=can(current_user, "request.vote", found),
            comment_form=forms.get("comment_form") or CommentForm(),
            decline_form=forms.get("decline_form") or (DeclineForm(prefix="decline") if moderating else None),
            fulfil_form=forms.get("fulfil_form") or (FulfilForm(prefix="fulfil") if moderating else None),
            moderating=moderating and found.is_open,
        ),
        status,
    )


@bp.get("/<int:request_id>")
@login_required
def detail(request_id: int):
    return _detail_page(service.get_request(current_user, request_id))


@bp.post("/<int:request_id>/vote")
@login_required
def vote(request_id: int):
    found = service.get_request(current_user, request_id)
    if request.form.get("remove") == "1":
        service.withdraw_vote(current_user, found)
        flash("Your vote was withdrawn.", "success")
    else:
        service.vote(current_user, found)
        flash("Thank you: your vote counts toward this request.", "success")
    return redirect(url_for("content_requests.detail", request_id=found.id))


@bp.post("/<int:request_id>/comments")
@login_required
def comment(request_id: int):
    found = service.get_request(current_user, request_id)
    form = CommentForm()
    if form.validate():
        try:
            service.add_comment(current_user, found, form.body.data or "")
        except DomainError as error:
            show_errors(form, error)
        else:
            flash("Your comment is posted.", "success")
            return redirect(url_for("content_requests.detail", request_id=found.id) + "#comments")
    return _detail_page(found, FORM_ERROR_STATUS, comment_form=form)


@bp.post("/<int:request_id>/assign")
@login_required
def assign(request_id: int):
    found = service.get_request(current_user, request_id)
    require(current_user, "request.moderate", found)
    try:
        service.assign(current_user, found)
    except Conflict as error:
        flash(error_text(error), "error")
    else:
        flash("The request is assigned to you.", "success")
    return redirect(url_for("content_requests.detail", request_id=found.id))


@bp.post("/<int:request_id>/decline")
@login_required
def decline(request_id: int):
    found = service.get_request(current_user, request_id)
    require(current_user, "request.moderate", found)
    form = DeclineForm(prefix="decline")
    if form.validate():
        try:
            service.decline(current_user, found, form.reason.data or "")
        except DomainError as error:
            show_errors(form, error)
        else:
            flash("The request is declined; the requester and voters are told why.", "success")
            return redirect(url_for("content_requests.detail", request_id=found.id))
    return _detail_page(found, FORM_ERROR_STATUS, decline_form=form)


@bp.post("/<int:request_id>/fulfil")
@login_required
def fulfil(request_id: int):
    found = service.get_request(current_user, request_id)
    require(current_user, "request.moderate", found)
    form = FulfilForm(prefix="fulfil")
    if form.validate():
        try:
            service.fulfil(current_user, found, form.link.data or "")
        except DomainError as error:
            show_errors(form, error)
        else:
            flash("The request is fulfilled; the requester and voters are told.", "success")
            return redirect(url_for("content_requests.detail", request_id=found.id))
    return _detail_page(found, FORM_ERROR_STATUS, fulfil_form=form)
