"""PLACEHOLDER: replaced by the discussions work."""
from flask import Blueprint, abort

bp = Blueprint("discussions", __name__, url_prefix="/discussions")


@bp.get("/")
def index():
    abort(404)
