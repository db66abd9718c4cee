"""Who is acting: the type every service and permission rule takes as its first argument.

A signed-in ``User``; a ``SystemActor`` (the importer, the seeds: they pass the rules as an
administrator would but are no user in the database, own nothing and cannot sign in);
Flask-Login's anonymous user (a visitor, or a CLI command reading as one); or ``None`` where the
system itself acts without a name (the flag threshold hiding an item). Rules treat the last two
alike: they may see only what a visitor sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from flask_login import AnonymousUserMixin

from .accounts.models import User

if TYPE_CHECKING:
    from .orgs.models import Membership


class SystemActor:
    """A named part of the system acting with an administrator's rights (``id`` is None)."""

    id: int | None = None
    is_authenticated = True
    is_active = True
    is_anonymous = False
    is_admin = True
    is_moderator = False
    is_verified = True
    is_suspended = False

    def __init__(self, name: str) -> None:
        self.name = name
        self.memberships: list[Membership] = []

    def get_id(self) -> None:
        return None

    def __repr__(self) -> str:
        return f"<SystemActor {self.name}>"


Actor: TypeAlias = User | SystemActor | AnonymousUserMixin | None
SignedIn: TypeAlias = User | SystemActor


def signed_in_id(actor: Actor) -> int | None:
    """The acting user's id, or None for a visitor or the system."""
    return actor.id if isinstance(actor, User) and actor.is_authenticated else None
