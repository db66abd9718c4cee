"""Notifications: replies and quotes notify in the app and by e-mail, immediately or in a daily
digest that never sends the same item twice."""

from __future__ import annotations

from sqlalchemy import select

from app.discussions import service
from app.discussions.models import Post
from app.extensions import db
from app.notifications.models import Notification

from ..factories.discussions import categories, reply, start_thread


def notifications_of(user) -> list[Notification]:
    return list(
        db.session.execute(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
        ).scalars()
    )


def first_post(thread) -> Post:
    return db.session.execute(
        select(Post).where(Post.thread_id == thread.id, Post.position == 1)
    ).scalar_one()


def test_a_reply_notifies_the_thread_starter_in_the_app_and_by_email(client_as, roles, mailbox):
    cats = categories()
    thread = start_thread(roles.member, cats["platforms"], title="Best time to post on LinkedIn?")
    post = reply(roles.other_member, thread, "Tuesday mornings work for us.")
    [note] = notifications_of(roles.member)
    assert note.kind == "discussion.reply"
    assert note.subject == "Otto Othermember replied in “Best time to post on LinkedIn?”"
    assert note.url == f"/discussions/posts/{post.id}"
    message = mailbox.last_to(roles.member.email)
    assert message["Subject"] == note.subject
    assert f"http://smhn.test/discussions/posts/{post.id}" in mailbox.body(message)
    assert notifications_of(roles.other_member) == []  # never about one's own post
    page = client_as(roles.member).get("/discussions").get_data(as_text=True)
    assert 'aria-label="1 unread">1</span>' in page


def test_quoting_someone_notifies_them_even_if_they_do_not_follow(roles):
    cats = categories()
    thread = start_thread(roles.member, cats["platforms"])
    earlier = reply(roles.moderator, thread, "Our checklist has five steps.")
    service.unfollow_thread(roles.moderator, thread)
    quote = service.quote_source(roles.other_member, earlier)
    reply(roles.other_member, thread, quote + "Could you share it?")
    kinds = [n.kind for n in notifications_of(roles.moderator)]
    assert kinds == ["discussion.quoted"]
    assert notifications_of(roles.moderator)[0].subject.startswith("Otto Othermember quoted you")


def test_replying_to_a_post_notifies_its_author_once(roles):
    cats = categories()
    thread = start_thread(roles.member, cats["platforms"])
    reply(roles.other_member, thread, "A reply to the thread", reply_to=first_post(thread))
    [note] = notifications_of(roles.member)
    assert note.kind == "discussion.reply_to_you"


def test_followers_of_a_category_hear_of_new_threads(roles):
    cats = categories()
    service.follow_category(roles.other_member, cats["measurement"])
    start_thread(roles.member, cats["measurement"], title="Benchmarks for engagement rate")
    [note] = notifications_of(roles.other_member)
    assert note.kind == "discussion.new_thread"
    assert "Benchmarks for engagement rate" in note.subject


def test_nobody_hears_about_a_post_they_may_not_read(roles):
    cats = categories()
    service.follow_category(roles.outsider, cats["platforms"])
    private = start_thread(roles.member, cats["crisis-communication"])
    service.follow_thread(roles.other_member, private)
    db.session.commit()
    roles.other_member.memberships[0].organisation.status = "suspended"
    db.session.commit()
    reply(roles.member, private, "Members-only news")
    assert notifications_of(roles.other_member) == []
    start_thread(roles.member, cats["platforms"], title="Public news for followers")
    assert [n.kind for n in notifications_of(roles.outsider)] == ["discussion.new_thread"]


