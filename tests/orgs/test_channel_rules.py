"""Each channel address must belong to its platform; the handle is extracted and shown."""

from __future__ import annotations

import random

import pytest

from app.extensions import db
from app.orgs.channel_rules import check_channel, handle_of
from app.orgs.models import Platform
from app.orgs.seed import build_plan

from .test_applications import APPLICATION


@pytest.mark.parametrize(
    ("platform", "url", "handle"),
    [
        (Platform.FACEBOOK, "https://www.facebook.com/MercyHealth", "MercyHealth"),
        (Platform.FACEBOOK, "https://m.facebook.com/profile.php?id=100064", "100064"),
        (Platform.X, "https://twitter.com/mercyhealth", "@mercyhealth"),
        (Platform.X, "https://x.com/mercy_health/", "@mercy_health"),
        (Platform.LINKEDIN, "https://www.linkedin.com/company/mercy-health", "mercy-health"),
        (Platform.YOUTUBE, "https://www.youtube.com/@MercyHealth", "MercyHealth"),
        (Platform.YOUTUBE, "https://youtube.com/channel/UCabcdefghijklmnopqrstuv", "UCabcdefghijklmnopqrstuv"),
        (Platform.INSTAGRAM, "https://www.instagram.com/mercy.health/", "@mercy.health"),
        (Platform.TIKTOK, "https://www.tiktok.com/@mercyhealth", "@mercyhealth"),
        (Platform.THREADS, "https://www.threads.net/@mercyhealth", "@mercyhealth"),
        (Platform.BLUESKY, "https://bsky.app/profile/mercy.example", "@mercy.example"),
        (Platform.MASTODON, "https://med-mastodon.com/@mercy", "@mercy@med-mastodon.com"),
        (Platform.BLOG, "https://www.mercy.example/blog/", "mercy.example"),
    ],
)
def test_an_address_on_the_platform_is_accepted_with_its_handle(platform, url, handle):
    address, problem = check_channel(platform, url)

    assert problem is None
    assert address is not None and address.handle == handle


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        (Platform.FACEBOOK, "https://totally-not-facebook.example/scam"),
        (Platform.FACEBOOK, "https://facebook.com.evil.example/mercy"),
        (Platform.FACEBOOK, "https://www.facebook.com/sharer.php"),
        (Platform.FACEBOOK, "http://www.facebook.com/MercyHealth"),
        (Platform.TIKTOK, "https://www.youtube.com/@MercyHealth"),
        (Platform.X, "https://x.com/mercy/status/12345"),
        (Platform.LINKEDIN, "https://www.linkedin.com/feed/"),
        (Platform.MASTODON, "https://www.facebook.com/@mercy"),
        (Platform.BLOG, "https://www.instagram.com/mercy"),
    ],
)
def test_an_address_off_the_platform_is_refused(platform, url):
    address, problem = check_channel(platform, url)

    assert address is None
    assert problem and platform.label in problem


def test_an_org_admin_cannot_save_another_address_as_the_facebook_account(ctx, roles, client_as):
    data = dict(
        APPLICATION,
        name=roles.org.name,
        channel_facebook="https://totally-not-facebook.example/scam",
        channel_tiktok="https://www.youtube.com/@MercyHealth",
    )

    response = client_as(roles.org_admin).post(f"/orgs/{roles.org.slug}/edit", data=data)

    page = response.get_data(as_text=True)
    assert response.status_code in (400, 422)
    assert "This is not a Facebook address" in page
    assert "This is not a TikTok address" in page
    assert "https://totally-not-facebook.example/scam" in page  # the input is kept to correct
    db.session.expire_all()
    assert not [c for c in roles.org.channels if c.platform in ("facebook", "tiktok")]


def test_the_profile_shows_each_channel_with_its_handle(ctx, roles, client_as, client):
    data = dict(APPLICATION, name=roles.org.name, channel_tiktok="https://www.tiktok.com/@mercydemo")
    assert client_as(roles.org_admin).post(f"/orgs/{roles.org.slug}/edit", data=data).status_code == 302

    page = client.get(f"/orgs/{roles.org.slug}").get_data(as_text=True)

    assert "@mercydemo" in page
    assert "riverbend-demo" in page


def test_every_demo_channel_is_on_its_platform():
    plan = build_plan(random.Random(1))

    assert [(p, u) for org in plan.orgs for p, u in org.channels.items() if not handle_of(p, u)] == []
