"""Code run in separate processes by the concurrency tests (importable by ``spawn``)."""

from __future__ import annotations

import random
import traceback
from typing import Any


def edit_and_sync(config: dict[str, Any], resource_ids: list[int], rounds: int, seed: int) -> str | None:
    """Edit resources (UPDATE + outbox row in one transaction), sync and search, over and over.

    Returns None, or the traceback of anything that raised.
    """
    try:
        from flask_login import AnonymousUserMixin
        from sqlalchemy import update

        from app import create_app
        from app.extensions import db
        from app.library.models import Resource
        from app.search import indexer, outbox, service

        app = create_app(config)
        rng = random.Random(seed)
        with app.app_context():
            for n in range(rounds):
                resource_id = rng.choice(resource_ids)
                db.session.execute(
                    update(Resource).where(Resource.id == resource_id).values(title=f"Shared rota {seed} {n}")
                )
                outbox.enqueue("resource", resource_id)
                db.session.commit()
                report = indexer.sync(lock_timeout=rng.choice([0, 0.05, 0.5]))
                assert not report.failed, report
                results = service.search(AnonymousUserMixin(), "shared rota", record=False)
                assert not results.unavailable
            db.session.remove()
        return None
    except BaseException:
        return traceback.format_exc()
