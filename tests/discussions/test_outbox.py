"""Every create, edit, hide, move and delete writes its search outbox row in the same transaction."""

from __future__ import annotations

from sqlalchemy import delete, select

from app.discussions import service
from app.discussions.models import Post, Thread
from app.extensions import db
from app.search.models import SearchOutbox

from ..factories.discussions import reply, start_thread


def take_rows() -> list[tuple[str, int, str]]:
    rows = [
        (r.doc_type, r.doc_id, r.op)
        for r in db.session.execute(select(SearchOutbox).order_by(SearchOutbox.id)).scalars()
    ]
    db.session.execute(delete(SearchOutbox))
    db.session.commit()
    return rows


def test_each_change_writes_its_outbox_rows(roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    first = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    assert take_rows() == [("thread", thread.id, "upsert"), ("post", first.id, "upsert")]

    post = reply(roles.other_member, thread)
    assert take_rows() == [("post", post.id, "upsert"), ("thread", thread.id, "upsert")]

    service.edit_post(roles.other_member, post, "Edited words")
    db.session.commit()
    assert take_rows() == [("post", post.id, "upsert"), ("thread", thread.id, "upsert")]

    service.hide_post(roles.moderator, post, "Spam")
    db.session.commit()
    assert take_rows() == [("post", post.id, "delete"), ("thread", thread.id, "upsert")]

    service.restore_post(roles.moderator, post)
    db.session.commit()
    assert take_rows() == [("post", post.id, "upsert"), ("thread", thread.id, "upsert")]

    service.move_thread(roles.moderator, thread, cats["crisis-communication"])
    db.session.commit()
    assert take_rows() == [
        ("thread", thread.id, "upsert"),
        ("post", first.id, "upsert"),
        ("post", post.id, "upsert"),
    ]

    service.delete_post(roles.other_member, post)
    db.session.commit()
    assert take_rows() == [("post", post.id, "delete"), ("thread", thread.id, "upsert")]

    service.hide_thread(roles.moderator, thread, "Off-topic")
    db.session.commit()
    assert take_rows() == [
        ("thread", thread.id, "delete"),
        ("post", first.id, "delete"),
        ("post", post.id, "delete"),
    ]


def test_a_held_post_is_written_as_a_delete_until_approved(roles, cats):
    thread = start_thread(roles.member, cats["platforms"])
    take_rows()
    held = service.reply_to_thread(roles.other_member, thread, "MRN 12345678", send_for_review=True)
    db.session.commit()
    assert take_rows() == [("post", held.id, "delete"), ("thread", thread.id, "upsert")]
    service.approve_held_post(roles.moderator, held)
    db.session.commit()
    assert take_rows() == [("post", held.id, "upsert"), ("thread", thread.id, "upsert")]


def test_the_outbox_row_shares_the_transaction_of_the_change(roles, cats):
    service.create_thread(roles.member, cats["platforms"], "Rolled back thread", "Never saved")
    assert db.session.execute(select(SearchOutbox)).scalars().all() != []
    db.session.rollback()
    assert db.session.execute(select(SearchOutbox)).scalars().all() == []
    assert db.session.execute(select(Thread)).scalars().all() == []
