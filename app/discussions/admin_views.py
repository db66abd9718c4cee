"""The admins' category pages at ``/admin/categories`` (the staff guard admits admins only)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..errors import NotFound, ValidationError
from ..extensions import db
from . import service
from .blueprint import bp, show_errors
from .forms import CategoryForm
from .models import Category


def _list_page(form: CategoryForm, status: int = 200):
    return render_template(
        "discussions/admin_categories.html", categories=service.all_categories(current_user), form=form
    ), status


@bp.route("/admin/categories", methods=["GET", "POST"])
@login_required
def admin_categories():
    form = CategoryForm()
    if not form.is_submitted():
        form.visibility.data = "public"
        return _list_page(form)
    if not form.validate_on_submit():
        return _list_page(form, 400)
    try:
        created = service.create_category(
            current_user,
            form.name.data or "",
            slug=form.slug.data or "",
            description=form.description.data or "",
            position=form.position.data,
            visibility=form.visibility.data or "",
        )
    except ValidationError as error:
        db.session.rollback()
        show_errors(form, error)
        return _list_page(form, 422)
    db.session.commit()
    flash(f"Category “{created.name}” created.", "success")
    return redirect(url_for("discussions.admin_categories"))


@bp.route("/admin/categories/<int(max=2147483647):category_id>", methods=["GET", "POST"])
@login_required
def admin_edit_category(category_id: int):
    service.all_categories(current_user)  # the permission check, before any lookup
    category = db.session.get(Category, category_id)
    if category is None:
        raise NotFound()
    form = CategoryForm(obj=category)
    if form.is_submitted():
        if not form.validate_on_submit():
            return render_template("discussions/admin_category_edit.html", category=category, form=form), 400
        try:
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
            db.session.rollback()
            show_errors(form, error)
            category = db.session.get(Category, category_id)
            return render_template("discussions/admin_category_edit.html", category=category, form=form), 422
        db.session.commit()
        flash(f"Category “{category.name}” saved.", "success")
        return redirect(url_for("discussions.admin_categories"))
    return render_template("discussions/admin_category_edit.html", category=category, form=form)
