"""The API's blueprint (``/api/v1``), its hooks and error handlers; view modules add routes to it."""

from __future__ import annotations

from flask import Blueprint

from ..extensions import csrf
from . import errors
from .auth import protect_session_writes

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Token requests carry no CSRF token; session requests are checked by ``protect_session_writes``.
csrf.exempt(bp)
bp.before_request(protect_session_writes)
errors.register(bp)
