"""``flask search reindex | sync | worker | check | query``."""

from __future__ import annotations

import json
import time

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_login import AnonymousUserMixin

from ..api.search import results_json
from ..worker.cli import run_worker
from ..worker.steps import WORKER_STEPS
from . import indexer, service
from .backend import IndexBusy


@click.group("search", help="Keep the search index in step with the database, and query it.")
def cli() -> None:
    pass


@cli.command("reindex")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@with_appcontext
def reindex(quiet: bool) -> None:
    """Build a complete new index beside the live one, then swap it in."""
    total = indexer.candidate_count()
    started = time.monotonic()
    try:
        if quiet:
            name = indexer.reindex()
        else:
            with click.progressbar(length=total, label="Indexing", show_pos=True) as bar:
                name = indexer.reindex(bar.update)
    except IndexBusy as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Index {name} is live ({time.monotonic() - started:.1f} s).")


@cli.command("sync")
@click.option("--wait", default=30.0, show_default=True, help="Seconds to wait for a busy index writer.")
@with_appcontext
def sync(wait: float) -> None:
    """Apply pending outbox rows to the index."""
    report = indexer.sync(lock_timeout=wait)
    if report.busy:
        raise click.ClickException("Another process is writing the index; the rows stay queued. Try again.")
    click.echo(f"Applied {report.applied} change(s).")
    if report.failed:
        raise click.ClickException(f"{report.failed} change(s) failed and stay queued (see the log).")


@cli.command("worker")
@click.option("--interval", type=float, default=None, help="Seconds between polls when idle (WORKER_POLL_SECONDS).")
@click.option(
    "--only",
    type=click.Choice(list(WORKER_STEPS)),
    multiple=True,
    help="Run only these loops (repeatable); by default all of them.",
)
@with_appcontext
def worker(interval: float | None, only: tuple[str, ...]) -> None:
    """A dedicated worker: drains the search outbox, the mail outbox and the job queue, and runs the
    periodic tasks (reminders, link checks) when due, until stopped.

    Any number may run at once (work is claimed, never done twice); each may be killed at any
    moment without loss.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    run_worker(app, interval or float(app.config["WORKER_POLL_SECONDS"]), only or tuple(WORKER_STEPS))


@cli.command("check")
@click.option("--show", default=20, show_default=True, help="How many keys to list for each kind of difference.")
@with_appcontext
def check(show: int) -> None:
    """Compare the index with the database; exit status 1 where they differ."""
    report = indexer.check()
    click.echo(f"Index: {report.indexed} document(s); database: {report.expected}; queued changes: {report.pending}.")
    for label, keys in (("missing", report.missing), ("orphaned", report.orphaned), ("stale", report.stale)):
        if keys:
            shown = ", ".join(keys[:show]) + (" …" if len(keys) > show else "")
            click.echo(f"{len(keys)} {label}: {shown}")
    if report.clean:
        click.echo("The index matches the database.")
        return
    click.echo("Run `flask search sync` (or `flask search reindex`) to repair.")
    raise SystemExit(1)


@cli.command("query")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print JSON as the API returns it.")
@click.option("--limit", default=10, show_default=True)
@with_appcontext
def query(text: str, as_json: bool, limit: int) -> None:
    """Run a search as a visitor would."""
    results = service.search(AnonymousUserMixin(), text, per_page=limit, record=False)
    if results.unavailable:
        raise click.ClickException(f"Search is not available: {results.reason}")
    if as_json:
        click.echo(json.dumps(results_json(results), indent=2, ensure_ascii=False))
        return
    if results.truncated:
        click.echo(f"(query cut to {len(results.query)} characters)")
    click.echo(f"{results.total} result(s) for {results.query!r}")
    if results.suggestion:
        click.echo(f"Did you mean: {results.suggestion}")
    for hit in results.hits:
        click.echo(f"  [{hit.type}] {hit.title}  {hit.url}  ({hit.score})")
