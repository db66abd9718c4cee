"""Invisible and direction-changing characters cannot deceive readers (issue 11.12).

A title of zero-width spaces made an invisible resource; a right-to-left override survived in a
reply; an automatic hide by members' reports was shown as a moderator's act.
"""

from __future__ import annotations

import pytest
from flask import current_app
from sqlalchemy import select

from app.audit import AuditEvent
from app.discussions.blueprint import thread_url
from app.errors import ValidationError
from app.extensions import db
from app.library import service as library
from app.library.models import Resource
from app.moderation import service as moderation
from app.text import one_line, text_block
from tests.factories import moderation as builders

RLO = "\u202e"


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\ufeff", RLO, "\u2066", "\u200e", "\u061c", "\u180e"])
def test_invisible_and_bidi_control_characters_are_stripped(invisible):
    assert one_line(f"exe{invisible}.pdf") == "exe.pdf"
    assert text_block(f"line one{invisible}\nline two") == "line one\nline two"


def test_joiners_inside_emoji_and_words_are_kept():
    nurse = "\U0001f469\u200d\u2695\ufe0f"
    assert one_line(f"Thanks {nurse}") == f"Thanks {nurse}"
    assert one_line("می\u200cخواهم") == "می\u200cخواهم"  # Persian needs the non-joiner


def test_a_title_of_zero_width_spaces_is_refused(roles):
    data = library.ResourceInput(
        title="\u200b" * 8, summary="", body="Some body text.", kind="guide", visibility="public", topics=[], tags=[]
    )
    with pytest.raises(ValidationError) as refused:
        library.create_resource(roles.member, roles.org, data)
    assert "title" in refused.value.fields


def test_a_title_of_zero_width_spaces_is_refused_by_the_form(roles, client_as):
    response = client_as(roles.member).post(
        "/library/new",
        data={
            "title": "\u200b\u200c\u200d\u2060",
            "body": "Some body text.",
            "kind": "guide",
            "visibility": "public",
            "organisation": roles.org.id,
            "action": "draft",
        },
    )
    assert response.status_code == 422
    assert db.session.execute(select(Resource)).first() is None


def test_a_bidi_override_does_not_survive_in_a_reply(roles):
    thread = builders.thread(roles.member)
    post = builders.reply(roles.member, thread, f"Open the file invoice{RLO}fdp.exe please")
    assert RLO not in post.body_source and RLO not in post.body_html


def test_an_automatic_hide_is_logged_and_shown_as_the_members_reports(roles, client_as):
    thread = builders.thread(roles.org_admin)
    post = builders.reply(roles.other_member, thread, "Buy followers cheap at example.biz")
    reporters = builders.members(roles.org, 3)
    for reporter in reporters:
        moderation.flag_item(reporter, "post", post.id, "spam")
    db.session.commit()
    assert post.hidden_at is not None
    events = db.session.execute(select(AuditEvent).where(AuditEvent.action == "post.hide")).scalars().all()
    assert [event.actor_id for event in events] == [None]
    with current_app.test_request_context():
        path = thread_url(thread)
    page = client_as(roles.member).get(path).get_data(as_text=True)
    assert "hidden by a moderator" not in page
    assert "hidden after reports from members" in page


def test_a_name_of_invisible_characters_is_refused_at_registration(client):
    response = client.post(
        "/auth/register",
        data={
            "name": "\u200b\u202e\u2060",
            "email": "ghost@example.org",
            "password": "a meadow of quiet lanterns",
            "confirm": "a meadow of quiet lanterns",
        },
    )
    assert response.status_code == 422
    assert "Enter your name." in response.get_data(as_text=True)
