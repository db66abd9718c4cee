"""``flask seed demo`` step: about a hundred believable threads with 1–30 replies each.

Idempotent (a thread whose title already exists in its category is skipped) and fast: rows go
in with bulk inserts, and each distinct text is rendered to HTML once. Runs after the network
step (it needs members) and uses published library resources when there are some.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import insert, select

from ..accounts.models import User
from ..content import render_markdown
from ..db_types import utcnow
from ..extensions import db
from ..library.models import Resource
from ..orgs.models import Membership, Organisation, OrgStatus
from ..search import outbox
from ..text import slugify
from . import counters
from .categories import ensure_default_categories
from .models import Category, Post, Subscription, Thread
from .seed_data import ANSWERS, AUTHOR_THANKS, GENERIC_REPLIES, LONG_REPLIES, REPLIES, THREADS

SEED = 20240917
RESOURCE_THREADS = 8


def members_and_organisations() -> tuple[list[User], dict[int, int]]:
    """Verified users of approved organisations, and the organisation shown beside each."""
    rows = db.session.execute(
        select(User, Membership.organisation_id)
        .join(Membership, Membership.user_id == User.id)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(
            Organisation.status == OrgStatus.APPROVED.value,
            User.email_verified_at.is_not(None),
            User.deactivated_at.is_(None),
        )
        .order_by(User.id, Membership.id)
    ).all()
    org_of: dict[int, int] = {}
    users: list[User] = []
    for user, org_id in rows:
        if user.id not in org_of:
            org_of[user.id] = org_id
            users.append(user)
    return users, org_of


def _resource_specs(rng: random.Random) -> list[tuple[str, str, str, dict[str, str], object]]:
    resources = db.session.execute(
        select(Resource)
        .where(Resource.status == "published", Resource.hidden_at.is_(None), Resource.merged_into_id.is_(None))
        .order_by(Resource.id)
        .limit(RESOURCE_THREADS)
    ).scalars()
    specs: list[tuple[str, str, str, dict[str, str], object]] = []
    for resource in resources:
        slug = (
            "crisis-communication"
            if resource.visibility != "public"
            else rng.choice(["platforms", "measurement", "getting-started"])
        )
        body = rng.choice(
            [
                f"We are adapting **{resource.title}** for our own team. "
                "Has anyone used it already? What did you change?",
                f"Thanks to the authors of **{resource.title}**. "
                "Which parts worked best in practice for your organisation?",
                f"Questions and experiences about **{resource.title}** go here. We plan to use it next quarter.",
            ]
        )
        specs.append((slug, f"Discussing: {resource.title}"[:200], body, {}, resource))
    return specs


class _Renderer:
    """Markdown rendered once per distinct text."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def __call__(self, source: str) -> str:
        if source not in self._cache:
            self._cache[source] = render_markdown(source)
        return self._cache[source]


def _reply_count(rng: random.Random) -> int:
    return min(30, 1 + int(rng.expovariate(1 / 7)))


def _conversation(rng: random.Random, slug: str) -> list[tuple[str, bool]]:
    """The replies a thread may get, in order, each text once: (text, whether the thread's author
    writes it). A topical answer comes first; a reply that asks something is answered next by the
    person asked; some replies are long."""
    topical = rng.sample(REPLIES.get(slug, []), len(REPLIES.get(slug, [])))
    others = rng.sample(GENERIC_REPLIES, len(GENERIC_REPLIES))
    longer = rng.sample(LONG_REPLIES, rng.randint(0, 2))
    answers = rng.sample(ANSWERS, len(ANSWERS))
    rest = others + longer + topical[1:]
    rng.shuffle(rest)
    texts: list[tuple[str, bool]] = []
    for text in topical[:1] + rest:
        texts.append((text, False))
        if text.rstrip().endswith("?") and answers:
            texts.append((answers.pop(), True))
    return texts


def _thread_replies(rng: random.Random, slug: str) -> list[tuple[str, bool]]:
    """How many of the conversation a thread gets (a question is never left as the last word),
    and sometimes the author's thanks at the end."""
    texts = _conversation(rng, slug)
    count = min(_reply_count(rng), len(texts))
    if texts[count - 1][0].rstrip().endswith("?") and count < len(texts):
        count += 1
    chosen = texts[:count]
    if rng.random() < 0.4 and not chosen[-1][1]:
        chosen.append((rng.choice(AUTHOR_THANKS), True))
    return chosen


