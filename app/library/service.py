"""The library's operations: create, edit, the review workflow, revisions, files and moderation.

Every function takes the acting user first, asks ``permissions``, changes state, writes the
audit event (moderator actions) and the search outbox row (changes to searchable content), and
flushes. Nothing here commits: the caller (a view, a CLI command, a test) commits once.

Workflow::

    draft ──submit──▶ pending ──approve──▶ published ──archive──▶ archived
      ▲                  │                    ▲                       │
      └──── returned ◀───┘ return(reason)     └──── unarchive ────────┘

Organisation admins, moderators and trusted members (at least ``trust_threshold`` earlier
submissions approved by a moderator) may publish without review. Text that the privacy guard
flags is never published directly: the author either edits it or sends it for review anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from .. import audit, uploads
from ..accounts.models import User
from ..content import render_markdown, slugify
from ..db_types import utcnow
from ..errors import Conflict, NotFound, ValidationError
from ..extensions import db
from ..notifications.service import notify
from ..orgs.models import Organisation
from ..permissions import can, is_moderator, require
from ..privacy import Finding, findings_as_dicts, require_clear, screen
from ..privacy import PrivacyCheckFailed as PrivacyCheckFailed  # what create/edit raise, for callers
from ..privacy.attachments import findings_in, forget_attachment, screen_attachment
from ..search import outbox
from ..site_settings import get_setting
from .models import (
    Attachment,
    Bookmark,
    CollectionItem,
    Resource,
    ResourceKind,
    ResourceRevision,
    ResourceSlug,
    ResourceStatus,
    Tag,
    Topic,
    Visibility,
)

TITLE_MAX = 200
SUMMARY_MAX = 1000
BODY_MAX = 200_000
URL_MAX = 1000
NOTE_MAX = 300
REASON_MAX = 2000
TAG_MAX_LENGTH = 40
TAGS_MAX = 12
SLUG_MAX = 100
ATTACHMENTS_MAX = 20
# Paths under /library/ that are pages of their own, never a resource's slug.
RESERVED_SLUGS = frozenset({"new", "mine", "bookmarks", "collections", "topics", "orgs", "feed", "feed-atom"})

PUBLISHED = ResourceStatus.PUBLISHED.value
PENDING = ResourceStatus.PENDING.value
DRAFT = ResourceStatus.DRAFT.value
RETURNED = ResourceStatus.RETURNED.value
ARCHIVED = ResourceStatus.ARCHIVED.value

# What a caller asks ``create_resource`` to do after saving.
ACTION_DRAFT = "draft"
ACTION_SUBMIT = "submit"
ACTION_PUBLISH = "publish"
ACTIONS = (ACTION_DRAFT, ACTION_SUBMIT, ACTION_PUBLISH)


@dataclass
class ResourceInput:
    """The fields an author may set. Nothing else (author, organisation, status, featured) is taken
    from user input.

    ``topics`` are topic slugs or names from the curated list (an unknown one is an error);
    ``tags`` are free words (normalised; new ones are created).
    """

    title: str
    summary: str = ""
    body: str = ""
    kind: str = ResourceKind.GUIDE.value
    visibility: str = Visibility.PUBLIC.value
    topics: Sequence[str] = field(default_factory=list)
    tags: Sequence[str] = field(default_factory=list)
    external_url: str = ""


def resource_path(resource: Resource) -> str:
    """The resource's local URL (services build links without a request)."""
    return f"/library/{resource.slug}"


# --- Validation -------------------------------------------------------------------------


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _clean_block(text: str | None) -> str:
    """Multi-line text with normalised line endings and no NUL (PostgreSQL refuses it)."""
    return (text or "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()


def normalise_tag(raw: str) -> str:
    return _one_line(raw.replace("\x00", "")).strip(" #,;").lower()[:TAG_MAX_LENGTH].strip()


def parse_tags(text: str) -> list[str]:
    """Tags typed in one box, separated by commas or semicolons."""
    return [tag for tag in (normalise_tag(part) for part in re.split(r"[,;]", text or "")) if tag]


def valid_external_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in url)


