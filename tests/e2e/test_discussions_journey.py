"""Discussions in Chromium: a member starts a thread, a colleague from another organisation
replies with a quote, the first member is notified in the app and by e-mail through a real SMTP
server, and a moderator locks the thread so the reply form gives way to the notice."""

from __future__ import annotations

import email
import email.policy
import socket
import time
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller

from app.discussions import service
from app.extensions import db

from ..background import deliver_mail
from ..factories import PASSWORD

TITLE = "Answering vaccine myths in TikTok comments"
OPENING = "We get the same three myths under every video. Do you reply to each one or pin a single answer?"
LOCK_REASON = "Answered: see the pinned guide in the library."


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted"

    def wait_for(self, address: str, timeout: float = 5.0) -> email.message.EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in self.messages if address in m["To"]]
            if found:
                return found[-1]
            time.sleep(0.05)
        raise AssertionError(f"no e-mail to {address}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler, port = Inbox(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


@pytest.fixture
def live_app(app_factory, inbox):
    """The browser's app (CSRF on, real rate limits), sending e-mail to the local SMTP server."""
    _, port = inbox
    return app_factory(
        WTF_CSRF_ENABLED=True, SITE_URL="http://127.0.0.1", MAIL_URL=f"smtp://127.0.0.1:{port}"
    )


def sign_in(page, base: str, user) -> None:
    page.goto(base + "/auth/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("form[action='/auth/logout']").count() == 1


def test_thread_reply_with_quote_notification_and_lock(new_page, live_server, inbox, roles):
    handler, _ = inbox
    base = live_server.url
    service.ensure_default_categories()
    db.session.commit()
    console_errors: list[str] = []

    # A member starts a thread.
    member = new_page()
    member.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(member, base, roles.member)
    member.goto(base + "/discussions/platforms")
    member.click("text=Start a thread")
    member.fill("input[name=title]", TITLE)
    member.fill("textarea[name=body]", OPENING)
    member.click("main form.stacked button[type=submit]")
    member.wait_for_load_state()
    assert member.inner_text("h1") == TITLE
    thread_url = member.url.split("#")[0]

    # A colleague from another organisation replies, quoting the opening post.
    colleague = new_page()
    colleague.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(colleague, base, roles.other_member)
    colleague.goto(thread_url)
    colleague.click("article.post >> text=Quote")
    body = colleague.locator("textarea[name=body]")
    assert "Mina Member wrote" in body.input_value() and "> We get the same three myths" in body.input_value()
    body.press("End")
    body.type("We pin one answer and link to our myth-busting page.")
    colleague.click(".reply-form button[type=submit]")
    colleague.wait_for_load_state()
    reply = colleague.locator("article.post").nth(1)
    assert "We pin one answer" in reply.inner_text()
    quote_link = reply.locator("a", has_text="Mina Member wrote")
    first_id = member.locator("article.post").first.get_attribute("id")
    assert quote_link.get_attribute("href").endswith(f"#{first_id}")
    assert "Lakeside Patients Association" in reply.inner_text()

    # The member sees the notification in the navigation and on the list, and by e-mail.
    member.goto(base + "/")
    assert member.locator(".account-nav .badge").inner_text() == "1"
    member.click(".account-nav >> text=Notifications")
    notice = member.locator(".notification").first
    assert "Otto Othermember quoted you" in notice.inner_text()
    deliver_mail(live_server.app)  # what the worker does after the commit
    message = handler.wait_for(roles.member.email)
    assert message["Subject"] == f"Otto Othermember quoted you in “{TITLE}”"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert f"{base}/discussions/posts/" in text and "We pin one answer" in text
    notice.locator("button.notification-subject").click()
    member.wait_for_load_state()
    assert member.url.startswith(thread_url) and "#post-" in member.url
    assert member.locator(".account-nav .badge").count() == 0

    # A moderator locks the thread: the reply form disappears and the notice says why.
    moderator = new_page()
    moderator.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    sign_in(moderator, base, roles.moderator)
    moderator.goto(thread_url)
    moderator.click("summary:has-text('Moderator tools')")
    moderator.fill("textarea[name='lock-reason']", LOCK_REASON)
    moderator.click("text=Lock thread")
    moderator.wait_for_load_state()
    assert LOCK_REASON in moderator.inner_text(".notice-locked")

    colleague.goto(thread_url)
    assert colleague.locator(".reply-form").count() == 0
    assert "This thread is locked" in colleague.inner_text(".reply-area")
    assert LOCK_REASON in colleague.inner_text(".reply-area")
    assert colleague.locator("text=Quote").count() == 0
    assert console_errors == []
