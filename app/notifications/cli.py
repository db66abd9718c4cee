"""``flask notifications send-digests``: the daily e-mail digest, safe to run again at any time."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from . import service


@click.group("notifications", help="Notification e-mail.")
def cli() -> None:
    pass


@cli.command("send-digests")
@with_appcontext
def send_digests() -> None:
    """E-mail each digest reader what they have not yet been sent (never the same item twice)."""
    run = service.send_pending_digests()
    for user_id in run.failed_users:
        click.echo(f"User {user_id}: not sent; will retry next run.", err=True)
    mails = f"{run.mails} digest e-mail{'s' if run.mails != 1 else ''}"
    click.echo(f"Sent {mails} with {run.items} notification{'s' if run.items != 1 else ''}.")
