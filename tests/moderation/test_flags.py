"""Members flag resources, threads and posts; enough flags hide an item until a moderator looks."""

import pytest
from sqlalchemy import select

from app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.extensions import db
from app.moderation import service
from app.moderation.models import Flag
from app.site_settings import set_setting

from ..factories import moderation as builders


def flags_on(target_type, target_id):
    return list(
        db.session.execute(
            select(Flag).where(Flag.target_type == target_type, Flag.target_id == target_id)
        ).scalars()
    )


def test_a_member_flags_a_post_with_a_reason_and_a_note(roles):
    thread = builders.thread(roles.other_member)
    post = builders.opening_post(thread)
    flag = service.flag_item(
        roles.member, "post", post.id, "misinformation", "  Says vaccines cause autism.  "
    )
    assert (flag.reporter_id, flag.reason, flag.note, flag.status) == (
        roles.member.id,
        "misinformation",
        "Says vaccines cause autism.",
        "open",
    )


def test_one_open_flag_per_member_and_item(roles):
    resource = builders.published_resource(roles.other_org)
    service.flag_item(roles.member, "resource", resource.id, "spam")
    with pytest.raises(Conflict):
        service.flag_item(roles.member, "resource", resource.id, "other", "again")
    assert len(flags_on("resource", resource.id)) == 1


def test_the_database_refuses_a_second_open_flag_from_the_same_member(roles):
    resource = builders.published_resource(roles.other_org)
    db.session.add(
        Flag(reporter_id=roles.member.id, target_type="resource", target_id=resource.id, reason="spam")
    )
    db.session.flush()
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(
            Flag(reporter_id=roles.member.id, target_type="resource", target_id=resource.id, reason="other")
        )
        db.session.flush()


def test_a_member_may_flag_again_after_a_moderator_closed_the_first_flag(roles):
    resource = builders.published_resource(roles.other_org)
    service.flag_item(roles.member, "resource", resource.id, "spam")
    service.dismiss_flags(roles.moderator, "resource", resource.id)
    service.flag_item(roles.member, "resource", resource.id, "spam", "It is back to advertising.")
    assert sorted(f.status for f in flags_on("resource", resource.id)) == ["dismissed", "open"]


def test_flags_from_three_members_hide_a_post_until_a_moderator_restores_it(roles):
    thread = builders.thread(roles.org_admin)
    post = builders.reply(roles.other_member, thread, "Buy followers cheap at example.biz")
    reporters = builders.members(roles.org, 3)
    service.flag_item(reporters[0], "post", post.id, "spam")
    service.flag_item(reporters[1], "post", post.id, "spam")
    assert post.hidden_at is None
    service.flag_item(reporters[2], "post", post.id, "spam")
    assert post.hidden_at is not None and post.hidden_automatically

    service.dismiss_flags(roles.moderator, "post", post.id, "Not spam: a joke among colleagues.")
    assert post.hidden_at is None
    assert {f.status for f in flags_on("post", post.id)} == {"dismissed"}


def test_the_threshold_counts_different_members_and_follows_the_admin_setting(roles):
    set_setting("flag_hide_threshold", 2)
    resource = builders.published_resource(roles.other_org)
    service.flag_item(roles.member, "resource", resource.id, "spam")
    assert resource.hidden_at is None
    service.flag_item(roles.org_admin, "resource", resource.id, "misinformation")
    assert resource.hidden_at is not None
    assert not resource.is_listed


def test_flags_hide_a_thread_at_the_threshold(roles):
    set_setting("flag_hide_threshold", 1)
    thread = builders.thread(roles.other_member)
    service.flag_item(roles.member, "thread", thread.id, "harassment")
    assert thread.hidden_at is not None


def test_upholding_flags_hides_the_item_with_a_reason_and_closes_them(roles, mailbox):
    resource = builders.published_resource(roles.other_org)
    service.flag_item(roles.member, "resource", resource.id, "patient_privacy", "Shows a patient's face.")
    service.uphold_flags(roles.moderator, "resource", resource.id, "Shows an identifiable patient.")
    db.session.commit()
    assert resource.hidden_at is not None and resource.hidden_reason == "Shows an identifiable patient."
    assert {f.status for f in flags_on("resource", resource.id)} == {"resolved"}
    assert "Shows an identifiable patient." in mailbox.body(mailbox.last_to(resource.author.email))


