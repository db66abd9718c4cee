"""Areas of expertise on members' profiles, a member's time-zone setting, and finding people by
expertise ("who knows about TikTok for recruitment?")."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import or_, select

from ..accounts.models import User
from ..content import slugify
from ..errors import ValidationError
from ..events.privacy_check import refuse_patient_details
from ..events.timezones import is_valid_zone
from ..extensions import db
from ..orgs.models import Membership, Organisation, OrgStatus
from ..permissions import require
from .models import Expertise

MAX_AREAS = 15
MAX_LENGTH = 60
SUGGESTED = (
    "TikTok",
    "Instagram",
    "LinkedIn",
    "YouTube",
    "Facebook",
    "Recruitment marketing",
    "Crisis communication",
    "Physician voice",
    "Patient stories",
    "Patient privacy (HIPAA)",
    "Social media policy",
    "Measurement and analytics",
    "Community management",
    "Influencer partnerships",
    "Paid social",
    "Video production",
    "Accessibility",
    "Misinformation response",
    "Employee advocacy",
    "Fundraising campaigns",
)


def parse_areas(raw: str) -> list[str]:
    """Comma-separated areas, trimmed, without duplicates (by their slug), in the order typed."""
    areas: dict[str, str] = {}
    for part in raw.split(","):
        name = " ".join(part.split())[:MAX_LENGTH]
        slug = slugify(name, max_length=MAX_LENGTH, fallback="")
        if name and slug and slug not in areas:
            areas[slug] = name
    return list(areas.values())


def expertise_of(user: User) -> list[str]:
    return list(
        db.session.execute(select(Expertise.name).where(Expertise.user_id == user.id).order_by(Expertise.id)).scalars()
    )


def update_learning_settings(actor: User, areas: list[str], timezone: str) -> None:
    """A member's own expertise and time zone (an empty zone: show each event in its own)."""
    errors: dict[str, list[str]] = {}
    if len(areas) > MAX_AREAS:
        errors["expertise"] = [f"List at most {MAX_AREAS} areas."]
    if timezone and not is_valid_zone(timezone):
        errors["timezone"] = ["Choose a time zone from the list."]
    if errors:
        raise ValidationError(fields=errors)
    refuse_patient_details({"expertise": ", ".join(areas)})
    actor.timezone = timezone
    for row in db.session.execute(select(Expertise).where(Expertise.user_id == actor.id)).scalars():
        db.session.delete(row)
    db.session.flush()
    for name in areas:
        db.session.add(Expertise(user_id=actor.id, name=name, slug=slugify(name, max_length=MAX_LENGTH)))
    db.session.flush()


def find_experts(viewer: Any, text: str, limit: int = 50) -> list[tuple[User, list[str]]]:
    """Members whose expertise matches every word of ``text`` (in any of their areas), with
    their areas; active people of approved organisations only.

    :raise PermissionDenied: profiles are for members and staff.
    """
    require(viewer, "experts.find")
    words = [slugify(w, fallback="") for w in text.split()][:6]
    words = [w for w in words if w]
    query = (
        select(User)
        .join(Expertise, Expertise.user_id == User.id)
        .join(Membership, Membership.user_id == User.id)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Organisation.status == OrgStatus.APPROVED.value, User.deactivated_at.is_(None))
        .distinct()
        .order_by(User.name)
        .limit(limit)
    )
    for word in words:
        matching = select(Expertise.user_id).where(
            or_(Expertise.slug.contains(word, autoescape=True), Expertise.name.ilike(f"%{word}%"))
        )
        query = query.where(User.id.in_(matching))
    people = list(db.session.execute(query).scalars())
    areas: dict[int, list[str]] = defaultdict(list)
    if people:
        for user_id, name in db.session.execute(
            select(Expertise.user_id, Expertise.name)
            .where(Expertise.user_id.in_([p.id for p in people]))
            .order_by(Expertise.id)
        ):
            areas[user_id].append(name)
    return [(person, areas[person.id]) for person in people if not person.is_suspended]
