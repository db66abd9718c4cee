"""The demo seed: about a hundred believable threads, idempotent and quick."""

from __future__ import annotations

import random

from sqlalchemy import func, select

from app.db_types import utcnow
from app.discussions.models import Category, Post, Thread
from app.discussions.seed import _thread_replies, seed_discussions
from app.discussions.seed_data import THREADS
from app.extensions import db
from app.search.models import SearchOutbox

from ..factories import add_member, make_org, make_user


def test_the_demo_seed_builds_believable_threads_once(ctx):
    org_a = make_org("Riverside Health")
    org_b = make_org("Lakeside Patients Association")
    for n in range(6):
        add_member(org_a if n % 2 else org_b, make_user(name=f"Demo Member {n}"))
    db.session.commit()
    lines = seed_discussions()
    db.session.commit()
    threads = db.session.execute(select(Thread)).scalars().all()
    assert 90 <= len(threads) <= 110, lines
    replies = db.session.execute(select(Post.thread_id, func.count(Post.id) - 1).group_by(Post.thread_id)).all()
    assert all(1 <= count <= 30 for _, count in replies)
    assert any(t.pinned for t in threads) and any(t.locked and t.lock_reason for t in threads)
    assert len({t.category_id for t in threads}) == 7
    assert (
        db.session.execute(select(func.sum(Category.post_count))).scalar_one()
        == db.session.execute(select(func.count(Post.id))).scalar_one()
    )
    assert db.session.execute(select(func.count(SearchOutbox.id))).scalar_one() >= len(threads)
    bodies = db.session.execute(select(Post.thread_id, Post.body_source)).all()
    assert len(set(bodies)) == len(bodies), "a reply repeats another in its thread"
    assert db.session.execute(select(func.count()).where(Post.created_at > utcnow())).scalar_one() == 0
    assert seed_discussions() == ["Discussions: demo threads already present."]
    db.session.commit()
    assert db.session.execute(select(func.count(Thread.id))).scalar_one() == len(threads)


def test_without_members_the_seed_adds_nothing(ctx):
    assert "no demo threads" in seed_discussions()[0]
    assert db.session.execute(select(func.count(Thread.id))).scalar_one() == 0


def test_the_scale_generator_adds_threads_in_batches_with_true_counters(runner, ctx):
    result = runner.invoke(args=["seed", "scale", "--threads", "120"])
    assert result.exit_code == 0, result.output
    assert "Added 120 synthetic threads." in result.output
    threads = db.session.execute(select(Thread)).scalars().all()
    assert len(threads) == 120
    for thread in threads[:20]:
        posts = (
            db.session.execute(select(Post).where(Post.thread_id == thread.id).order_by(Post.position)).scalars().all()
        )
        assert 2 <= len(posts) <= 31 and thread.post_count == len(posts)
        assert thread.last_post_id == posts[-1].id and thread.last_activity_at == posts[-1].created_at
    total_posts = db.session.execute(select(func.count(Post.id))).scalar_one()
    assert db.session.execute(select(func.sum(Category.post_count))).scalar_one() == total_posts
    outbox_threads = select(func.count(SearchOutbox.id)).where(SearchOutbox.doc_type == "thread")
    assert db.session.execute(outbox_threads).scalar_one() == 120


def test_conversations_do_not_repeat_answer_questions_and_vary_in_length():
    lengths = set()
    for n in range(200):
        rng = random.Random(n)
        slug = THREADS[n % len(THREADS)][0]
        replies = _thread_replies(rng, slug)
        texts = [text for text, _ in replies]
        assert len(set(texts)) == len(texts)
        assert not texts[-1].rstrip().endswith("?"), "a question left unanswered"
        for (text, _), (_answer, by_author) in zip(replies, replies[1:], strict=False):
            if text.rstrip().endswith("?"):
                assert by_author, "the person asked answers the question"
        lengths.update(len(text) for text in texts)
    assert min(lengths) < 60 and max(lengths) > 200
