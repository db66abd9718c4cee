"""The library's topics, managed by admins at ``/admin/topics``."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..errors import ValidationError
from ..form_errors import FORM_ERROR_STATUS, error_text, show_errors
from ..library import curation
from ..library.forms import TopicForm
from ..permissions import require
from ..unit_of_work import attempt
from .blueprint import bp


@bp.route("/topics", methods=["GET", "POST"])
def topics():
    require(current_user, "topic.manage")
    form = TopicForm()
    status = 200
    if request.method == "POST":
        form.validate()
        try:
            with attempt():
                topic = curation.create_topic(current_user, form.name.data or "", form.group.data or "")
        except ValidationError as error:
            show_errors(form, error)
            status = FORM_ERROR_STATUS
        else:
            flash(f"Topic “{topic.name}” added.", "success")
            return redirect(url_for("admin.topics"))
    listed = curation.list_topics()
    return render_template(
        "admin/topics.html",
        form=form,
        topics=listed,
        usage=curation.topic_usage(),
        edit_forms={t.id: TopicForm(prefix=f"t{t.id}", data={"name": t.name, "group": t.group}) for t in listed},
    ), status


@bp.post("/topics/<int:topic_id>/edit")
def edit_topic(topic_id: int):
    require(current_user, "topic.manage")
    topic = curation.get_topic(topic_id)
    form = TopicForm(prefix=f"t{topic_id}")
    form.validate()
    try:
        with attempt():
            curation.update_topic(current_user, topic, form.name.data or "", form.group.data or "")
    except ValidationError as error:
        flash(error_text(error), "error")
        return redirect(url_for("admin.topics"))
    flash("Topic saved.", "success")
    return redirect(url_for("admin.topics"))


@bp.post("/topics/<int:topic_id>/delete")
def delete_topic(topic_id: int):
    require(current_user, "topic.manage")
    curation.delete_topic(current_user, curation.get_topic(topic_id))
    flash("Topic deleted.", "success")
    return redirect(url_for("admin.topics"))
