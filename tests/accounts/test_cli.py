"""``flask users create-admin EMAIL``: password from a prompt or stdin, never an argument."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts import cli as accounts_cli
from app.accounts.models import User
from app.accounts.passwords import password_matches
from app.extensions import db
from tests import factories

from .helpers import STRONG


def find(app, email: str) -> User | None:
    with app.app_context():
        return db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()


def test_creates_a_verified_admin_from_piped_stdin(app, runner):
    result = runner.invoke(args=["users", "create-admin", "Boss@Example.org"], input=f"{STRONG}\n{STRONG}\n")
    assert result.exit_code == 0, result.output
    assert "Created admin boss@example.org" in result.output
    admin = find(app, "boss@example.org")
    assert admin.is_admin and admin.is_verified
    assert password_matches(admin.password_hash, STRONG)
    assert STRONG not in result.output


def test_a_single_piped_line_is_enough(app, runner):
    result = runner.invoke(
        args=["users", "create-admin", "one@example.org", "--name", "Una Admin"], input=f"{STRONG}\n"
    )
    assert result.exit_code == 0, result.output
    assert find(app, "one@example.org").name == "Una Admin"


def test_prompts_twice_at_a_terminal(app, runner, monkeypatch):
    monkeypatch.setattr(accounts_cli, "stdin_is_terminal", lambda: True)
    result = runner.invoke(args=["users", "create-admin", "tty@example.org"], input=f"{STRONG}\n{STRONG}\n")
    assert result.exit_code == 0, result.output
    assert "Password:" in result.output and "Confirm password:" in result.output
    assert STRONG not in result.output
    assert find(app, "tty@example.org").is_admin


def test_mismatched_passwords_create_nothing(app, runner):
    result = runner.invoke(args=["users", "create-admin", "mis@example.org"], input=f"{STRONG}\n{STRONG}x\n")
    assert result.exit_code == 1
    assert "do not match" in result.output
    assert find(app, "mis@example.org") is None


def test_the_password_policy_applies(app, runner):
    result = runner.invoke(
        args=["users", "create-admin", "weak@example.org"], input="password123\npassword123\n"
    )
    assert result.exit_code == 1
    assert "most common" in result.output
    assert find(app, "weak@example.org") is None


def test_the_password_is_never_an_argument(app, runner):
    result = runner.invoke(args=["users", "create-admin", "arg@example.org", STRONG])
    assert result.exit_code == 2
    assert find(app, "arg@example.org") is None


def test_an_invalid_address_is_refused(app, runner):
    result = runner.invoke(args=["users", "create-admin", "not-an-address"], input=f"{STRONG}\n")
    assert result.exit_code == 1
    assert "valid email address" in result.output


def test_promotes_an_existing_account_and_keeps_its_password(app, runner):
    with app.app_context():
        factories.make_user("staff@example.org", verified=False)
        db.session.commit()
    result = runner.invoke(args=["users", "create-admin", "staff@example.org"], input="")
    assert result.exit_code == 0, result.output
    assert "now an admin" in result.output
    staff = find(app, "staff@example.org")
    assert staff.is_admin and staff.is_verified
    assert password_matches(staff.password_hash, factories.PASSWORD)


def test_works_in_production_too(app_factory, monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = app_factory(SMHN_ENV="production", TRUSTED_HOSTS=["localhost"])
    result = app.test_cli_runner().invoke(
        args=["users", "create-admin", "prod@example.org"], input=f"{STRONG}\n"
    )
    assert result.exit_code == 0, result.output
    assert find(app, "prod@example.org").is_admin
