"""Registers every domain's ``flask`` command group (each module exposes a click group ``cli``)."""

from __future__ import annotations

from importlib import import_module

from flask import Flask

CLI_MODULES = (
    "app.accounts.cli",  # flask users …
    "app.seed.cli",  # flask seed demo | scale
    "app.notifications.cli",  # flask notifications send-digests
    "app.search.cli",  # flask search reindex | sync | worker | check | query
    "app.mail.cli",  # flask mail send
    "app.jobs.cli",  # flask jobs run
    "app.library.cli",  # flask library import
    "app.directory.cli",  # flask directory check
    "app.events.cli",  # flask events send-reminders
)


def register_cli(app: Flask) -> None:
    for name in CLI_MODULES:
        app.cli.add_command(import_module(name).cli)
