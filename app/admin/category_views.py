"""The discussion categories, managed by admins at ``/admin/categories``."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from ..discussions import service
from ..discussions.forms import CategoryForm
from ..discussions.models import Category
from ..errors import NotFound, ValidationError
from ..extensions import db
from ..form_errors import FORM_ERROR_STATUS, show_errors
from ..unit_of_work import attempt
from .blueprint import bp


def _list_page(form: CategoryForm, status: int = 200):
    return render_template("admin/categories.html", categories=service.all_categories(current_user), form=form), status


@bp.route("/categories", methods=["GET", "POST"])
def categories():
    form = CategoryForm()
    if not form.is_submitted():
        form.visibility.data = "public"
        return _list_page(form)
    if not form.validate_on_submit():
        return _list_page(form, FORM_ERROR_STATUS)
    try:
        with attempt():
            created = service.create_category(
                current_user,
                form.name.data or "",
                slug=form.slug.data or "",
                description=form.description.data or "",
                position=form.position.data,
                visibility=form.visibility.data or "",
            )
    except ValidationError as error:
        show_errors(form, error)
        return _list_page(form, FORM_ERROR_STATUS)
    flash(f"Category “{created.name}” created.", "success")
    return redirect(url_for("admin.categories"))


@bp.route("/categories/<int(max=2147483647):category_id>", methods=["GET", "POST"])
def edit_category(category_id: int):
    service.all_categories(current_user)  # the permission check, before any lookup
    category = db.session.get(Category, category_id)
    if category is None:
        raise NotFound()
    form = CategoryForm(obj=category)
    if form.is_submitted():
        if not form.validate_on_submit():
            return render_template("admin/category_edit.html", category=category, form=form), FORM_ERROR_STATUS
        try:
            with attempt():
                service.update_category(
                    current_user,
                    category,
                    form.name.data or "",
                    slug=form.slug.data or "",
                    description=form.description.data or "",
                    position=form.position.data if form.position.data is not None else category.position,
                    visibility=form.visibility.data or "",
                )
        except ValidationError as error:
            show_errors(form, error)
            category = db.session.get(Category, category_id)
            return render_template("admin/category_edit.html", category=category, form=form), FORM_ERROR_STATUS
        flash(f"Category “{category.name}” saved.", "success")
        return redirect(url_for("admin.categories"))
    return render_template("admin/category_edit.html", category=category, form=form)
