"""Network news (staff post, everyone reads, Atom feed) and finding people by expertise."""

from __future__ import annotations

from app.experts import service as experts
from app.extensions import db
from app.news import service as news


def test_network_staff_post_news_that_everyone_reads_and_the_feed_carries(roles, client_as):
    staff = roles.other_member
    news.set_network_staff(roles.admin, staff, True)
    db.session.commit()
    response = client_as(staff).post("/news/new", data={"title": "Summit registration open", "body": "Register now."})
    assert response.status_code == 302
    assert "Summit registration open" in client_as(None).get("/news").get_data(as_text=True)
    assert "Summit registration open" in client_as(None).get("/").get_data(as_text=True)
    feed = client_as(None).get("/news/feed.atom")
    assert feed.headers["Content-Type"].startswith("application/atom+xml")
    assert "Summit registration open" in feed.get_data(as_text=True)


def test_members_may_not_post_news(roles, client_as):
    assert client_as(roles.member).get("/news/new").status_code == 403
    assert client_as(roles.member).post("/news/new", data={"title": "Hi", "body": "x"}).status_code == 403


def test_an_admin_appoints_network_staff_by_email(roles, client_as):
    response = client_as(roles.admin).post("/admin/network-staff", data={"email": roles.member.email})
    assert response.status_code == 302
    db.session.refresh(roles.member)
    assert roles.member.is_network_staff
    assert client_as(roles.member).get("/news/new").status_code == 200
    assert client_as(roles.member).get("/events/new").status_code == 200  # network-hosted events


def test_members_find_colleagues_by_expertise(roles, client_as):
    experts.update_learning_settings(roles.member, ["TikTok", "Recruitment marketing"], "Europe/London")
    experts.update_learning_settings(roles.other_member, ["TikTok", "Crisis communication"], "")
    db.session.commit()
    page = client_as(roles.org_admin).get("/experts?q=tiktok recruitment").get_data(as_text=True)
    assert roles.member.name in page and roles.other_member.name not in page
    profile = client_as(roles.org_admin).get(f"/users/{roles.member.id}").get_data(as_text=True)
    assert "Recruitment marketing" in profile


def test_visitors_and_outsiders_cannot_search_people(roles, client_as):
    assert client_as(None).get("/experts?q=tiktok").status_code == 302
    assert client_as(roles.outsider).get("/experts?q=tiktok").status_code == 403


def test_the_settings_form_saves_expertise_and_time_zone_and_refuses_a_bad_zone(roles, client_as):
    client = client_as(roles.member)
    response = client.post(
        "/account/expertise", data={"expertise": "TikTok, tiktok, Paid social", "timezone": "Asia/Tokyo"}
    )
    assert response.status_code == 302
    db.session.refresh(roles.member)
    assert roles.member.timezone == "Asia/Tokyo"
    assert experts.expertise_of(roles.member) == ["TikTok", "Paid social"]
    assert client.post("/account/expertise", data={"expertise": "", "timezone": "Mars/Olympus"}).status_code == 422
