from __future__ import annotations

from flask import Blueprint, render_template

from ..orgs import service as orgs_service

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    return render_template("main/home.html", new_organisations=orgs_service.newest_organisations(limit=6))