@dataclass
class _Clean:
    title: str
    summary: str
    body: str
    kind: str
    visibility: str
    topics: list[Topic]
    tags: list[str]
    external_url: str


def _validate(data: ResourceInput) -> _Clean:
    errors: dict[str, list[str]] = {}
    title = _one_line(data.title).replace("\x00", "")
    summary = _clean_block(data.summary)
    body = _clean_block(data.body)
    url = (data.external_url or "").strip().replace("\x00", "")
    if len(title) < 3:
        errors["title"] = ["Give the resource a title of at least 3 characters."]
    elif len(title) > TITLE_MAX:
        errors["title"] = [f"Keep the title under {TITLE_MAX} characters."]
    if len(summary) > SUMMARY_MAX:
        errors["summary"] = [f"Keep the summary under {SUMMARY_MAX} characters."]
    if len(body) > BODY_MAX:
        errors["body"] = [f"The body is longer than {BODY_MAX:,} characters."]
    if data.kind not in {k.value for k in ResourceKind}:
        errors["kind"] = ["Choose a kind of resource from the list."]
    if data.visibility not in {v.value for v in Visibility}:
        errors["visibility"] = ["Choose public or members only."]
    if url and (len(url) > URL_MAX or not valid_external_url(url)):
        errors["external_url"] = ["Links must be complete http:// or https:// addresses."]
    if data.kind == ResourceKind.LINK.value and not url:
        errors["external_url"] = ["A link resource needs its address."]
    if not body and not url and "body" not in errors:
        errors["body"] = ["Write the content, or give a link to it."]
    tags = list(dict.fromkeys(normalise_tag(t) for t in data.tags if normalise_tag(t)))
    if len(tags) > TAGS_MAX:
        errors["tags"] = [f"Use at most {TAGS_MAX} tags."]
    topics, unknown = resolve_topics(data.topics)
    if unknown:
        errors["topics"] = ["Unknown topic: " + ", ".join(unknown)]
    if errors:
        raise ValidationError("Please correct the errors below.", errors)
    return _Clean(title, summary, body, data.kind, data.visibility, topics, tags, url)


def resolve_topics(values: Iterable[str]) -> tuple[list[Topic], list[str]]:
    """Topics by slug or name (case-insensitive); returns (found, unknown)."""
    wanted = [v.strip() for v in values if v and v.strip()]
    if not wanted:
        return [], []
    keys = {v.lower() for v in wanted}
    rows = db.session.execute(
        select(Topic).where((Topic.slug.in_(keys)) | (func.lower(Topic.name).in_(keys)))
    ).scalars()
    by_key: dict[str, Topic] = {}
    for topic in rows:
        by_key[topic.slug.lower()] = topic
        by_key[topic.name.lower()] = topic
    found: dict[int, Topic] = {}
    unknown = []
    for value in wanted:
        topic = by_key.get(value.lower())
        if topic is None:
            unknown.append(value)
        else:
            found[topic.id] = topic
    return list(found.values()), unknown


def _tags(names: Sequence[str]) -> list[Tag]:
    if not names:
        return []
    existing = {t.name: t for t in db.session.execute(select(Tag).where(Tag.name.in_(names))).scalars()}
    tags = []
    for name in names:
        tag = existing.get(name)
        if tag is None:
            tag = Tag(name=name, slug=_unique_tag_slug(name))
            db.session.add(tag)
            db.session.flush()
            existing[name] = tag
        tags.append(tag)
    return tags


