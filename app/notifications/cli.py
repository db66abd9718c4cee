"""``flask notifications send-digests``: the daily e-mail digest, safe to run again at any time."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..extensions import db
from . import service


@click.group("notifications", help="Notification e-mail.")
def cli() -> None:
    pass


@cli.command("send-digests")
@with_appcontext
def send_digests() -> None:
    """E-mail each digest reader what they have not yet been sent (never the same item twice)."""
    users = service.users_with_pending_digest()
    sent_mails = items = 0
    for user_id in users:
        try:
            count = service.send_digest(user_id)
        except Exception as error:  # one failing address must not stop the others
            db.session.rollback()
            click.echo(f"User {user_id}: not sent ({type(error).__name__}); will retry next run.", err=True)
            continue
        db.session.commit()
        if count:
            sent_mails += 1
            items += count
    mails = f"{sent_mails} digest e-mail{'s' if sent_mails != 1 else ''}"
    click.echo(f"Sent {mails} with {items} notification{'s' if items != 1 else ''}.")
