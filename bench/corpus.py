"""Synthetic library text with the shape of the real thing, for the search benchmark.

Resources get a title of 4-9 words, a summary of 20-45 words and a Markdown body of 250-700
words in paragraphs. Words follow a Zipf distribution over a vocabulary of health-communication
terms, everyday English and a long tail of rarer words (about 30,000 distinct words), so common
words match most documents and rare ones a handful, as in real text.
"""

from __future__ import annotations

import itertools
import random
import time
from datetime import UTC, datetime, timedelta
from html import escape

DOMAIN = """
social media hospital health patient patients privacy communication communications crisis emergency
department clinic clinics vaccine vaccines vaccination flu influenza measles covid campaign campaigns
post posts posting schedule content calendar engagement reach followers audience audiences video videos
reel reels story stories live stream facebook instagram tiktok linkedin youtube twitter threads bluesky
blog newsletter email website policy policies template templates toolkit toolkits guide guides
checklist case study studies research data metrics analytics dashboard report reports kpi roi survey
physician physicians doctor doctors nurse nurses staff employee employees advocacy ambassador
ambassadors influencer influencers partnership partnerships community communities outreach event
events awareness month week day screening screenings cancer heart stroke diabetes mental wellbeing
wellness nutrition maternity pediatric children parents seniors caregivers volunteers donors
foundation fundraising donation donations gala brand branding logo style voice tone accessibility
captions alt text translation spanish language plain misinformation myths facts sources evidence
trust transparency consent photo photos photography release hipaa compliance legal review approval
workflow moderation comments replies reviews reputation response responses complaint complaints
escalation spokesperson media relations press release journalist interview statement holding
weather storm hurricane wildfire smoke heat outbreak pandemic surge capacity wait times parking
visitor visitors hours telehealth virtual care appointment appointments portal app mobile recruitment
jobs careers nursing residency graduation celebration recognition award awards milestone anniversary
hashtag hashtags emoji memes humor trend trends algorithm boost paid ads advertising budget targeting
retargeting conversion landing page seo search keywords accessibility inclusion equity diversity
rural urban regional national local county public agency nonprofit society association patient-led
""".split()

COMMON = """
the of and to a in for is on that with as are be this by from at or an it will have can not our we
you your their they more about how what when which who all new one also into its has after other
first many time year years make use used using help helps helped work works working team teams plan
plans planning best practice practices share shared sharing learn learned lessons example examples
step steps tips ideas approach approaches simple clear quick short long weekly monthly daily each
every most some few people person group groups across before during while through between within
without need needs needed keep keeping start started build building run running set sets test tested
""".split()

SYLLABLES = [c + v for c in "bdklmnrstvz" for v in "aeiou"]

KINDS = [
    ("guide", 30),
    ("toolkit", 12),
    ("policy_template", 12),
    ("case_study", 15),
    ("webinar", 8),
    ("research", 10),
    ("link", 5),
    ("other", 8),
]
TOPICS = [
    "Facebook",
    "Instagram",
    "LinkedIn",
    "TikTok",
    "YouTube",
    "X",
    "Patient privacy",
    "Crisis communication",
    "Physician voice",
    "Measurement",
    "Employee advocacy",
    "Community building",
    "Accessibility",
    "Misinformation",
    "Recruitment",
    "Fundraising",
    "Brand and style",
    "Video",
    "Paid social",
    "Reputation",
]


