"""Running checks over the directory: history, "last verified", "broken since", admins told once."""

from __future__ import annotations

from sqlalchemy import select

from app.directory.checking import run_due_link_checks
from app.directory.models import ChannelCheck
from app.extensions import db
from app.notifications.models import Notification
from app.orgs.models import SocialChannel


def _channel(org, platform: str, url: str) -> SocialChannel:
    channel = SocialChannel(organisation_id=org.id, platform=platform, url=url, handle="")
    db.session.add(channel)
    db.session.commit()
    return channel


def _allow_loopback(app) -> None:
    app.config["LINK_CHECK_ALLOW_PRIVATE"] = ["127.0.0.1/32"]


def test_the_command_records_each_check_and_tells_the_admins_of_a_broken_link_once(
    ctx, roles, runner, local_site, client
):
    _allow_loopback(ctx)
    live = _channel(roles.org, "blog", local_site.url("/live"))
    gone = _channel(roles.org, "mastodon", local_site.url("/gone"))

    first = runner.invoke(args=["directory", "check"])
    again = runner.invoke(args=["directory", "check", "--all"])

    assert "Checked 2 channels: 1 verified, 1 broken (1 newly)" in first.output
    assert "1 broken (0 newly)" in again.output
    db.session.expire_all()
    assert live.last_verified_at is not None and live.broken_since is None
    assert gone.broken_since is not None and gone.last_verified_at is None and gone.last_error == "HTTP 404"
    history = db.session.execute(select(ChannelCheck.outcome).where(ChannelCheck.channel_id == gone.id)).scalars()
    assert list(history) == ["broken", "broken"]
    notices = db.session.execute(select(Notification).where(Notification.kind == "directory.channel_broken"))
    assert [n.user_id for n in notices.scalars()] == [roles.org_admin.id]
    profile = client.get(f"/orgs/{roles.org.slug}").get_data(as_text=True)
    assert "broken since" in profile and "verified" in profile


def test_only_channels_due_are_checked_and_a_repaired_link_clears_broken_since(ctx, roles, local_site):
    _allow_loopback(ctx)
    channel = _channel(roles.org, "blog", local_site.url("/gone"))
    run_due_link_checks()
    db.session.commit()
    assert run_due_link_checks().checked == 0  # checked a moment ago: not due

    channel.url = local_site.url("/live")
    channel.last_checked_at = None
    summary = run_due_link_checks()
    db.session.commit()

    assert summary.ok == 1
    assert channel.broken_since is None and channel.last_verified_at is not None


def test_by_default_a_channel_on_the_local_network_is_never_fetched(ctx, roles, local_site):
    channel = _channel(roles.org, "blog", local_site.url("/live"))

    run_due_link_checks()

    assert local_site.requests == []
    assert channel.broken_since is not None and "non-public" in channel.last_error
