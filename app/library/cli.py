"""``flask library …``: the library's commands."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from . import importer
from .review_dates import send_due_review_reminders

MAX_PROBLEMS_SHOWN = 1000


@click.group("library", help="Manage the shared library.")
def cli() -> None:
    pass


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--batch-size",
    default=500,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Commit after this many lines.",
)
@with_appcontext
def import_command(file: Path, batch_size: int) -> None:
    """Import resources from FILE (JSON Lines or CSV), idempotent by external_id.

    Bad lines are reported with their line number and skipped; the others are kept. Exits with
    status 1 when any line was skipped.
    """
    fmt = importer.detect_format(file)
    total = importer.count_lines(file)
    click.echo(f"Importing {file.name} ({'JSON Lines' if fmt == 'jsonl' else 'CSV'}, {total:,} lines)…")
    with click.progressbar(length=total, label="Importing", show_pos=True) as bar:
        report = importer.import_file(file, batch_size=batch_size, progress=bar.update)
    for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
        click.echo(f"Skipped {problem}", err=True)
    if len(report.problems) > MAX_PROBLEMS_SHOWN:
        click.echo(f"… and {len(report.problems) - MAX_PROBLEMS_SHOWN:,} more skipped lines.", err=True)
    for notice in report.notices[:MAX_PROBLEMS_SHOWN]:
        click.echo(f"Note: {notice}", err=True)
    click.echo(report.summary())
    if report.skipped:
        raise SystemExit(1)


@cli.command("review-reminders")
@with_appcontext
def review_reminders_command() -> None:
    """Remind authors and organisation admins of resources coming due for review (safe to rerun)."""
    run = send_due_review_reminders()
    click.echo(
        f"Reminded about {run.resources} resource{'s' if run.resources != 1 else ''} "
        f"({run.notices} notice{'s' if run.notices != 1 else ''})."
    )
