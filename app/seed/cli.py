from __future__ import annotations

from importlib import import_module

import click
from flask import current_app
from flask.cli import with_appcontext

from ..config import is_production
from ..extensions import db

# Each step is "module:function"; a function takes no arguments, is idempotent, flushes, and
# returns lines to print (for example the demo sign-ins). Domains append their step here.
DEMO_STEPS = (
    "app.orgs.seed:seed_network",
    "app.library.seed:seed_library",
    "app.discussions.seed:seed_discussions",
    "app.moderation.seed:seed_moderation",
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
        from ..accounts.models import User

        if db.session.query(User.id).first() is not None:
            click.echo("The database already has users: demo seed skipped.")
            return
    for step in DEMO_STEPS:
        module_name, _, function_name = step.partition(":")
        lines = getattr(import_module(module_name), function_name)() or []
        db.session.commit()
        for line in lines:
            click.echo(line)
