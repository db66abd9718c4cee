"""``flask events send-reminders``: for cron (idempotent: each person is reminded once)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..extensions import db
from .reminders import send_reminders


@click.group("events", help="Events: reminders.")
def cli() -> None:
    pass


@cli.command("send-reminders")
@with_appcontext
def send_reminders_command() -> None:
    """Mail registrants of events starting within 24 hours (each once)."""
    sent = send_reminders()
    db.session.commit()
    click.echo(f"Reminders sent: {sent}")
