"""PLACEHOLDER: replaced by the admin work."""
from flask import Blueprint, abort

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
def index():
    abort(404)
