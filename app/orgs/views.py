"""PLACEHOLDER: replaced by the organisations work (issue 2)."""
from flask import Blueprint, abort

bp = Blueprint("orgs", __name__, url_prefix="/orgs")


@bp.get("/")
def directory():
    abort(404)


@bp.route("/apply", methods=["GET", "POST"])
def apply():
    abort(404)


@bp.get("/<slug>")
def profile(slug: str):
    abort(404)
