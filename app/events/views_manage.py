"""What organisers do: create and edit events, the agenda, the recording, the attendee list
(CSV, attendance, messages). Every rule is ``event.create`` / ``event.manage``."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms import SelectChoice

from ..errors import NotFound, PermissionDenied, ValidationError
from ..extensions import db
from ..form_errors import show_errors
from ..library.models import Resource
from ..orgs.models import Organisation
from ..permissions import approved_memberships, can, require
from ..roles import is_network_staff
from . import queries, service
from .blueprint import bp
from .forms import EventForm, MessageForm, PreworkForm, RecordingForm, SessionForm
from .models import Event
from .timezones import from_local, local, viewer_zone

NETWORK = "network"


def _hosts() -> list[SelectChoice]:
    hosts = [SelectChoice(NETWORK, "The network")] if is_network_staff(current_user) else []
    hosts += [
        SelectChoice(str(m.organisation.id), m.organisation.name)
        for m in approved_memberships(current_user)
        if can(current_user, "event.create", m.organisation)
    ]
    return hosts


def _host(choice: str) -> Organisation | None:
    if choice == NETWORK:
        return None
    org = db.session.get(Organisation, int(choice)) if choice.isdigit() else None
    if org is None:
        raise PermissionDenied()
    return org


def _event_input(form: EventForm) -> service.EventInput:
    zone_name = form.timezone.data or "UTC"
    return service.EventInput(
        title=form.title.data or "",
        kind=form.kind.data or "",
        summary=form.summary.data or "",
        description=form.description.data or "",
        timezone=zone_name,
        starts_at=from_local(form.starts_at.data, zone_name),
        ends_at=from_local(form.ends_at.data, zone_name),
        format=form.format.data or "",
        join_url=form.join_url.data or "",
        venue=form.venue.data or "",
        address=form.address.data or "",
        capacity=form.capacity.data,
        visibility=form.visibility.data or "",
        platforms=tuple(form.platforms.data or ()),
    )


@bp.route("/events/new", methods=["GET", "POST"])
@login_required
def create():
    require(current_user, "event.create")
    form = EventForm()
    form.host.choices = _hosts()
    if not form.host.choices:
        raise PermissionDenied()
    if request.method == "GET":
        form.timezone.data = current_user.timezone or "America/New_York"
        return render_template("events/form.html", form=form, event=None)
    if not form.validate():
        return render_template("events/form.html", form=form, event=None), 422
    try:
        event = service.create_event(current_user, _host(form.host.data), _event_input(form))
    except ValidationError as error:
        show_errors(form, error)
        return render_template("events/form.html", form=form, event=None), 422
    flash("The event is published.", "success")
    return redirect(url_for("events.detail", slug=event.slug))


def _managed(slug: str) -> Event:
    event = queries.get_event(current_user, slug)
    require(current_user, "event.manage", event)
    return event


@bp.route("/events/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    event = _managed(slug)
    form = EventForm(obj=None if request.method == "POST" else event)
    form.host.choices = [SelectChoice("current", event.host_name)]
    form.host.data = "current"
    if request.method == "GET":
        form.description.data = event.description_source
        form.starts_at.data = local(event.starts_at, event.timezone).replace(tzinfo=None)
        form.ends_at.data = local(event.ends_at, event.timezone).replace(tzinfo=None)
        form.platforms.data = [value for value, _ in event.platforms]
        return render_template("events/form.html", form=form, event=event)
    if not form.validate():
        return render_template("events/form.html", form=form, event=event), 422
    try:
        service.update_event(current_user, event, _event_input(form))
    except ValidationError as error:
        show_errors(form, error)
        return render_template("events/form.html", form=form, event=event), 422
    flash("The event is updated.", "success")
    return redirect(url_for("events.detail", slug=event.slug))


@bp.post("/events/<slug>/cancel-event")
@login_required
def cancel_event(slug: str):
    event = _managed(slug)
    service.cancel_event(current_user, event)
    flash("The event is cancelled. Calendars that subscribed will show it as cancelled.", "success")
    return redirect(url_for("events.detail", slug=event.slug))


def _manage_page(event: Event, status: int = 200, **forms):
    context = {
        "message_form": MessageForm(prefix="message"),
        "session_form": SessionForm(prefix="session"),
        "recording_form": RecordingForm(prefix="recording"),
        "prework_form": PreworkForm(prefix="prework"),
        **forms,
    }
    return render_template(
        "events/manage.html",
        event=event,
        attendees=queries.attendees(current_user, event),
        counts=queries.counts(event),
        zone_name=viewer_zone(current_user, event.timezone),
        **context,
    ), status


@bp.get("/events/<slug>/attendees")
@login_required
def attendees(slug: str):
    return _manage_page(_managed(slug))


@bp.get("/events/<slug>/attendees.csv")
@login_required
def attendees_csv(slug: str):
    event = _managed(slug)
    response = Response(service.attendees_csv(current_user, event), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{event.slug}-attendees.csv"'
    return response


@bp.post("/events/<slug>/attendees/<int:registration_id>/attendance")
@login_required
def attendance(slug: str, registration_id: int):
    event = _managed(slug)
    service.mark_attendance(current_user, event, registration_id, request.form.get("attended") == "1")
    return redirect(url_for("events.attendees", slug=event.slug))


@bp.post("/events/<slug>/message")
@login_required
def message(slug: str):
    event = _managed(slug)
    form = MessageForm(prefix="message")
    if not form.validate():
        return _manage_page(event, 422, message_form=form)
    sent = service.message_attendees(
        current_user, event, form.subject.data or "", form.body.data or "", include_waitlist=form.include_waitlist.data
    )
    flash(f"Message sent to {sent} {'person' if sent == 1 else 'people'}.", "success")
    return redirect(url_for("events.attendees", slug=event.slug))


@bp.post("/events/<slug>/sessions")
@login_required
def add_session(slug: str):
    event = _managed(slug)
    form = SessionForm(prefix="session")
    if not form.validate():
        return _manage_page(event, 422, session_form=form)
    speakers = [
        service.SpeakerInput(name=name.strip()) for name in (form.speakers.data or "").split(",") if name.strip()
    ]
    data = service.SessionInput(
        title=form.title.data or "",
        track=form.track.data or "",
        room=form.room.data or "",
        starts_at=from_local(form.starts_at.data, event.timezone),
        ends_at=from_local(form.ends_at.data, event.timezone),
        speakers=_link_speakers(speakers),
    )
    try:
        service.add_session(current_user, event, data)
    except ValidationError as error:
        show_errors(form, error)
        return _manage_page(event, 422, session_form=form)
    flash("Session added to the agenda.", "success")
    return redirect(url_for("events.attendees", slug=event.slug))


def _link_speakers(speakers: list[service.SpeakerInput]) -> list[service.SpeakerInput]:
    """A speaker written as a member's e-mail address becomes that member (their profile)."""
    from ..accounts.models import User

    for speaker in speakers:
        if "@" in speaker.name:
            user = db.session.query(User).filter_by(email=speaker.name.lower()).one_or_none()
            if user is not None and user.is_active:
                speaker.user = user
    return [s for s in speakers if s.user is not None or "@" not in s.name]


