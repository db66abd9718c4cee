"""``flask jobs run``: run the background jobs that are due, then exit."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from .runner import pending_count, run_due


@click.group("jobs", help="The background job queue.")
def cli() -> None:
    pass


@cli.command("run")
@click.option("--limit", default=1000, show_default=True, help="Run at most this many jobs.")
@with_appcontext
def run(limit: int) -> None:
    """Run due jobs (safe beside running workers: jobs are claimed)."""
    ran = run_due(limit=limit)
    click.echo(f"Ran {ran} job(s); {pending_count()} still queued.")
