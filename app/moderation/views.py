"""PLACEHOLDER: replaced by the moderation work."""
from flask import Blueprint, abort

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


@bp.get("/")
def queue():
    abort(404)