def _unique_tag_slug(name: str) -> str:
    base = slugify(name, max_length=50, fallback="tag")
    slug, n = base, 1
    while db.session.execute(select(Tag.id).where(Tag.slug == slug)).first() is not None:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _unique_slug(title: str, resource_id: int | None = None) -> str:
    """A slug no other resource uses now or used before (old slugs keep redirecting)."""
    base = slugify(title, max_length=SLUG_MAX, fallback="resource")
    taken = set(
        db.session.execute(
            select(Resource.slug).where(Resource.slug.like(f"{base}%"), Resource.id != (resource_id or 0))
        ).scalars()
    )
    taken |= set(
        db.session.execute(
            select(ResourceSlug.slug).where(
                ResourceSlug.slug.like(f"{base}%"), ResourceSlug.resource_id != (resource_id or 0)
            )
        ).scalars()
    )
    taken |= RESERVED_SLUGS
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


# --- Privacy guard ----------------------------------------------------------------------


def privacy_findings(title: str, summary: str, body: str, note: str = "") -> list[Finding]:
    """What the privacy guard finds in a resource's text fields (the change note included)."""
    return screen(title=title, summary=summary, body=body, note=note)


def attachment_findings(resource: Resource | None) -> list[Finding]:
    """What the guard finds in the extracted text of a resource's files (see ``app.privacy.attachments``)."""
    if resource is None:
        return []
    return [finding for attachment in resource.attachments for finding in findings_in(attachment)]


def _check_privacy(
    clean: _Clean, send_anyway: bool, *, note: str = "", resource: Resource | None = None
) -> list[dict[str, Any]]:
    """Stop with ``PrivacyCheckFailed`` unless the text and files are clear or sent for review anyway."""
    findings = privacy_findings(clean.title, clean.summary, clean.body, note) + attachment_findings(resource)
    require_clear(findings, send_anyway=send_anyway)
    return findings_as_dicts(findings)


# --- Revisions and indexing -------------------------------------------------------------


def _snapshot(resource: Resource) -> dict[str, Any]:
    return {
        "title": resource.title,
        "summary": resource.summary,
        "body_source": resource.body_source,
        "kind": resource.kind,
        "visibility": resource.visibility,
        "external_url": resource.external_url,
        "topics": sorted(t.slug for t in resource.topics),
        "tags": sorted(t.name for t in resource.tags),
    }


def _add_revision(actor: User | None, resource: Resource, note: str) -> ResourceRevision:
    number = (
        db.session.execute(
            select(func.max(ResourceRevision.number)).where(ResourceRevision.resource_id == resource.id)
        ).scalar_one_or_none()
        or 0
    ) + 1
    revision = ResourceRevision(
        resource_id=resource.id,
        number=number,
        editor_id=_user_id(actor),
        note=_one_line(note)[:NOTE_MAX],
        **_snapshot(resource),
    )
    db.session.add(revision)
    return revision


def _user_id(user: Any) -> int | None:
    return user.id if user is not None and getattr(user, "is_authenticated", False) else None


def _reindex(resource: Resource) -> None:
    """Tell search about the change: upsert what is listed, remove what no longer is."""
    outbox.enqueue("resource", resource.id, "upsert" if resource.is_listed else "delete")


def _apply(resource: Resource, clean: _Clean) -> None:
    resource.title = clean.title
    resource.summary = clean.summary
    resource.body_source = clean.body
    resource.body_html = render_markdown(clean.body)
    resource.kind = clean.kind
    resource.visibility = clean.visibility
    resource.external_url = clean.external_url
    resource.topics = clean.topics
    resource.tags = _tags(clean.tags)


# --- Create and edit --------------------------------------------------------------------


def creatable_organisations(actor: User) -> list[Organisation]:
    """The approved organisations ``actor`` may create resources for (their own)."""
    return sorted(
        (m.organisation for m in actor.memberships if can(actor, "resource.create", m.organisation)),
        key=lambda org: org.name.lower(),
    )


