"""PLACEHOLDER: replaced by the accounts work (issue 2)."""
from flask import Blueprint, abort

bp = Blueprint("accounts", __name__)


@bp.route("/auth/login", methods=["GET", "POST"])
def login():
    abort(404)


@bp.route("/auth/register", methods=["GET", "POST"])
def register():
    abort(404)


@bp.post("/auth/logout")
def logout():
    abort(404)


@bp.get("/account/settings")
def settings():
    abort(404)


@bp.get("/users/<int:user_id>")
def profile(user_id: int):
    abort(404)
