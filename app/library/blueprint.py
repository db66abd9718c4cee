"""The library's blueprint and what its view modules share.

No URL prefix: besides ``/library…`` it serves attachment downloads at ``/files/<id>/<name>``.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from . import queries
from .models import Resource

bp = Blueprint("library", __name__)

PER_PAGE = 20


def resource_for(slug: str) -> Resource:
    """The resource at ``slug`` for the current user (following old slugs). 404 if not visible."""
    return queries.lookup(current_user, slug).resource


def detail_url(resource: Resource) -> str:
    return url_for("library.detail", slug=resource.slug)


def act_and_redirect(slug: str, action: Callable[[Resource], object], message: str) -> Response:
    """Run one service action on the resource at ``slug``, then back to its page with ``message``."""
    resource = resource_for(slug)
    action(resource)
    flash(message, "success")
    return redirect(detail_url(resource))