def create_resource(
    actor: User,
    organisation: Organisation,
    data: ResourceInput,
    *,
    action: str = ACTION_DRAFT,
    send_anyway: bool = False,
    external_id: str | None = None,
    published_at: datetime | None = None,
    note: str = "Created",
) -> Resource:
    """Save a new resource for ``organisation`` with ``actor`` as author; returns it flushed.

    ``action``: "draft" keeps it private to the organisation; "submit" sends it for review;
    "publish" publishes it when ``actor`` may publish directly and otherwise submits it.
    ``send_anyway``: the author's answer to the privacy guard (see ``PrivacyCheckFailed``); a
    flagged resource is saved as pending with ``privacy_flagged=True`` whatever the action.
    ``external_id`` and ``published_at`` are for the importer.

    :raise PermissionDenied: ``actor`` may not create for ``organisation``.
    :raise ValidationError: bad fields, or ``PrivacyCheckFailed``.
    """
    require(actor, "resource.create", organisation)
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    clean = _validate(data)
    findings = _check_privacy(clean, send_anyway, note=note)
    if external_id is not None:
        external_id = _one_line(external_id)[:200] or None
        if external_id and db.session.execute(select(Resource.id).where(Resource.external_id == external_id)).first():
            raise Conflict(f"A resource with external id {external_id!r} already exists.")
    resource = Resource(
        organisation=organisation,
        author_id=actor.id,
        status=DRAFT,
        slug=_unique_slug(clean.title),
        external_id=external_id,
    )
    db.session.add(resource)
    _apply(resource, clean)
    db.session.flush()
    _add_revision(actor, resource, note)
    if findings:
        hold_for_privacy(resource, findings)
    elif action == ACTION_SUBMIT:
        submit_resource(actor, resource)
    elif action == ACTION_PUBLISH:
        if can(actor, "resource.publish", resource):
            publish_resource(actor, resource, published_at=published_at)
        else:
            submit_resource(actor, resource)
    db.session.flush()
    return resource


def edit_resource(
    actor: User,
    resource: Resource,
    data: ResourceInput,
    *,
    note: str = "",
    send_anyway: bool = False,
) -> ResourceRevision | None:
    """Save an edit and keep it as a new revision; returns it (None when nothing changed).

    A title change gives a new slug; the old one keeps redirecting. If the privacy guard flags
    the new text and the author sends it anyway, the resource goes back to pending review.

    :raise NotFound: ``actor`` may not see the resource.
    :raise PermissionDenied: ``actor`` may see but not edit it.
    :raise ValidationError: bad fields, or ``PrivacyCheckFailed``.
    """
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.edit", resource)
    clean = _validate(data)
    text_changed = (clean.title, clean.summary, clean.body) != (resource.title, resource.summary, resource.body_source)
    # Unchanged text was screened when it was saved (a re-import of the same lines skips the guard).
    findings = _check_privacy(clean, send_anyway, note=note, resource=resource) if text_changed or note else []
    before = _snapshot(resource)
    was_listed = resource.is_listed
    old_slug = resource.slug
    _apply(resource, clean)
    if _snapshot(resource) == before and not findings:
        return None
    if clean.title != before["title"]:
        new_slug = _unique_slug(clean.title, resource.id)
        if new_slug != old_slug:
            _remember_slug(resource, old_slug)
            resource.slug = new_slug
    resource.updated_at = utcnow()
    db.session.flush()
    revision = _add_revision(actor, resource, note or "Edited")
    if findings:
        hold_for_privacy(resource, findings)
    elif resource.privacy_flagged and text_changed:
        resource.privacy_flagged = False
        resource.privacy_findings = None
    if was_listed or resource.is_listed:
        _reindex(resource)
    if is_moderator(actor) and resource.author_id != actor.id:
        audit.record(
            actor,
            "resource.edit",
            "resource",
            resource.id,
            label=resource.title,
            before=before,
            after=_snapshot(resource),
        )
    db.session.flush()
    return revision


def _remember_slug(resource: Resource, slug: str) -> None:
    existing = db.session.execute(select(ResourceSlug).where(ResourceSlug.slug == slug)).scalar_one_or_none()
    if existing is None:
        db.session.add(ResourceSlug(resource_id=resource.id, slug=slug))
    else:
        existing.resource_id = resource.id


