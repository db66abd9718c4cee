"""Asking for, voting on, discussing and settling content requests.

Texts pass the privacy guard before they are stored: requests are read by the whole network
without review, so patient-identifying text is refused with the reason (as events do).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload, selectinload

from .. import audit
from ..accounts.models import User
from ..content import render_markdown
from ..db_types import utcnow
from ..discussions import service as discussions
from ..errors import Conflict, NotFound, ValidationError
from ..events.privacy_check import refuse_patient_details
from ..extensions import db
from ..library import queries as library_queries
from ..notifications.service import notify
from ..permissions import can, require
from ..templating import Page
from ..text import one_line, text_block
from .models import OPEN_STATUSES, ContentRequest, RequestComment, RequestStatus, RequestVote

TITLE_MAX = 200
DETAILS_MAX = 5000
COMMENT_MAX = 5000
REASON_MAX = 1000
THREAD_PATH = re.compile(r"^/discussions/(?:threads|[^/]+)/(\d{1,10})(?:-[^/]*)?/?$")
RESOURCE_PATH = re.compile(r"^/library/([^/]+)/?$")


def _path(request: ContentRequest) -> str:
    return f"/requests/{request.id}"


# --- Reading ------------------------------------------------------------------------------


def list_requests(actor: Any, status: str = "open", page: int = 1, per_page: int = 20) -> Page:
    """Open requests (most wanted first), or closed ones (latest first)."""
    require(actor, "request.view")
    order: tuple[Any, ...]
    if status == "closed":
        condition = ContentRequest.status.not_in(OPEN_STATUSES)
        order = (ContentRequest.closed_at.desc(), ContentRequest.id.desc())
    else:
        condition = ContentRequest.status.in_(OPEN_STATUSES)
        order = (ContentRequest.vote_count.desc(), ContentRequest.created_at.desc(), ContentRequest.id.desc())
    total = db.session.execute(select(func.count(ContentRequest.id)).where(condition)).scalar_one()
    items = db.session.scalars(
        select(ContentRequest)
        .where(condition)
        .options(joinedload(ContentRequest.author), joinedload(ContentRequest.assignee))
        .order_by(*order)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(items=list(items), total=total, page=page, per_page=per_page)


def get_request(actor: Any, request_id: int) -> ContentRequest:
    """:raise NotFound: missing, or the actor may not read requests (the same answer)."""
    found = db.session.get(ContentRequest, request_id)
    if found is None or not can(actor, "request.view", found):
        raise NotFound()
    return found


def comments_of(request: ContentRequest) -> list[RequestComment]:
    return list(
        db.session.scalars(
            select(RequestComment)
            .where(RequestComment.request_id == request.id)
            .options(joinedload(RequestComment.author))
            .order_by(RequestComment.created_at, RequestComment.id)
        )
    )


def has_voted(actor: Any, request: ContentRequest) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return False
    return db.session.get(RequestVote, (request.id, actor.id)) is not None


def requests_of(user: User, limit: int = 5) -> list[ContentRequest]:
    """``user``'s own requests, open ones first, for their home page."""
    return list(
        db.session.scalars(
            select(ContentRequest)
            .where(ContentRequest.author_id == user.id)
            .order_by(ContentRequest.status.in_(OPEN_STATUSES).desc(), ContentRequest.created_at.desc())
            .limit(limit)
        )
    )


# --- Asking, voting, commenting -------------------------------------------------------------


def _clean_text(fields: dict[str, str], limits: dict[str, int], required: tuple[str, ...]) -> None:
    errors: dict[str, list[str]] = {}
    for name, text in fields.items():
        if name in required and not text:
            errors[name] = ["This is required."]
        elif len(text) > limits[name]:
            errors[name] = [f"At most {limits[name]:,} characters (this has {len(text):,})."]
    if errors:
        raise ValidationError(fields=errors)
    refuse_patient_details(fields)


def create_request(actor: User, title: str, details: str = "") -> ContentRequest:
    require(actor, "request.create")
    title, details = one_line(title), text_block(details)
    if title and len(title) < 5:
        raise ValidationError(fields={"title": ["Say what you need in at least a few words."]})
    _clean_text({"title": title, "details": details}, {"title": TITLE_MAX, "details": DETAILS_MAX}, ("title",))
    request = ContentRequest(
        title=title, details_source=details, details_html=render_markdown(details), author_id=actor.id
    )
    db.session.add(request)
    db.session.flush()
    return request


def vote(actor: User, request: ContentRequest) -> None:
    require(actor, "request.view", request, hide=True)
    require(actor, "request.vote", request)
    if has_voted(actor, request):
        return
    db.session.add(RequestVote(request_id=request.id, user_id=actor.id))
    db.session.execute(
        update(ContentRequest).where(ContentRequest.id == request.id).values(vote_count=ContentRequest.vote_count + 1)
    )
    db.session.flush()
    db.session.refresh(request)


