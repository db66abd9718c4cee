"""PLACEHOLDER: replaced by the search work."""
from flask import Blueprint, abort

bp = Blueprint("search", __name__, url_prefix="/search")


@bp.get("/")
def search():
    abort(404)
