"""``flask users …``: account commands for operators.

``create-admin`` is how the first admin of a production site comes to exist, so the password
is never an argument (it would sit in the shell history and the process list): it is asked
for twice at a terminal, or read from standard input when that is a pipe.
"""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from ..errors import DomainError, ValidationError
from ..extensions import db
from . import service

cli = click.Group("users", help="Manage user accounts.")


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def read_password() -> str:
    """From a hidden prompt with confirmation, or the first line of piped stdin.

    A second piped line, when present, must repeat the first (as a typed confirmation would).
    """
    if stdin_is_terminal():
        return click.prompt("Password", hide_input=True, confirmation_prompt="Confirm password")
    lines = sys.stdin.read().split("\n")
    lines = [line.removesuffix("\r") for line in lines]
    password = lines[0] if lines else ""
    if len(lines) > 1 and lines[1] and lines[1] != password:
        raise click.ClickException("The two passwords on standard input do not match.")
    return password


@cli.command("create-admin")
@click.argument("email")
@click.option("--name", help="Display name of a new account (default: the part of EMAIL before @).")
@with_appcontext
def create_admin(email: str, name: str | None) -> None:
    """Create a verified admin account for EMAIL, or make the existing account an admin."""
    existing = service.find_user_by_email(email)
    password = None if existing is not None else read_password()
    try:
        user, created = service.create_admin(email, password, name=name)
    except ValidationError as error:
        db.session.rollback()
        messages = [message for field in error.fields.values() for message in field] or [error.message]
        raise click.ClickException(" ".join(messages)) from None
    db.session.commit()
    if created:
        click.echo(f"Created admin {user.email}.")
    else:
        click.echo(f"{user.email} is now an admin; the password is unchanged.")


@cli.command("token")
@click.argument("email")
@click.option("--scope", type=click.Choice(["read", "write"]), default="read", show_default=True)
@click.option("--name", default="Command line", show_default=True, help="What the token is for.")
@with_appcontext
def token(email: str, scope: str, name: str) -> None:
    """Make an API token for EMAIL; the token is printed once, on the last line."""
    from ..api.tokens import create_token_for

    try:
        made = create_token_for(email, scope, name)
    except DomainError as error:
        db.session.rollback()
        messages = [m for field in getattr(error, "fields", {}).values() for m in field] or [error.message]
        raise click.ClickException(" ".join(messages)) from None
    db.session.commit()
    click.echo(f"Made a {scope} token “{made.token.name}” for {made.token.user.email}. It is shown only now:")
    click.echo(made.secret)
