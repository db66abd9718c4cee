"""The library in Chromium: a member creates, edits (revision and diff), attaches a file to and
submits a resource; a moderator approves it in a second browser; a visitor finds it in /library
only once it is public and published, and never sees a members-only one."""

from __future__ import annotations

import io

from pypdf import PdfWriter

from app.extensions import db
from app.library import curation

from ..factories import PASSWORD
from ..factories.library import make_resource

TITLE = "Storm-season crisis playbook for hospital social teams"


def sign_in(page, base, user):
    page.goto(base + "/auth/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("form[action='/auth/logout']").count() == 1


def small_pdf(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "storm-checklist.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def library_titles(page, base):
    page.goto(base + "/library")
    return page.locator(".resource-list h3").all_inner_texts()


def test_member_creates_edits_attaches_submits_moderator_approves_visitor_finds_it(
    new_page, live_server, roles, tmp_path
):
    base = live_server.url
    curation.ensure_default_topics()
    make_resource(
        roles.other_member, title="Members-only staffing memo", visibility="members", publisher=roles.moderator
    )
    db.session.commit()
    csp_errors: list[str] = []

    member = new_page()
    member.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    sign_in(member, base, roles.member)

    # Create a draft.
    member.goto(base + "/library")
    member.click("text=Share a resource")
    member.fill("input[name=title]", TITLE)
    member.fill("textarea[name=summary]", "What we post, and when, before and during a storm.")
    member.fill("textarea[name=body]", "## Before the storm\n\nSchedule shelter updates.")
    member.select_option("select[name=kind]", "toolkit")
    member.check("label:has-text('Crisis communication')")
    member.check("label:has-text('Facebook')")
    member.fill("input[name=tags]", "storms, emergency")
    member.check("input[name=visibility][value=public]")
    member.click("button[value=draft]")
    member.wait_for_load_state()
    assert "Draft saved" in member.inner_text(".flashes")
    assert member.inner_text("h1") == TITLE
    resource_url = member.url

    # Edit it: a second revision, and a readable diff.
    member.click("a:has-text('Edit')")
    member.fill(
        "textarea[name=body]", "## Before the storm\n\nSchedule shelter updates.\n\n## During\n\nPin the hotline."
    )
    member.fill("input[name=note]", "Added the during-the-storm section")
    member.click("button[value=save]")
    member.wait_for_load_state()
    assert "Saved as revision 2" in member.inner_text(".flashes")
    member.click("a:has-text('History (2 revisions)')")
    assert "Added the during-the-storm section" in member.inner_text("table.revisions")
    member.click("a:has-text('Changes from 1')")
    added = member.locator("tr.diff-add").all_inner_texts()
    assert any("Pin the hotline." in row for row in added)

    # Attach a PDF.
    member.goto(resource_url)
    member.set_input_files("input[name=file]", str(small_pdf(tmp_path)))
    member.click(".upload-form button[type=submit]")
    member.wait_for_load_state()
    assert "attached" in member.inner_text(".flashes")
    assert member.locator(".attachment-list a:has-text('storm-checklist.pdf')").count() == 1

    # Submit it for review.
    member.click("button:has-text('Submit for review')")
    member.wait_for_load_state()
    assert "Submitted for review" in member.inner_text(".flashes")

    # A visitor does not see it yet, nor the members-only memo.
    visitor = new_page()
    titles = library_titles(visitor, base)
    assert TITLE not in titles and "Members-only staffing memo" not in titles
    assert visitor.goto(resource_url).status == 404

    # A moderator approves it from a second browser.
    moderator = new_page()
    sign_in(moderator, base, roles.moderator)
    moderator.goto(resource_url)
    moderator.click("button:has-text('Approve and publish')")
    moderator.wait_for_load_state()
    assert "Approved" in moderator.inner_text(".flashes")

    # Now the visitor finds it, opens it and can download the file; the memo stays hidden.
    titles = library_titles(visitor, base)
    assert TITLE in titles and "Members-only staffing memo" not in titles
    visitor.click(f"a:has-text('{TITLE}')")
    assert "Pin the hotline." in visitor.inner_text(".prose")
    href = visitor.locator(".attachment-list a").get_attribute("href")
    download = visitor.request.get(base + href)
    assert download.status == 200
    assert download.headers["content-disposition"].startswith("attachment")
    assert download.body().startswith(b"%PDF-")

    # The member sees the members-only memo in the list.
    assert "Members-only staffing memo" in library_titles(member, base)
    assert csp_errors == []


def test_a_file_over_the_limit_is_refused_in_the_page_before_it_is_sent(new_page, live_server, roles, tmp_path):
    resource = make_resource(roles.member, title="Flu clinic poster pack", status="draft")
    db.session.commit()
    big = tmp_path / "poster-print-master.pdf"
    big.write_bytes(b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024))
    member = new_page()
    sign_in(member, live_server.url, roles.member)
    page_url = f"{live_server.url}/library/{resource.slug}"
    member.goto(page_url)

    member.set_input_files("input[name=file]", str(big))
    member.click(".upload-form button[type=submit]")

    alert = member.locator(".upload-form .file-too-large")
    assert "larger than the limit of 20 MB per file" in alert.inner_text()
    assert member.url == page_url  # nothing was sent: the page and the form stay
