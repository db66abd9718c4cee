from __future__ import annotations

import pytest


@pytest.fixture
def author(roles):
    """An organisation admin: publishes without review."""
    return roles.org_admin
