from __future__ import annotations

import pytest

from app.extensions import db
from app.search import indexer, outbox


@pytest.fixture
def author(roles):
    """An organisation admin (publishes without review). The test organisations are approved
    through factories, not the service, so their outbox rows are written here."""
    outbox.enqueue("organisation", roles.org.id)
    outbox.enqueue("organisation", roles.other_org.id)
    db.session.commit()
    indexer.sync(lock_timeout=10)
    return roles.org_admin
