"""PLACEHOLDER: replaced by the library work."""
from flask import Blueprint, abort

bp = Blueprint("library", __name__, url_prefix="/library")


@bp.get("/")
def index():
    abort(404)
