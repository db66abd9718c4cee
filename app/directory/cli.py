"""``flask directory check``: verify the directory's channel links now (cron or by hand)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..extensions import db
from .checking import check_channels, due_channels


@click.group("directory", help="The channel directory.")
def cli() -> None:
    pass


@cli.command("check")
@click.option("--all", "everything", is_flag=True, help="Check every channel, not only those due.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many channels.")
@with_appcontext
def check(everything: bool, limit: int | None) -> None:
    """Check the channels due (never checked, or not within LINK_CHECK_INTERVAL); commits once."""
    channels = due_channels(limit, everything=everything)
    summary = check_channels(channels)
    db.session.commit()
    click.echo(
        f"Checked {summary.checked} channel{'s' if summary.checked != 1 else ''}: {summary.ok} verified, "
        f"{summary.broken} broken ({len(summary.newly_broken)} newly), {summary.inconclusive} inconclusive."
    )
