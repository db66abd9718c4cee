"""Believable library resources written from phrase banks (``seed_data``) with a seeded random
generator: the same seed always writes the same resources.

``DemoWriter.resource(n)`` plans resource number ``n`` on its own generator, so planning one
resource never shifts another (the demo seed can skip the ones that exist). Bodies are
Markdown in the shape each kind usually has: guides with checklists and steps, toolkits with
sample posts, policy templates with numbered clauses and a responsibilities table, case studies
with a results table, webinar notes, survey findings.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from ..text import plural
from . import seed_data as data
from .models import KIND_LABELS

KIND_WEIGHTS = (
    ("guide", 30),
    ("toolkit", 12),
    ("policy_template", 11),
    ("case_study", 15),
    ("webinar", 8),
    ("research", 8),
    ("link", 7),
    ("other", 9),
)
SUBJECTS = {subject.slug: subject for subject in data.SUBJECTS}
PLATFORMS = {platform.slug: platform for platform in data.PLATFORMS}

SAMPLE_POSTS = (
    "This Thursday at noon our {role_plural} are answering your questions live on {platform}. Post "
    "yours below and we will get to as many as we can.",
    "Not sure where to go when you are unwell? Our one-page guide explains when to call your family "
    "doctor, when to visit urgent care, and when to come to the emergency department.",
    "Visiting times change on Monday. Here is what you need to know, in plain language, with a link "
    "to the full details on our website.",
    "Meet the team behind our new clinic. They asked us to share one message: book early, and bring your questions.",
    "We have heard your feedback about waiting times. Here is what we are changing this month, and "
    "how we will keep you updated.",
    "Flu vaccines are available at all our pharmacies this week, no appointment needed. Bring a "
    "friend and protect each other.",
)
GLOSSARY = (
    ("Engagement rate", "interactions (reactions, comments, shares, saves) divided by impressions or reach."),
    ("Impressions", "how many times a post was shown, including repeat views by the same person."),
    ("Reach", "how many different people saw a post at least once."),
    ("Holding statement", "a short, pre-approved message published before all the facts are known."),
    ("Dark post", "a paid post shown only to a targeted audience, not on the page's timeline."),
    (
        "Tagged link",
        "a web address with campaign parameters so website analytics can tell where visitors came from.",
    ),
    ("Alt text", "a written description of an image for people using screen readers."),
    ("House rules", "the published rules that say which comments will be hidden or removed and why."),
)
REPLY_BANK = (
    (
        "Parking",
        "Thanks for asking. Parking details, including accessible spaces and charges, are on our website. "
        "If you have a particular need, our information desk can help.",
    ),
    (
        "Visiting",
        "Visiting times are on the ward pages of our website, as some units differ. Please check before you travel.",
    ),
    (
        "A complaint",
        "We are sorry to hear this. We would like to look into it properly: please contact our "
        "patient relations team through the form on our website so we can talk privately.",
    ),
    ("Thanks to a team", "Thank you for taking the time to write this. We will make sure the team sees it."),
    (
        "A medical question",
        "We are not able to give medical advice here. Please speak to your doctor or "
        "pharmacist, or call the health advice line if it is urgent.",
    ),
)
ITEM_NOTES = (
    "Start here.",
    "Read this before your first incident.",
    "Useful for your first month.",
    "Share with your approvers.",
    "A good example of measuring outcomes.",
    "Print the checklist.",
)


@dataclass
class PlannedFile:
    name: str
    kind: str  # "pdf" or "docx"
    title: str
    paragraphs: list[str]


@dataclass
class PlannedResource:
    key: str  # stable external id, e.g. "demo-042"
    title: str
    summary: str
    body: str
    kind: str
    visibility: str
    topics: list[str]  # topic slugs
    tags: list[str]
    url: str = ""
    files: list[PlannedFile] = field(default_factory=list)
    subject: str = ""


TOPIC_FIELDS = {
    "subject": "subject",
    "subject_cap": "subject",
    "event": "event",
    "platform": "platform",
    "org_type": "org_type",
    "a_role": "role",
    "a_role_cap": "role",
    "role_plural": "role",
}


def _topics(template: str) -> set[str]:
    """What a title or summary template speaks of: its subject, event, platform… placeholders."""
    return {TOPIC_FIELDS[name] for name in re.findall(r"{(\w+)}", template) if name in TOPIC_FIELDS}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bullets(items) -> str:
    return "\n".join(f"- {item}" for item in items)


def _numbered(items) -> str:
    return "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))


class DemoWriter:
    def __init__(self, seed: int) -> None:
        self.seed = seed

    def rng_for(self, n: int) -> random.Random:
        return random.Random(f"{self.seed}:{n}")

    def resource(self, n: int, key: str, taken_titles: set[str]) -> PlannedResource:
        """Plan resource ``n``; its title is unique among ``taken_titles`` (which it joins)."""
        rng = self.rng_for(n)
        kind = rng.choices([k for k, _ in KIND_WEIGHTS], [w for _, w in KIND_WEIGHTS])[0]
        subject = rng.choice(data.SUBJECTS)
        platform = rng.choice(data.PLATFORMS)
        values = self._values(rng, kind, subject, platform)
        title, template, values = self._title(rng, kind, values, taken_titles)
        values["title"] = title
        summary = self._summary(rng, kind, template, values)
        platform = next((p for p in data.PLATFORMS if p.name == values["platform"]), platform)
        uses_platform = platform.name in title or rng.random() < 0.5
        topics = [subject.slug] + ([platform.slug] if uses_platform else [])
        if rng.random() < 0.2:
            topics.append(rng.choice([s.slug for s in data.SUBJECTS if s.slug != subject.slug]))
        tags = rng.sample(list(subject.tags), rng.randint(1, 3))
        if uses_platform:
            tags.append(rng.choice(platform.tags))
        body, url = getattr(self, f"_body_{kind}")(rng, subject, platform, values)
        resource = PlannedResource(
            key=key,
            title=title,
            summary=summary,
            body=body,
            kind=kind,
            visibility="members" if rng.random() < 0.25 else "public",
            topics=topics,
            tags=list(dict.fromkeys(tags)),
            url=url,
            subject=subject.slug,
        )
        resource.files = self._files(rng, resource, subject)
        return resource

    # --- Pieces ---------------------------------------------------------------------------

    @staticmethod
    def _values(rng: random.Random, kind: str, subject, platform) -> dict[str, str]:
        phrase = rng.choice(subject.phrases)
        role = rng.choice(data.ROLES)
        return {
            "subject": phrase,
            "subject_cap": _cap(phrase),
            "platform": platform.name,
            "event": rng.choice(data.EVENTS),
            "org_type": rng.choice(data.ORG_TYPES),
            "role": role,
            "a_role": ("an " if role[0] in "aeiou" else "a ") + role,
            "a_role_cap": ("An " if role[0] in "aeiou" else "A ") + role,
            "role_plural": role + "s",
            "count": str(rng.randint(24, 180)),
            "kind_label": KIND_LABELS[kind].lower(),
        }

    @staticmethod
    def _title(
        rng: random.Random, kind: str, values: dict[str, str], taken: set[str]
    ) -> tuple[str, str, dict[str, str]]:
        """A title unique among ``taken``, its template, and the values it was written with
        (a clash is retried with another platform, event or kind of organisation)."""
        templates = list(data.TITLES[kind])
        for _ in range(12):
            template = rng.choice(templates)
            title = _cap(template.format_map(values))
            if title not in taken:
                break
            values = {
                **values,
                "platform": rng.choice(data.PLATFORMS).name,
                "event": rng.choice(data.EVENTS),
                "org_type": rng.choice(data.ORG_TYPES),
            }
        else:
            title = f"{title} ({rng.choice(data.MONTHS)} edition)"
        taken.add(title)
        return title, template, values

    @staticmethod
    def _summary(rng: random.Random, kind: str, template: str, values: dict[str, str]) -> str:
        """A summary about what the title is about: one naming the same subject, event,
        platform, kind of organisation or role, never another."""
        fixed = data.TITLE_SUMMARIES.get(template)
        if fixed:
            return fixed
        in_title = _topics(template)
        fitting = [
            summary
            for summary in data.SUMMARIES[kind]
            if _topics(summary) <= in_title and (_topics(summary) & in_title or not in_title)
        ]
        return rng.choice(fitting or list(data.SUMMARIES[kind])).format_map(values)

    @staticmethod
    def _intro(rng: random.Random, values: dict[str, str]) -> str:
        return rng.choice(data.INTROS).format_map(values)

    @staticmethod
    def _reading(rng: random.Random, count: int) -> str:
        return _bullets(f"[{title}]({url})" for title, url in rng.sample(data.FURTHER_READING, count))

    # --- Bodies by kind (each returns the Markdown and an optional external URL) -------------

    def _body_guide(self, rng, subject, platform, values):
        sections = [
            self._intro(rng, values),
            "## Why it matters",
            "\n\n".join(rng.sample(subject.why, 2)),
            "## Before you post",
            _bullets(rng.sample(subject.checklist, rng.randint(4, 6))),
            "## Step by step",
            _numbered(subject.steps[: rng.randint(5, len(subject.steps))]),
            f"## On {platform.name}",
            " ".join(rng.sample(platform.tips, 2)),
            "## Common mistakes",
            _bullets(rng.sample(subject.mistakes, 3)),
            "## Further reading",
            self._reading(rng, 2),
        ]
        return "\n\n".join(sections), ""

    def _body_toolkit(self, rng, subject, platform, values):
        other = rng.choice([p for p in data.PLATFORMS if p.slug != platform.slug])
        posts = "\n\n".join("> " + post.format_map(values) for post in rng.sample(SAMPLE_POSTS, 2))
        sections = [
            self._intro(rng, values),
            "## What's in this toolkit",
            _bullets(
                [
                    f"A posting plan for {rng.randint(2, 6)} weeks",
                    f"Sample posts for {platform.name} and {other.name}",
                    "Image sizes, alt text examples and caption tips",
                    "A checklist to run through before each post",
                    "Answers to the questions people ask most often",
                ]
            ),
            "## Sample posts",
            posts,
            "## Checklist",
            _bullets(rng.sample(subject.checklist, 5)),
            "## How to adapt it",
            rng.choice(subject.why),
            _numbered(rng.sample(subject.steps, 3)),
        ]
        return "\n\n".join(sections), ""

    def _body_policy_template(self, rng, subject, platform, values):
        clauses = rng.sample(data.POLICY_CLAUSES, rng.randint(5, 7))
        sections = [
            self._intro(rng, values),
            "> **How to use this template:** replace the text in square brackets, agree the choices "
            "with your compliance team, and delete this note.",
            "## Purpose",
            f"This policy sets out how [Organisation name] manages {values['subject']} on its social "
            "media accounts, so that staff, patients and the public know what to expect.",
            "## Scope",
            "It applies to every account that uses the organisation's name or logo, to staff who post "
            "on its behalf, and to agencies and volunteers working for it.",
            "## Policy",
            _numbered(clauses),
            "## Responsibilities",
            "| Role | Responsibility |\n|---|---|\n"
            "| Communications team | Keeps the account register, approves sensitive posts, "
            "moderates comments |\n"
            "| Named approvers | Review posts that show patients or clinical areas |\n"
            "| Privacy officer | Advises on consent and incidents |\n"
            "| All staff | Follow the staff guidelines and report concerns |",
            "## Review",
            "This policy is reviewed every [12] months and after any significant incident. Owner: [name and role].",
        ]
        return "\n\n".join(sections), ""

    def _body_case_study(self, rng, subject, platform, values):
        rows = []
        for measure in rng.sample(data.RESULT_MEASURES, 3):
            before, after = self._result(rng, measure)
            rows.append(f"| {measure} | {before} | {after} |")
        approaches = rng.sample(data.CASE_APPROACHES, 4)
        lessons = rng.sample(data.CASE_LESSONS, 4)
        tip = rng.choice(platform.tips)
        sections = [
            f"*{_cap(values['org_type'])}, with {plural(rng.randint(1, 6), 'person')} in the communications team.*",
            "## The challenge",
            rng.choice(data.CASE_CHALLENGES).format_map(values),
            "## What we did",
            " ".join(approaches[:2]),
            _bullets(approaches[2:]),
            f"Most of the work happened on {platform.name}. {tip}",
            "## Results",
            "| Measure | Before | After |\n|---|--:|--:|\n" + "\n".join(rows),
            "## What we would do differently",
            lessons[0],
            "## Lessons for other teams",
            _bullets(lessons[1:]),
        ]
        return "\n\n".join(sections), ""

    @staticmethod
    def _result(rng: random.Random, measure: str) -> tuple[str, str]:
        if measure == "Average time to first reply":
            return f"{rng.randint(2, 4)} days", f"{rng.randint(2, 9)} hours"
        if measure == "Engagement rate":
            low = rng.uniform(0.6, 1.8)
            return f"{low:.1f}%", f"{low * rng.uniform(1.5, 3.2):.1f}%"
        if measure == "Calls to the switchboard about the topic":
            high = rng.randint(180, 900)
            return f"{high:,} a week", f"{int(high * rng.uniform(0.3, 0.7)):,} a week"
        low = rng.randint(20, 400)
        return f"{low:,}", f"{int(low * rng.uniform(1.4, 4.0)):,}"

    def _body_webinar(self, rng, subject, platform, values):
        questions = rng.sample(data.WEBINAR_QUESTIONS, 3)
        slug = "".join(ch if ch.isalnum() else "-" for ch in values["subject"].lower()).strip("-")
        url = f"https://video.smhn.example/webinars/{slug}-{rng.randint(100, 999)}"
        sections = [
            f"Recorded in {rng.choice(data.MONTHS)} {rng.randint(2023, 2025)}. "
            f"{rng.randint(45, 75)} minutes. "
            f"Presented by {values['a_role']} from {values['org_type']}, with questions from members.",
            "## Agenda",
            _numbered(item.format_map(values) for item in data.WEBINAR_AGENDA),
            "## Key takeaways",
            _bullets(rng.sample(subject.checklist, 3) + [rng.choice(platform.tips)]),
            "## Questions from the audience",
            "\n\n".join(f"**Q: {q}**\n\n{a}" for q, a in questions),
            f"[Watch the recording]({url})",
        ]
        return "\n\n".join(sections), url

    def _body_research(self, rng, subject, platform, values):
        findings = []
        for template in rng.sample(data.RESEARCH_FINDINGS, 4):
            p1, p2 = rng.randint(35, 88), rng.randint(12, 60)
            findings.append(template.format(p1=p1, p2=p2, minutes=rng.randint(12, 55)))
        hospitals = rng.randint(40, 70)
        sections = [
            self._intro(rng, values),
            "## Method",
            f"We surveyed {values['count']} member organisations in {rng.choice(data.MONTHS)} "
            f"{rng.randint(2023, 2025)}: {hospitals}% hospitals and health systems, the rest nonprofits, "
            f"professional societies and patient associations. {rng.randint(48, 81)}% responded.",
            "## Findings",
            _bullets(findings),
            "## What it means for your team",
            rng.choice(subject.why),
            _numbered(rng.sample(subject.steps, 3)),
            "## Limitations",
            "Member organisations are not a random sample of health systems, and answers are self-reported. "
            "Treat the figures as a conversation starter rather than a benchmark to the decimal point.",
        ]
        return "\n\n".join(sections), ""

    def _body_link(self, rng, subject, platform, values):
        if rng.random() < 0.6:
            url, label = platform.help_url, f"{platform.name}'s help centre"
        else:
            label, url = rng.choice([item for item in data.FURTHER_READING if item[1].startswith("https")])
        sections = [
            f"{label} is the place to check when a feature changes. Members use it for:",
            _bullets(rng.sample(platform.tips, 2) + [rng.choice(subject.checklist)]),
            f"[Open {label}]({url})",
        ]
        return "\n\n".join(sections), url

    def _body_other(self, rng, subject, platform, values):
        title = values["title"]
        if title.startswith("Glossary"):
            body = "\n\n".join(f"**{term}**: {meaning}" for term, meaning in GLOSSARY)
        elif title.startswith("Reply bank"):
            body = "\n\n".join(f"**{topic}**\n\n> {reply}" for topic, reply in REPLY_BANK)
        else:
            body = _bullets(rng.sample(subject.checklist, 6)) + "\n\n" + rng.choice(subject.why)
        return self._intro(rng, values) + "\n\n" + body, ""

    # --- Files ------------------------------------------------------------------------------

    @staticmethod
    def _files(rng: random.Random, resource: PlannedResource, subject) -> list[PlannedFile]:
        short = resource.title.split(":")[0][:60].strip()
        if resource.kind == "policy_template":
            paragraphs = [line.split(". ", 1)[-1] for line in resource.body.splitlines() if line[:1].isdigit()]
            return [PlannedFile(f"{short}.docx", "docx", resource.title, paragraphs)]
        if resource.kind == "toolkit" or (resource.kind == "guide" and rng.random() < 0.2):
            return [
                PlannedFile(f"{short} - checklist.pdf", "pdf", f"Checklist: {resource.title}", list(subject.checklist))
            ]
        if resource.kind == "research":
            paragraphs = [resource.summary] + [p for p in resource.body.split("\n\n") if not p.startswith("#")]
            return [PlannedFile(f"{short} - full report.pdf", "pdf", resource.title, paragraphs)]
        return []
