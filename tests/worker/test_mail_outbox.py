"""Mail goes through an outbox: queued with the change, delivered once by the worker, retried."""

from __future__ import annotations

import socket
import threading
from datetime import timedelta

from sqlalchemy import select

from app.db_types import utcnow
from app.extensions import db
from app.mail import send_mail
from app.mail.delivery import deliver_due
from app.mail.models import OutboxMail
from app.worker.queue import DONE, FAILED, QUEUED
from tests import factories
from tests.accounts.test_smtp import free_port, smtp_server  # noqa: F401  (fixture)
from tests.background import deliver_mail


def _outbox() -> list[OutboxMail]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)))


def test_a_rolled_back_change_sends_nothing(ctx, mailbox):
    factories.make_user("ro@example.org")
    send_mail("ro@example.org", "About a change", "This change never happened.")
    db.session.rollback()

    assert deliver_mail(ctx).sent == 0
    assert mailbox.messages == []
    assert _outbox() == []


def test_a_request_that_fails_leaves_no_mail(app, client_as, roles, mailbox):
    """The reset page answers 200 (mail queued); an invalid form answers 4xx and queues nothing."""
    client = client_as(None)
    assert client.post("/auth/reset", data={"email": ""}).status_code >= 400
    assert _outbox() == [] and mailbox.messages == []


def test_a_committed_message_is_delivered_exactly_once(ctx, mailbox):
    send_mail("once@example.org", "Once", "Exactly once.")
    db.session.commit()

    first, second = deliver_mail(ctx), deliver_mail(ctx)

    assert (first.sent, second.sent) == (1, 0)
    [message] = mailbox.to("once@example.org")
    assert mailbox.body(message).strip() == "Exactly once."
    [row] = _outbox()
    assert row.status == DONE and row.finished_at is not None


def test_two_delivery_runs_at_once_send_each_message_once(app, mailbox):
    with app.app_context():
        for number in range(30):
            send_mail(f"r{number}@example.org", f"Message {number}", "Hello.")
        db.session.commit()
    barrier = threading.Barrier(2)
    reports = []

    def run() -> None:
        with app.app_context():
            barrier.wait(timeout=30)
            reports.append(deliver_due())
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sum(report.sent for report in reports) == 30
    recipients = [str(m["To"]) for m in mailbox.messages]
    assert sorted(recipients) == sorted(f"r{n}@example.org" for n in range(30))
    assert len({m["Message-ID"] for m in mailbox.messages}) == 30


def test_attachments_travel_with_the_message(ctx, mailbox):
    invite = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    send_mail(
        "ics@example.org", "Your place", "See the invitation.", attachments=[("event.ics", "text/calendar", invite)]
    )
    db.session.commit()

    [message] = mailbox.to("ics@example.org")
    [part] = list(message.iter_attachments())
    assert part.get_filename() == "event.ics"
    assert part.get_content_type() == "text/calendar"
    assert part.get_payload(decode=True) == invite


def test_a_down_mail_server_never_fails_the_change_and_is_retried(app_factory, smtp_server):  # noqa: F811
    inbox, port = smtp_server
    dead_port = free_port()
    app = app_factory(MAIL_URL=f"smtp://127.0.0.1:{dead_port}", MAIL_TIMEOUT=2)
    with app.app_context():
        factories.make_user("retry@example.org", name="Rae Retry")
        db.session.commit()

    response = app.test_client().post("/auth/reset", data={"email": "retry@example.org"})

    assert response.status_code == 200  # the page never waited for the mail server
    with app.app_context():
        report = deliver_due()
        assert (report.sent, report.retrying) == (0, 1)
        [row] = _outbox()
        assert row.status == QUEUED and row.attempts == 1 and row.last_error
        assert row.available_at > utcnow()  # backing off
        assert deliver_due().handled == 0  # not due yet

        app.config["MAIL_URL"] = f"smtp://127.0.0.1:{port}"  # the server is back
        report = deliver_due(now=utcnow() + timedelta(hours=1))
        assert report.sent == 1
    [(recipients, message)] = inbox.received
    assert recipients == ["retry@example.org"]


def test_a_mail_server_that_never_answers_times_out_and_the_message_waits(app_factory):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)  # accepts connections, never says hello
    try:
        app = app_factory(MAIL_URL=f"smtp://127.0.0.1:{silent.getsockname()[1]}", MAIL_TIMEOUT=1)
        with app.app_context():
            send_mail("slow@example.org", "Slow", "The server is slow.")
            db.session.commit()
            report = deliver_due()
            [row] = _outbox()
    finally:
        silent.close()
    assert report.retrying == 1
    assert row.status == QUEUED and "timed out" in row.last_error.lower()


def test_a_message_is_given_up_after_its_last_attempt(app_factory):
    app = app_factory(MAIL_URL=f"smtp://127.0.0.1:{free_port()}", MAIL_MAX_ATTEMPTS=2, MAIL_TIMEOUT=2)
    with app.app_context():
        send_mail("never@example.org", "Never", "Undeliverable.")
        db.session.commit()
        later = utcnow()
        outcomes = []
        for _ in range(3):
            later += timedelta(days=1)
            outcomes.append(deliver_due(now=later))
        [row] = _outbox()
    assert [(o.retrying, o.failed) for o in outcomes] == [(1, 0), (0, 1), (0, 0)]
    assert row.status == FAILED and row.attempts == 2


def test_flask_mail_send_delivers_what_is_due(app, runner, mailbox):
    with app.app_context():
        send_mail("cron@example.org", "From cron", "Delivered by flask mail send.")
        db.session.commit()
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 message(s)" in result.output
    assert len(mailbox.to("cron@example.org")) == 1
