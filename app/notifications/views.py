"""PLACEHOLDER: replaced by the notifications work."""
from flask import Blueprint, abort

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
def index():
    abort(404)