def hold_for_privacy(resource: Resource, findings: list[dict[str, Any]]) -> None:
    """Sent anyway despite the privacy guard, or a file's text flagged: wait, unpublished, for a moderator."""
    was_listed = resource.is_listed
    resource.privacy_flagged = True
    resource.privacy_findings = findings
    resource.status = PENDING
    resource.submitted_at = utcnow()
    if was_listed:
        _reindex(resource)


# --- Workflow ---------------------------------------------------------------------------


def is_trusted_author(user: User) -> bool:
    """Has at least ``trust_threshold`` earlier submissions approved by a moderator."""
    approved = db.session.execute(
        select(func.count(Resource.id)).where(Resource.author_id == user.id, Resource.approved_at.is_not(None))
    ).scalar_one()
    return approved >= int(get_setting("trust_threshold"))


def submit_resource(actor: User, resource: Resource) -> Resource:
    """Send a draft (or a returned resource) for review.

    :raise PermissionDenied: not an editor, or not a draft/returned resource.
    """
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.submit", resource)
    resource.status = PENDING
    resource.submitted_at = utcnow()
    resource.return_reason = ""
    db.session.flush()
    return resource


def publish_resource(actor: User, resource: Resource, *, published_at: datetime | None = None) -> Resource:
    """Publish without review (org admins, moderators, trusted authors).

    ``published_at`` keeps an original date (the importer); by default now, or the first
    publication date when republishing.

    :raise PermissionDenied: ``actor`` may not publish directly.
    """
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.publish", resource)
    _make_published(resource, published_at)
    if is_moderator(actor) and resource.author_id != actor.id:
        audit.record(actor, "resource.publish", "resource", resource.id, label=resource.title)
    db.session.flush()
    return resource


def _make_published(resource: Resource, published_at: datetime | None) -> None:
    resource.status = PUBLISHED
    resource.return_reason = ""
    resource.archived_at = None
    resource.published_at = published_at or resource.published_at or utcnow()
    _reindex(resource)


def approve_resource(actor: User, resource: Resource) -> Resource:
    """Moderator: publish a pending resource. Audited; the author is told in the app and by e-mail.

    Counts toward the author's trust (``is_trusted_author``).

    :raise PermissionDenied: ``actor`` is not a moderator.
    :raise Conflict: the resource is not pending.
    """
    require(actor, "resource.review", resource)
    if resource.status != PENDING:
        raise Conflict("Only resources waiting for review can be approved.")
    resource.approved_at = utcnow()
    resource.approved_by_id = actor.id
    resource.privacy_flagged = False
    resource.privacy_findings = None
    _make_published(resource, None)
    audit.record(actor, "resource.approve", "resource", resource.id, label=resource.title)
    if resource.author is not None:
        notify(
            resource.author,
            "resource.approved",
            f"Your resource “{resource.title}” is published",
            "A moderator approved it; it is now in the library.",
            resource_path(resource),
        )
    db.session.flush()
    return resource


def return_resource(actor: User, resource: Resource, reason: str) -> Resource:
    """Moderator: send a pending resource back to its author with a reason (required).

    Audited; the author is told in the app and by e-mail with the reason.

    :raise ValidationError: no reason given.
    :raise Conflict: the resource is not pending.
    """
    require(actor, "resource.review", resource)
    reason = _clean_block(reason)[:REASON_MAX]
    if not reason:
        raise ValidationError("Say why the resource is returned.", {"reason": ["A reason is required."]})
    if resource.status != PENDING:
        raise Conflict("Only resources waiting for review can be returned.")
    resource.status = RETURNED
    resource.return_reason = reason
    audit.record(actor, "resource.return", "resource", resource.id, label=resource.title, reason=reason)
    if resource.author is not None:
        notify(
            resource.author,
            "resource.returned",
            f"Your resource “{resource.title}” was returned",
            f"A moderator returned it with this reason:\n\n{reason}\n\nEdit it and submit it again.",
            resource_path(resource),
        )
    db.session.flush()
    return resource


