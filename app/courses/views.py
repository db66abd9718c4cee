"""Courses for learners: the catalogue, a course, its lessons, certificates; and an organisation
admin's view of their staff's progress."""

from __future__ import annotations

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..errors import NotFound, ValidationError
from ..extensions import db
from ..orgs.models import Organisation
from ..permissions import can
from ..sharing import public_meta
from . import queries, service, views_manage  # noqa: F401  (authoring routes join the blueprint)
from .blueprint import bp

__all__ = ["bp"]


@bp.get("/courses")
def index():
    return render_template(
        "courses/index.html",
        courses=queries.catalogue(current_user),
        enrolments=queries.my_enrolments(current_user) if current_user.is_authenticated else [],
    )


@bp.get("/courses/<slug>")
def detail(slug: str):
    course = queries.get_course(current_user, slug)
    enrolment = queries.enrolment_of(current_user, course)
    return render_template(
        "courses/detail.html",
        course=course,
        enrolment=enrolment,
        done=enrolment.done_lesson_ids if enrolment else set(),
        can_enrol=can(current_user, "course.enrol", course),
        page_meta=public_meta("course.view", course, course.title, course.summary, "courses.detail", slug=course.slug),
    )


@bp.post("/courses/<slug>/enrol")
@login_required
def enrol(slug: str):
    course = queries.get_course(current_user, slug)
    service.enrol(current_user, course)
    flash("You are enrolled. Your progress is saved lesson by lesson.", "success")
    first = course.lessons[0].position if course.lessons else None
    return redirect(
        url_for("courses.lesson", slug=slug, position=first) if first else url_for("courses.detail", slug=slug)
    )


def _lesson_page(course, lesson, status: int = 200, mistakes: list[int] | None = None, answers=None):
    enrolment = queries.enrolment_of(current_user, course)
    later = [item for item in course.lessons if item.position > lesson.position]
    return render_template(
        "courses/lesson.html",
        course=course,
        lesson=lesson,
        enrolment=enrolment,
        done=enrolment.done_lesson_ids if enrolment else set(),
        next_lesson=later[0] if later else None,
        resource=lesson.resource
        if lesson.resource is not None and can(current_user, "resource.view", lesson.resource)
        else None,
        mistakes=mistakes or [],
        answers=answers or {},
    ), status


@bp.get("/courses/<slug>/lessons/<int:position>")
def lesson(slug: str, position: int):
    course = queries.get_course(current_user, slug)
    return _lesson_page(course, service.lesson_at(course, position))


@bp.post("/courses/<slug>/lessons/<int:position>/complete")
@login_required
def complete(slug: str, position: int):
    course = queries.get_course(current_user, slug)
    lesson = service.lesson_at(course, position)
    answers = {key.removeprefix("q-"): value for key, value in request.form.items() if key.startswith("q-")}
    try:
        enrolment = service.complete_lesson(current_user, course, lesson, answers)
    except ValidationError as error:
        flash(error.message, "error")
        return _lesson_page(course, lesson, 422, [int(q) for q in error.fields.get("quiz", [])], answers)
    if enrolment.completed_at is not None and enrolment.certificate_code:
        flash("Course complete: here is your certificate.", "success")
        return redirect(url_for("courses.certificate", code=enrolment.certificate_code))
    later = [
        item for item in course.lessons if item.position > lesson.position and item.id not in enrolment.done_lesson_ids
    ]
    flash("Lesson complete.", "success")
    if later:
        return redirect(url_for("courses.lesson", slug=slug, position=later[0].position))
    return redirect(url_for("courses.detail", slug=slug))


@bp.get("/courses/certificates/<code>")
def certificate(code: str):
    enrolment = queries.certificate(code)
    return render_template(
        "courses/certificate.html", enrolment=enrolment, verification_url=service.verification_url(enrolment)
    )


@bp.get("/courses/certificates/<code>.pdf")
def certificate_pdf(code: str):
    enrolment = queries.certificate(code)
    body = service.certificate_pdf(enrolment, current_app.config.get("SITE_NAME", "Social Media Health Network"))
    response = Response(body, content_type="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="certificate-{enrolment.course.slug}.pdf"'
    return response


@bp.get("/courses/orgs/<slug>/progress")
@login_required
def staff_progress(slug: str):
    org = db.session.query(Organisation).filter_by(slug=slug).one_or_none()
    if org is None or not can(current_user, "org.view", org):
        raise NotFound()
    return render_template(
        "courses/staff_progress.html", organisation=org, rows=queries.staff_progress(current_user, org)
    )
