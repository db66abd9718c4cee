"""Profile pages: who may see them and what they show."""

from __future__ import annotations

from app.db_types import utcnow
from app.extensions import db
from tests import factories


def test_visitor_is_asked_to_sign_in(client, roles):
    response = client.get(f"/users/{roles.member.id}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_member_sees_name_job_title_organisations_and_bio(client_as, roles):
    roles.org_admin.job_title = "Head of communications"
    roles.org_admin.bio = "Writes <b>guides</b>.\nLikes data."
    db.session.commit()
    response = client_as(roles.member).get(f"/users/{roles.org_admin.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Oscar Orgadmin" in page and "Head of communications" in page
    assert f'<a href="/orgs/{roles.org.slug}">Mercy General Hospital</a>' in page
    assert "Writes &lt;b&gt;guides&lt;/b&gt;." in page


def test_organisations_that_are_not_approved_are_not_listed(client_as, roles):
    pending = factories.make_org("Pending Clinic", status="applied", members=(roles.member,))
    db.session.commit()
    page = client_as(roles.other_member).get(f"/users/{roles.member.id}").get_data(as_text=True)
    assert "Mercy General Hospital" in page
    assert pending.name not in page


def test_signed_in_user_without_an_organisation_sees_only_their_own(client_as, roles):
    outsider = client_as(roles.outsider)
    assert outsider.get(f"/users/{roles.outsider.id}").status_code == 200
    hidden = outsider.get(f"/users/{roles.member.id}")
    missing = outsider.get("/users/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.get_data() == missing.get_data()


def test_own_profile_links_to_settings(client_as, roles):
    page = client_as(roles.member).get(f"/users/{roles.member.id}").get_data(as_text=True)
    assert 'href="/account/settings">Edit your profile' in page


def test_deactivated_profile_is_hidden_except_from_admins(client_as, roles):
    roles.other_member.deactivated_at = utcnow()
    db.session.commit()
    assert client_as(roles.member).get(f"/users/{roles.other_member.id}").status_code == 404
    assert client_as(roles.moderator).get(f"/users/{roles.other_member.id}").status_code == 404
    assert client_as(roles.admin).get(f"/users/{roles.other_member.id}").status_code == 200