def archive_resource(actor: User, resource: Resource) -> Resource:
    """Withdraw a published resource from the library (its organisation still sees it)."""
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.archive", resource)
    resource.status = ARCHIVED
    resource.archived_at = utcnow()
    resource.featured = False
    _reindex(resource)
    if is_moderator(actor) and resource.author_id != actor.id:
        audit.record(actor, "resource.archive", "resource", resource.id, label=resource.title)
    db.session.flush()
    return resource


def unarchive_resource(actor: User, resource: Resource) -> Resource:
    """Bring an archived resource back: published if ``actor`` may publish directly, else pending."""
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.unarchive", resource)
    if can(actor, "resource.publish", resource):
        _make_published(resource, None)
    else:
        resource.status = PENDING
        resource.submitted_at = utcnow()
    db.session.flush()
    return resource


def delete_resource(actor: User, resource: Resource) -> None:
    """Delete for good (authors: only never-published resources; moderators: any). Audited for
    moderators acting on someone else's resource."""
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.delete", resource)
    if is_moderator(actor) and resource.author_id != actor.id:
        audit.record(
            actor, "resource.delete", "resource", resource.id, label=resource.title, before=_snapshot(resource)
        )
    outbox.enqueue("resource", resource.id, "delete")
    for attachment in resource.attachments:
        uploads.delete_after_commit(attachment.stored_name)
    db.session.execute(update(Resource).where(Resource.merged_into_id == resource.id).values(merged_into_id=None))
    db.session.delete(resource)
    db.session.flush()


# --- Moderation (called by the moderation queue) ----------------------------------------


def list_pending(actor: User) -> list[Resource]:
    """Moderator: resources waiting for review, oldest submission first, with author and organisation
    loaded. ``privacy_flagged`` and ``privacy_findings`` say when the privacy guard held one."""
    require(actor, "resource.review", None)
    query = (
        select(Resource)
        .where(Resource.status == PENDING, Resource.hidden_at.is_(None))
        .options(selectinload(Resource.organisation), selectinload(Resource.author), selectinload(Resource.topics))
        .order_by(Resource.submitted_at.asc().nulls_first(), Resource.id.asc())
    )
    return list(db.session.execute(query).scalars())


def count_pending() -> int:
    return db.session.execute(
        select(func.count(Resource.id)).where(Resource.status == PENDING, Resource.hidden_at.is_(None))
    ).scalar_one()


def hide_resource(actor: User | None, resource: Resource, reason: str, *, automatic: bool = False) -> Resource:
    """Hide a resource until reviewed: only moderators and its author still see it.

    ``automatic=True`` is the flag threshold acting (``actor`` may then be None or the member
    whose flag tipped it; no permission check). Audited; the author is told unless automatic.
    Hiding an already hidden resource only updates the reason.
    """
    if not automatic:
        require(actor, "resource.hide", resource)
    reason = _clean_block(reason)[:REASON_MAX]
    was_listed = resource.is_listed
    resource.hidden_at = resource.hidden_at or utcnow()
    resource.hidden_reason = reason
    resource.featured = False
    if was_listed:
        _reindex(resource)
    audit.record(
        None if automatic else actor,
        "resource.hide",
        "resource",
        resource.id,
        label=resource.title,
        reason=reason if not automatic else f"Hidden automatically: {reason}",
    )
    if not automatic and resource.author is not None and resource.author_id != _user_id(actor):
        notify(
            resource.author,
            "resource.hidden",
            f"Your resource “{resource.title}” was hidden",
            f"A moderator hid it with this reason:\n\n{reason}" if reason else "A moderator hid it.",
            resource_path(resource),
        )
    db.session.flush()
    return resource


