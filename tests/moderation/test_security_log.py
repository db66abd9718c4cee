"""Moderator actions reach the security log with user, IP and UTC time, one line each (docs/SECURITY.md 38)."""

import logging
import re

from app.extensions import db

from . import builders

LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00 event=(\S+) user=(\S+) ip=(\S+) ")


def security_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "smhn.security"]


def test_a_moderator_decision_is_logged_with_user_ip_and_utc_time(roles, client_as, caplog):
    resource = builders.resource(roles.member, roles.org, "Crisis checklist", action="submit")
    db.session.commit()
    caplog.set_level(logging.INFO, logger="smhn.security")
    client_as(roles.moderator).post(
        f"/moderation/resource/{resource.id}/approve", environ_base={"REMOTE_ADDR": "203.0.113.9"}
    )
    matches = [LINE.match(line) for line in security_lines(caplog)]
    found = [m.groups() for m in matches if m]
    assert ("moderation.resource.approve", f"user:{roles.moderator.id}", "203.0.113.9") in found


def test_sanctions_and_flag_decisions_are_logged(roles, client_as, caplog):
    from app.moderation import service

    item = builders.published_resource(roles.other_org)
    service.flag_item(roles.member, "resource", item.id, "spam")
    db.session.commit()
    caplog.set_level(logging.INFO, logger="smhn.security")
    client = client_as(roles.moderator)
    client.post(f"/moderation/flags/resource/{item.id}/dismiss")
    client.post(f"/moderation/users/{roles.member.id}/suspend", data={"period": "1", "reason": "Spam"})
    events = {LINE.match(line).group(1) for line in security_lines(caplog) if LINE.match(line)}
    assert {"moderation.flag.dismiss", "moderation.user.suspend"} <= events


def test_a_forged_newline_cannot_add_a_log_line(roles, client_as, caplog):
    caplog.set_level(logging.INFO, logger="smhn.security")
    client_as(roles.moderator).post(
        f"/moderation/users/{roles.member.id}/suspend",
        data={"period": "1", "reason": "Spam"},
        environ_base={"REMOTE_ADDR": "1.2.3.4\r\n2030-01-01T00:00:00+00:00 event=signin.success user=user:1"},
    )
    lines = security_lines(caplog)
    assert lines and all("\n" not in line and "\r" not in line for line in lines)
    assert not any(line.startswith("2030-01-01") for line in lines)
