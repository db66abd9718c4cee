"""The events blueprint: readers' pages (``views_display``) and organisers' (``views_manage``)."""

from __future__ import annotations

from . import views_display, views_manage  # noqa: F401  (their routes join the blueprint)
from .blueprint import bp

__all__ = ["bp"]
