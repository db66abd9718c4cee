"""URL converters shared by every blueprint."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

# The largest id an INTEGER column holds on PostgreSQL: a larger one in a URL is simply missing.
MAX_ID = 2**31 - 1


class BoundedIntConverter(IntegerConverter):
    """``<int:…>`` that refuses numbers no database id can have (404, not a database error)."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def register_converters(app: Flask) -> None:
    app.url_map.converters["int"] = BoundedIntConverter
