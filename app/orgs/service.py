"""Organisations: applying to join, the admins' decisions, profiles and the public directory.

Membership (invitations, join requests, roles) lives in ``membership.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..accounts.models import User
from ..db_types import utcnow
from ..errors import Conflict, NotFound, ValidationError
from ..extensions import db
from ..mail import absolute_url, send_mail, site_path
from ..notifications.service import notify
from ..permissions import require
from ..search import outbox
from ..slugs import unique_slug
from ..templating import Page
from ..text import slugify
from .membership import org_admins
from .models import MemberRole, Membership, Organisation, OrgStatus, SocialChannel
from .validation import clean_details, clean_text

# Paths under /orgs/ that an organisation's slug must never shadow.
RESERVED_SLUGS = frozenset({"apply", "mine", "join", "invitations", "new", "edit", "admin"})
REASON_MAX = 2000


# --- Reading ----------------------------------------------------------------------------


def newest_organisations(limit: int = 6) -> list[Organisation]:
    query = (
        select(Organisation)
        .where(Organisation.status == OrgStatus.APPROVED.value)
        .order_by(Organisation.decided_at.desc(), Organisation.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(query).scalars())


def get_organisation(viewer: Any, slug: str) -> Organisation:
    """The organisation at ``slug`` if ``viewer`` may see it.

    :raise NotFound: missing, or not approved and not the viewer's own (the same answer).
    """
    org = db.session.execute(
        select(Organisation).where(Organisation.slug == slug).options(selectinload(Organisation.channels))
    ).scalar_one_or_none()
    if org is None:
        raise NotFound()
    require(viewer, "org.view", org, hide=True)
    return org


def get_organisation_for(actor: Any, slug: str, action: str) -> Organisation:
    """The organisation at ``slug`` for an action on it: 404 if hidden from ``actor``, 403 if not allowed."""
    org = get_organisation(actor, slug)
    require(actor, action, org)
    return org


def get_organisation_for_admin(actor: Any, org_id: int) -> Organisation:
    """Any organisation, whatever its status, for the site's admins."""
    require(actor, "admin.access")
    org = db.session.execute(
        select(Organisation)
        .where(Organisation.id == org_id)
        .options(selectinload(Organisation.channels), selectinload(Organisation.applied_by))
    ).scalar_one_or_none()
    if org is None:
        raise NotFound()
    return org


def member_count(org: Organisation) -> int:
    query = (
        select(func.count(Membership.id))
        .join(User, User.id == Membership.user_id)
        .where(Membership.organisation_id == org.id, User.deactivated_at.is_(None))
    )
    return db.session.execute(query).scalar_one()


def list_members(org: Organisation) -> list[Membership]:
    """Active members, org admins first, then by name."""
    query = (
        select(Membership)
        .join(User, User.id == Membership.user_id)
        .where(Membership.organisation_id == org.id, User.deactivated_at.is_(None))
        .options(selectinload(Membership.user))
        .order_by(case((Membership.role == MemberRole.ORG_ADMIN.value, 0), else_=1), func.lower(User.name))
    )
    return list(db.session.execute(query).scalars())


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    type: str = ""
    country: str = ""
    region: str = ""
    platform: str = ""


