"""The courses blueprint, shared by learners' views (``views``) and authors' (``views_manage``)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("courses", __name__)
