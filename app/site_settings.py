"""Settings an admin changes at run time (thresholds, limits), stored in the database."""

from __future__ import annotations

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import Model, db

# name -> (default, description). Values are stored as text and parsed as the default's type.
SETTINGS: dict[str, tuple[int | str | bool, str]] = {
    "trust_threshold": (3, "Approved submissions after which a member may publish without review"),
    "flag_hide_threshold": (3, "Flags from different members that hide an item until reviewed"),
    "accounts_per_ip_per_day": (3, "New accounts allowed from one IP address per day"),
    "hold_first_posts": (0, "A member's first posts held for a moderator's review (0: off)"),
}


class SiteSetting(Model):
    __tablename__ = "site_settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def get_setting(name: str) -> int | str | bool:
    default, _ = SETTINGS[name]
    stored = db.session.execute(select(SiteSetting.value).where(SiteSetting.name == name)).scalar_one_or_none()
    if stored is None:
        return default
    if isinstance(default, bool):
        return stored == "1"
    if isinstance(default, int):
        return int(stored)
    return stored


def set_setting(name: str, value: int | str | bool) -> None:
    if name not in SETTINGS:
        raise KeyError(name)
    text = ("1" if value else "0") if isinstance(value, bool) else str(value)
    row = db.session.get(SiteSetting, name)
    if row is None:
        db.session.add(SiteSetting(name=name, value=text))
    else:
        row.value = text
    db.session.flush()
