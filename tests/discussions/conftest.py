from __future__ import annotations

import pytest

from ..factories.discussions import categories


@pytest.fixture
def cats(roles):
    """The seven default categories by slug; "platforms" is public, "crisis-communication" members-only."""
    found = categories()
    from app.extensions import db

    db.session.commit()
    return found
