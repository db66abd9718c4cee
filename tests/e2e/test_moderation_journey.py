"""Moderation in Chromium: the privacy guard holds a post, a moderator returns it; members' reports
hide a post until a moderator restores it; every action is in the audit log and its CSV; the
dashboard draws its charts."""

from __future__ import annotations

import csv
import io

from app.extensions import db

from ..factories import PASSWORD
from ..factories import moderation as builders

MRN = "MRN 12345678"
DOB = "DOB 03/14/1962"
SPAM = "Buy 10,000 followers today at cheap-followers.example"


def sign_in(page, base, user):
    page.goto(base + "/auth/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("form[action='/auth/logout']").count() == 1


def watch_for_csp_errors(page, errors):
    page.on(
        "console",
        lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None,
    )


def test_held_post_returned_reports_hide_and_restore_audit_and_dashboard(new_page, live_server, roles):
    base = live_server.url
    thread = builders.thread(roles.org_admin, "How do you handle angry comments?", "We get many at night.")
    spam = builders.reply(roles.other_member, thread, SPAM)
    reporters = builders.members(roles.org, 3)
    db.session.commit()
    thread_url = f"{base}/discussions/threads/{thread.id}"
    csp_errors: list[str] = []

    # A member's reply with a record number and a date of birth is held, with the passages shown.
    member = new_page()
    watch_for_csp_errors(member, csp_errors)
    sign_in(member, base, roles.member)
    member.goto(thread_url)
    member.fill(".reply-form textarea[name=body]", f"Update on our patient: {MRN}, {DOB}. Any advice?")
    member.click(".reply-form button[type=submit]")
    findings = member.locator(".privacy-findings")
    assert MRN in findings.inner_text() and DOB in findings.inner_text()
    assert findings.locator("mark").count() == 2
    member.check("input[name=send_for_review]")
    member.click(".reply-form button[type=submit]")
    member.wait_for_load_state()
    assert "Waiting for a moderator's review" in member.inner_text("main")

    # The moderator sees it in the queue, with the passages, and returns it with a reason.
    moderator = new_page()
    watch_for_csp_errors(moderator, csp_errors)
    sign_in(moderator, base, roles.moderator)
    assert moderator.locator(".account-nav .badge").inner_text() == "1"
    moderator.click(".account-nav a:has-text('Moderation')")
    entry = moderator.locator(".queue-entry", has_text="Held post")
    assert (
        entry.locator("mark", has_text=MRN).count() == 1 and entry.locator("mark", has_text=DOB).count() == 1
    )
    entry.locator("summary", has_text="Return with a reason").click()
    return_form = entry.locator("form[action$='/return']")
    return_form.locator("textarea[name=reason]").fill("Please remove the record number and date of birth.")
    return_form.locator("button[type=submit]").click()
    moderator.wait_for_load_state()
    assert "Returned:" in moderator.inner_text(".flashes")
    assert moderator.locator(".queue-entry", has_text="Held post").count() == 0

    # Three members report the spam reply; it disappears from the thread.
    for reporter in reporters:
        page = new_page()
        watch_for_csp_errors(page, csp_errors)
        sign_in(page, base, reporter)
        page.goto(thread_url)
        post = page.locator(f"#post-{spam.id}")
        post.locator("details.flag-form summary").click()
        post.locator("select[name=reason]").select_option("spam")
        post.locator("button", has_text="Send report").click()
        page.wait_for_load_state()
        assert "A moderator will look at your report" in page.inner_text(".flashes")
    visitor = new_page()
    visitor.goto(thread_url)
    assert SPAM not in visitor.inner_text("main")

    # The moderator finds it among reported items and restores it.
    moderator.goto(base + "/moderation?kind=flag")
    entry = moderator.locator(".queue-entry", has_text="reported by 3 members")
    assert entry.locator(".status", has_text="hidden").count() == 1
    entry.locator("button", has_text="Restore and dismiss reports").click()
    moderator.wait_for_load_state()
    visitor.goto(thread_url)
    assert SPAM in visitor.inner_text("main")

    # Every action is in the audit log and in its CSV export.
    moderator.goto(base + "/moderation/log")
    log_table = moderator.inner_text(".audit-table")
    for action in ("post.reject", "post.hide", "post.restore", "flag.dismiss"):
        assert action in log_table
    with moderator.expect_download() as download:
        moderator.click("a:has-text('Download these events as CSV')")
    with open(download.value.path(), encoding="utf-8") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    actions = [row["action"] for row in rows]
    assert {"post.reject", "post.hide", "post.restore", "flag.dismiss"} <= set(actions)
    reject = next(row for row in rows if row["action"] == "post.reject")
    assert reject["actor"] == roles.moderator.name and "record number" in reject["reason"]

    # The dashboard draws its charts, with no script and nothing the CSP blocks.
    moderator.goto(base + "/moderation/dashboard")
    # The queue by kind and by age, four weekly series and the contributing organisations (no
    # resource has views or votes yet, so those two charts are left out).
    assert moderator.locator("svg[role=img]").count() == 7
    assert moderator.locator("svg#chart-activity-2 rect").count() == 12
    assert moderator.locator("svg#chart-activity-2").bounding_box()["width"] > 100
    assert csp_errors == []
