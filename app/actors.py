"""Who is acting: the type every service and permission rule takes as its first argument.

A signed-in ``User``, Flask-Login's anonymous user (a visitor, or a CLI command reading as one),
or ``None`` where the system itself acts (the flag threshold hiding an item, a seed). Rules treat
the last two alike: they may see only what a visitor sees.
"""

from __future__ import annotations

from typing import TypeAlias

from flask_login import AnonymousUserMixin

from .accounts.models import User

Actor: TypeAlias = User | AnonymousUserMixin | None


def signed_in_id(actor: Actor) -> int | None:
    """The acting user's id, or None for a visitor or the system."""
    return actor.id if isinstance(actor, User) and actor.is_authenticated else None