def test_restoring_a_hidden_resource_tells_its_author(roles, mailbox):
    set_setting("flag_hide_threshold", 1)
    resource = builders.published_resource(roles.other_org)
    service.flag_item(roles.member, "resource", resource.id, "spam")
    service.dismiss_flags(roles.moderator, "resource", resource.id)
    db.session.commit()
    assert resource.is_listed
    assert "is visible again" in mailbox.last_to(resource.author.email)["Subject"]


def test_nobody_flags_what_they_cannot_see(roles):
    draft = builders.resource(roles.other_member, roles.other_org, "A private draft", action="draft")
    with pytest.raises(NotFound):
        service.flag_item(roles.member, "resource", draft.id, "spam")
    with pytest.raises(NotFound):
        service.flag_item(roles.member, "resource", 999_999, "spam")
    with pytest.raises(NotFound):
        service.flag_item(roles.member, "organisation", roles.org.id, "spam")


def test_a_signed_in_user_without_an_organisation_cannot_flag(roles):
    resource = builders.published_resource(roles.other_org)
    with pytest.raises(PermissionDenied):
        service.flag_item(roles.outsider, "resource", resource.id, "spam")


def test_a_member_cannot_flag_their_own_item(roles):
    thread = builders.thread(roles.member)
    with pytest.raises(PermissionDenied):
        service.flag_item(roles.member, "thread", thread.id, "spam")


def test_a_flag_needs_a_known_reason_and_a_short_note(roles):
    resource = builders.published_resource(roles.other_org)
    with pytest.raises(ValidationError):
        service.flag_item(roles.member, "resource", resource.id, "boring")
    with pytest.raises(ValidationError):
        service.flag_item(roles.member, "resource", resource.id, "other", "x" * 1001)


def test_only_moderators_resolve_flags(roles):
    resource = builders.published_resource(roles.other_org)
    service.flag_item(roles.member, "resource", resource.id, "spam")
    with pytest.raises(PermissionDenied):
        service.dismiss_flags(roles.org_admin, "resource", resource.id)
    with pytest.raises(PermissionDenied):
        service.uphold_flags(roles.member, "resource", resource.id, "no")


# --- Through the web --------------------------------------------------------------------


def test_a_member_flags_through_the_form_and_returns_to_the_item(roles, client_as):
    resource = builders.published_resource(roles.other_org)
    db.session.commit()
    response = client_as(roles.member).post(
        "/flags",
        data={"target_type": "resource", "target_id": resource.id, "reason": "spam", "note": "An advert"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/library/{resource.slug}")
    assert len(flags_on("resource", resource.id)) == 1


def test_flagging_twice_through_the_form_says_so_without_error(roles, client_as):
    resource = builders.published_resource(roles.other_org)
    db.session.commit()
    client = client_as(roles.member)
    data = {"target_type": "resource", "target_id": resource.id, "reason": "spam"}
    client.post("/flags", data=data)
    response = client.post("/flags", data=data, follow_redirects=True)
    assert response.status_code < 500
    assert b"already reported" in response.data


def test_a_malformed_flag_form_is_refused_without_error(roles, client_as):
    client = client_as(roles.member)
    for data in (
        {"target_type": "resource", "target_id": "x1"},
        {"target_type": "user", "target_id": "1"},
        {},
    ):
        response = client.post("/flags", data=data, follow_redirects=True)
        assert response.status_code == 200
        assert b"could not be sent" in response.data


def test_a_visitor_is_sent_to_sign_in_to_flag(client):
    response = client.post("/flags", data={"target_type": "resource", "target_id": "1", "reason": "spam"})
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_flagging_is_rate_limited_per_member(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True)
    from tests.conftest import login

    with app.app_context():
        from tests.factories import add_member, make_org, make_user

        org = make_org("Harbor Health")
        member = make_user(name="Busy Reporter")
        add_member(org, member)
        author = make_user(name="Prolific Author")
        items = [builders.published_resource(org, author if i == 0 else None, f"Guide {i}") for i in range(7)]
        ids = [item.id for item in items]
        db.session.commit()
        client = login(app.test_client(), member)
        statuses = [
            client.post(
                "/flags", data={"target_type": "resource", "target_id": i, "reason": "spam"}
            ).status_code
            for i in ids
        ]
        assert statuses[:5] == [302] * 5
        assert statuses[5] == 429
