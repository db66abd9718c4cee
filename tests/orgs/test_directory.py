"""The public directory of member organisations and their profiles."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from app.extensions import db
from app.orgs.models import OrgStatus, OrgType, SocialChannel
from app.page_cache import content_changed

from .. import factories


def _names(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/orgs/[^"]+">([^<]+)</a></h3>', html)


@pytest.fixture
def network(ctx):
    def org(name, org_type, country, region, *platforms, status=OrgStatus.APPROVED.value):
        made = factories.make_org(name, org_type=org_type, country=country, region=region, status=status)
        for platform in platforms:
            db.session.add(
                SocialChannel(organisation_id=made.id, platform=platform, url=f"https://{platform}.example/{made.slug}")
            )
        return made

    org("Mercy Valley Health", OrgType.HOSPITAL.value, "United States", "Ohio", "facebook", "x")
    org("Lakeshore Heart Foundation", OrgType.NONPROFIT.value, "Canada", "Ontario", "youtube")
    org("Society of Clinical Communicators", OrgType.SOCIETY.value, "United Kingdom", "Scotland", "linkedin")
    org(
        "Valley Patients Together",
        OrgType.PATIENT_ASSOCIATION.value,
        "United States",
        "Texas",
        "tiktok",
        "facebook",
    )
    org(
        "Pending Valley Clinic",
        OrgType.HOSPITAL.value,
        "United States",
        "Ohio",
        "facebook",
        status=OrgStatus.APPLIED.value,
    )
    org(
        "Rejected Valley Clinic",
        OrgType.HOSPITAL.value,
        "United States",
        "Ohio",
        status=OrgStatus.REJECTED.value,
    )
    org(
        "Suspended Valley Clinic",
        OrgType.HOSPITAL.value,
        "United States",
        "Ohio",
        status=OrgStatus.SUSPENDED.value,
    )
    db.session.commit()


def test_the_directory_shows_only_approved_organisations_with_their_channels(client, network):
    html = client.get("/orgs").get_data(as_text=True)

    assert _names(html) == [
        "Lakeshore Heart Foundation",
        "Mercy Valley Health",
        "Society of Clinical Communicators",
        "Valley Patients Together",
    ]
    assert 'href="https://facebook.example/' in html
    assert "X (Twitter)" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=nonprofit", ["Lakeshore Heart Foundation"]),
        ("country=United+States", ["Mercy Valley Health", "Valley Patients Together"]),
        ("country=United+States&region=Texas", ["Valley Patients Together"]),
        ("platform=facebook", ["Mercy Valley Health", "Valley Patients Together"]),
        ("q=VALLEY", ["Mercy Valley Health", "Valley Patients Together"]),
        ("q=valley&platform=tiktok", ["Valley Patients Together"]),
        ("q=%25", []),
        ("q=_", []),
        (
            "type=not-a-type",
            [
                "Lakeshore Heart Foundation",
                "Mercy Valley Health",
                "Society of Clinical Communicators",
                "Valley Patients Together",
            ],
        ),
    ],
)
def test_the_directory_filters(client, network, query, expected):
    response = client.get(f"/orgs?{query}")

    assert response.status_code == 200
    assert _names(response.get_data(as_text=True)) == expected


def test_the_directory_is_paginated(ctx, client):
    for n in range(25):
        factories.make_org(f"Clinic {n:02d}")
    db.session.commit()

    first = _names(client.get("/orgs").get_data(as_text=True))
    second = _names(client.get("/orgs?page=2").get_data(as_text=True))

    assert len(first) == 20 and len(second) == 5
    assert first[0] == "Clinic 00" and second[-1] == "Clinic 24"


def _statements_for(client, url: str) -> int:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def _add_orgs(count: int, start: int) -> None:
    for n in range(start, start + count):
        org = factories.make_org(f"Org {n:03d}", country="Ireland", region="Cork")
        db.session.add(SocialChannel(organisation_id=org.id, platform="x", url=f"https://x.example/org{n}"))
        db.session.add(SocialChannel(organisation_id=org.id, platform="blog", url=f"https://blog.example/org{n}"))
    content_changed()  # rows written directly, past the services that retire cached pages
    db.session.commit()


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_the_directory_uses_the_same_number_of_statements_however_many_organisations(ctx, roles, client_as, who):
    client = client_as(None if who == "visitor" else roles.member)
    _add_orgs(2, 0)
    few = _statements_for(client, "/orgs?country=Ireland")
    _add_orgs(15, 2)
    many = _statements_for(client, "/orgs?country=Ireland")

    assert few == many


def test_a_profile_shows_details_channels_and_member_count(ctx, roles, client):
    roles.org.city, roles.org.country, roles.org.description = (
        "Dayton",
        "United States",
        "Care <b>for all</b>",
    )
    db.session.add(SocialChannel(organisation_id=roles.org.id, platform="youtube", url="https://youtube.example/mercy"))
    db.session.commit()

    html = client.get(f"/orgs/{roles.org.slug}").get_data(as_text=True)

    assert "Mercy General Hospital" in html
    assert "Hospital or health system · Dayton, United States · 2 members" in html
    assert 'href="https://youtube.example/mercy"' in html
    assert "Care &lt;b&gt;for all&lt;/b&gt;" in html


def test_members_of_the_network_see_who_belongs_and_visitors_do_not(ctx, roles, client_as):
    visitor = client_as(None).get(f"/orgs/{roles.org.slug}").get_data(as_text=True)
    member = client_as(roles.other_member).get(f"/orgs/{roles.org.slug}").get_data(as_text=True)

    assert "Mina Member" not in visitor
    assert f'<a href="/users/{roles.member.id}">Mina Member</a>' in member
    assert "Oscar Orgadmin" in member


@pytest.mark.parametrize("status", [OrgStatus.APPLIED.value, OrgStatus.REJECTED.value, OrgStatus.SUSPENDED.value])
def test_an_unapproved_organisation_is_not_found_by_visitors_and_others(ctx, roles, client_as, status):
    applicant = factories.make_user()
    org = factories.make_org("Hidden Clinic", status=status)
    org.applied_by_id = applicant.id
    db.session.commit()

    answers = {
        who: client_as(user).get(f"/orgs/{org.slug}").status_code
        for who, user in [
            ("visitor", None),
            ("member", roles.member),
            ("outsider", roles.outsider),
            ("applicant", applicant),
            ("admin", roles.admin),
        ]
    }

    assert answers == {"visitor": 404, "member": 404, "outsider": 404, "applicant": 200, "admin": 200}
    assert client_as(None).get("/orgs/no-such-org").status_code == 404


def test_the_home_page_lists_the_newest_member_organisations(ctx, client):
    factories.make_org("Newest Approved Clinic")
    factories.make_org("Still Pending Clinic", status=OrgStatus.APPLIED.value)
    db.session.commit()

    html = client.get("/").get_data(as_text=True)

    assert "Newest Approved Clinic" in html
    assert "Still Pending Clinic" not in html
