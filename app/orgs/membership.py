"""Who belongs to an organisation: invitations, join requests, roles, leaving and removal."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..accounts.models import User
from ..db_types import utcnow
from ..errors import Conflict, NotFound, PermissionDenied, ValidationError
from ..extensions import db
from ..mail import absolute_url, send_mail, site_path
from ..notifications.service import notify
from ..permissions import can, require
from ..text import plural
from . import tokens
from .models import (
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    MemberRole,
    Membership,
    Organisation,
    OrgStatus,
)
from .validation import clean_text

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
MESSAGE_MAX = 1000
ROLES = {role.value for role in MemberRole}
LAST_ADMIN = "An organisation needs at least one admin: promote someone else first."


# --- Reading ----------------------------------------------------------------------------


def memberships_of(user: User) -> list[Membership]:
    query = (
        select(Membership)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.user_id == user.id)
        .order_by(func.lower(Organisation.name))
    )
    return list(db.session.execute(query).scalars())


def membership(org: Organisation, user: User) -> Membership | None:
    query = select(Membership).where(Membership.organisation_id == org.id, Membership.user_id == user.id)
    return db.session.execute(query).scalar_one_or_none()


def pending_join_requests(org: Organisation) -> list[JoinRequest]:
    query = (
        select(JoinRequest)
        .where(JoinRequest.organisation_id == org.id, JoinRequest.status == JoinRequestStatus.PENDING.value)
        .options(selectinload(JoinRequest.user))
        .order_by(JoinRequest.created_at)
    )
    return list(db.session.execute(query).scalars())


def pending_request_of(user: Any, org: Organisation) -> JoinRequest | None:
    if not getattr(user, "is_authenticated", False):
        return None
    query = select(JoinRequest).where(
        JoinRequest.organisation_id == org.id,
        JoinRequest.user_id == user.id,
        JoinRequest.status == JoinRequestStatus.PENDING.value,
    )
    return db.session.execute(query).scalars().first()


def join_requests_of(user: User) -> list[JoinRequest]:
    query = (
        select(JoinRequest)
        .where(JoinRequest.user_id == user.id)
        .options(selectinload(JoinRequest.organisation))
        .order_by(JoinRequest.created_at.desc())
        .limit(50)
    )
    return list(db.session.execute(query).scalars())


def open_invitations(org: Organisation) -> list[Invitation]:
    query = (
        select(Invitation)
        .where(
            Invitation.organisation_id == org.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
        .order_by(Invitation.created_at.desc())
    )
    return list(db.session.execute(query).scalars())


def suggested_organisations(user: User) -> list[Organisation]:
    """Approved organisations whose staff domain is the user's e-mail domain (or a parent of it)."""
    domain = user.email.rpartition("@")[2].lower()
    labels = domain.split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    if not candidates:
        return []
    query = (
        select(Organisation)
        .where(Organisation.status == OrgStatus.APPROVED.value, Organisation.email_domain.in_(candidates))
        .order_by(func.lower(Organisation.name))
    )
    mine = {m.organisation_id for m in user.memberships}
    return [org for org in db.session.execute(query).scalars() if org.id not in mine]


# --- Invitations ------------------------------------------------------------------------


