"""Which addresses belong to which platform: one table of host and path rules, and the handle.

An organisation's "official Facebook account" must be an address on Facebook, not a look-alike
host (``totally-not-facebook.example``) or another platform's profile. Each rule names the hosts
a platform serves its profiles from and the path shapes of a profile; the named group ``handle``
is what the directory shows beside the link. Mastodon is federated (any host, ``/@user``) and a
blog or podcast may live anywhere, so those two accept any host. Channels are https only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from .models import Platform

ANY_HOST = frozenset({"*"})


@dataclass(frozen=True)
class HostRule:
    hosts: frozenset[str]
    paths: tuple[re.Pattern[str], ...]
    example: str
    handle_prefix: str = ""


def _paths(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"^{pattern}/?$") for pattern in patterns)


def _hosts(*names: str) -> frozenset[str]:
    return frozenset({*names, *(f"www.{name}" for name in names)})


# Paths on a platform's own host that are features, not an account.
RESERVED = frozenset(
    {"login", "signup", "share", "sharer", "sharer.php", "intent", "home", "search", "explore", "watch", "settings"}
)

RULES: dict[Platform, HostRule] = {
    Platform.FACEBOOK: HostRule(
        _hosts("facebook.com", "fb.com") | {"m.facebook.com", "web.facebook.com", "business.facebook.com"},
        _paths(r"/profile\.php", r"/(?:pages/[^/]+/)?(?P<handle>[A-Za-z0-9.\-]{2,80})"),
        "https://www.facebook.com/yourpage",
    ),
    Platform.X: HostRule(
        _hosts("x.com", "twitter.com") | {"mobile.twitter.com", "mobile.x.com"},
        _paths(r"/(?P<handle>[A-Za-z0-9_]{1,15})"),
        "https://x.com/yourhandle",
        "@",
    ),
    Platform.LINKEDIN: HostRule(
        _hosts("linkedin.com"),
        _paths(r"/(?:company|school|showcase|in)/(?P<handle>[A-Za-z0-9\-_.%]{2,100})"),
        "https://www.linkedin.com/company/your-organisation",
    ),
    Platform.YOUTUBE: HostRule(
        _hosts("youtube.com") | {"m.youtube.com"},
        _paths(
            r"/@(?P<handle>[A-Za-z0-9_.\-]{3,30})",
            r"/channel/(?P<handle>UC[A-Za-z0-9_\-]{22})",
            r"/(?:c|user)/(?P<handle>[A-Za-z0-9_.\-]{1,100})",
        ),
        "https://www.youtube.com/@yourchannel",
    ),
    Platform.INSTAGRAM: HostRule(
        _hosts("instagram.com"), _paths(r"/(?P<handle>[A-Za-z0-9_.]{1,30})"), "https://www.instagram.com/yours", "@"
    ),
    Platform.TIKTOK: HostRule(
        _hosts("tiktok.com"), _paths(r"/@(?P<handle>[A-Za-z0-9_.]{2,24})"), "https://www.tiktok.com/@yours", "@"
    ),
    Platform.THREADS: HostRule(
        _hosts("threads.net", "threads.com"),
        _paths(r"/@(?P<handle>[A-Za-z0-9_.]{1,30})"),
        "https://www.threads.net/@yours",
        "@",
    ),
    Platform.BLUESKY: HostRule(
        frozenset({"bsky.app"}),
        _paths(r"/profile/(?P<handle>[A-Za-z0-9.\-:]{3,253})"),
        "https://bsky.app/profile/yours.bsky.social",
        "@",
    ),
    Platform.PINTEREST: HostRule(
        _hosts("pinterest.com") | {"uk.pinterest.com", "ca.pinterest.com", "au.pinterest.com"},
        _paths(r"/(?P<handle>[A-Za-z0-9_]{3,30})"),
        "https://www.pinterest.com/yours",
    ),
    Platform.SNAPCHAT: HostRule(
        _hosts("snapchat.com"), _paths(r"/add/(?P<handle>[A-Za-z0-9._\-]{3,15})"), "https://www.snapchat.com/add/yours"
    ),
    Platform.WHATSAPP: HostRule(
        _hosts("whatsapp.com"),
        _paths(r"/channel/(?P<handle>[A-Za-z0-9]{10,40})"),
        "https://www.whatsapp.com/channel/0029Va…",
    ),
    Platform.MASTODON: HostRule(
        ANY_HOST, _paths(r"/@(?P<handle>[A-Za-z0-9_]{1,30})"), "https://mastodon.social/@yours", "@"
    ),
    Platform.BLOG: HostRule(ANY_HOST, (re.compile(r"^.*$"),), "https://blog.your-organisation.org/"),
}


@dataclass(frozen=True)
class ChannelAddress:
    url: str
    handle: str


def _platform_hosts() -> frozenset[str]:
    hosts: set[str] = set()
    for rule in RULES.values():
        if rule.hosts != ANY_HOST:
            hosts |= rule.hosts
    return frozenset(hosts)


KNOWN_HOSTS = _platform_hosts()


def channel_error(platform: Platform) -> str:
    rule = RULES[platform]
    if rule.hosts == ANY_HOST:
        return f"Enter the address of your {platform.label} starting with https://, e.g. {rule.example}"
    return f"This is not a {platform.label} address. Enter your page on {platform.label}, e.g. {rule.example}"


def check_channel(platform: Platform, url: str) -> tuple[ChannelAddress | None, str | None]:
    """The address as stored and its handle, or the message to show beside the field.

    ``url`` has passed ``validation.clean_url`` (absolute http(s), a real host name).
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme.lower() != "https" or parts.port not in (None, 443):
        return None, f"Use the https:// address of your {platform.label} account."
    rule = RULES[platform]
    if rule.hosts == ANY_HOST:
        if host in KNOWN_HOSTS:
            return None, channel_error(platform)
    elif host not in rule.hosts:
        return None, channel_error(platform)
    for pattern in rule.paths:
        match = pattern.match(parts.path or "/")
        if match is None:
            continue
        handle = match.groupdict().get("handle") or ""
        if platform is Platform.FACEBOOK and not handle:
            handle = "".join(parse_qs(parts.query).get("id", [""])[:1])
            if not handle.isdigit():
                return None, channel_error(platform)
        if handle.lower() in RESERVED:
            return None, channel_error(platform)
        if platform is Platform.MASTODON:
            handle = f"{handle}@{host}"
        elif platform is Platform.BLOG:
            handle = host.removeprefix("www.")
        return ChannelAddress(url=url, handle=f"{rule.handle_prefix}{handle}"), None
    return None, channel_error(platform)


def handle_of(platform: str, url: str) -> str:
    """The handle to show for a stored address ("" when it no longer matches a rule)."""
    try:
        address, _ = check_channel(Platform(platform), url)
    except ValueError:
        return ""
    return address.handle if address else ""