def restore_resource(actor: User, resource: Resource) -> Resource:
    """Moderator: un-hide a resource (it is listed again if published). Audited."""
    require(actor, "resource.hide", resource)
    resource.hidden_at = None
    resource.hidden_reason = ""
    _reindex(resource)
    audit.record(actor, "resource.restore", "resource", resource.id, label=resource.title)
    db.session.flush()
    return resource


def feature_resource(actor: User, resource: Resource, featured: bool) -> Resource:
    """Moderator: show (or stop showing) a published resource on the home page. Audited.

    :raise Conflict: featuring a resource that is not listed (unpublished, hidden or merged).
    """
    require(actor, "resource.feature", resource)
    if featured and not resource.is_listed:
        raise Conflict("Only published, visible resources can be featured.")
    if resource.featured != featured:
        resource.featured = featured
        audit.record(
            actor,
            "resource.feature" if featured else "resource.unfeature",
            "resource",
            resource.id,
            label=resource.title,
        )
        if resource.is_listed:
            _reindex(resource)
    db.session.flush()
    return resource


def set_resource_topics_tags(actor: User, resource: Resource, topics: Sequence[str], tags: Sequence[str]) -> Resource:
    """Moderator: replace a resource's topics (slugs or names) and tags. Kept as a revision; audited.

    :raise ValidationError: an unknown topic or too many tags.
    """
    require(actor, "resource.curate", resource)
    found, unknown = resolve_topics(topics)
    names = list(dict.fromkeys(normalise_tag(t) for t in tags if normalise_tag(t)))
    errors = {}
    if unknown:
        errors["topics"] = ["Unknown topic: " + ", ".join(unknown)]
    if len(names) > TAGS_MAX:
        errors["tags"] = [f"Use at most {TAGS_MAX} tags."]
    if errors:
        raise ValidationError("Please correct the errors below.", errors)
    before = _snapshot(resource)
    resource.topics = found
    resource.tags = _tags(names)
    after = _snapshot(resource)
    if after == before:
        return resource
    db.session.flush()
    _add_revision(actor, resource, "Topics and tags changed by a moderator")
    audit.record(
        actor,
        "resource.curate",
        "resource",
        resource.id,
        label=resource.title,
        before={"topics": before["topics"], "tags": before["tags"]},
        after={"topics": after["topics"], "tags": after["tags"]},
    )
    if resource.is_listed:
        _reindex(resource)
    db.session.flush()
    return resource


def merge_resource(actor: User, duplicate: Resource, target: Resource) -> Resource:
    """Moderator: merge ``duplicate`` into ``target``. The duplicate leaves the library and search;
    its URLs (and old slugs) redirect to the target; bookmarks and collection entries move over.
    Audited. Returns ``target``.

    :raise Conflict: merging a resource into itself or into a merged resource.
    """
    require(actor, "resource.merge", duplicate)
    if duplicate.id == target.id or target.merged_into_id is not None:
        raise Conflict("Choose a different resource to merge into.")
    duplicate.merged_into_id = target.id
    duplicate.featured = False
    db.session.flush()
    db.session.execute(update(Resource).where(Resource.merged_into_id == duplicate.id).values(merged_into_id=target.id))
    _move_rows(Bookmark, Bookmark.user_id, duplicate.id, target.id)
    _move_rows(CollectionItem, CollectionItem.collection_id, duplicate.id, target.id)
    outbox.enqueue("resource", duplicate.id, "delete")
    audit.record(
        actor,
        "resource.merge",
        "resource",
        duplicate.id,
        label=duplicate.title,
        after={"merged_into": target.id, "target_title": target.title},
    )
    db.session.flush()
    return target


