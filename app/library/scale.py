"""Synthetic resources at scale, for benchmarks (``flask seed scale --resources N``).

Text comes from the demo phrase banks, recombined, plus an invented programme or place name in
every title and summary so that rare words exist as in a real library. Rows are written in
batches by ``bulk.insert_resources`` (the service's rules: sanitized HTML, unique slugs, shared
tags, revision 1, a search outbox row per published resource unless ``enqueue=False``). Each
body is made of whole Markdown blocks from the banks, and each distinct block is rendered by
``content.render_markdown`` once, so HTML is the sanitizer's output without paying for it
100,000 times. Running it again adds as many resources again.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from ..content import render_markdown
from ..db_types import utcnow
from ..extensions import db
from ..orgs.models import Organisation, OrgStatus, OrgType
from ..search import outbox
from ..text import slugify
from . import bulk
from . import seed_data as data
from .curation import ensure_default_topics
from .demo_text import KIND_WEIGHTS
from .importer import IMPORTER
from .models import ResourceStatus, Topic
from .validation import CleanResource

SYLLABLES = "ka ro vu li me sa to ne bi da fo gu ha ji lo ma nu pe qui ra su ti va we xi yo ze".split()
PLACE_ENDINGS = ("ford", "bury", "field", "haven", "mere", "ton", "wick", "brook", "dale", "port")
ORG_SUFFIXES = ("Health System", "Regional Hospital", "Medical Center", "Health Network", "Community Health")


class ScaleWriter:
    def __init__(self, rng: random.Random, topics: dict[str, Topic]) -> None:
        self.rng = rng
        self.topics = topics
        self._html: dict[str, str] = {}

    def rare_word(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4))).capitalize()

    def place(self) -> str:
        return self.rare_word() + self.rng.choice(PLACE_ENDINGS)

    def html(self, block: str) -> str:
        if block not in self._html:
            self._html[block] = render_markdown(block)
        return self._html[block]

    def prepared(self) -> tuple[CleanResource, str]:
        rng = self.rng
        kind = rng.choices([k for k, _ in KIND_WEIGHTS], [w for _, w in KIND_WEIGHTS])[0]
        subject = rng.choice(data.SUBJECTS)
        platform = rng.choice(data.PLATFORMS)
        phrase = rng.choice(subject.phrases)
        programme = f"the {self.rare_word()} {rng.choice(('programme', 'project', 'campaign', 'pilot'))}"
        place = self.place()
        title = f"{phrase[:1].upper()}{phrase[1:]} in {place}: {programme} on {platform.name}"
        summary = f"How a team in {place} ran {programme}: {rng.choice(subject.why).split('. ')[0].lower()}."
        blocks = [
            "## Why it matters",
            rng.choice(subject.why),
            "## Checklist",
            "\n".join(f"- {item}" for item in sorted(rng.sample(subject.checklist, 4))),
            "## Steps",
            "\n".join(f"{n}. {step}" for n, step in enumerate(subject.steps[: rng.randint(3, 6)], start=1)),
            f"## On {platform.name}",
            rng.choice(platform.tips),
            "## Common mistakes",
            "\n".join(f"- {item}" for item in sorted(rng.sample(subject.mistakes, 2))),
        ]
        topics = [self.topics[subject.slug], self.topics[platform.slug]]
        tags = sorted(set(rng.sample(subject.tags, 2) + [rng.choice(platform.tags)]))
        fields = CleanResource(
            title=title[:200],
            summary=summary,
            body="\n\n".join(blocks),
            kind=kind,
            visibility="members" if rng.random() < 0.2 else "public",
            topics=topics,
            tags=tags,
            external_url=platform.help_url if kind == "link" else "",
        )
        return fields, "".join(self.html(block) for block in blocks)


def ensure_organisations(count: int, rng: random.Random) -> list[Organisation]:
    """At least ``count`` approved organisations, inventing the missing ones."""
    organisations = list(
        db.session.execute(
            select(Organisation).where(Organisation.status == OrgStatus.APPROVED.value).order_by(Organisation.id)
        ).scalars()
    )
    taken = set(db.session.execute(select(Organisation.slug)).scalars())
    writer = ScaleWriter(rng, {})
    while len(organisations) < count:
        name = f"{writer.place()} {rng.choice(ORG_SUFFIXES)}"
        slug = slugify(name, max_length=100)
        if slug in taken:
            continue
        taken.add(slug)
        organisation = Organisation(
            name=name,
            slug=slug,
            type=OrgType.HOSPITAL.value,
            status=OrgStatus.APPROVED.value,
            decided_at=utcnow(),
            description=f"A synthetic organisation for benchmarks ({name}).",
        )
        db.session.add(organisation)
        db.session.flush()
        outbox.enqueue("organisation", organisation.id)
        organisations.append(organisation)
    return organisations


def seed_scale(
    count: int,
    *,
    seed: int = 7,
    organisations: int = 50,
    batch_size: int = 1000,
    enqueue: bool = True,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add ``count`` synthetic resources (about 95% published), committing each batch."""
    rng = random.Random(seed)
    topics = {topic.slug: topic for topic in ensure_default_topics()}
    orgs = ensure_organisations(organisations, rng)
    organisation_ids = [org.id for org in orgs]
    db.session.commit()
    writer = ScaleWriter(rng, topics)
    now = utcnow()
    made = 0
    while made < count:
        size = min(batch_size, count - made)
        by_id = {
            org.id: org
            for org in db.session.execute(select(Organisation).where(Organisation.id.in_(organisation_ids))).scalars()
        }
        topics = {topic.slug: topic for topic in db.session.execute(select(Topic)).scalars()}
        writer.topics = topics
        items = []
        for _ in range(size):
            fields, body_html = writer.prepared()
            published = now - timedelta(days=rng.uniform(0, 1100))
            items.append(
                bulk.NewResource(
                    organisation=by_id[rng.choice(organisation_ids)],
                    fields=fields,
                    status=ResourceStatus.PUBLISHED
                    if rng.random() < 0.95
                    else rng.choice((ResourceStatus.DRAFT, ResourceStatus.PENDING, ResourceStatus.ARCHIVED)),
                    published_at=published,
                    created_at=published - timedelta(hours=rng.uniform(1, 72)),
                    note="Synthetic",
                    view_count=int(rng.paretovariate(1.2) * 20),
                    body_html=body_html,
                )
            )
        bulk.insert_resources(IMPORTER, items, enqueue=enqueue)
        db.session.commit()
        made += size
        if progress is not None:
            progress(size)
    return made
