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


def drain_recording_claims(config: dict[str, Any], start: Any, batch: int) -> tuple[list[int], str | None]:
    """A ``flask search worker``'s drain, recording the outbox rows this process claimed.

    Waits on ``start`` (a barrier) so the processes drain side by side. Returns the claimed row
    ids and None, or the traceback of anything that raised.
    """
    claimed: list[int] = []
    try:
        from app import create_app
        from app.extensions import db
        from app.search import indexer

        original = indexer.claim_batch

        def recording(limit: int) -> list[Any]:
            rows = original(limit)
            claimed.extend(row.id for row in rows)
            return rows

        indexer.claim_batch = recording
        app = create_app(config)
        with app.app_context():
            start.wait(60)
            report = indexer.sync(lock_timeout=30, batch=batch)
            # Busy is allowed: Whoosh has one writer, and the other process may drain everything.
            assert not report.failed, report
            db.session.remove()
        return claimed, None
    except BaseException:
        return claimed, traceback.format_exc()
