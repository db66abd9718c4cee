"""Admin-managed discussion categories: create, edit, order, visibility."""

from __future__ import annotations

from sqlalchemy import func, select

from ..accounts.models import User
from ..audit import record
from ..errors import ValidationError
from ..extensions import db
from ..page_cache import content_changed
from ..permissions import require
from ..privacy import require_clear, screen
from ..text import one_line, slugify
from .indexing import index_thread
from .models import Category, CategoryVisibility, Thread

# Paths under /discussions that a category slug must not shadow.
RESERVED_SLUGS = frozenset({"latest", "latest.atom", "new", "posts", "threads", "categories", "feed.atom", "held"})

DEFAULT_CATEGORIES = (
    (
        "Getting started",
        "getting-started",
        "New to the network or to health-care social media? Introduce yourself and ask anything.",
        "public",
    ),
    (
        "Patient privacy & policy",
        "patient-privacy-policy",
        "HIPAA and privacy questions, consent, comment moderation policies and staff social media policies.",
        "members",
    ),
    (
        "Crisis communication",
        "crisis-communication",
        "Outbreaks, emergencies, misinformation surges and what worked when it mattered.",
        "members",
    ),
    (
        "Platforms",
        "platforms",
        "Facebook, Instagram, TikTok, LinkedIn, YouTube, X and newer networks: features, policies, changes.",
        "public",
    ),
    (
        "Measurement",
        "measurement",
        "Analytics, reporting, benchmarks and showing the value of social media to leadership.",
        "public",
    ),
    (
        "Events & training",
        "events-training",
        "Webinars, conferences, courses and training for communications teams.",
        "public",
    ),
    ("Off-topic", "off-topic", "Everything else, kindly.", "members"),
)


def all_categories(actor: User) -> list[Category]:
    require(actor, "category.manage")
    return list(db.session.execute(select(Category).order_by(Category.position, Category.name)).scalars())


def _validate(name: str, slug: str, description: str, visibility: str, exclude_id: int | None) -> tuple[str, str, str]:
    errors: dict[str, list[str]] = {}
    name = one_line(name)
    if not 2 <= len(name) <= 120:
        errors["name"] = ["A name of 2 to 120 characters."]
    slug = slugify(slug or name, max_length=80, fallback="")
    if not slug:
        errors["slug"] = ["Use letters or digits in the address."]
    elif slug in RESERVED_SLUGS:
        errors["slug"] = [f"“{slug}” is used by the site itself; choose another address."]
    else:
        clash = select(Category.id).where(Category.slug == slug)
        if exclude_id is not None:
            clash = clash.where(Category.id != exclude_id)
        if db.session.execute(clash).first() is not None:
            errors["slug"] = ["Another category already uses that address."]
    description = (description or "").replace("\x00", "").strip()
    if len(description) > 2000:
        errors["description"] = ["Keep the description under 2,000 characters."]
    if visibility not in {v.value for v in CategoryVisibility}:
        errors["visibility"] = ["Choose public or members only."]
    if errors:
        raise ValidationError(fields=errors)
    require_clear(screen(name=name, description=description), reviewable=False)  # public once saved
    return name, slug, description


def create_category(
    actor: User,
    name: str,
    *,
    slug: str = "",
    description: str = "",
    position: int | None = None,
    visibility: str = "public",
) -> Category:
    require(actor, "category.manage")
    name, slug, description = _validate(name, slug, description, visibility, None)
    if position is None:
        position = (db.session.execute(select(func.max(Category.position))).scalar_one() or 0) + 10
    category = Category(name=name, slug=slug, description=description, position=position, visibility=visibility)
    db.session.add(category)
    db.session.flush()
    record(actor, "category.create", "category", category.id, label=name, after={"visibility": visibility})
    content_changed()
    return category


def update_category(
    actor: User, category: Category, name: str, *, slug: str, description: str, position: int, visibility: str
) -> Category:
    """Change a category; a change of visibility re-indexes its threads and posts."""
    require(actor, "category.manage")
    name, slug, description = _validate(name, slug, description, visibility, category.id)
    before = {
        "name": category.name,
        "slug": category.slug,
        "visibility": category.visibility,
        "position": category.position,
    }
    category.name, category.slug, category.description = name, slug, description
    category.position = position
    visibility_changed = category.visibility != visibility
    category.visibility = visibility
    after = {"name": name, "slug": slug, "visibility": visibility, "position": position}
    if before != after:
        record(actor, "category.update", "category", category.id, label=name, before=before, after=after)
        content_changed()
    db.session.flush()
    if visibility_changed:
        for thread in db.session.execute(select(Thread).where(Thread.category_id == category.id)).scalars():
            index_thread(thread, with_posts=True)
    return category


def ensure_default_categories() -> list[Category]:
    """The seven starting categories, created once (the demo seed and a fresh install use it)."""
    existing = {c.slug: c for c in db.session.execute(select(Category)).scalars()}
    for index, (name, slug, description, visibility) in enumerate(DEFAULT_CATEGORIES, start=1):
        if slug not in existing:
            existing[slug] = Category(
                name=name, slug=slug, description=description, position=index * 10, visibility=visibility
            )
            db.session.add(existing[slug])
    db.session.flush()
    return sorted(existing.values(), key=lambda c: (c.position, c.name))
