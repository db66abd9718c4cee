"""What members do: start threads, reply, edit and delete their posts.

Every function checks permission first, validates, changes state, writes the outbox rows in the
same transaction, and flushes; the caller commits.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from ..accounts.models import User
from ..content import render_markdown
from ..db_types import utcnow
from ..errors import PermissionDenied, ValidationError
from ..extensions import db
from ..permissions import approved_memberships, can, is_moderator, require
from ..site_settings import get_setting
from ..text import one_line, slugify, text_block
from . import counters
from .indexing import index_post, index_thread
from .models import Category, HoldReason, Post, PostRevision, PostStatus, Thread
from .subscriptions import announce_post, follow_after_posting

BODY_MAX = 50_000
TITLE_MIN = 5
TITLE_MAX = 200
LOCKED_MESSAGE = "This thread is locked, so it takes no new replies."


class PrivacyCheckFailed(ValidationError):
    """The privacy guard found passages that look like patient information.

    ``findings`` lists ``{"field", "kind", "label", "reason", "passage"}``; the author edits, or
    sends the text for review anyway (it is then held until a moderator approves it).
    """

    status_code = 422

    def __init__(self, findings: list[dict[str, str]]) -> None:
        super().__init__(
            "Some passages look like patient information. Remove them, or send the post for review "
            "anyway: a moderator will check it before anyone else can read it."
        )
        self.findings = findings


# --- Validation ---------------------------------------------------------------------------


def _clean_body(body: str, errors: dict[str, list[str]]) -> str:
    body = text_block(body)
    if not body:
        errors["body"] = ["Write something before you post."]
    elif len(body) > BODY_MAX:
        errors["body"] = [
            f"A post can be at most {BODY_MAX:,} characters; this one has {len(body):,}. "
            "Shorten it, or split it into two posts."
        ]
    return body


def _clean_title(title: str, errors: dict[str, list[str]]) -> str:
    title = one_line(title)
    if len(title) < TITLE_MIN:
        errors["title"] = [f"Give the thread a title of at least {TITLE_MIN} characters."]
    elif len(title) > TITLE_MAX:
        errors["title"] = [f"A title can be at most {TITLE_MAX} characters; this one has {len(title)}."]
    return title


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(fields=errors)


def _privacy_findings(**texts: str) -> list[dict[str, str]]:
    from ..moderation import privacy

    findings = []
    for field, text in texts.items():
        for finding in privacy.find_phi(text or ""):
            label = getattr(finding, "label", finding.kind.replace("_", " "))
            findings.append(
                {
                    "field": field,
                    "kind": finding.kind,
                    "label": label,
                    "reason": finding.reason,
                    "passage": finding.passage,
                }
            )
    return findings


def published_post_count(user: User) -> int:
    return db.session.execute(
        select(func.count(Post.id)).where(
            Post.author_id == user.id, Post.status == PostStatus.PUBLISHED.value
        )
    ).scalar_one()


def is_trusted_poster(user: User) -> bool:
    """Moderators, and members with ``trust_threshold`` published posts, get the normal limits."""
    if is_moderator(user):
        return True
    return published_post_count(user) >= int(get_setting("trust_threshold"))


def _hold(actor: User, send_for_review: bool, **texts: str) -> tuple[str, list[dict[str, str]] | None]:
    """Why a new post waits for a moderator ("" when it does not)."""
    findings = _privacy_findings(**texts)
    if findings:
        if not send_for_review:
            raise PrivacyCheckFailed(findings)
        return HoldReason.PRIVACY.value, findings
    hold_first = int(get_setting("hold_first_posts"))
    if hold_first and not is_moderator(actor) and published_post_count(actor) < hold_first:
        return HoldReason.NEW_MEMBER.value, None
    return "", None


def primary_organisation_id(user: User) -> int | None:
    """The organisation shown beside a member's posts: their first approved membership."""
    memberships = sorted(approved_memberships(user), key=lambda m: m.id)
    return memberships[0].organisation_id if memberships else None


# --- Creating -----------------------------------------------------------------------------


def _add_post(
    thread: Thread, author: User, body: str, hold_reason: str, findings: Any, reply_to: Post | None
) -> Post:
    post = Post(
        thread_id=thread.id,
        position=counters.next_position(thread),
        author_id=author.id,
        organisation_id=primary_organisation_id(author),
        reply_to_id=reply_to.id if reply_to is not None else None,
        body_source=body,
        body_html=render_markdown(body),
        status=PostStatus.HELD.value if hold_reason else PostStatus.PUBLISHED.value,
        held_reason=hold_reason,
        held_findings=findings,
        created_at=utcnow(),
    )
    db.session.add(post)
    db.session.flush()
    return post


