from __future__ import annotations

import time
from importlib import import_module

import click
from flask import current_app
from flask.cli import with_appcontext

from ..accounts.models import User
from ..config import is_production
from ..discussions.scale import seed_scale_threads
from ..extensions import db
from ..library.scale import seed_scale
from .marker import mark_demo_database

# Each step is "module:function"; a function takes no arguments, is idempotent, flushes, and
# returns lines to print (for example the demo sign-ins). Domains append their step here.
DEMO_STEPS = (
    "app.orgs.seed:seed_network",
    "app.library.seed:seed_library",
    "app.discussions.seed:seed_discussions",
    "app.moderation.seed:seed_moderation",
    "app.events.seed:seed_learning",
    "app.content_requests.seed:seed_requests",
)


@click.group("seed", help="Create demo or synthetic data.")
def cli() -> None:
    pass


@cli.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the network already has users.")
@with_appcontext
def demo(if_empty: bool) -> None:
    """Build a believable demo network (idempotent). Refuses to run in production."""
    if is_production(current_app):
        raise click.ClickException("The demo seed refuses to run in production (SMHN_ENV=production).")
    if if_empty:
        if db.session.query(User.id).first() is not None:
            click.echo("The database already has users: demo seed skipped.")
            return
    mark_demo_database()
    for step in DEMO_STEPS:
        module_name, _, function_name = step.partition(":")
        lines = getattr(import_module(module_name), function_name)() or []
        db.session.commit()
        for line in lines:
            click.echo(line)


@cli.command("scale")
@click.option("--resources", default=0, show_default=True, type=click.IntRange(0), help="How many resources to add.")
@click.option("--threads", default=0, show_default=True, type=click.IntRange(0), help="How many threads to add.")
@click.option(
    "--organisations",
    default=50,
    show_default=True,
    type=click.IntRange(1),
    help="Invent organisations until at least this many are approved.",
)
@click.option("--seed", "random_seed", default=7, show_default=True, help="Random seed (same seed, same text).")
@click.option("--batch-size", default=1000, show_default=True, type=click.IntRange(1, 50_000))
@click.option("--no-outbox", is_flag=True, help="Write no search outbox rows; run `flask search reindex` afterwards.")
@with_appcontext
def scale(resources: int, threads: int, organisations: int, random_seed: int, batch_size: int, no_outbox: bool) -> None:
    """Add synthetic data at scale for benchmarks (each run adds more). Refuses to run in production."""

    if is_production(current_app):
        raise click.ClickException("The scale seed refuses to run in production (SMHN_ENV=production).")
    if resources:
        started = time.monotonic()
        with click.progressbar(length=resources, label="Resources", show_pos=True) as bar:
            made = seed_scale(
                resources,
                seed=random_seed,
                organisations=organisations,
                batch_size=batch_size,
                enqueue=not no_outbox,
                progress=bar.update,
            )
        seconds = time.monotonic() - started
        click.echo(f"Added {made:,} synthetic resources in {seconds:.1f} s ({made / max(seconds, 0.001):,.0f}/s).")
        click.echo(
            "Run `flask search reindex` to index them" + (" (no outbox rows were written)." if no_outbox else ".")
        )
    if threads:
        with click.progressbar(length=threads, label="Threads", show_pos=True) as bar:
            made = seed_scale_threads(threads, seed=random_seed, progress=bar.update)
        click.echo(f"Added {made:,} synthetic threads.")
