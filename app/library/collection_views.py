"""Collections: curated lists of resources, shown to all and managed by moderators."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms import SelectChoice

from ..errors import ValidationError
from ..form_errors import FORM_ERROR_STATUS, error_text, show_errors
from ..permissions import can, require
from ..unit_of_work import attempt
from . import curation, queries
from .blueprint import bp
from .forms import (
    CollectionForm,
    CollectionItemForm,
    ItemNoteForm,
)

# --- Collections ------------------------------------------------------------------------


@bp.get("/library/collections")
def collections():
    return render_template(
        "library/collections.html",
        collections=curation.list_collections(current_user),
        form=CollectionForm() if can(current_user, "collection.manage") else None,
    )


@bp.post("/library/collections")
@login_required
def create_collection():
    require(current_user, "collection.manage")
    form = CollectionForm()
    form.validate()
    try:
        with attempt():
            collection = curation.create_collection(current_user, form.title.data or "", form.description.data or "")
    except ValidationError as error:
        show_errors(form, error)
        return render_template(
            "library/collections.html", collections=curation.list_collections(current_user), form=form
        ), FORM_ERROR_STATUS
    flash("Collection created. Add resources to it below.", "success")
    return redirect(url_for("library.collection", slug=collection.slug))


@bp.get("/library/collections/<slug>")
def collection(slug: str):
    item = curation.get_collection(slug)
    manage = can(current_user, "collection.manage")
    add_form = edit_form = None
    if manage:
        add_form = CollectionItemForm()
        add_form.resource.choices = _collection_choices(item)
        edit_form = CollectionForm(data={"title": item.title, "description": item.description})
    return render_template(
        "library/collection.html",
        collection=item,
        items=curation.collection_items(current_user, item),
        manage=manage,
        add_form=add_form,
        edit_form=edit_form,
        find_query=request.args.get("q", "")[:100],
    )


def _collection_choices(collection) -> list[tuple[int, str]]:
    present = {i.resource_id for i in collection.items}
    return [
        SelectChoice(r.id, r.title)
        for r in curation.resource_choices(current_user, request.args.get("q", ""), limit=200)
        if r.id not in present
    ]


@bp.post("/library/collections/<slug>/edit")
@login_required
def edit_collection(slug: str):
    require(current_user, "collection.manage")
    item = curation.get_collection(slug)
    form = CollectionForm()
    form.validate()
    try:
        with attempt():
            curation.edit_collection(current_user, item, form.title.data or "", form.description.data or "")
    except ValidationError as error:
        flash(error_text(error), "error")
        return redirect(url_for("library.collection", slug=slug))
    flash("Collection saved.", "success")
    return redirect(url_for("library.collection", slug=item.slug))


@bp.post("/library/collections/<slug>/delete")
@login_required
def delete_collection(slug: str):
    require(current_user, "collection.manage")
    curation.delete_collection(current_user, curation.get_collection(slug))
    flash("Collection deleted.", "success")
    return redirect(url_for("library.collections"))


@bp.post("/library/collections/<slug>/items")
@login_required
def add_collection_item(slug: str):
    require(current_user, "collection.manage")
    item = curation.get_collection(slug)
    form = CollectionItemForm()
    form.resource.choices = _collection_choices(item)
    if not form.validate():
        flash("Choose a published resource to add.", "error")
        return redirect(url_for("library.collection", slug=slug))
    resource = queries.get_resource(current_user, form.resource.data)
    try:
        with attempt():
            curation.add_to_collection(current_user, item, resource, form.note.data or "")
    except ValidationError as error:
        flash(error_text(error), "error")
        return redirect(url_for("library.collection", slug=slug))
    flash("Added to the collection.", "success")
    return redirect(url_for("library.collection", slug=slug))


@bp.post("/library/collections/<slug>/items/<int:item_id>/note")
@login_required
def collection_item_note(slug: str, item_id: int):
    require(current_user, "collection.manage")
    form = ItemNoteForm()
    form.validate()
    try:
        with attempt():
            curation.set_item_note(current_user, curation.get_collection(slug), item_id, form.note.data or "")
    except ValidationError as error:
        flash(error_text(error), "error")
        return redirect(url_for("library.collection", slug=slug))
    flash("Note saved.", "success")
    return redirect(url_for("library.collection", slug=slug))


@bp.post("/library/collections/<slug>/items/<int:item_id>/move")
@login_required
def move_collection_item(slug: str, item_id: int):
    require(current_user, "collection.manage")
    curation.move_item(current_user, curation.get_collection(slug), item_id, request.form.get("direction", ""))
    return redirect(url_for("library.collection", slug=slug))


@bp.post("/library/collections/<slug>/items/<int:item_id>/remove")
@login_required
def remove_collection_item(slug: str, item_id: int):
    require(current_user, "collection.manage")
    curation.remove_from_collection(current_user, curation.get_collection(slug), item_id)
    flash("Removed from the collection.", "success")
    return redirect(url_for("library.collection", slug=slug))
