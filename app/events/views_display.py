"""What readers see: the calendar of events, an event's page, its ``.ics``, the feeds, and
registering or cancelling."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..accounts.models import User
from ..db_types import utcnow
from ..errors import NotFound
from ..extensions import db
from ..feeds import CONTENT_TYPE as ATOM_TYPE
from ..feeds import FeedEntry, build_feed, tag_uri
from ..mail import absolute_url
from ..orgs.models import PLATFORM_LABELS, Organisation, OrgStatus
from ..permissions import can
from ..sharing import public_meta
from ..templating import page_number
from . import queries, service
from .blueprint import bp, calendar_token, user_id_from_calendar_token
from .ics import CONTENT_TYPE, build_calendar, event_filename
from .registration import waitlist_position

PER_PAGE = 20


def _calendar_response(body: bytes, filename: str) -> Response:
    response = Response(body, content_type=CONTENT_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _approved_org(slug: str) -> Organisation:
    org = db.session.query(Organisation).filter_by(slug=slug, status=OrgStatus.APPROVED.value).one_or_none()
    if org is None:
        raise NotFound()
    return org


@bp.get("/events")
def index():
    when = "past" if request.args.get("when") == "past" else "upcoming"
    organisation = _approved_org(request.args["org"]) if request.args.get("org") else None
    platform = request.args.get("platform") or None
    if platform is not None and platform not in PLATFORM_LABELS:
        raise NotFound()
    page = queries.listed(
        current_user,
        when,
        page=page_number(request.args.get("page")),
        per_page=PER_PAGE,
        organisation=organisation,
        platform=platform,
    )
    return render_template(
        "events/index.html",
        page=page,
        when=when,
        platform=platform,
        platforms=queries.platform_counts(current_user, when, organisation),
        recordings=queries.recordings_for(current_user, page.items),
        organisation=organisation,
        can_create=can(current_user, "event.create"),
        my_calendar_url=url_for("events.my_calendar", token=calendar_token(current_user))
        if current_user.is_authenticated
        else None,
    )


@bp.get("/events.ics")
def calendar_feed():
    body = build_calendar(queries.public_feed_events(), name="Social Media Health Network events")
    return _calendar_response(body, "events.ics")


@bp.get("/events/orgs/<slug>.ics")
def organisation_calendar(slug: str):
    org = _approved_org(slug)
    body = build_calendar(queries.public_feed_events(org), name=f"Events of {org.name}")
    return _calendar_response(body, f"{org.slug}-events.ics")


@bp.get("/events/my/<token>.ics")
def my_calendar(token: str):
    """A member's own registrations, for a calendar app (no cookie: the URL is the secret)."""
    found = user_id_from_calendar_token(token)
    if found is None:
        raise NotFound()
    user = db.session.get(User, found[0])
    if user is None or user.session_version != found[1] or not user.is_active:
        raise NotFound()
    registrations = queries.my_registrations(user, upcoming_only=False)
    events = [r.event for r in registrations if can(user, "event.view", r.event)]
    registered = {r.event_id for r in registrations if r.is_registered}
    body = build_calendar(events, name="My network events", join_link=lambda e: e.id in registered)
    return _calendar_response(body, "my-events.ics")


@bp.get("/events/feed.atom")
def atom_feed():
    events = queries.listed(None, per_page=50).items
    entries = [
        FeedEntry(
            id=tag_uri("event", e.id, e.created_at),
            title=e.title,
            url=absolute_url("events.detail", slug=e.slug),
            published=e.created_at,
            updated=e.updated_at,
            summary=f"{e.kind_label}, {e.starts_at:%d %b %Y %H:%M} UTC. {e.summary}",
            author=e.host_name,
        )
        for e in events
    ]
    body = build_feed("Network events", absolute_url("events.atom_feed"), absolute_url("events.index"), entries)
    return Response(body, content_type=ATOM_TYPE)


@bp.get("/events/<slug>")
def detail(slug: str):
    event = queries.get_event(current_user, slug)
    registration = queries.registration_of(current_user, event)
    tracks = sorted({s.track for s in event.sessions if s.track})
    return render_template(
        "events/detail.html",
        event=event,
        registration=registration,
        waitlist_position=waitlist_position(registration) if registration and registration.is_waitlisted else None,
        counts=queries.counts(event),
        places_left=queries.places_left(event),
        show_join_link=queries.may_see_join_link(current_user, event, registration),
        can_register=can(current_user, "event.register", event),
        is_over=event.ends_at <= utcnow(),
        can_manage=can(current_user, "event.manage", event),
        tracks=tracks,
        recording=queries.recordings_for(current_user, [event]).get(event.id),
        prework=[p for p in event.prework if can(current_user, "resource.view", p.resource)],
        prework_course=_prework_course(event),
        page_meta=public_meta("event.view", event, event.title, event.summary, "events.detail", slug=event.slug),
    )


def _prework_course(event):
    from ..courses.models import Course

    course = db.session.get(Course, event.prework_course_id) if event.prework_course_id else None
    return course if course is not None and can(current_user, "course.view", course) else None


@bp.get("/events/<slug>.ics")
def event_calendar(slug: str):
    event = queries.get_event(current_user, slug)
    registration = queries.registration_of(current_user, event)
    with_link = queries.may_see_join_link(current_user, event, registration)
    return _calendar_response(build_calendar([event], join_link=lambda _: with_link), event_filename(event))


@bp.post("/events/<slug>/register")
@login_required
def register(slug: str):
    event = queries.get_event(current_user, slug)
    registration = service.register(current_user, event)
    if registration.is_registered:
        flash("You are registered. We have e-mailed you the details and a calendar file.", "success")
    else:
        flash(f"The event is full: you are number {waitlist_position(registration)} on the waiting list.", "info")
    return redirect(url_for("events.detail", slug=event.slug))


@bp.post("/events/<slug>/cancel")
@login_required
def cancel(slug: str):
    event = queries.get_event(current_user, slug)
    service.cancel(current_user, event)
    flash("Your registration is cancelled.", "success")
    return redirect(url_for("events.detail", slug=event.slug))