def directory_page(filters: DirectoryFilters, page: int = 1, per_page: int = 20) -> Page:
    """Approved organisations matching ``filters``, with their channels, in a fixed number of queries."""
    conditions = [Organisation.status == OrgStatus.APPROVED.value]
    if filters.q:
        conditions.append(func.lower(Organisation.name).contains(filters.q.lower(), autoescape=True))
    if filters.type:
        conditions.append(Organisation.type == filters.type)
    if filters.country:
        conditions.append(Organisation.country == filters.country)
    if filters.region:
        conditions.append(Organisation.region == filters.region)
    if filters.platform:
        conditions.append(
            Organisation.id.in_(
                select(SocialChannel.organisation_id).where(SocialChannel.platform == filters.platform)
            )
        )
    total = db.session.execute(select(func.count(Organisation.id)).where(*conditions)).scalar_one()
    query = (
        select(Organisation)
        .where(*conditions)
        .options(selectinload(Organisation.channels))
        .order_by(func.lower(Organisation.name), Organisation.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(items=list(db.session.execute(query).scalars()), total=total, page=page, per_page=per_page)


def directory_places(country: str = "") -> tuple[list[str], list[str]]:
    """The countries, and the regions (of ``country`` when given), of approved organisations."""
    approved = Organisation.status == OrgStatus.APPROVED.value
    countries = db.session.execute(
        select(Organisation.country)
        .where(approved, Organisation.country != "")
        .distinct()
        .order_by(Organisation.country)
    ).scalars()
    region_query = select(Organisation.region).where(approved, Organisation.region != "")
    if country:
        region_query = region_query.where(Organisation.country == country)
    regions = db.session.execute(region_query.distinct().order_by(Organisation.region)).scalars()
    return list(countries), list(regions)


def applications_of(user: User) -> list[Organisation]:
    """Organisations ``user`` applied for that are not (or no longer) approved."""
    query = (
        select(Organisation)
        .where(Organisation.applied_by_id == user.id, Organisation.status != OrgStatus.APPROVED.value)
        .order_by(Organisation.created_at.desc())
    )
    return list(db.session.execute(query).scalars())


def admin_organisations(actor: Any, status: str = "", q: str = "", page: int = 1, per_page: int = 30) -> Page:
    """Every organisation for the admins: pending applications first, newest first."""
    require(actor, "admin.access")
    conditions = []
    if status:
        conditions.append(Organisation.status == status)
    if q:
        conditions.append(func.lower(Organisation.name).contains(q.lower(), autoescape=True))
    total = db.session.execute(select(func.count(Organisation.id)).where(*conditions)).scalar_one()
    query = (
        select(Organisation)
        .where(*conditions)
        .options(selectinload(Organisation.applied_by))
        .order_by(
            case((Organisation.status == OrgStatus.APPLIED.value, 0), else_=1),
            Organisation.created_at.desc(),
            Organisation.id.desc(),
        )
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(items=list(db.session.execute(query).scalars()), total=total, page=page, per_page=per_page)


def pending_application_count() -> int:
    query = select(func.count(Organisation.id)).where(Organisation.status == OrgStatus.APPLIED.value)
    return db.session.execute(query).scalar_one()


# --- Applying and editing ---------------------------------------------------------------


def apply_for_organisation(actor: User, data: Mapping[str, Any]) -> Organisation:
    """A signed-in, verified user applies for their organisation; admins decide later.

    :raise PermissionDenied: not signed in or e-mail not verified.
    :raise ValidationError: bad details, or the name is already a member or pending.
    """
    require(actor, "org.apply")
    values, errors = clean_details(data)
    if not errors and _name_taken(values["name"]):
        errors["name"] = ["An organisation with this name is already a member or has applied."]
    if errors:
        raise ValidationError(fields=errors)
    channels = values.pop("channels")
    org = Organisation(
        **values,
        slug=_unique_slug(values["name"]),
        status=OrgStatus.APPLIED.value,
        applied_by_id=actor.id,
        channels=[SocialChannel(platform=p, url=u) for p, u in channels.items()],
    )
    db.session.add(org)
    db.session.flush()
    for admin in _site_admins():
        notify(
            admin,
            "org.applied",
            f"New application: {org.name}",
            url=site_path("admin.organisation", org_id=org.id),
            email=False,
        )
    return org


def update_organisation(actor: User, org: Organisation, data: Mapping[str, Any]) -> Organisation:
    """Org admins (and site admins) edit the profile and channels; the slug stays."""
    require(actor, "org.edit", org)
    values, errors = clean_details(data)
    if (
        not errors
        and values["name"].lower() != org.name.lower()
        and _name_taken(values["name"], except_id=org.id)
    ):
        errors["name"] = ["Another organisation already uses this name."]
    if errors:
        raise ValidationError(fields=errors)
    before = _snapshot(org)
    channels = values.pop("channels")
    for key, value in values.items():
        setattr(org, key, value)
    _replace_channels(org, channels)
    db.session.flush()
    after = _snapshot(org)
    if before != after:
        audit.record(actor, "org.edit", "organisation", org.id, label=org.name, before=before, after=after)
        if org.is_approved:
            outbox.enqueue("organisation", org.id)
    return org


def _replace_channels(org: Organisation, channels: dict[str, str]) -> None:
    kept = []
    for channel in list(org.channels):
        if channels.get(channel.platform) == channel.url:
            kept.append(channel.platform)
        else:
            org.channels.remove(channel)
    db.session.flush()
    for platform, url in channels.items():
        if platform not in kept:
            org.channels.append(SocialChannel(platform=platform, url=url))


def _snapshot(org: Organisation) -> dict[str, Any]:
    fields = ("name", "type", "website", "country", "region", "city", "description", "email_domain")
    snapshot: dict[str, Any] = {key: getattr(org, key) for key in fields}
    snapshot["channels"] = {c.platform: c.url for c in org.channels}
    return snapshot


def _name_taken(name: str, except_id: int | None = None) -> bool:
    query = select(Organisation.id).where(
        func.lower(Organisation.name) == name.lower(),
        Organisation.status.in_(
            [OrgStatus.APPLIED.value, OrgStatus.APPROVED.value, OrgStatus.SUSPENDED.value]
        ),
    )
    if except_id is not None:
        query = query.where(Organisation.id != except_id)
    return db.session.execute(query.limit(1)).first() is not None


def _unique_slug(name: str) -> str:
    """A slug of ``name``; one that names a page of /orgs gets ``-organisation`` added."""
    base = slugify(name, max_length=100, fallback="organisation")
    if base in RESERVED_SLUGS:
        base = f"{base}-organisation"
    return unique_slug(base, select(Organisation.slug), max_length=100, fallback="organisation")


def _site_admins() -> list[User]:
    query = select(User).where(User.is_admin.is_(True), User.deactivated_at.is_(None))
    return list(db.session.execute(query).scalars())


# --- The admins' decisions --------------------------------------------------------------


def approve_application(actor: User, org: Organisation, note: str = "") -> Organisation:
    """Approve a pending application: the applicant becomes the organisation's admin and is told."""
    require(actor, "org.decide_application", org)
    if org.status != OrgStatus.APPLIED.value:
        raise Conflict("This application has already been decided.")
    note = _reason(note, required=False)
    _decide(actor, org, OrgStatus.APPROVED, note)
    applicant = org.applied_by
    if applicant is not None:
        _make_org_admin(org, applicant)
    audit.record(actor, "org.approve", "organisation", org.id, label=org.name, reason=note)
    outbox.enqueue("organisation", org.id)
    if applicant is not None:
        _tell_applicant(
            applicant,
            org,
            "org.approved",
            f"{org.name} is now a member of the network",
            "Your application was approved, and you are now the organisation's admin. "
            "Invite your colleagues from the organisation's members page.",
            note,
        )
    return org


def reject_application(actor: User, org: Organisation, reason: str) -> Organisation:
    require(actor, "org.decide_application", org)
    if org.status != OrgStatus.APPLIED.value:
        raise Conflict("This application has already been decided.")
    reason = _reason(reason, required=True)
    _decide(actor, org, OrgStatus.REJECTED, reason)
    audit.record(actor, "org.reject", "organisation", org.id, label=org.name, reason=reason)
    outbox.enqueue("organisation", org.id, op="delete")
    if org.applied_by is not None:
        _tell_applicant(
            org.applied_by,
            org,
            "org.rejected",
            f"Your application for {org.name} was not approved",
            "The network's admins did not approve the application.",
            reason,
        )
    return org


def suspend_organisation(actor: User, org: Organisation, reason: str) -> Organisation:
    """Take an approved organisation out of the network; its staff lose member rights until reinstated."""
    require(actor, "org.suspend", org)
    if org.status != OrgStatus.APPROVED.value:
        raise Conflict("Only an approved organisation can be suspended.")
    reason = _reason(reason, required=True)
    _decide(actor, org, OrgStatus.SUSPENDED, reason)
    audit.record(actor, "org.suspend", "organisation", org.id, label=org.name, reason=reason)
    outbox.enqueue("organisation", org.id, op="delete")
    for admin in org_admins(org):
        notify(
            admin,
            "org.suspended",
            f"{org.name} has been suspended",
            reason,
            url=site_path("orgs.profile", slug=org.slug),
        )
    return org


def reinstate_organisation(actor: User, org: Organisation, note: str = "") -> Organisation:
    require(actor, "org.suspend", org)
    if org.status != OrgStatus.SUSPENDED.value:
        raise Conflict("Only a suspended organisation can be reinstated.")
    note = _reason(note, required=False)
    _decide(actor, org, OrgStatus.APPROVED, note)
    audit.record(actor, "org.reinstate", "organisation", org.id, label=org.name, reason=note)
    outbox.enqueue("organisation", org.id)
    for admin in org_admins(org):
        notify(
            admin,
            "org.reinstated",
            f"{org.name} has been reinstated",
            note,
            url=site_path("orgs.profile", slug=org.slug),
        )
    return org


def _reason(text: str, *, required: bool) -> str:
    reason = clean_text(text, multiline=True)
    if required and not reason:
        raise ValidationError(fields={"reason": ["Give a reason: it is sent to the organisation."]})
    if len(reason) > REASON_MAX:
        raise ValidationError(fields={"reason": [f"Use at most {REASON_MAX} characters."]})
    return reason


def _decide(actor: User, org: Organisation, status: OrgStatus, reason: str) -> None:
    org.status = status.value
    org.decision_reason = reason
    org.decided_by_id = actor.id
    org.decided_at = utcnow()
    db.session.flush()


def _make_org_admin(org: Organisation, user: User) -> None:
    membership = db.session.execute(
        select(Membership).where(Membership.organisation_id == org.id, Membership.user_id == user.id)
    ).scalar_one_or_none()
    if membership is None:
        db.session.add(Membership(organisation_id=org.id, user_id=user.id, role=MemberRole.ORG_ADMIN.value))
    else:
        membership.role = MemberRole.ORG_ADMIN.value
    db.session.flush()
    db.session.expire(user, ["memberships"])


def _tell_applicant(user: User, org: Organisation, kind: str, subject: str, text: str, reason: str) -> None:
    """E-mail the decision whatever the user's notification setting, and note it in-app."""
    if org.is_approved:
        link, path = absolute_url("orgs.profile", slug=org.slug), site_path("orgs.profile", slug=org.slug)
    else:
        link, path = absolute_url("orgs.mine"), site_path("orgs.mine")
    reason_text = f"Reason given: {reason}" if reason else ""
    body = "\n\n".join(part for part in (f"Hello {user.name},", text, reason_text, link) if part)
    send_mail(user.email, subject, body)
    notify(user, kind, subject, "\n\n".join(p for p in (text, reason_text) if p), url=path, email=False)
