"""``flask mail send``: deliver what is due, for cron or when no worker runs."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from .delivery import deliver_due, pending_count


@click.group("mail", help="The outgoing mail queue.")
def cli() -> None:
    pass


@cli.command("send")
@with_appcontext
def send() -> None:
    """Deliver every message that is due (safe beside running workers: messages are claimed)."""
    report = deliver_due()
    click.echo(f"Sent {report.sent} message(s); {report.retrying} to retry later; {report.failed} given up.")
    click.echo(f"{pending_count()} message(s) still queued.")
    if report.failed:
        raise SystemExit(1)