def withdraw_vote(actor: User, request: ContentRequest) -> None:
    require(actor, "request.view", request, hide=True)
    found = db.session.get(RequestVote, (request.id, actor.id))
    if found is None:
        return
    db.session.delete(found)
    db.session.execute(
        update(ContentRequest).where(ContentRequest.id == request.id).values(vote_count=ContentRequest.vote_count - 1)
    )
    db.session.flush()
    db.session.refresh(request)


def add_comment(actor: User, request: ContentRequest, body: str) -> RequestComment:
    require(actor, "request.view", request, hide=True)
    require(actor, "request.comment", request)
    body = text_block(body)
    _clean_text({"body": body}, {"body": COMMENT_MAX}, ("body",))
    comment = RequestComment(
        request_id=request.id, author_id=actor.id, body_source=body, body_html=render_markdown(body)
    )
    db.session.add(comment)
    request.comment_count = (request.comment_count or 0) + 1
    db.session.flush()
    if request.author is not None and request.author_id != actor.id:
        notify(
            request.author,
            "request.comment",
            f"{actor.name} commented on your request “{request.title}”",
            body[:280],
            _path(request),
        )
    return comment


# --- Moderators settle them -----------------------------------------------------------------


def _open(request: ContentRequest) -> None:
    if not request.is_open:
        raise Conflict("This request is already closed.")


def assign(actor: User, request: ContentRequest, assignee: User | None = None) -> ContentRequest:
    """Give the request to someone (by default the moderator acting) to find or write."""
    require(actor, "request.moderate", request)
    _open(request)
    assignee = assignee or actor
    request.assignee_id = assignee.id
    request.status = RequestStatus.IN_PROGRESS.value
    audit.record(
        actor, "request.assign", "content_request", request.id, label=request.title, after={"assignee": assignee.id}
    )
    db.session.flush()
    if request.author is not None and request.author_id != actor.id:
        notify(
            request.author,
            "request.assigned",
            f"Your request “{request.title}” is being worked on",
            f"{assignee.name} is looking for or writing it.",
            _path(request),
        )
    return request


def decline(actor: User, request: ContentRequest, reason: str) -> ContentRequest:
    require(actor, "request.moderate", request)
    _open(request)
    reason = text_block(reason)[:REASON_MAX]
    if not reason:
        raise ValidationError("Say why the request is declined.", {"reason": ["A reason is required."]})
    _close(actor, request, RequestStatus.DECLINED)
    request.decline_reason = reason
    audit.record(actor, "request.decline", "content_request", request.id, label=request.title, reason=reason)
    _tell_requester_and_voters(
        request, "request.declined", f"Request declined: “{request.title}”", f"The moderators said: {reason}"
    )
    return request


def fulfil(actor: User, request: ContentRequest, link: str) -> ContentRequest:
    """Close the request with the resource or thread at ``link`` (an address or a path on this site)."""
    require(actor, "request.moderate", request)
    _open(request)
    resource, thread = _linked_item(actor, link)
    _close(actor, request, RequestStatus.FULFILLED)
    request.resource_id = resource.id if resource is not None else None
    request.thread_id = thread.id if thread is not None else None
    title = resource.title if resource is not None else thread.title
    audit.record(actor, "request.fulfil", "content_request", request.id, label=request.title, after={"answer": title})
    _tell_requester_and_voters(
        request, "request.fulfilled", f"Your request is answered: “{request.title}”", f"See “{title}”."
    )
    return request


def _close(actor: User, request: ContentRequest, status: RequestStatus) -> None:
    request.status = status.value
    request.closed_at = utcnow()
    request.closed_by_id = actor.id


def _linked_item(actor: User, link: str) -> tuple[Any, Any]:
    """The published resource or the thread that ``link`` names, as ``actor`` sees it."""
    refused = ValidationError(
        "That is not a resource or a thread of this site.",
        {"link": ["Paste the address of a library resource (/library/…) or a discussion thread (/discussions/…)."]},
    )
    parts = urlsplit(link.strip())
    site = urlsplit(current_app.config["SITE_URL"])
    if parts.netloc and parts.netloc != site.netloc:
        raise refused
    path = parts.path
    try:
        if match := RESOURCE_PATH.match(path):
            resource = library_queries.lookup(actor, match.group(1)).resource
            if not resource.is_listed:
                raise NotFound()
            return resource, None
        if match := THREAD_PATH.match(path):
            return None, discussions.get_thread(actor, int(match.group(1)))
    except NotFound:
        raise refused from None
    raise refused


def _tell_requester_and_voters(request: ContentRequest, kind: str, subject: str, body: str) -> None:
    voter_ids = select(RequestVote.user_id).where(RequestVote.request_id == request.id)
    people = db.session.scalars(
        select(User)
        .where((User.id.in_(voter_ids)) | (User.id == request.author_id))
        .options(selectinload(User.memberships))
        .order_by(User.id)
    )
    for person in people:
        if person.is_active:
            notify(person, kind, subject, body, _path(request))
    db.session.flush()
