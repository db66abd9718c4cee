"""The library's pages, split by audience; every module adds its routes to one blueprint.

``display_views`` (reading, revisions, feeds), ``reader_views`` (bookmarks, helpful votes),
``authoring_views`` (create, edit, workflow), ``moderation_views`` (moderators' decisions),
``collection_views`` and ``file_views`` (attachments and downloads). The admins' topic pages are
in ``app/admin/topic_views.py``. Views are thin: parse the form, call a service, then render or
redirect; the request's unit of work commits (``app/unit_of_work.py``).
"""

from __future__ import annotations

from . import (  # noqa: F401  (their routes join the blueprint)
    authoring_views,
    collection_views,
    display_views,
    file_views,
    moderation_views,
    reader_views,
)
from .blueprint import bp

__all__ = ["bp"]