def create_thread(
    actor: User,
    category: Category,
    title: str,
    body: str,
    *,
    resource: Any = None,
    send_for_review: bool = False,
) -> Thread:
    """Start a thread (title and opening post) in ``category``, optionally about a resource.

    :raise NotFound: the category (or resource) is not visible to ``actor``.
    :raise PermissionDenied: ``actor`` may not post there.
    :raise ValidationError: bad title or body; ``PrivacyCheckFailed`` for likely patient information.
    """
    require(actor, "category.view", category, hide=True)
    require(actor, "category.post", category)
    errors: dict[str, list[str]] = {}
    if resource is not None:
        require(actor, "resource.view", resource, hide=True)
        if resource.visibility != "public" and category.is_public:
            errors["category_id"] = [
                "A members-only resource can only be discussed in a members-only category."
            ]
    title = _clean_title(title, errors)
    body = _clean_body(body, errors)
    _raise_if(errors)
    hold_reason, findings = _hold(actor, send_for_review, title=title, body=body)
    now = utcnow()
    thread = Thread(
        category_id=category.id,
        title=title,
        slug=slugify(title, max_length=80, fallback="thread"),
        author_id=actor.id,
        organisation_id=primary_organisation_id(actor),
        resource_id=resource.id if resource is not None else None,
        status=PostStatus.HELD.value if hold_reason else PostStatus.PUBLISHED.value,
        created_at=now,
        last_activity_at=now,
    )
    db.session.add(thread)
    db.session.flush()
    post = _add_post(thread, actor, body, hold_reason, findings, None)
    counters.refresh(thread)
    follow_after_posting(actor, thread)
    index_thread(thread)
    index_post(post)
    if post.is_published:
        announce_post(post, new_thread=True)
    return thread


def reply_to_thread(
    actor: User,
    thread: Thread,
    body: str,
    *,
    reply_to: Post | None = None,
    send_for_review: bool = False,
) -> Post:
    """Add a reply; ``reply_to`` (a readable post of the same thread) notifies its author.

    :raise NotFound: the thread is not visible to ``actor``.
    :raise PermissionDenied: not a member, or the thread is locked.
    :raise ValidationError: empty or too long; ``PrivacyCheckFailed`` for likely patient information.
    """
    require(actor, "thread.view", thread, hide=True)
    if not can(actor, "thread.reply", thread):
        raise PermissionDenied(LOCKED_MESSAGE if thread.locked else None)
    if reply_to is not None and (reply_to.thread_id != thread.id or not can(actor, "post.quote", reply_to)):
        reply_to = None
    errors: dict[str, list[str]] = {}
    body = _clean_body(body, errors)
    _raise_if(errors)
    hold_reason, findings = _hold(actor, send_for_review, body=body)
    post = _add_post(thread, actor, body, hold_reason, findings, reply_to)
    counters.refresh(thread)
    follow_after_posting(actor, thread)
    index_post(post)
    index_thread(thread)
    if post.is_published:
        announce_post(post)
    return post


# --- Editing and deleting -----------------------------------------------------------------


def edit_post(
    actor: User,
    post: Post,
    body: str,
    *,
    title: str | None = None,
    send_for_review: bool = False,
) -> Post:
    """Change a post's text (and, for an opening post, the thread's title); the old text is kept.

    An edit that the privacy guard flags, sent for review anyway, holds the post again.

    :raise NotFound: the post is not visible to ``actor``.
    :raise PermissionDenied: not the author, the post is deleted, or the thread is locked.
    """
    require(actor, "post.view", post, hide=True)
    require(actor, "post.edit", post)
    thread = post.thread
    errors: dict[str, list[str]] = {}
    body = _clean_body(body, errors)
    new_title = _clean_title(title, errors) if post.is_first and title is not None else thread.title
    _raise_if(errors)
    if body == post.body_source and new_title == thread.title:
        return post
    findings = (
        _privacy_findings(title=new_title, body=body) if post.is_first else _privacy_findings(body=body)
    )
    if findings and not send_for_review:
        raise PrivacyCheckFailed(findings)
    db.session.add(
        PostRevision(
            post_id=post.id,
            number=post.edit_count + 1,
            title=thread.title if post.is_first else None,
            body_source=post.body_source,
            body_html=post.body_html,
            written_at=post.edited_at or post.created_at,
            written_by_id=post.edited_by_id or post.author_id,
        )
    )
    post.body_source = body
    post.body_html = render_markdown(body)
    post.edit_count += 1
    post.edited_at = utcnow()
    post.edited_by_id = actor.id
    if post.is_first and new_title != thread.title:
        thread.title = new_title
        thread.slug = slugify(new_title, max_length=80, fallback="thread")
    if findings:
        post.held_findings = findings
        if post.status == PostStatus.PUBLISHED.value:
            post.status = PostStatus.HELD.value
            post.held_reason = HoldReason.PRIVACY.value
            if post.is_first:
                thread.status = PostStatus.HELD.value
    counters.refresh(thread)
    index_post(post)
    index_thread(thread, with_posts=post.is_first and not thread.is_listed)
    return post


def delete_post(actor: User, post: Post) -> Post:
    """Soft delete: the post shows as removed, the thread stays readable.

    A moderator deleting someone else's post is audited.

    :raise NotFound: the post is not visible to ``actor``.
    :raise PermissionDenied: neither the author nor a moderator, or already deleted.
    """
    from ..audit import record

    require(actor, "post.view", post, hide=True)
    require(actor, "post.delete", post)
    post.deleted_at = utcnow()
    post.deleted_by_id = actor.id
    if post.author_id != actor.id:
        record(actor, "post.delete", "post", post.id, label=post.thread.title)
    counters.refresh(post.thread)
    index_post(post)
    index_thread(post.thread)
    return post


def post_history(actor: User, post: Post) -> list[PostRevision]:
    """Earlier versions, newest first (the current text is the post itself).

    :raise NotFound: the post is not visible; :raise PermissionDenied: neither author nor moderator.
    """
    require(actor, "post.view", post, hide=True)
    require(actor, "post.view_history", post)
    return list(
        db.session.execute(
            select(PostRevision).where(PostRevision.post_id == post.id).order_by(PostRevision.number.desc())
        ).scalars()
    )