def _long_tail(count: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class TextMaker:
    def __init__(self, seed: int = 7, vocabulary: int = 30_000) -> None:
        self.rng = random.Random(seed)
        tail = _long_tail(vocabulary - len(DOMAIN) - len(COMMON), self.rng)
        self.rng.shuffle(tail)
        # Ranks: everyday English first, then the domain, then the long tail.
        self.words = list(dict.fromkeys(COMMON + DOMAIN + tail))
        weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))
        self.topical = DOMAIN

    def words_(self, count: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def sentence(self, low: int, high: int) -> str:
        words = self.words_(self.rng.randint(low, high))
        # Every sentence mentions the subject matter at least once.
        words[self.rng.randrange(len(words))] = self.rng.choice(self.topical)
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def title(self) -> str:
        words = [self.rng.choice(self.topical) for _ in range(self.rng.randint(2, 4))]
        words += self.words_(self.rng.randint(2, 5))
        self.rng.shuffle(words)
        text = " ".join(words)
        return text[0].upper() + text[1:]

    def summary(self) -> str:
        return " ".join(self.sentence(8, 16) for _ in range(self.rng.randint(2, 3)))

    def body_paragraphs(self) -> list[str]:
        target = self.rng.randint(250, 700)
        paragraphs, total = [], 0
        while total < target:
            sentences = [self.sentence(8, 22) for _ in range(self.rng.randint(3, 6))]
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            total += paragraph.count(" ") + 1
        return paragraphs

    def kind(self) -> str:
        return self.rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]

    def published_at(self) -> datetime:
        start = datetime(2016, 1, 1, tzinfo=UTC)
        return start + timedelta(seconds=self.rng.randrange(int(9.5 * 365 * 86400)))


ORGANISATIONS = 200
BATCH = 1000


def generate_library(app, size: int, seed: int = 7) -> None:
    """The fallback generator, for a checkout without ``flask seed scale``."""
    from sqlalchemy import insert, select

    from app.content import slugify
    from app.extensions import db
    from app.library.models import Resource, Tag, Topic, resource_tags, resource_topics
    from app.orgs.models import Organisation

    with app.app_context():
        maker = TextMaker(seed)
        rng = maker.rng
        orgs = [
            {"name": f"{maker.title()} Health", "slug": f"org-{n}", "status": "approved", "type": "hospital"}
            for n in range(ORGANISATIONS)
        ]
        db.session.execute(insert(Organisation), orgs)
        db.session.execute(insert(Topic), [{"name": t, "slug": slugify(t)} for t in TOPICS])
        tag_names = sorted({" ".join(maker.words_(rng.randint(1, 2))) for _ in range(600)})
        db.session.execute(
            insert(Tag),
            [{"name": t[:40], "slug": slugify(t)[:60] + f"-{i}"} for i, t in enumerate(tag_names)],
        )
        org_ids = list(db.session.execute(select(Organisation.id)).scalars())
        topic_ids = list(db.session.execute(select(Topic.id)).scalars())
        tag_ids = list(db.session.execute(select(Tag.id)).scalars())
        started = time.monotonic()
        for start in range(0, size, BATCH):
            rows, topics, tags = [], [], []
            for n in range(start, min(start + BATCH, size)):
                title = maker.title()
                paragraphs = maker.body_paragraphs()
                published = maker.published_at()
                rows.append(
                    {
                        "id": n + 1,
                        "title": title,
                        "slug": f"r{n + 1}-{slugify(title, max_length=60)}",
                        "summary": maker.summary(),
                        "body_source": "\n\n".join(paragraphs),
                        "body_html": "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs),
                        "kind": maker.kind(),
                        "visibility": "members" if rng.random() < 0.2 else "public",
                        "status": "published",
                        "organisation_id": rng.choice(org_ids),
                        "published_at": published,
                        "created_at": published,
                        "updated_at": published,
                    }
                )
                topics += [{"resource_id": n + 1, "topic_id": t} for t in rng.sample(topic_ids, rng.randint(1, 3))]
                tags += [{"resource_id": n + 1, "tag_id": t} for t in rng.sample(tag_ids, rng.randint(0, 4))]
            db.session.execute(insert(Resource), rows)
            db.session.execute(insert(resource_topics), topics)
            if tags:
                db.session.execute(insert(resource_tags), tags)
            db.session.commit()
            print(f"  generated {min(start + BATCH, size):,}/{size:,}", end="\r", flush=True)
        print(f"  generated {size:,} resources in {time.monotonic() - started:.0f} s")
