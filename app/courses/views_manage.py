"""Course authoring for network staff: a new course, and lessons (with an optional quiz)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..errors import ValidationError
from ..form_errors import show_errors
from ..permissions import require
from . import queries, service
from .blueprint import bp
from .forms import CourseForm, LessonForm, parse_quiz


@bp.route("/courses/new", methods=["GET", "POST"])
@login_required
def create():
    require(current_user, "course.build")
    form = CourseForm()
    if request.method == "POST" and form.validate():
        try:
            course = service.create_course(
                current_user,
                form.title.data or "",
                form.summary.data or "",
                form.description.data or "",
                visibility=form.visibility.data or "",
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            flash("The course is published. Add its lessons.", "success")
            return redirect(url_for("courses.add_lesson", slug=course.slug))
    return render_template("courses/form.html", form=form), 422 if request.method == "POST" else 200


@bp.route("/courses/<slug>/lessons/new", methods=["GET", "POST"])
@login_required
def add_lesson(slug: str):
    course = queries.get_course(current_user, slug)
    require(current_user, "course.build", course)
    form = LessonForm()
    if request.method == "POST" and form.validate():
        try:
            data = service.LessonInput(
                form.title.data or "",
                form.body.data or "",
                form.minutes.data or 10,
                questions=parse_quiz(form.quiz.data or ""),
            )
            service.add_lesson(current_user, course, data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            flash("Lesson added.", "success")
            return redirect(url_for("courses.add_lesson", slug=course.slug))
    status = 422 if request.method == "POST" else 200
    return render_template("courses/lesson_form.html", form=form, course=course), status
