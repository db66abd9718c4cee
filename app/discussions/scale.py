"""Synthetic threads at scale, for benchmarks (``flask seed scale --threads N``).

Threads and their 1–30 replies are recombined from the demo texts, with an invented place name in
every title so rare words exist as in a real forum. Rows go in with bulk inserts, a batch per
commit; each distinct text is rendered by ``content.render_markdown`` once; counters are set from
what was written; one search outbox row per thread (a thread's document holds its posts).
Running it again adds as many threads again.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import insert, select, update

from ..accounts.models import User
from ..accounts.passwords import hash_password
from ..content import render_markdown
from ..db_types import utcnow
from ..extensions import db
from ..orgs.models import Membership, Organisation, OrgStatus, OrgType
from ..search.models import SearchOutbox
from ..text import slugify
from . import counters
from .categories import ensure_default_categories
from .models import Category, Post, Thread
from .seed import members_and_organisations
from .seed_data import GENERIC_REPLIES, REPLIES, THREADS

SYLLABLES = "ka ro vu li me sa to ne bi da fo gu ha ji lo ma nu pe qui ra su ti va we xi yo ze".split()
PLACE_ENDINGS = ("ford", "bury", "field", "haven", "mere", "ton", "wick", "brook", "dale", "port")
SCALE_MEMBERS = 40


def _place(rng: random.Random) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    return word + rng.choice(PLACE_ENDINGS)


def _scale_members() -> tuple[list[int], dict[int, int]]:
    """Members to write as; synthetic ones (who cannot sign in) when the network has too few."""
    members, org_of = members_and_organisations()
    if len(members) >= SCALE_MEMBERS:
        return [m.id for m in members], org_of
    organisation = (
        db.session.execute(
            select(Organisation)
            .where(Organisation.status == OrgStatus.APPROVED.value)
            .order_by(Organisation.id)
        )
        .scalars()
        .first()
    )
    if organisation is None:
        organisation = Organisation(
            name="Synthetic Health Network",
            slug="synthetic-health-network",
            type=OrgType.HOSPITAL.value,
            status=OrgStatus.APPROVED.value,
            decided_at=utcnow(),
        )
        db.session.add(organisation)
        db.session.flush()
    unusable = hash_password(secrets.token_urlsafe(32))
    taken = set(db.session.execute(select(User.email).where(User.email.like("scale-member-%"))).scalars())
    number = 0
    while len(members) < SCALE_MEMBERS:
        number += 1
        email = f"scale-member-{number}@scale.example"
        if email in taken:
            continue
        user = User(
            email=email, name=f"Scale Member {number}", password_hash=unusable, email_verified_at=utcnow()
        )
        db.session.add(user)
        db.session.flush()
        db.session.add(Membership(user_id=user.id, organisation_id=organisation.id))
        members.append(user)
        org_of[user.id] = organisation.id
    db.session.flush()
    return [m.id for m in members], org_of


def seed_scale_threads(
    count: int,
    *,
    seed: int = 7,
    batch_size: int = 500,
    enqueue: bool = True,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add ``count`` synthetic threads with 1–30 replies each, committing each batch."""
    rng = random.Random(seed)
    categories = {c.slug: c.id for c in ensure_default_categories()}
    member_ids, org_of = _scale_members()
    db.session.commit()
    html: dict[str, str] = {}

    def render(source: str) -> str:
        if source not in html:
            html[source] = render_markdown(source)
        return html[source]

    now = utcnow()
    made = 0
    while made < count:
        size = min(batch_size, count - made)
        plans = []
        for _ in range(size):
            slug, title, body, _flags = rng.choice(THREADS)
            title = f"{title.rstrip('?!.')} — {_place(rng)}"[:200]
            started = now - timedelta(days=rng.uniform(1, 1100))
            plans.append((slug, title, body, started, rng.choice(member_ids)))
        thread_ids = list(
            db.session.execute(
                insert(Thread).returning(Thread.id, sort_by_parameter_order=True),
                [
                    {
                        "category_id": categories[slug],
                        "title": title,
                        "slug": slugify(title, max_length=80),
                        "author_id": author,
                        "organisation_id": org_of[author],
                        "status": "published",
                        "pinned": False,
                        "locked": False,
                        "lock_reason": "",
                        "hidden_reason": "",
                        "hidden_automatically": False,
                        "created_at": started,
                        "last_activity_at": started,
                        "post_count": 0,
                        "last_position": 0,
                    }
                    for slug, title, body, started, author in plans
                ],
            ).scalars()
        )
        rows, totals = [], []
        for thread_id, (slug, _title, body, started, author) in zip(thread_ids, plans, strict=True):
            pool = REPLIES.get(slug, []) + GENERIC_REPLIES
            replies = min(30, 1 + int(rng.expovariate(1 / 7)))
            moment = started
            for position in range(1, replies + 2):
                if position > 1:
                    moment = min(now, moment + timedelta(hours=rng.uniform(0.5, 72)))
                text = body if position == 1 else rng.choice(pool)
                writer = author if position == 1 else rng.choice(member_ids)
                rows.append(
                    {
                        "thread_id": thread_id,
                        "position": position,
                        "author_id": writer,
                        "organisation_id": org_of[writer],
                        "body_source": text,
                        "body_html": render(text),
                        "status": "published",
                        "created_at": moment,
                        "held_reason": "",
                        "review_note": "",
                        "edit_count": 0,
                        "hidden_reason": "",
                        "hidden_automatically": False,
                    }
                )
            totals.append((thread_id, replies + 1, moment))
        last_ids = {}
        for post_id, thread_id in db.session.execute(
            insert(Post).returning(Post.id, Post.thread_id, sort_by_parameter_order=True), rows
        ):
            last_ids[thread_id] = post_id
        db.session.execute(
            update(Thread),
            [
                {
                    "id": tid,
                    "post_count": n,
                    "last_position": n,
                    "last_post_id": last_ids[tid],
                    "last_activity_at": when,
                }
                for tid, n, when in totals
            ],
        )
        if enqueue:
            db.session.execute(
                insert(SearchOutbox),
                [
                    {"doc_type": "thread", "doc_id": tid, "op": "upsert", "created_at": now, "attempts": 0}
                    for tid in thread_ids
                ],
            )
        db.session.commit()
        made += size
        if progress is not None:
            progress(size)
    for category in db.session.execute(select(Category)).scalars():
        counters.refresh_category(category)
    db.session.commit()
    return made