def invite(actor: User, org: Organisation, email: str, role: str = MemberRole.MEMBER.value) -> Invitation:
    """E-mail a single-use, expiring link that lets the owner of ``email`` join ``org``."""
    require(actor, "org.manage_members", org)
    address = clean_text(email).lower()
    if not EMAIL.match(address) or len(address) > 254:
        raise ValidationError(fields={"email": ["Enter an e-mail address such as name@example.org."]})
    if role not in ROLES:
        raise ValidationError(fields={"role": ["Choose member or organisation admin."]})
    existing = db.session.execute(
        select(Membership.id)
        .join(User, User.id == Membership.user_id)
        .where(Membership.organisation_id == org.id, func.lower(User.email) == address)
    ).first()
    if existing is not None:
        raise ValidationError(fields={"email": ["This person already belongs to the organisation."]})
    now = utcnow()
    for earlier in open_invitations(org):
        if earlier.email == address:
            earlier.revoked_at = now
    invitation = Invitation(
        organisation_id=org.id,
        email=address,
        role=role,
        invited_by_id=actor.id,
        expires_at=now + timedelta(seconds=current_app.config["INVITATION_MAX_AGE"]),
    )
    db.session.add(invitation)
    db.session.flush()
    link = absolute_url("orgs.invitation", token=tokens.invitation_token(invitation.id))
    days = max(1, current_app.config["INVITATION_MAX_AGE"] // 86400)
    send_mail(
        address,
        f"{actor.name} invites you to join {org.name}",
        f"Hello,\n\n{actor.name} invites you to join {org.name} on the Social Media Health Network.\n\n"
        f"Accept the invitation here (the link works once and expires in {plural(days, 'day')}):\n{link}\n\n"
        "If you were not expecting this, you can ignore this e-mail.",
    )
    audit.record(actor, "org.invite", "organisation", org.id, label=org.name, after={"email": address, "role": role})
    return invitation


def revoke_invitation(actor: User, invitation: Invitation) -> None:
    require(actor, "org.manage_members", invitation.organisation)
    if invitation.used_at is None and invitation.revoked_at is None:
        invitation.revoked_at = utcnow()
        audit.record(
            actor,
            "org.invitation_revoke",
            "organisation",
            invitation.organisation_id,
            label=invitation.organisation.name,
            before={"email": invitation.email},
        )
    db.session.flush()


def get_invitation(org: Organisation, invitation_id: int) -> Invitation:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.organisation_id != org.id:
        raise NotFound()
    return invitation


def invitation_from_token(token: str) -> Invitation:
    """:raise NotFound: a bad token. :raise ValidationError: an expired one."""
    invitation = db.session.get(Invitation, tokens.invitation_id_from(token))
    if invitation is None:
        raise NotFound("This invitation link is not valid. Check that you copied the whole link.")
    return invitation


def invitation_problem(invitation: Invitation) -> str | None:
    """Why the invitation cannot be accepted by anyone, or None."""
    if invitation.used_at is not None:
        return "This invitation has already been used. Each link works only once."
    if invitation.revoked_at is not None:
        return "This invitation was withdrawn. Ask the organisation's admin for a new one."
    if invitation.expires_at <= utcnow():
        return tokens.EXPIRED
    if invitation.organisation.status != OrgStatus.APPROVED.value:
        return "This organisation is not currently a member of the network."
    return None


def is_invitee(user: Any, invitation: Invitation) -> bool:
    return getattr(user, "is_authenticated", False) and user.email.lower() == invitation.email.lower()


def accept_invitation(user: User, invitation: Invitation) -> Membership:
    """Join through an invitation sent to the user's own address; it proves the address too."""
    problem = invitation_problem(invitation)
    if problem:
        raise Conflict(problem)
    if not is_invitee(user, invitation) or not user.is_active:
        raise PermissionDenied(
            "This invitation was sent to a different e-mail address. Sign in with that address to accept it."
        )
    now = utcnow()
    invitation.used_at = now
    invitation.used_by_id = user.id
    if user.email_verified_at is None:
        user.email_verified_at = now
    joined = membership(invitation.organisation, user)
    if joined is None:
        joined = Membership(organisation_id=invitation.organisation_id, user_id=user.id, role=invitation.role)
        db.session.add(joined)
    elif invitation.role == MemberRole.ORG_ADMIN.value:
        joined.role = invitation.role
    _close_requests(user, invitation.organisation, JoinRequestStatus.APPROVED, None)
    db.session.flush()
    db.session.expire(user, ["memberships"])
    return joined


# --- Join requests ----------------------------------------------------------------------


def request_to_join(user: User, org: Organisation, message: str = "") -> JoinRequest:
    require(user, "org.request_join", org)
    text = clean_text(message, multiline=True)
    if len(text) > MESSAGE_MAX:
        raise ValidationError(fields={"message": [f"Use at most {MESSAGE_MAX} characters."]})
    if pending_request_of(user, org) is not None:
        raise Conflict("You have already asked to join this organisation; its admins will decide soon.")
    join_request = JoinRequest(organisation_id=org.id, user_id=user.id, message=text)
    db.session.add(join_request)
    db.session.flush()
    url = site_path("orgs.members", slug=org.slug)
    for admin in org_admins(org):
        notify(admin, "org.join_request", f"{user.name} asks to join {org.name}", text, url=url)
    return join_request


def get_join_request(org: Organisation, request_id: int) -> JoinRequest:
    join_request = db.session.get(JoinRequest, request_id)
    if join_request is None or join_request.organisation_id != org.id:
        raise NotFound()
    return join_request


def approve_join_request(actor: User, join_request: JoinRequest) -> Membership:
    org = join_request.organisation
    require(actor, "org.manage_members", org)
    _must_be_pending(join_request)
    joined = membership(org, join_request.user)
    if joined is None:
        joined = Membership(organisation_id=org.id, user_id=join_request.user_id, role=MemberRole.MEMBER.value)
        db.session.add(joined)
    _close_requests(join_request.user, org, JoinRequestStatus.APPROVED, actor)
    audit.record(actor, "org.join_approve", "user", join_request.user_id, label=org.name)
    db.session.flush()
    db.session.expire(join_request.user, ["memberships"])
    notify(
        join_request.user,
        "org.join_approved",
        f"You are now a member of {org.name}",
        url=site_path("orgs.profile", slug=org.slug),
    )
    return joined


def decline_join_request(actor: User, join_request: JoinRequest, reason: str = "") -> JoinRequest:
    org = join_request.organisation
    require(actor, "org.manage_members", org)
    _must_be_pending(join_request)
    reason = clean_text(reason, multiline=True)[:MESSAGE_MAX]
    _close_requests(join_request.user, org, JoinRequestStatus.DECLINED, actor)
    audit.record(actor, "org.join_decline", "user", join_request.user_id, label=org.name, reason=reason)
    db.session.flush()
    notify(
        join_request.user,
        "org.join_declined",
        f"Your request to join {org.name} was declined",
        reason,
        url=site_path("orgs.mine"),
    )
    return join_request


def _must_be_pending(join_request: JoinRequest) -> None:
    if join_request.status != JoinRequestStatus.PENDING.value:
        raise Conflict("This request has already been decided.")


def _close_requests(user: User, org: Organisation, status: JoinRequestStatus, actor: User | None) -> None:
    pending = db.session.execute(
        select(JoinRequest).where(
            JoinRequest.organisation_id == org.id,
            JoinRequest.user_id == user.id,
            JoinRequest.status == JoinRequestStatus.PENDING.value,
        )
    ).scalars()
    for join_request in pending:
        join_request.status = status.value
        join_request.decided_at = utcnow()
        join_request.decided_by_id = actor.id if actor is not None else None


# --- Roles, removal, leaving ------------------------------------------------------------


def get_member(org: Organisation, user_id: int) -> Membership:
    found = db.session.execute(
        select(Membership).where(Membership.organisation_id == org.id, Membership.user_id == user_id)
    ).scalar_one_or_none()
    if found is None:
        raise NotFound()
    return found


def set_member_role(actor: User, member: Membership, role: str) -> Membership:
    """Promote to org admin or demote to member; never demote the last org admin."""
    require(actor, "org.manage_members", member.organisation)
    if role not in ROLES:
        raise ValidationError("Choose member or organisation admin.")
    if member.role == role:
        return member
    if member.is_org_admin and _admin_count(member.organisation) <= 1:
        raise Conflict(LAST_ADMIN)
    before = member.role
    member.role = role
    audit.record(
        actor,
        "org.member_role",
        "user",
        member.user_id,
        label=member.organisation.name,
        before={"role": before},
        after={"role": role},
    )
    db.session.flush()
    db.session.expire(member.user, ["memberships"])
    return member


def remove_member(actor: User, member: Membership) -> None:
    org = member.organisation
    require(actor, "org.manage_members", org)
    if member.is_org_admin and _admin_count(org) <= 1:
        raise Conflict(LAST_ADMIN)
    user = member.user
    audit.record(actor, "org.member_remove", "user", member.user_id, label=org.name, before={"role": member.role})
    db.session.delete(member)
    db.session.flush()
    db.session.expire(user, ["memberships"])
    if user.id != actor.id:
        notify(
            user,
            "org.member_removed",
            f"You are no longer a member of {org.name}",
            url=site_path("orgs.mine"),
        )


def leave_organisation(user: User, org: Organisation) -> None:
    if not can(user, "org.leave", org):
        raise NotFound()
    member = membership(org, user)
    if member is None:
        raise NotFound()
    if member.is_org_admin and _admin_count(org) <= 1:
        raise Conflict(LAST_ADMIN)
    db.session.delete(member)
    db.session.flush()
    db.session.expire(user, ["memberships"])


def _admin_count(org: Organisation) -> int:
    query = (
        select(func.count(Membership.id))
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.organisation_id == org.id,
            Membership.role == MemberRole.ORG_ADMIN.value,
            User.deactivated_at.is_(None),
        )
    )
    return db.session.execute(query).scalar_one()


def org_admins(org: Organisation) -> list[User]:
    query = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.organisation_id == org.id,
            Membership.role == MemberRole.ORG_ADMIN.value,
            User.deactivated_at.is_(None),
        )
    )
    return list(db.session.execute(query).scalars())
