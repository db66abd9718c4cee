"""Fixtures for the API: the network of ``roles`` with tokens and content in each visibility."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from app.extensions import db

from ..factories.discussions import categories, start_thread
from ..factories.library import make_resource
from .helpers import openapi_document, token_from_cli


@dataclass
class Network:
    roles: Any
    public: Any  # a published public resource of org A
    members_only: Any  # a published members-only resource of org A
    draft: Any  # org A's draft (the member's)
    public_thread: Any
    members_thread: Any  # in a members-only category


@pytest.fixture
def network(roles) -> Network:
    public = make_resource(roles.member, title="Storm response guide", publisher=roles.moderator)
    members_only = make_resource(
        roles.org_admin, title="Members staffing memo", visibility="members", publisher=roles.moderator
    )
    draft = make_resource(roles.member, title="Draft vaccine toolkit", status="draft")
    cats = categories()
    db.session.commit()
    public_thread = start_thread(roles.moderator, cats["platforms"], title="Public thread on platforms")
    members_thread = start_thread(roles.moderator, cats["crisis-communication"], title="Members-only crisis thread")
    return Network(roles, public, members_only, draft, public_thread, members_thread)


@pytest.fixture
def document(client) -> dict[str, Any]:
    return openapi_document(client)


@pytest.fixture
def tokens(app, roles) -> dict[str, str]:
    """A write token per role, made as an operator would (``flask users token``); plus ``read``."""
    made = {
        name: token_from_cli(app, getattr(roles, name).email, "write")
        for name in ("outsider", "member", "other_member", "org_admin", "moderator")
    }
    made["read"] = token_from_cli(app, roles.member.email, "read")
    return made
