"""Demo learning data for ``flask seed demo``: events (webinars past and upcoming, a workshop, the
residency with its pre-work, a boot camp, a meet-up, the three-day summit with its agenda),
two on-demand courses, network news and members' expertise.

Everything comes from the TOML files in ``data/``, dated relative to today, and is created only
where missing (events, courses and news by slug), so running it twice adds nothing.
"""

from __future__ import annotations

import itertools
import tomllib
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..accounts.models import User
from ..courses import service as courses
from ..courses.models import Course
from ..db_types import utcnow
from ..experts.models import Expertise
from ..experts.service import update_learning_settings
from ..extensions import db
from ..library import service as library
from ..library.models import Resource
from ..news import service as news
from ..news.models import NewsPost
from ..orgs.models import Membership, Organisation, OrgStatus
from . import service
from .models import Event, EventPrework, Registration, RegistrationStatus
from .timezones import zone

DATA = Path(__file__).with_name("data")
EXPERTISE = (
    ("TikTok", "Recruitment marketing"),
    ("Crisis communication", "Patient privacy (HIPAA)"),
    ("Instagram", "Video production", "Patient stories"),
    ("LinkedIn", "Physician voice", "Employee advocacy"),
    ("Measurement and analytics", "Paid social"),
    ("Community management", "Misinformation response"),
    ("TikTok", "Video production"),
    ("Fundraising campaigns", "Facebook"),
    ("Accessibility", "YouTube"),
    ("Social media policy", "Crisis communication"),
)


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads((DATA / name).read_text(encoding="utf-8"))


def _at(day: float, clock: str, zone_name: str, today: datetime) -> datetime:
    """``clock`` on the day ``day`` days from ``today``, in ``zone_name`` (whole days; fractions of a
    day are for tests only)."""
    local_day = (today + timedelta(days=day)).astimezone(zone(zone_name)).date()
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.combine(local_day, time(hour, minute), tzinfo=zone(zone_name)).astimezone(UTC)