def _quote(author_name: str, post_id: int, source: str) -> str:
    first_paragraph = source.split("\n\n")[0]
    return f"[{author_name} wrote](/discussions/posts/{post_id}#post-{post_id}):\n\n> {first_paragraph}\n\n"


def seed_discussions() -> list[str]:
    categories = {c.slug: c for c in ensure_default_categories()}
    members, org_of = members_and_organisations()
    if len(members) < 3:
        return ["Discussions: fewer than three members yet, no demo threads added."]
    rng = random.Random(SEED)
    specs = [(*spec, None) for spec in THREADS] + _resource_specs(rng)
    existing = {(row.category_id, row.title) for row in db.session.execute(select(Thread.category_id, Thread.title))}
    todo = [spec for spec in specs if (categories[spec[0]].id, spec[1]) not in existing]
    if not todo:
        return ["Discussions: demo threads already present."]
    render = _Renderer()
    now = utcnow()
    plans = []
    for slug, title, body, flags, resource in todo:
        author = rng.choice(members)
        started = now - timedelta(days=rng.uniform(3, 150), minutes=rng.randint(0, 600))
        thread = Thread(
            category_id=categories[slug].id,
            title=title,
            slug=slugify(title, max_length=80, fallback="thread"),
            author_id=author.id,
            organisation_id=org_of[author.id],
            resource_id=getattr(resource, "id", None),
            pinned=bool(flags.get("pinned")),
            locked=bool(flags.get("locked")),
            lock_reason=flags.get("locked", ""),
            created_at=started,
            last_activity_at=started,
        )
        db.session.add(thread)
        plans.append((thread, author, body, started, slug))
    db.session.flush()

    first_rows = [
        {
            "thread_id": thread.id,
            "position": 1,
            "author_id": author.id,
            "organisation_id": org_of[author.id],
            "body_source": body,
            "body_html": render(body),
            "status": "published",
            "created_at": started,
        }
        for thread, author, body, started, _ in plans
    ]
    first_ids = dict(
        (row.thread_id, row.id)
        for row in db.session.execute(
            insert(Post).returning(Post.id, Post.thread_id, sort_by_parameter_order=True), first_rows
        )
    )

    reply_rows, subscriptions = [], set()
    for thread, author, body, started, slug in plans:
        subscriptions.add((author.id, thread.id))
        texts = _thread_replies(rng, slug)
        count = len(texts)
        moment: datetime = started
        span = (now - started) / (count + 1)
        previous = author
        for position in range(2, count + 2):
            moment = moment + span * rng.uniform(0.3, 1.0)
            text, by_author = texts[position - 2]
            if by_author and previous.id != author.id:
                replier = author
            else:
                replier = rng.choice([m for m in members if m.id not in (previous.id, author.id)] or members)
            reply_to = None
            if position == 2 and rng.random() < 0.35:
                text = _quote(author.name, first_ids[thread.id], body) + text
                reply_to = first_ids[thread.id]
            reply_rows.append(
                {
                    "thread_id": thread.id,
                    "position": position,
                    "author_id": replier.id,
                    "organisation_id": org_of[replier.id],
                    "reply_to_id": reply_to,
                    "body_source": text,
                    "body_html": render(text),
                    "status": "published",
                    "created_at": moment,
                }
            )
            subscriptions.add((replier.id, thread.id))
            previous = replier
        thread.last_position = count + 1
    db.session.execute(insert(Post), reply_rows)

    db.session.execute(
        insert(Subscription),
        [{"user_id": u, "thread_id": t, "created_at": now} for u, t in sorted(subscriptions)],
    )
    for thread, *_ in plans:
        counters.refresh_thread(thread)
    for category in db.session.execute(select(Category)).scalars():
        counters.refresh_category(category)
    _enqueue_all([thread.id for thread, *_ in plans])
    db.session.flush()
    replies = len(reply_rows)
    return [f"Discussions: {len(plans)} threads with {replies} replies in {len(categories)} categories."]


def _enqueue_all(thread_ids: list[int]) -> None:
    """One outbox row per new thread and post (flushed together in batches)."""
    for thread_id in thread_ids:
        outbox.enqueue("thread", thread_id)
    for post_id in db.session.execute(select(Post.id).where(Post.thread_id.in_(thread_ids))).scalars():
        outbox.enqueue("post", post_id)
