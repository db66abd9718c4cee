"""Running link checks over the directory's channels and recording what they found.

The network part runs in a bounded thread pool (``LINK_CHECK_CONCURRENCY``) and never touches
the database; the results are written afterwards in the caller's transaction. A channel that
turns broken notifies its organisation's admins once (not again on every failing check).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import or_, select

from ..db_types import utcnow
from ..extensions import db
from ..mail import site_path
from ..notifications.service import notify
from ..orgs.membership import org_admins
from ..orgs.models import Organisation, OrgStatus, SocialChannel
from .linkcheck import CheckResult, check_url, networks
from .models import ChannelCheck, CheckOutcome


@dataclass
class CheckSummary:
    checked: int = 0
    ok: int = 0
    broken: int = 0
    inconclusive: int = 0
    newly_broken: list[SocialChannel] = field(default_factory=list)


def fetch_all(urls: Sequence[str]) -> dict[str, CheckResult]:
    """Check each distinct address once, at most ``LINK_CHECK_CONCURRENCY`` at a time."""
    config = current_app.config
    allow = networks(config["LINK_CHECK_ALLOW_PRIVATE"])
    timeout = float(config["LINK_CHECK_TIMEOUT"])
    deadline = float(config["LINK_CHECK_DEADLINE"])
    distinct = list(dict.fromkeys(urls))
    if not distinct:
        return {}
    workers = max(1, min(int(config["LINK_CHECK_CONCURRENCY"]), len(distinct)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="linkcheck") as pool:
        results = pool.map(lambda url: check_url(url, timeout=timeout, deadline=deadline, allow=allow), distinct)
        return dict(zip(distinct, results, strict=True))


def record(channel: SocialChannel, result: CheckResult) -> bool:
    """Store one check on the channel and in the history; True when the channel just broke."""
    now = utcnow()
    db.session.add(
        ChannelCheck(
            channel_id=channel.id,
            organisation_id=channel.organisation_id,
            platform=channel.platform,
            checked_at=now,
            outcome=result.outcome,
            http_status=result.http_status,
            error=result.error[:300],
        )
    )
    channel.last_checked_at = now
    channel.last_error = result.error[:300]
    if result.outcome == CheckOutcome.OK:
        channel.last_verified_at = now
        channel.broken_since = None
        return False
    if result.outcome == CheckOutcome.BROKEN and channel.broken_since is None:
        channel.broken_since = now
        return True
    return False


def check_channels(channels: Sequence[SocialChannel]) -> CheckSummary:
    results = fetch_all([channel.url for channel in channels])
    summary = CheckSummary()
    for channel in channels:
        result = results[channel.url]
        summary.checked += 1
        setattr(summary, result.outcome, getattr(summary, result.outcome) + 1)
        if record(channel, result):
            summary.newly_broken.append(channel)
    db.session.flush()
    for channel in summary.newly_broken:
        _tell_admins(channel)
    return summary


def _tell_admins(channel: SocialChannel) -> None:
    org = channel.organisation
    body = (
        f"The link check could not reach your {channel.platform_label} channel {channel.url} "
        f"({channel.last_error or 'no answer'}). Readers of the directory see it marked as broken "
        "until a check succeeds: correct the address on your organisation's profile, or ignore this "
        "if the platform was down for a moment."
    )
    for admin in org_admins(org):
        notify(
            admin,
            "directory.channel_broken",
            f"Broken link: {org.name} on {channel.platform_label}",
            body,
            url=site_path("orgs.edit", slug=org.slug),
        )


def due_channels(limit: int | None = None, *, everything: bool = False) -> list[SocialChannel]:
    """Channels of approved organisations never checked or last checked before the interval."""
    query = (
        select(SocialChannel)
        .join(Organisation, Organisation.id == SocialChannel.organisation_id)
        .where(Organisation.status == OrgStatus.APPROVED.value)
        .order_by(SocialChannel.last_checked_at.asc().nulls_first(), SocialChannel.id)
    )
    if not everything:
        cutoff = utcnow() - current_app.config["LINK_CHECK_INTERVAL"]
        query = query.where(or_(SocialChannel.last_checked_at.is_(None), SocialChannel.last_checked_at < cutoff))
    if limit:
        query = query.limit(limit)
    return list(db.session.execute(query).scalars())


def run_due_link_checks(limit: int | None = None) -> CheckSummary:
    """For the background worker's schedule: check what is due, one batch; the caller commits."""
    return check_channels(due_channels(limit or int(current_app.config["LINK_CHECK_BATCH"])))