class LearningSeeder:
    def __init__(self, admin: User, organisations: dict[str, Organisation], members: list[User]) -> None:
        self.admin = admin
        self.organisations = organisations
        self.members = members
        self.speakers = itertools.cycle(members) if members else None
        self.today = utcnow()
        self.counts = {"events": 0, "sessions": 0, "courses": 0, "news": 0, "recordings": 0}

    def _host(self, name: str) -> Organisation | None:
        return None if name == "network" else self.organisations.get(name)

    def run(self) -> None:
        self.seed_courses()
        data = _load("demo_events.toml")
        created = {}
        for item in data["event"]:
            if db.session.execute(select(Event.id).where(Event.slug == item["slug"])).first() is None:
                created[item["slug"]] = self.seed_event(item)
        for session in data.get("session", []):
            if session["event"] in created:
                self.seed_session(created[session["event"]], session)
        self.seed_news()
        self.seed_expertise()

    def seed_event(self, item: dict[str, Any]) -> Event:
        starts = _at(item["day"], item["start"], item["timezone"], self.today)
        data = service.EventInput(
            title=item["title"],
            kind=item["kind"],
            summary=item.get("summary", ""),
            description=item.get("description", "").strip(),
            timezone=item["timezone"],
            starts_at=starts,
            ends_at=starts + timedelta(hours=item["hours"]),
            format=item.get("format", "online"),
            join_url=item.get("join_url", ""),
            venue=item.get("venue", ""),
            address=item.get("address", ""),
            capacity=item.get("capacity"),
            visibility=item.get("visibility", "public"),
            platforms=tuple(item.get("platforms", ())),
        )
        event = service.create_event(self.admin, self._host(item["host"]), data, slug=item["slug"])
        self.counts["events"] += 1
        if item.get("recording"):
            self.seed_recording(event, item)
        if item.get("prework_course"):
            course = db.session.execute(
                select(Course).where(Course.slug == item["prework_course"])
            ).scalar_one_or_none()
            event.prework_course_id = course.id if course else None
        for position, resource in enumerate(self._prework_resources(item.get("prework_resources", 0))):
            event.prework.append(EventPrework(resource_id=resource.id, position=position, note="Read before the day."))
        self.seed_registrations(event, item.get("fill", min(len(self.members) // 3, 8)), item.get("waitlist", 0))
        return event

    def seed_recording(self, event: Event, item: dict[str, Any]) -> None:
        organisation = event.organisation or next(iter(self.organisations.values()), None)
        if organisation is None:
            return
        body = (
            f"The recording, slides and notes of the webinar *{event.title}*.\n\n"
            f"{item.get('description', '').strip()}\n\n"
            "## Notes\n\n- The slides are attached to the event page's follow-up e-mail.\n"
            "- Questions from the chat are answered in the discussion linked below."
        )
        resource = library.create_resource(
            self.admin,
            organisation,
            library.ResourceInput(title=item["recording"], summary=event.summary, body=body, kind="webinar"),
            action=library.ACTION_PUBLISH,
            published_at=min(event.ends_at + timedelta(days=2), self.today),
        )
        service.link_recording(self.admin, event, resource)
        self.counts["recordings"] += 1

    def _prework_resources(self, count: int) -> list[Resource]:
        if not count:
            return []
        return list(
            db.session.execute(
                select(Resource)
                .where(Resource.status == "published", Resource.visibility == "public", Resource.kind == "guide")
                .order_by(Resource.id)
                .limit(count)
            ).scalars()
        )

    def seed_registrations(self, event: Event, registered: int, waiting: int) -> None:
        """Registrations straight into the table: the demo sends no confirmation e-mails."""
        people = self.members[: registered + waiting]
        for n, person in enumerate(people):
            status = RegistrationStatus.REGISTERED if n < registered else RegistrationStatus.WAITLISTED
            moment = min(self.today, event.starts_at) - timedelta(days=10) + timedelta(minutes=n)
            db.session.add(
                Registration(
                    event_id=event.id,
                    user_id=person.id,
                    status=status.value,
                    queued_at=moment,
                    registered_at=moment if status is RegistrationStatus.REGISTERED else None,
                    attended=event.ends_at < self.today and n % 4 != 0,
                )
            )

    def seed_session(self, event: Event, item: dict[str, Any]) -> None:
        first_day = event.starts_at.astimezone(zone(event.timezone)).date()
        day = datetime.combine(first_day + timedelta(days=item["day"]), time(0), tzinfo=UTC)
        starts = _at(0, item["start"], event.timezone, day.replace(hour=12))
        speakers = []
        for text in item.get("speakers", []):
            if text == "@member" and self.speakers is not None:
                speakers.append(service.SpeakerInput(name="", user=next(self.speakers)))
            else:
                name, _, affiliation = (part.strip() for part in text.partition("|"))
                speakers.append(service.SpeakerInput(name=name, affiliation=affiliation))
        service.add_session(
            self.admin,
            event,
            service.SessionInput(
                title=item["title"],
                starts_at=starts,
                ends_at=starts + timedelta(minutes=item["minutes"]),
                track=item.get("track", ""),
                room=item.get("room", ""),
                speakers=speakers,
            ),
        )
        self.counts["sessions"] += 1

    def seed_courses(self) -> None:
        for item in _load("demo_courses.toml")["course"]:
            if db.session.execute(select(Course.id).where(Course.slug == item["slug"])).first() is not None:
                continue
            course = courses.create_course(
                self.admin,
                item["title"],
                item["summary"],
                item["description"],
                organisation=self.organisations.get(item.get("partner", "")),
                slug=item["slug"],
            )
            for lesson in item["lesson"]:
                questions = [
                    courses.QuestionInput(q["prompt"], q["choices"], q["answer"], q.get("explanation", ""))
                    for q in lesson.get("question", [])
                ]
                courses.add_lesson(
                    self.admin,
                    course,
                    courses.LessonInput(
                        lesson["title"], lesson["body"].strip(), lesson["minutes"], questions=questions
                    ),
                )
            self.counts["courses"] += 1

    def seed_news(self) -> None:
        for item in _load("demo_news.toml")["post"]:
            if db.session.execute(select(NewsPost.id).where(NewsPost.slug == item["slug"])).first() is not None:
                continue
            post = news.create_post(self.admin, item["title"], item["body"].strip(), item["summary"], slug=item["slug"])
            post.published_at = post.updated_at = self.today + timedelta(days=item["day"])
            self.counts["news"] += 1

    def seed_expertise(self) -> None:
        if db.session.execute(select(Expertise.id).limit(1)).first() is not None:
            return
        for person, areas in zip(self.members, EXPERTISE, strict=False):
            update_learning_settings(person, list(areas), person.timezone or "")


def _members() -> tuple[dict[str, Organisation], list[User]]:
    organisations = {
        org.name: org
        for org in db.session.execute(
            select(Organisation).where(Organisation.status == OrgStatus.APPROVED.value).order_by(Organisation.name)
        ).scalars()
    }
    members = list(
        db.session.execute(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .join(Organisation, Organisation.id == Membership.organisation_id)
            .where(
                Organisation.status == OrgStatus.APPROVED.value,
                User.is_moderator.is_(False),
                User.is_admin.is_(False),
                User.email_verified_at.is_not(None),
                User.deactivated_at.is_(None),
            )
            .order_by(User.email)
            .distinct()
        ).scalars()
    )
    return organisations, members


def seed_learning() -> list[str]:
    from ..orgs.seed import ADMIN_EMAIL

    admin = db.session.execute(select(User).where(User.email == ADMIN_EMAIL)).scalar_one_or_none()
    if admin is None:
        return ["Demo events and courses: no demo admin yet; skipped."]
    organisations, members = _members()
    seeder = LearningSeeder(admin, organisations, members)
    seeder.run()
    db.session.flush()
    c = seeder.counts
    if not any(c.values()):
        return ["Demo events and courses: already present; nothing added."]
    return [
        f"Demo events: {c['events']} events ({c['sessions']} summit sessions, {c['recordings']} recordings in the "
        f"library), {c['courses']} courses, {c['news']} news posts."
    ]