def _resource_from(address: str) -> Resource | None:
    """A library resource from its address (``…/library/<slug>``) or its slug."""
    slug = address.strip().rstrip("/").rsplit("/", 1)[-1]
    return db.session.query(Resource).filter_by(slug=slug).one_or_none()


@bp.post("/events/<slug>/prework")
@login_required
def add_prework(slug: str):
    event = _managed(slug)
    form = PreworkForm(prefix="prework")
    if not form.validate():
        return _manage_page(event, 422, prework_form=form)
    resource = _resource_from(form.resource.data or "")
    try:
        if resource is None:
            raise NotFound("No library resource by that address.")
        service.add_prework(current_user, event, resource, form.note.data or "")
    except NotFound as error:
        form.resource.errors = [*form.resource.errors, error.message]
        return _manage_page(event, 422, prework_form=form)
    except ValidationError as error:
        show_errors(form, error)
        return _manage_page(event, 422, prework_form=form)
    flash("Pre-work added.", "success")
    return redirect(url_for("events.attendees", slug=event.slug))


@bp.post("/events/<slug>/recording")
@login_required
def recording(slug: str):
    event = _managed(slug)
    form = RecordingForm(prefix="recording")
    if not form.validate():
        return _manage_page(event, 422, recording_form=form)
    resource = _resource_from(form.resource.data or "")
    try:
        if resource is None:
            raise NotFound()
        service.link_recording(current_user, event, resource)
    except (NotFound, ValidationError) as error:
        form.resource.errors = [*form.resource.errors, *getattr(error, "fields", {}).get("resource", [error.message])]
        return _manage_page(event, 422, recording_form=form)
    flash("The recording is linked to the event.", "success")
    return redirect(url_for("events.detail", slug=event.slug))
