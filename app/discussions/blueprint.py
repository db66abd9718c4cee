"""The discussions blueprint and the URL helpers its templates use.

Its routes live under ``/discussions``; the admins' category pages are in
``app/admin/category_views.py``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, url_for

bp = Blueprint("discussions", __name__)


@bp.app_template_global()
def thread_url(thread: Any, page: int | None = None, post_id: int | None = None) -> str:
    """``/discussions/<category-slug>/<id>-<slug>``, with ``?page=`` and ``#post-<id>`` if given."""
    values: dict[str, Any] = {
        "category_slug": thread.category.slug,
        "thread_id": thread.id,
        "thread_slug": thread.slug,
    }
    if page and page > 1:
        values["page"] = page
    if post_id:
        values["_anchor"] = f"post-{post_id}"
    return url_for("discussions.thread", **values)
