"""``flask seed demo``: the demo network, idempotent, with one sign-in per role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.models import User
from app.accounts.passwords import password_matches
from app.db_types import utcnow
from app.extensions import db
from app.orgs.models import JoinRequest, Membership, Organisation, SocialChannel
from app.orgs.seed import DEMO_PASSWORD, seed_network

ROLES = (
    "admin",
    "moderator",
    "organisation admin",
    "member",
    "member of two organisations",
    "outsider with a pending join request",
    "applicant with a pending application",
)


def _counts() -> dict[str, int]:
    models = {
        "users": User,
        "orgs": Organisation,
        "channels": SocialChannel,
        "memberships": Membership,
        "requests": JoinRequest,
    }
    return {
        name: db.session.execute(select(func.count()).select_from(model)).scalar_one() for name, model in models.items()
    }


@pytest.fixture
def orgs_step_only(monkeypatch):
    """Run the organisations step alone: other domains' steps have their own tests."""
    monkeypatch.setattr("app.seed.cli.DEMO_STEPS", ("app.orgs.seed:seed_network",))


def test_the_demo_network_is_believable_and_seeding_twice_changes_nothing(ctx, runner, orgs_step_only):
    assert runner.invoke(args=["seed", "demo"]).exit_code == 0
    first = _counts()
    second_run = runner.invoke(args=["seed", "demo"])

    assert second_run.exit_code == 0
    assert _counts() == first
    assert 140 <= first["users"] <= 170
    statuses = {
        row[0]: row[1]
        for row in db.session.execute(select(Organisation.status, func.count()).group_by(Organisation.status))
    }
    assert statuses["approved"] >= 38 and statuses["applied"] >= 3
    types = set(db.session.execute(select(Organisation.type).where(Organisation.status == "approved")).scalars())
    assert types == {"hospital", "nonprofit", "society", "patient_association", "agency", "other"}
    countries = set(db.session.execute(select(Organisation.country)).scalars())
    assert {"United States", "Canada", "United Kingdom", "Australia", "Ireland"} <= countries
    assert first["requests"] >= 5
    assert db.session.execute(select(func.count()).where(User.is_moderator.is_(True))).scalar_one() >= 2
    now = utcnow()
    joined = db.session.execute(select(Membership.created_at)).scalars().all()
    assert all(moment <= now for moment in joined) and (max(joined) - min(joined)).days > 365
    assert sum(1 for moment in joined if now - moment < timedelta(days=7)) < len(joined) / 10
    applied = db.session.execute(select(Organisation.created_at).where(Organisation.status == "applied")).scalars()
    assert all(timedelta(0) < now - moment <= timedelta(days=4) for moment in applied)


def test_seed_demo_prints_one_development_sign_in_per_role_that_works(ctx, runner, orgs_step_only):
    result = runner.invoke(args=["seed", "demo"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for role in ROLES:
        line = next(line for line in lines if line.strip().startswith(role + " "))
        assert f"password: {DEMO_PASSWORD}" in line and "development only" in line
        email = line.split()[len(role.split())]
        user = db.session.execute(select(User).where(User.email == email)).scalar_one()
        assert password_matches(user.password_hash, DEMO_PASSWORD)


def test_demo_sign_ins_have_the_roles_they_claim(ctx, client_as):
    lines = seed_network()
    db.session.commit()
    emails = {
        role: next(line for line in lines if line.strip().startswith(role + " ")).split()[len(role.split())]
        for role in ROLES
    }
    user = {role: db.session.execute(select(User).where(User.email == e)).scalar_one() for role, e in emails.items()}

    assert user["admin"].is_admin
    assert user["moderator"].is_moderator
    assert [m.role for m in user["organisation admin"].memberships] == ["org_admin"]
    assert len(user["member of two organisations"].memberships) == 2
    assert user["outsider with a pending join request"].memberships == []
    assert client_as(user["admin"]).get("/admin").status_code == 200
    directory = client_as(None).get("/orgs?country=Ireland").get_data(as_text=True)
    assert "Corrib Valley University Hospital" in directory
