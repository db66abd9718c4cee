"""The versioned JSON API: the same services as the HTML pages, JSON in and out."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
