"""The whole journey through the pages: register, verify, apply, approval, invitation, joining."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.orgs.models import Membership

from ..factories import PASSWORD

LINK = re.compile(r"http://smhn\.test(/\S+)")


def _link(mailbox, address: str, contains: str) -> str:
    links = LINK.findall(mailbox.body(mailbox.last_to(address)))
    return next(link for link in links if contains in link)


def _register(client, name: str, email: str, path: str = "/auth/register"):
    data = {"name": name, "email": email, "password": PASSWORD, "confirm": PASSWORD}
    return client.post(path, data=data)


def _sign_in(client, email: str, path: str = "/auth/login"):
    return client.post(path, data={"email": email, "password": PASSWORD})


def test_register_apply_approve_invite_and_a_colleague_joins(app, ctx, roles, client_as, mailbox):
    founder = app.test_client()
    assert _register(founder, "Fran Founder", "fran@northwind.example").status_code == 302
    assert _sign_in(founder, "fran@northwind.example").status_code == 302
    verify = _link(mailbox, "fran@northwind.example", "/auth/verify/")
    assert founder.post(verify).status_code == 302

    applied = founder.post(
        "/orgs/apply",
        data={
            "name": "Northwind Community Health",
            "type": "nonprofit",
            "country": "Canada",
            "region": "Manitoba",
            "email_domain": "northwind.example",
            "channel_instagram": "https://www.instagram.com/northwinddemo/",
        },
    )
    assert applied.status_code == 302
    assert "Pending review" in founder.get("/orgs/mine").get_data(as_text=True)

    admin = client_as(roles.admin)
    review = admin.get("/admin/organisations").get_data(as_text=True)
    org_path = re.search(r'href="(/admin/organisations/\d+)">Northwind Community Health<', review).group(1)
    assert admin.post(org_path + "/approve").status_code == 302
    profile = _link(mailbox, "fran@northwind.example", "/orgs/")
    assert founder.get(profile).status_code == 200

    invited = founder.post(profile + "/members", data={"email": "Cole@Northwind.example", "role": "member"})
    assert invited.status_code == 302
    invitation = _link(mailbox, "cole@northwind.example", "/orgs/invitations/")

    colleague = app.test_client()
    landing = colleague.get(invitation).get_data(as_text=True)
    register_link = re.search(r'href="(/auth/register\?[^"]+)"', landing).group(1).replace("&amp;", "&")
    registered = _register(colleague, "Cole Colleague", "cole@northwind.example", register_link)
    signed_in = _sign_in(colleague, "cole@northwind.example", registered.headers["Location"])
    assert signed_in.headers["Location"] == invitation
    assert colleague.post(invitation).status_code == 302

    cole = db.session.execute(select(User).where(User.email == "cole@northwind.example")).scalar_one()
    membership = db.session.execute(select(Membership).where(Membership.user_id == cole.id)).scalar_one()
    assert membership.organisation.name == "Northwind Community Health"
    assert cole.is_verified
    assert "Cole Colleague" in founder.get(profile).get_data(as_text=True)
