"""The directory's data pages: CSV and JSON exports, and platform adoption statistics (public)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, redirect, render_template, request, url_for

from ..orgs.models import ORG_TYPE_LABELS, PLATFORM_LABELS
from ..orgs.service import DirectoryFilters
from ..orgs.validation import clean_text
from . import exports, stats

bp = Blueprint("directory", __name__)


def _filters() -> DirectoryFilters:
    def arg(name: str, allowed: dict[str, str] | None = None) -> str:
        value = clean_text(request.args.get(name, ""))[:100]
        return "" if allowed is not None and value not in allowed else value

    return DirectoryFilters(
        q=arg("q"),
        type=arg("type", ORG_TYPE_LABELS),
        country=arg("country"),
        region=arg("region"),
        platform=arg("platform", PLATFORM_LABELS),
    )


@bp.get("/directory")
def index():
    """The directory is the member organisations' page; this address keeps the filters."""
    filters: dict[str, Any] = request.args.to_dict()
    return redirect(url_for("orgs.directory", **filters))


@bp.get("/directory.csv")
def export_csv():
    response = Response(exports.as_csv(_filters()), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="directory.csv"'
    return response


@bp.get("/directory.json")
def export_json():
    return jsonify(exports.as_json(_filters()))


@bp.get("/directory/stats")
def adoption_stats():
    return render_template("directory/stats.html", stats=stats.adoption(), platforms=PLATFORM_LABELS)