def _move_rows(model: Any, owner_column: Any, from_id: int, to_id: int) -> None:
    """Point rows at ``to_id`` unless the owner already has one there (then drop the old one)."""
    already = select(owner_column).where(model.resource_id == to_id).scalar_subquery()
    db.session.execute(
        update(model)
        .where(model.resource_id == from_id, owner_column.not_in(already))
        .values(resource_id=to_id)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(model.__table__.delete().where(model.__table__.c.resource_id == from_id))
    db.session.expire_all()


# --- Revisions --------------------------------------------------------------------------


def list_revisions(actor: User, resource: Resource) -> list[ResourceRevision]:
    """Newest first, with editors loaded. :raise NotFound: not the organisation's or a moderator."""
    require(actor, "resource.view_history", resource, hide=True)
    query = (
        select(ResourceRevision)
        .where(ResourceRevision.resource_id == resource.id)
        .options(selectinload(ResourceRevision.editor))
        .order_by(ResourceRevision.number.desc())
    )
    return list(db.session.execute(query).scalars())


def get_revision(actor: User, resource: Resource, number: int) -> ResourceRevision:
    require(actor, "resource.view_history", resource, hide=True)
    revision = db.session.execute(
        select(ResourceRevision).where(ResourceRevision.resource_id == resource.id, ResourceRevision.number == number)
    ).scalar_one_or_none()
    if revision is None:
        raise NotFound()
    return revision


def count_revisions(resource: Resource) -> int:
    return db.session.execute(
        select(func.count(ResourceRevision.id)).where(ResourceRevision.resource_id == resource.id)
    ).scalar_one()


def restore_revision(
    actor: User, resource: Resource, number: int, *, send_anyway: bool = False
) -> ResourceRevision | None:
    """Make an old revision's content current again; the restore is itself a new revision.

    Topics deleted since are left out.
    """
    revision = get_revision(actor, resource, number)
    data = ResourceInput(
        title=revision.title,
        summary=revision.summary,
        body=revision.body_source,
        kind=revision.kind,
        visibility=revision.visibility,
        topics=[slug for slug in revision.topics if resolve_topics([slug])[0]],
        tags=list(revision.tags),
        external_url=revision.external_url,
    )
    return edit_resource(actor, resource, data, note=f"Restored revision {revision.number}", send_anyway=send_anyway)


# --- Attachments ------------------------------------------------------------------------


def get_attachment(actor: Any, attachment_id: int) -> Attachment:
    """An attachment ``actor`` may download. :raise NotFound: missing or not visible to them."""
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None:
        raise NotFound()
    require(actor, "resource.view", attachment.resource, hide=True)
    return attachment


def add_attachment(actor: User, resource: Resource, upload: Any) -> Attachment:
    """Check and store an uploaded file (``werkzeug.FileStorage``) and attach it.

    The file is checked by extension and content, stored under a generated name, stripped of
    EXIF data (images), and its text extracted for search (``app.uploads``).

    :raise ValidationError: a refused file (the message says why).
    """
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.attach", resource)
    if len(resource.attachments) >= ATTACHMENTS_MAX:
        raise ValidationError(f"A resource can have at most {ATTACHMENTS_MAX} files; remove one first.")
    stored = uploads.save_upload(upload)
    attachment = Attachment(
        resource_id=resource.id,
        original_name=stored.original_name,
        stored_name=stored.stored_name,
        content_type=stored.content_type,
        size=stored.size,
        extracted_text=stored.extracted_text,
        uploader_id=actor.id,
    )
    db.session.add(attachment)
    resource.updated_at = utcnow()
    db.session.flush()
    screen_attachment(attachment)
    if resource.is_listed:
        _reindex(resource)
    return attachment


def remove_attachment(actor: User, resource: Resource, attachment_id: int) -> None:
    """Detach a file (the stored file is removed once the transaction commits)."""
    require(actor, "resource.view", resource, hide=True)
    require(actor, "resource.attach", resource)
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.resource_id != resource.id:
        raise NotFound()
    uploads.delete_after_commit(attachment.stored_name)
    forget_attachment(attachment)
    db.session.delete(attachment)
    resource.updated_at = utcnow()
    db.session.flush()
    if resource.is_listed:
        _reindex(resource)