def test_digest_readers_get_one_email_per_run_and_never_an_item_twice(runner, roles, mailbox):
    cats = categories()
    roles.member.email_notifications = "digest"
    db.session.commit()
    thread = start_thread(roles.member, cats["platforms"], title="Digest thread title")
    reply(roles.other_member, thread, "First reply")
    reply(roles.moderator, thread, "Second reply")
    assert mailbox.to(roles.member.email) == []
    result = runner.invoke(args=["notifications", "send-digests"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 digest e-mail with 2 notifications." in result.output
    [digest] = mailbox.to(roles.member.email)
    body = mailbox.body(digest)
    assert "Otto Othermember replied" in body and "Mo Moderator replied" in body
    assert "http://smhn.test/discussions/posts/" in body
    again = runner.invoke(args=["notifications", "send-digests"])
    assert "Sent 0 digest e-mails" in again.output
    assert len(mailbox.to(roles.member.email)) == 1
    reply(roles.other_member, thread, "Third reply")
    runner.invoke(args=["notifications", "send-digests"])
    latest = mailbox.to(roles.member.email)
    assert len(latest) == 2
    assert "Third reply" in mailbox.body(latest[-1]) and "First reply" not in mailbox.body(latest[-1])


def test_items_read_in_the_app_or_for_never_readers_are_not_emailed(runner, roles, mailbox):
    cats = categories()
    roles.member.email_notifications = "digest"
    roles.other_member.email_notifications = "never"
    db.session.commit()
    thread = start_thread(roles.member, cats["platforms"])
    reply(roles.other_member, thread, "Read it already")
    reply(roles.member, thread, "Answer for a never-reader")
    for note in notifications_of(roles.member):
        note.read_at = note.created_at
    db.session.commit()
    result = runner.invoke(args=["notifications", "send-digests"])
    assert "Sent 0 digest e-mails" in result.output
    assert mailbox.to(roles.member.email) == [] and mailbox.to(roles.other_member.email) == []
    assert len(notifications_of(roles.other_member)) == 1


def test_the_list_page_marks_read_only_by_post(client_as, roles):
    cats = categories()
    thread = start_thread(roles.member, cats["platforms"])
    post = reply(roles.other_member, thread)
    client = client_as(roles.member)
    page = client.get("/notifications/").get_data(as_text=True)
    assert "Otto Othermember replied" in page and "status-unread" in page
    assert notifications_of(roles.member)[0].read_at is None  # reading the list changes nothing
    note = notifications_of(roles.member)[0]
    response = client.post(f"/notifications/{note.id}/open")
    assert response.location == f"/discussions/posts/{post.id}"
    db.session.expire_all()
    assert notifications_of(roles.member)[0].read_at is not None
    assert (
        "aria-label="
        not in client.get("/notifications/").get_data(as_text=True).split("Notifications")[1].split("</a>")[0]
    )


def test_mark_all_read(client_as, roles):
    cats = categories()
    thread = start_thread(roles.member, cats["platforms"])
    reply(roles.other_member, thread, "One")
    reply(roles.moderator, thread, "Two")
    client = client_as(roles.member)
    response = client.post("/notifications/read-all", follow_redirects=True)
    assert "2 notifications marked as read." in response.get_data(as_text=True)
    db.session.expire_all()
    assert all(n.read_at is not None for n in notifications_of(roles.member))


def test_a_notification_url_is_always_a_local_path(roles):
    from app.notifications.service import notify

    assert notify(roles.member, "x", "Subject", url="https://evil.example/").url == ""
    assert notify(roles.member, "x", "Subject", url="//evil.example/").url == ""
    assert notify(roles.member, "x", "Subject", url="/discussions").url == "/discussions"


def test_a_mail_server_outage_does_not_fail_the_reply(app_factory, roles):
    import socket

    from app.mail.models import OutboxMail

    from ..background import deliver_mail
    from ..conftest import login

    with socket.socket() as probe:  # a port nobody listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = app_factory(MAIL_URL=f"smtp://127.0.0.1:{port}")
    cats = categories()
    thread = start_thread(roles.member, cats["platforms"])
    client = login(app.test_client(), roles.other_member)
    response = client.post(f"/discussions/threads/{thread.id}/reply", data={"body": "Mail is down"})
    assert response.status_code == 302
    deliver_mail(app)  # the worker's run finds the mail server down
    db.session.expire_all()
    assert len(notifications_of(roles.member)) == 1
    [queued] = db.session.execute(select(OutboxMail)).scalars().all()
    assert queued.status == "queued" and queued.attempts == 1  # waits for the next try
