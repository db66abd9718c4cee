"""The floor: a bare Flask route returning a short page, served like the app (gunicorn, 2 workers)."""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)

PAGE = "<!doctype html><html><head><title>Floor</title></head><body><p>Hello, network.</p></body></html>"


@app.get("/")
def floor() -> str:
    return PAGE
