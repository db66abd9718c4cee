"""The review queue by keyboard in Chromium: j moves, a approves; typing in a field is left alone;
a bulk approval with CSRF on decides the ticked entries."""

from __future__ import annotations

from app.extensions import db
from app.library.models import Resource

from ..factories import moderation as builders
from .test_moderation_journey import sign_in, watch_for_csp_errors


def test_keyboard_shortcuts_and_bulk_approval(page, live_server, roles):
    base = live_server.url
    first = builders.resource(roles.member, roles.org, "First waiting guide", action="submit")
    second = builders.resource(roles.member, roles.org, "Second waiting guide", action="submit")
    third = builders.resource(roles.member, roles.org, "Third waiting guide", action="submit")
    db.session.commit()
    csp_errors: list[str] = []
    watch_for_csp_errors(page, csp_errors)
    sign_in(page, base, roles.moderator)
    page.goto(base + "/moderation")

    # "r" opens the return form and focuses it; typing "a" there types, it does not approve.
    page.keyboard.press("j")
    page.keyboard.press("r")
    page.keyboard.type("a j k")
    assert page.locator(".queue-entry.is-current [data-queue-return] textarea").input_value() == "a j k"
    page.keyboard.press("Escape")
    page.locator(".queue-entry.is-current").focus()

    # "a" approves the current entry (the first, oldest).
    page.keyboard.press("a")
    page.wait_for_load_state()
    assert "Approved: First waiting guide" in page.inner_text("main")

    # Tick the remaining two with j/x and approve them together.
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.click("text=Approve ticked")
    page.wait_for_load_state()
    assert "Approved: 2 entries" in page.inner_text("main")
    db.session.expire_all()
    statuses = {db.session.get(Resource, r.id).status for r in (first, second, third)}
    assert statuses == {"published"}
    assert csp_errors == []
