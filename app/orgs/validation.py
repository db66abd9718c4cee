"""Checking what people type about an organisation: one place, used by the forms' views and the API.

Every function returns the cleaned value or adds a message to ``errors`` under the form field's
name, so a view can show each message beside its field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from .channel_rules import ChannelAddress, check_channel
from .models import ORG_TYPE_LABELS, Platform

LIMITS = {
    "name": 200,
    "website": 500,
    "country": 80,
    "region": 80,
    "city": 120,
    "description": 5000,
    "email_domain": 253,
}
URL_MAX = 500
CHANNEL_FIELDS = {f"channel_{platform.value}": platform for platform in Platform}
_HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")
# Free-mail domains would suggest an organisation to half the internet.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "mail.com",
        "yandex.com",
    }
)


def clean_text(value: Any, *, multiline: bool = False) -> str:
    """Drop control characters (NUL breaks PostgreSQL) and collapse spaces on one-line fields."""
    text = "" if value is None else str(value)
    keep = "\n\t" if multiline else ""
    text = "".join(ch for ch in text if ch.isprintable() or ch in keep or ch == " ")
    if multiline:
        lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip()
    return " ".join(text.split())


def clean_url(value: Any) -> tuple[str, str | None]:
    """An absolute http(s) address, or an error message. Empty stays empty."""
    text = "" if value is None else str(value).strip()
    if not text:
        return "", None
    if len(text) > URL_MAX:
        return "", f"Use at most {URL_MAX} characters."
    message = "Enter a full web address starting with https:// (or http://)."
    if any(not ch.isprintable() or ch.isspace() or ch == "\\" for ch in text):
        return "", message
    try:
        parts = urlsplit(text)
        hostname = parts.hostname or ""
        parts.port  # noqa: B018  (raises on a malformed port)
    except ValueError:
        return "", message
    if parts.scheme.lower() not in ("http", "https") or not _HOSTNAME.match(hostname):
        return "", message
    if parts.username is not None or parts.password is not None:
        return "", message
    return text, None


def clean_domain(value: Any) -> tuple[str, str | None]:
    domain = clean_text(value).lower().lstrip("@").rstrip(".")
    if not domain:
        return "", None
    if not _HOSTNAME.match(domain):
        return "", "Enter a domain such as mercy-health.org (the part after @ in staff e-mail addresses)."
    if domain in PUBLIC_MAIL_DOMAINS:
        return "", "Use your organisation's own domain, not a public e-mail service."
    return domain, None


def clean_details(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Clean an organisation's details; returns ``(values, errors)``.

    ``values`` has the plain columns and ``channels`` (platform → ``ChannelAddress``: the address
    and its handle) for the filled channels; each must belong to its platform (``channel_rules``).
    Only the keys named here are read: nothing else a client sends can reach the row.
    """
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for key in ("name", "country", "region", "city"):
        values[key] = clean_text(data.get(key))
    values["description"] = clean_text(data.get("description"), multiline=True)
    if not values["name"]:
        errors["name"] = ["Enter the organisation's name."]
    for key in ("name", "country", "region", "city", "description"):
        if len(values[key]) > LIMITS[key]:
            errors[key] = [f"Use at most {LIMITS[key]} characters."]
    org_type = clean_text(data.get("type"))
    if org_type not in ORG_TYPE_LABELS:
        errors["type"] = ["Choose the kind of organisation."]
    values["type"] = org_type
    values["website"], problem = clean_url(data.get("website"))
    if problem:
        errors["website"] = [problem]
    values["email_domain"], problem = clean_domain(data.get("email_domain"))
    if problem:
        errors["email_domain"] = [problem]
    channels: dict[str, ChannelAddress] = {}
    for field, platform in CHANNEL_FIELDS.items():
        url, problem = clean_url(data.get(field))
        address = None
        if url and not problem:
            address, problem = check_channel(platform, url)
        if problem:
            errors[field] = [problem]
        elif address:
            channels[platform.value] = address
    values["channels"] = channels
    return values, errors
