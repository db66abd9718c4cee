"""The foundation's journey in Chromium, through the real pages and the e-mails they send:
a visitor registers and verifies the address, applies for an organisation, an admin approves it
in a second browser, the new organisation admin invites a colleague, and the colleague joins from
a third browser. Accessible locators throughout, so the labels and button names are proven too."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from app.extensions import db

from ..conftest import Mailbox
from ..factories import PASSWORD, make_user

ORG_NAME = "Northwind Community Health"
FOUNDER = ("Fran Founder", "fran@northwind.example")
COLLEAGUE = ("Cole Colleague", "cole@northwind.example")


def link_in_mail(mailbox: Mailbox, address: str, base: str, contains: str) -> str:
    """The link containing ``contains`` in the latest e-mail to ``address``."""
    body = mailbox.body(mailbox.last_to(address))
    links = re.findall(re.escape(base) + r"/\S+", body)
    found = [link for link in links if contains in link]
    assert found, f"no link with {contains!r} in the e-mail to {address}:\n{body}"
    return found[0]


def fill_registration(page, name: str, email: str | None) -> None:
    page.get_by_label("Name", exact=True).fill(name)
    if email is not None:
        page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Register", exact=True).click()


def sign_in_on_this_page(page, email: str) -> None:
    """Registering leads to the sign-in form (nobody is signed in by registering)."""
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def flash(page):
    return page.locator(".flashes")


def test_visitor_registers_applies_is_approved_invites_and_a_colleague_joins(live_server, new_page):
    base = live_server.url
    mailbox = Mailbox(live_server.app, Path(live_server.app.config["MAIL_DIR"]))
    with live_server.app.app_context():
        admin = make_user(name="Ada Admin", admin=True)
        db.session.commit()
        admin_email = admin.email

    # A visitor registers, then confirms the address with the link in the e-mail.
    founder = new_page()
    founder.goto(base + "/")
    founder.get_by_role("navigation", name="Account").get_by_role("link", name="Register").click()
    fill_registration(founder, *FOUNDER)
    expect(flash(founder)).to_contain_text("We sent a link to " + FOUNDER[1])
    sign_in_on_this_page(founder, FOUNDER[1])
    founder.goto(link_in_mail(mailbox, FOUNDER[1], base, "/auth/verify/"))
    founder.get_by_role("button", name="Confirm my email address").click()
    expect(flash(founder)).to_contain_text("your email address is confirmed")

    # They apply for their organisation.
    founder.goto(base + "/orgs/apply")
    founder.get_by_label("Name", exact=True).fill(ORG_NAME)
    founder.get_by_label("Type", exact=True).select_option(label="Health nonprofit")
    founder.get_by_label("Website", exact=True).fill("https://northwind.example/")
    founder.get_by_label("Description", exact=True).fill("Community clinics across the northern lakes.")
    founder.get_by_label("Country", exact=True).fill("Canada")
    founder.get_by_label("State, province or region", exact=True).fill("Manitoba")
    founder.get_by_label("City", exact=True).fill("Thompson")
    founder.get_by_label("Staff e-mail domain", exact=True).fill("northwind.example")
    founder.get_by_label("Instagram", exact=True).fill("https://www.instagram.com/northwinddemo/")
    founder.get_by_role("button", name="Send the application").click()
    expect(flash(founder)).to_contain_text(f"the application for {ORG_NAME} is with the network's admins")
    expect(founder.get_by_role("region", name="Your applications")).to_contain_text(ORG_NAME)

    # An admin signs in through the form in a second browser and approves the application.
    staff = new_page()
    staff.goto(base + "/auth/login")
    staff.get_by_label("Email", exact=True).fill(admin_email)
    staff.get_by_label("Password", exact=True).fill(PASSWORD)
    staff.get_by_role("button", name="Sign in", exact=True).click()
    staff.get_by_role("navigation", name="Account").get_by_role("link", name="Admin", exact=True).click()
    staff.get_by_role("navigation", name="Administration").get_by_role("link", name="Organisations").click()
    staff.get_by_role("link", name=ORG_NAME).click()
    expect(staff.get_by_role("link", name="Instagram")).to_have_attribute(
        "href", "https://www.instagram.com/northwinddemo/"
    )
    staff.get_by_label("Note to the applicant (optional)").fill("Welcome aboard.")
    staff.get_by_role("button", name="Approve", exact=True).click()
    expect(flash(staff)).to_contain_text(ORG_NAME)
    expect(staff.get_by_role("heading", level=1)).to_contain_text("Approved")

    # The applicant, now the organisation's admin, follows the e-mail and invites a colleague.
    founder.goto(link_in_mail(mailbox, FOUNDER[1], base, "/orgs/"))
    expect(founder.get_by_role("heading", level=1)).to_have_text(ORG_NAME)
    founder.get_by_role("link", name="Manage members").click()
    invite = founder.get_by_role("region", name="Invite a colleague")
    invite.get_by_label("Email", exact=True).fill(COLLEAGUE[1])
    invite.get_by_label("Role", exact=True).select_option(label="Member")
    invite.get_by_role("button", name="Send the invitation").click()
    expect(flash(founder)).to_contain_text(f"An invitation has been e-mailed to {COLLEAGUE[1]}")

    # The colleague opens the invitation in a third browser, registers, and accepts.
    colleague = new_page()
    colleague.goto(link_in_mail(mailbox, COLLEAGUE[1], base, "/orgs/invitations/"))
    expect(colleague.get_by_role("heading", level=1)).to_have_text(f"Join {ORG_NAME}")
    colleague.get_by_role("link", name="Create an account").click()
    expect(colleague.get_by_label("Email", exact=True)).to_have_value(COLLEAGUE[1])
    fill_registration(colleague, COLLEAGUE[0], None)
    sign_in_on_this_page(colleague, COLLEAGUE[1])
    colleague.get_by_role("button", name="Accept and join").click()
    expect(flash(colleague)).to_contain_text(f"Welcome to {ORG_NAME}")
    expect(colleague.get_by_role("heading", level=1)).to_have_text(ORG_NAME)

    # The colleague is in the organisation's member list.
    founder.reload()
    members = founder.get_by_role("region", name=re.compile(r"^Members \("))
    expect(members.get_by_role("row", name=re.compile(COLLEAGUE[0]))).to_contain_text("Member")
    expect(members.get_by_role("heading")).to_have_text("Members (2)")
