"""docs/SECURITY.md 15, 16, 18 and 19: an actor × action matrix over every route that takes an id or slug.

Each row is one request (method, URL built from a world of real objects, form data) and the
answer each actor must get: "ok" (2xx, or a redirect anywhere but sign-in), "login" (a redirect
to /auth/login), 403 or 404. The rules, from docs/DESIGN.md and docs/SECURITY.md: visitors see only public,
published items (18); staff routes refuse members with 403 and send visitors to sign in (16);
another member gets 403 or 404 (15); a private item answers 404 exactly like a missing one (19).

The world is built once per test through the domains' services; every request then runs in a
transaction that is rolled back afterwards, so one actor's change (a deletion, an approval)
never colours the next answer. ``test_every_route_with_arguments_is_in_the_matrix`` fails when a
route that takes an argument is neither in the table nor in ``EXEMPT``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from flask import Flask
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import create_engine, event, func, select
from werkzeug.datastructures import FileStorage

from app.admin import service as admin_service
from app.api import tokens as api_tokens
from app.content_requests import service as content_requests
from app.discussions import service as discussions
from app.extensions import db
from app.library import adaptation, curation
from app.library import service as library
from app.moderation import service as moderation
from app.notifications.service import notify
from app.orgs import membership, tokens
from app.orgs import service as orgs

from ..conftest import login
from ..factories import make_org, make_user
from ..factories.library import make_resource
from ..uploads import files
from .learning_world import EVENT_EDIT, MESSAGE, NEWS_EDIT, SESSION, build_learning

ACTORS = ("visitor", "outsider", "member", "other_member", "org_admin", "moderator", "admin")
OK, LOGIN, DENIED, MISSING = "ok", "login", 403, 404
N, F = MISSING, DENIED


def expect(*answers: Any) -> dict[str, Any]:
    return dict(zip(ACTORS, answers, strict=True))


# Answers in the order of ACTORS: visitor, outsider, member, other_member, org_admin, moderator, admin.
EVERYONE = expect(OK, OK, OK, OK, OK, OK, OK)
NOBODY = expect(N, N, N, N, N, N, N)
SIGNED_IN = expect(LOGIN, OK, OK, OK, OK, OK, OK)
MEMBERS = expect(N, N, OK, OK, OK, OK, OK)  # members of any approved organisation, and staff
MEMBERS_ACT = expect(LOGIN, N, OK, OK, OK, OK, OK)
ORG_A = expect(N, N, OK, N, OK, OK, OK)  # org A's people (the member is the author) and staff
ORG_A_ACT = expect(LOGIN, N, OK, N, OK, OK, OK)
EDITORS = expect(LOGIN, F, OK, F, OK, OK, OK)  # author, org A's admins, staff
STAFF = expect(LOGIN, F, F, F, F, OK, OK)
STAFF_MEMBERS_ITEM = expect(LOGIN, N, F, F, F, OK, OK)
STAFF_ORG_A_ITEM = expect(LOGIN, N, F, N, F, OK, OK)
ADMINS = expect(LOGIN, F, F, F, F, F, OK)
ORG_A_MANAGERS = expect(LOGIN, F, F, F, OK, F, OK)
AUTHOR_ONLY = expect(LOGIN, F, OK, F, F, F, F)
AUTHOR_OR_STAFF = expect(LOGIN, F, OK, F, F, OK, OK)
OWNER_ONLY = expect(LOGIN, N, OK, N, N, N, N)


@dataclass
class World:
    """Ids and slugs only (plain values), so rows can be built in any session."""

    org_a: str
    org_b: str
    org_b_id: int
    applied_org: str  # applied by the outsider, not yet approved
    applied_org_id: int
    suspended_org_id: int
    member_id: int
    other_member_id: int
    outsider_id: int
    moderator_id: int
    joiner_id: int  # a verified user who asked to join org A
    deactivated_id: int
    public: str  # published public resource (the member's)
    public_id: int
    members_only: str  # published members-only resource
    members_only_id: int
    draft: str  # org A's draft
    draft_id: int
    pending: str  # waiting for review
    pending_id: int
    hidden: str  # published, then hidden by a moderator
    attachment_id: int  # on the draft
    attachment_name: str
    topic_id: int
    topic_slug: str
    collection: str
    collection_item_id: int
    public_category: str
    public_category_id: int
    target_category_id: int  # a third category, to move threads to
    members_category: str
    public_thread_id: int
    public_thread_slug: str
    members_thread_id: int
    members_thread_slug: str
    public_post_id: int  # the member's reply in the public thread
    members_post_id: int
    hidden_post_id: int
    held_post_id: int  # held by the privacy guard
    join_request_id: int
    invitation_id: int
    invitation_token: str
    notification_id: int  # the member's
    template: str  # org B's published public policy template
    adapted: str  # org A's draft adaptation of it (by org A's admin)
    # Learning (tests/security/learning_world.py): org A's public event (the member registered),
    # a network members-only event, courses, the member's certificate, a news post.
    event: str
    members_event: str
    event_registration_id: int
    recording: str  # a published webinar resource
    course: str  # the member is enrolled
    members_course: str
    certificate_code: str
    news_post: str
    calendar_token: str
    api_token_id: int  # the member's personal access token
    content_request_id: int  # asked by the member

    @classmethod
    def placeholder(cls) -> World:
        """Stand-in values: enough to build every URL and match it to its rule."""
        return cls(**{f.name: (1 if f.type == "int" else "x") for f in fields(cls)})


def build_world(roles: Any) -> World:
    member, moderator, admin = roles.member, roles.moderator, roles.admin
    cats = {c.slug: c for c in discussions.ensure_default_categories()}
    topic = curation.create_topic(admin, "Crisis communication", "subject")

    public = make_resource(member, title="Public storm guide", topics=(topic.slug,), publisher=moderator)
    # By org A's admin, so the member has two approved submissions: not yet trusted to publish directly.
    members_only = make_resource(
        roles.org_admin, title="Members staffing memo", visibility="members", publisher=moderator
    )
    draft = make_resource(member, title="Draft vaccine toolkit", status="draft")
    pending = make_resource(member, title="Pending consent template", status="pending")
    hidden = make_resource(member, title="Hidden case study", status="hidden", publisher=moderator)
    upload = FileStorage(io.BytesIO(files.pdf(["Draft checklist"])), filename="checklist.pdf")
    attachment = library.add_attachment(member, draft, upload)
    collection = curation.create_collection(moderator, "Starter kit", "Where to begin.")
    item = curation.add_to_collection(moderator, collection, public, "Read first.")

    public_thread = discussions.create_thread(member, cats["platforms"], "Public thread title", "Opening words.")
    members_thread = discussions.create_thread(
        member, cats["crisis-communication"], "Members thread title", "Opening words."
    )
    public_post = discussions.reply_to_thread(member, public_thread, "A public reply")
    members_post = discussions.reply_to_thread(member, members_thread, "A members reply")
    hidden_post = discussions.reply_to_thread(member, public_thread, "A rude reply")
    discussions.hide_post(moderator, hidden_post, "Rude")
    held = discussions.reply_to_thread(member, public_thread, "Her MRN 12345678 was visible.", send_for_review=True)
    assert held.is_held
    moderation.flag_item(roles.other_member, "resource", public.id, "spam")

    applied = orgs.apply_for_organisation(
        roles.outsider, {"name": "Harbour Applicants Clinic", "type": "hospital", "country": "Canada"}
    )
    suspended = make_org("Suspended Society", status="suspended")
    joiner = make_user(name="Jo Joiner")
    join_request = membership.request_to_join(joiner, roles.org, "Please let me in.")
    invitation = membership.invite(roles.org_admin, roles.org, "newcomer@example.org")
    deactivated = make_user(name="Dee Deactivated")
    admin_service.deactivate_user(admin, deactivated, "Left the network")
    note = notify(member, "test.notice", "Something happened", url="/library", email=False)
    template = make_resource(
        roles.other_member, roles.other_org, title="Shared policy", kind="policy_template", publisher=moderator
    )
    adapted = adaptation.adapt(roles.org_admin, template)
    learning = build_learning(roles)
    api_token = api_tokens.create_token(member, "Intranet widget", "read").token
    content_request = content_requests.create_request(member, "A consent form for filming patients")
    db.session.commit()
    return World(
        org_a=roles.org.slug,
        org_b=roles.other_org.slug,
        org_b_id=roles.other_org.id,
        applied_org=applied.slug,
        applied_org_id=applied.id,
        suspended_org_id=suspended.id,
        member_id=member.id,
        other_member_id=roles.other_member.id,
        outsider_id=roles.outsider.id,
        moderator_id=moderator.id,
        joiner_id=joiner.id,
        deactivated_id=deactivated.id,
        public=public.slug,
        public_id=public.id,
        members_only=members_only.slug,
        members_only_id=members_only.id,
        draft=draft.slug,
        draft_id=draft.id,
        pending=pending.slug,
        pending_id=pending.id,
        hidden=hidden.slug,
        attachment_id=attachment.id,
        attachment_name=attachment.original_name,
        topic_id=topic.id,
        topic_slug=topic.slug,
        collection=collection.slug,
        collection_item_id=item.id,
        public_category="platforms",
        public_category_id=cats["platforms"].id,
        target_category_id=cats["off-topic"].id,
        members_category="crisis-communication",
        public_thread_id=public_thread.id,
        public_thread_slug=public_thread.slug,
        members_thread_id=members_thread.id,
        members_thread_slug=members_thread.slug,
        public_post_id=public_post.id,
        members_post_id=members_post.id,
        hidden_post_id=hidden_post.id,
        held_post_id=held.id,
        join_request_id=join_request.id,
        invitation_id=invitation.id,
        invitation_token=tokens.invitation_token(invitation.id),
        template=template.slug,
        adapted=adapted.slug,
        notification_id=note.id,
        api_token_id=api_token.id,
        content_request_id=content_request.id,
        **learning,
    )


# --- The table ----------------------------------------------------------------------------
# Each row: a URL template filled from the world's fields, the answers per actor, and form data
# (string values are filled the same way; a callable gets the world).

Data = dict[str, Any] | Callable[[World], dict[str, Any]] | None


@dataclass(frozen=True)
class Row:
    method: str
    template: str
    expected: dict[str, Any]
    data: Data = None
    json: bool = False  # send ``data`` as a JSON body (the API)

    def url(self, world: World) -> str:
        return self.template.format(**vars(world))

    def form(self, world: World) -> dict[str, Any] | None:
        if callable(self.data):
            return self.data(world)
        if self.data is None:
            return None
        values = vars(world)
        return {key.format(**values): value.format(**values) for key, value in self.data.items()}


def get(template: str, expected: dict[str, Any]) -> Row:
    return Row("GET", template, expected)


def post(template: str, expected: dict[str, Any], data: Data = None) -> Row:
    return Row("POST", template, expected, data)


def a_pdf(_: World) -> dict[str, Any]:
    return {"file": (io.BytesIO(files.pdf(["Another checklist"])), "another.pdf")}


RESOURCE_EDIT = {
    "title": "Draft vaccine toolkit, revised",
    "body": "New text.",
    "kind": "guide",
    "visibility": "public",
}
ORG_DETAILS = {"name": "Mercy General Hospital", "type": "hospital", "country": "United States"}
CATEGORY = {"name": "Platforms", "slug": "platforms", "position": "1", "visibility": "public"}
THREAD = "/discussions/{public_category}/{public_thread_id}-{public_thread_slug}"
MEMBERS_THREAD = "/discussions/{members_category}/{members_thread_id}-{members_thread_slug}"

ACCOUNTS = [
    get("/users/{member_id}", expect(LOGIN, N, OK, OK, OK, OK, OK)),
    get("/users/{outsider_id}", expect(LOGIN, OK, OK, OK, OK, OK, OK)),  # one's own profile
    get("/users/{deactivated_id}", expect(LOGIN, N, N, N, N, N, OK)),
]

ORGS = [
    get("/orgs/{org_a}", EVERYONE),
    get("/orgs/{applied_org}", expect(N, OK, N, N, N, N, OK)),  # the outsider applied for it
    get("/orgs/{org_a}/edit", ORG_A_MANAGERS),
    post("/orgs/{org_a}/edit", ORG_A_MANAGERS, ORG_DETAILS),
    get("/orgs/{applied_org}/edit", expect(LOGIN, F, N, N, N, N, OK)),
    get("/orgs/{org_a}/join", SIGNED_IN),
    post("/orgs/{org_a}/follow", SIGNED_IN),
    post("/orgs/{org_a}/unfollow", SIGNED_IN),
    post("/orgs/{applied_org}/follow", expect(LOGIN, F, N, N, N, N, F)),  # not approved: nothing to follow
    get("/orgs/{applied_org}/join", expect(LOGIN, OK, N, N, N, N, OK)),
    post("/orgs/{org_a}/join", expect(LOGIN, OK, F, OK, F, OK, OK), {"message": "Hi"}),
    post("/orgs/{applied_org}/join", expect(LOGIN, F, N, N, N, N, F)),
    # Org A's only admin may not leave it (409); for anyone else there is no membership to end.
    post("/orgs/{org_a}/leave", expect(LOGIN, N, OK, N, 409, N, N)),
    get("/orgs/{org_a}/members", ORG_A_MANAGERS),
    post("/orgs/{org_a}/members", ORG_A_MANAGERS, {"email": "new@example.org", "role": "member"}),
    get("/orgs/{applied_org}/members", expect(LOGIN, F, N, N, N, N, OK)),
    post("/orgs/{org_a}/members/{member_id}/role", ORG_A_MANAGERS, {"role": "org_admin"}),
    post("/orgs/{org_a}/members/{member_id}/remove", ORG_A_MANAGERS),
    post("/orgs/{org_a}/members/{other_member_id}/remove", expect(LOGIN, F, F, F, N, F, N)),  # not in org A
    post("/orgs/{org_a}/requests/{join_request_id}/approve", ORG_A_MANAGERS),
    post("/orgs/{org_b}/requests/{join_request_id}/approve", expect(LOGIN, F, F, F, F, F, N)),  # A's, via B
    post("/orgs/{org_a}/requests/{join_request_id}/decline", ORG_A_MANAGERS, {"reason": "Not staff"}),
    post("/orgs/{org_a}/invitations/{invitation_id}/revoke", ORG_A_MANAGERS),
    post("/orgs/{org_b}/invitations/{invitation_id}/revoke", expect(LOGIN, F, F, F, F, F, N)),  # A's, via B
    get("/orgs/invitations/{invitation_token}", EVERYONE),
    post("/orgs/invitations/{invitation_token}", expect(LOGIN, F, F, F, F, F, F)),  # sent to someone else
]

ADMIN = [
    get("/admin/organisations/{applied_org_id}", ADMINS),
    post("/admin/organisations/{applied_org_id}/approve", ADMINS),
    post("/admin/organisations/{applied_org_id}/reject", ADMINS, {"reason": "Not a health organisation"}),
    post("/admin/organisations/{org_b_id}/suspend", ADMINS, {"reason": "Spam"}),
    post("/admin/organisations/{suspended_org_id}/reinstate", ADMINS),
    get("/admin/categories/{public_category_id}", ADMINS),
    post("/admin/categories/{public_category_id}", ADMINS, CATEGORY),
    post(
        "/admin/topics/{topic_id}/edit",
        ADMINS,
        {"t{topic_id}-name": "Crisis comms", "t{topic_id}-group": "subject"},
    ),
    post("/admin/topics/{topic_id}/delete", ADMINS),
    post("/admin/users/{other_member_id}/moderator", ADMINS),
    post("/admin/users/{moderator_id}/moderator/remove", ADMINS),
    post("/admin/users/{other_member_id}/deactivate", ADMINS, {"reason": "Left"}),
    post("/admin/users/{deactivated_id}/reactivate", ADMINS),
]

LIBRARY = [
    get("/library/{public}", EVERYONE),
    get("/library/{members_only}", MEMBERS),
    get("/library/{draft}", ORG_A),
    get("/library/{pending}", ORG_A),
    get("/library/{hidden}", expect(N, N, OK, N, N, OK, OK)),  # its author and staff only
    get("/library/{public}/edit", EDITORS),
    get("/library/{members_only}/edit", expect(LOGIN, N, F, F, OK, OK, OK)),  # by org A's admin
    get("/library/{draft}/edit", ORG_A_ACT),
    get("/library/{hidden}/edit", expect(LOGIN, N, OK, N, N, OK, OK)),
    post("/library/{draft}/edit", ORG_A_ACT, RESOURCE_EDIT),
    post("/library/{draft}/submit", ORG_A_ACT),
    post("/library/{draft}/publish", expect(LOGIN, N, F, N, OK, OK, OK)),  # the member is not yet trusted
    post("/library/{public}/archive", EDITORS),
    post("/library/{draft}/unarchive", expect(LOGIN, N, F, N, F, F, F)),  # never archived
    post("/library/{draft}/delete", ORG_A_ACT),
    post("/library/{public}/delete", STAFF),  # once published, only staff delete
    post("/library/{pending}/approve", STAFF_ORG_A_ITEM),
    post("/library/{pending}/return", STAFF_ORG_A_ITEM, {"return-reason": "Sources?"}),
    post("/library/{public}/feature", STAFF, {"featured": "1"}),
    post("/library/{public}/hide", STAFF, {"hide-reason": "Spam"}),
    post("/library/{members_only}/hide", STAFF_MEMBERS_ITEM, {"hide-reason": "Spam"}),
    post("/library/{hidden}/restore", expect(LOGIN, N, F, N, N, OK, OK)),
    post("/library/{public}/bookmark", SIGNED_IN),
    post("/library/{members_only}/bookmark", MEMBERS_ACT),
    post("/library/{draft}/bookmark", ORG_A_ACT),
    post("/library/{public}/helpful", expect(LOGIN, F, F, OK, OK, F, F)),  # members, not the author
    post("/library/{draft}/helpful", expect(LOGIN, N, F, N, F, F, F)),  # only listed resources
    get("/library/{public}/revisions", ORG_A_ACT),  # old text is the organisation's
    get("/library/{draft}/revisions", ORG_A_ACT),
    get("/library/{draft}/revisions/compare?a=1&b=1", ORG_A_ACT),
    get("/library/{draft}/revisions/1/diff/1", ORG_A_ACT),
    get("/library/{public}/revisions/1/diff/1", ORG_A_ACT),
    post("/library/{draft}/revisions/1/restore", ORG_A_ACT),
    # Adapting: members of approved organisations (org B's own member too: a variant); staff are not members.
    post("/library/{template}/adapt", expect(LOGIN, F, OK, OK, OK, F, F)),
    post("/library/{public}/adapt", expect(LOGIN, F, F, F, F, F, F)),  # a guide, not a template
    post("/library/{draft}/adapt", expect(LOGIN, N, F, N, F, F, F)),  # not published
    get("/library/{adapted}/lineage", ORG_A),
    get("/library/{public}/lineage", NOBODY),  # not an adaptation
    post("/library/{adapted}/lineage/take", expect(LOGIN, N, F, N, OK, OK, OK)),  # who may edit the copy
    post("/library/{public}/still-accurate", EDITORS),
    post("/library/{draft}/still-accurate", expect(LOGIN, N, F, N, F, F, F)),  # not published
    post("/library/{draft}/attachments", ORG_A_ACT, a_pdf),
    post("/library/{public}/attachments", EDITORS, a_pdf),
    post("/library/{draft}/attachments/{attachment_id}/delete", ORG_A_ACT),
    # The draft's attachment, removed through the public resource: no such file there.
    post("/library/{public}/attachments/{attachment_id}/delete", expect(LOGIN, F, N, F, N, N, N)),
    get("/files/{attachment_id}/{attachment_name}", ORG_A),
    get("/library/collections/{collection}", EVERYONE),
    post("/library/collections/{collection}/edit", STAFF, {"title": "Starter kit", "description": "Begin."}),
    post("/library/collections/{collection}/delete", STAFF),
    post("/library/collections/{collection}/items", STAFF, {"resource": "{members_only_id}"}),
    post("/library/collections/{collection}/items/{collection_item_id}/note", STAFF, {"note": "Read first."}),
    post("/library/collections/{collection}/items/{collection_item_id}/move", STAFF, {"direction": "up"}),
    post("/library/collections/{collection}/items/{collection_item_id}/remove", STAFF),
    get("/library/orgs/{org_a}/feed.atom", EVERYONE),
    get("/library/orgs/{applied_org}/feed.atom", NOBODY),
    get("/library/topics/{topic_slug}/feed.atom", EVERYONE),
    get("/library/topics/{topic_slug}", EVERYONE),
    post("/library/topics/{topic_slug}/follow", SIGNED_IN),
    post("/library/topics/{topic_slug}/unfollow", SIGNED_IN),
]

DISCUSSIONS = [
    get("/discussions/{public_category}", EVERYONE),
    get("/discussions/{members_category}", MEMBERS),
    get("/discussions/{public_category}/feed.atom", EVERYONE),
    get("/discussions/{members_category}/feed.atom", NOBODY),  # feeds are public-only
    post("/discussions/{public_category}/follow", SIGNED_IN),
    post("/discussions/{members_category}/follow", MEMBERS_ACT),
    post("/discussions/{members_category}/unfollow", MEMBERS_ACT),
    get(THREAD, EVERYONE),
    get(MEMBERS_THREAD, MEMBERS),
    get("/discussions/threads/{members_thread_id}", MEMBERS),
    get("/discussions/{members_category}/{members_thread_id}", MEMBERS),
    get("/discussions/posts/{public_post_id}", EVERYONE),
    get("/discussions/posts/{members_post_id}", MEMBERS),
    get("/discussions/posts/{hidden_post_id}", EVERYONE),  # its place in the thread, not its text
    get("/discussions/posts/{held_post_id}", expect(N, N, OK, N, N, OK, OK)),
    post("/discussions/threads/{public_thread_id}/follow", SIGNED_IN),
    post("/discussions/threads/{members_thread_id}/follow", MEMBERS_ACT),
    post("/discussions/threads/{members_thread_id}/unfollow", MEMBERS_ACT),
    get("/discussions/threads/{public_thread_id}/reply", expect(LOGIN, F, OK, OK, OK, OK, OK)),
    post("/discussions/threads/{members_thread_id}/reply", MEMBERS_ACT, {"body": "Me too"}),
    get("/discussions/posts/{public_post_id}/edit", AUTHOR_ONLY),
    post("/discussions/posts/{members_post_id}/edit", expect(LOGIN, N, OK, F, F, F, F), {"body": "Changed"}),
    get("/discussions/posts/{public_post_id}/history", AUTHOR_OR_STAFF),
    get("/discussions/posts/{held_post_id}/history", expect(LOGIN, N, OK, N, N, OK, OK)),
    post("/discussions/posts/{public_post_id}/delete", AUTHOR_OR_STAFF),
    get("/discussions/posts/{public_post_id}/hide", STAFF),
    post("/discussions/posts/{members_post_id}/hide", STAFF_MEMBERS_ITEM, {"reason": "Rude"}),
    post("/discussions/posts/{hidden_post_id}/restore", STAFF),
    post("/discussions/posts/{held_post_id}/approve", expect(LOGIN, N, F, N, N, OK, OK)),
    get("/discussions/posts/{held_post_id}/reject", expect(LOGIN, N, F, N, N, OK, OK)),
    post("/discussions/posts/{held_post_id}/reject", expect(LOGIN, N, F, N, N, OK, OK), {"reason": "PHI"}),
    post("/discussions/threads/{public_thread_id}/pin", STAFF),
    post("/discussions/threads/{members_thread_id}/unpin", STAFF_MEMBERS_ITEM),
    post("/discussions/threads/{members_thread_id}/lock", STAFF_MEMBERS_ITEM, {"lock-reason": "Done"}),
    post("/discussions/threads/{public_thread_id}/unlock", STAFF),
    post("/discussions/threads/{public_thread_id}/move", STAFF, {"category_id": "{target_category_id}"}),
    post("/discussions/threads/{members_thread_id}/hide", STAFF_MEMBERS_ITEM, {"hide-reason": "Spam"}),
    post("/discussions/threads/{public_thread_id}/restore", STAFF),
]

MODERATION = [
    post("/moderation/resource/{pending_id}/approve", STAFF),
    post("/moderation/resource/{pending_id}/return", STAFF, {"reason": "Sources?"}),
    post("/moderation/resource/{members_only_id}/hide", STAFF, {"reason": "Spam"}),
    post("/moderation/post/{held_post_id}/approve", STAFF),
    post("/moderation/organisation/{applied_org_id}/approve", ADMINS),  # deciding applications is the admins'
    post("/moderation/flags/resource/{public_id}/dismiss", STAFF),
    post("/moderation/flags/resource/{public_id}/uphold", STAFF, {"reason": "Spam"}),
    post("/moderation/bulk/approve", STAFF, {"entries": "resource-resource-{pending_id}"}),
    post("/moderation/bulk/return", STAFF, {"entries": "post-post-{held_post_id}", "reason": "Please remove it."}),
    get("/moderation/resources/{draft_id}/curate", STAFF),
    post("/moderation/resources/{public_id}/topics", STAFF, {"topics": "{topic_slug}", "tags": "storms"}),
    post("/moderation/resources/{members_only_id}/merge", STAFF, {"target": "{public}"}),
    get("/moderation/users/{member_id}", STAFF),
    post("/moderation/users/{member_id}/suspend", STAFF, {"period": "7", "reason": "Spam"}),
    post("/moderation/users/{member_id}/lift", STAFF),
    post("/moderation/users/{other_member_id}/deactivate", ADMINS, {"reason": "Left"}),
    post("/moderation/users/{deactivated_id}/reactivate", ADMINS),
]

NOTIFICATIONS = [
    post("/notifications/{notification_id}/open", OWNER_ONLY),  # the member's
    post("/notifications/{notification_id}/read", OWNER_ONLY),
]

EVENTS = [
    get("/events/{event}", EVERYONE),
    get("/events/{members_event}", MEMBERS),
    get("/events/{event}.ics", EVERYONE),
    get("/events/{members_event}.ics", MEMBERS),
    get("/events/orgs/{org_a}.ics", EVERYONE),
    get("/events/orgs/{applied_org}.ics", NOBODY),
    post("/events/{event}/register", SIGNED_IN),
    post("/events/{members_event}/register", MEMBERS_ACT),
    post("/events/{event}/cancel", OWNER_ONLY),  # only the member is registered
    get("/events/{event}/edit", ORG_A_MANAGERS),
    post("/events/{event}/edit", ORG_A_MANAGERS, EVENT_EDIT),
    get("/events/{members_event}/edit", expect(LOGIN, N, F, F, F, F, OK)),  # network-hosted: staff
    post("/events/{event}/cancel-event", ORG_A_MANAGERS),
    get("/events/{event}/attendees", ORG_A_MANAGERS),
    get("/events/{event}/attendees.csv", ORG_A_MANAGERS),
    post("/events/{event}/attendees/{event_registration_id}/attendance", ORG_A_MANAGERS, {"attended": "1"}),
    post("/events/{event}/message", ORG_A_MANAGERS, MESSAGE),
    post("/events/{event}/sessions", ORG_A_MANAGERS, SESSION),
    post("/events/{event}/recording", ORG_A_MANAGERS, {"recording-resource": "{recording}"}),
    post("/events/{event}/prework", ORG_A_MANAGERS, {"prework-resource": "{public}"}),
    get("/courses/{course}", EVERYONE),
    get("/courses/{members_course}", MEMBERS),
    post("/courses/{course}/enrol", SIGNED_IN),
    post("/courses/{members_course}/enrol", MEMBERS_ACT),
    get("/courses/{course}/lessons/1", EVERYONE),
    get("/courses/{members_course}/lessons/1", MEMBERS),
    post("/courses/{course}/lessons/1/complete", expect(LOGIN, 409, OK, 409, 409, 409, 409)),  # enrolled only
    get("/courses/certificates/{certificate_code}", EVERYONE),  # public proof
    get("/courses/certificates/{certificate_code}.pdf", EVERYONE),
    get("/courses/{course}/lessons/new", ADMINS),  # network staff (none appointed here) and admins
    post("/courses/{course}/lessons/new", ADMINS, {"title": "Another lesson", "body": "Text."}),
    get("/courses/orgs/{org_a}/progress", ORG_A_MANAGERS),
    get("/courses/orgs/{applied_org}/progress", expect(LOGIN, F, N, N, N, N, OK)),
    get("/news/{news_post}", EVERYONE),
    get("/news/{news_post}/edit", ADMINS),  # network staff (none appointed here) and admins
    post("/news/{news_post}/edit", ADMINS, NEWS_EDIT),
    post("/admin/network-staff/{member_id}/remove", ADMINS),
]

# The JSON API with the browser's session (CSRF is off in tests): writes without a signed-in
# user answer 401; the rest as the pages. Tokens: tests/api.
UNAUTHORIZED = 401
API = [
    get("/api/v1/resources/{members_only_id}", MEMBERS),
    get("/api/v1/resources/{draft_id}", ORG_A),
    Row("PATCH", "/api/v1/resources/{draft_id}", expect(UNAUTHORIZED, N, OK, N, OK, OK, OK), {"summary": "New"}, True),
    Row("POST", "/api/v1/resources/{draft_id}/submit", expect(UNAUTHORIZED, N, OK, N, OK, OK, OK), None, True),
    get("/api/v1/threads/{members_thread_id}", MEMBERS),
    Row(
        "POST",
        "/api/v1/threads/{members_thread_id}/posts",
        expect(UNAUTHORIZED, N, OK, OK, OK, OK, OK),
        {"body": "Me too"},
        True,
    ),
    get("/api/v1/organisations/{applied_org}", expect(N, OK, N, N, N, N, OK)),
    get("/api/v1/events/{members_event}", MEMBERS),
    post("/account/tokens/{api_token_id}/revoke", OWNER_ONLY),
]

MODERATORS_ACT = expect(LOGIN, N, F, F, F, OK, OK)
REQUEST = "/requests/{content_request_id}"
REQUESTS = [
    get(REQUEST, MEMBERS_ACT),
    post(REQUEST + "/vote", expect(LOGIN, N, F, OK, OK, OK, OK)),  # not on one's own request
    post(REQUEST + "/comments", MEMBERS_ACT, {"body": "We need this too."}),
    post(REQUEST + "/assign", MODERATORS_ACT),
    post(REQUEST + "/decline", MODERATORS_ACT, {"decline-reason": "We have one already."}),
    post(REQUEST + "/fulfil", MODERATORS_ACT, {"fulfil-link": "/library/{public}"}),
]

TABLE = {
    "accounts": ACCOUNTS,
    "orgs": ORGS,
    "admin": ADMIN,
    "library": LIBRARY,
    "discussions": DISCUSSIONS,
    "moderation": MODERATION,
    "notifications": NOTIFICATIONS,
    "events": EVENTS,
    "api": API,
    "requests": REQUESTS,
}

# Routes that take an argument but are not about an object an actor may or may not see: each is
# a signed, single-use token sent by e-mail to one address, checked by its own tests.
EXEMPT = {
    "/auth/verify/<token>",  # tests/accounts/test_registration.py
    "/auth/reset/<token>",  # tests/accounts/test_password_reset.py
    "/account/email/confirm/<token>",  # tests/accounts/test_settings.py
    "/events/my/<token>.ics",  # a member's calendar feed: tests/events/test_calendars.py
}


# --- Running requests in a transaction that is rolled back --------------------------------


class _BoundSession(FlaskSession):
    """Flask-SQLAlchemy's session, always on the one connection the sandbox hands it."""

    def get_bind(self, *args: Any, **kwargs: Any) -> Any:
        return self.bind


class Sandbox:
    """While open, the app's ``db.session`` works inside a transaction of one connection; each
    ``request()`` is rolled back afterwards (the app's commits become savepoints), and the upload
    folder is put back as it was (a removed attachment deletes its file on commit)."""

    def __init__(self, app: Flask) -> None:
        self.uploads = Path(app.config["UPLOAD_DIR"])
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        self.engine = create_engine(url)
        if url.startswith("sqlite"):
            # pysqlite starts transactions lazily and would let a SAVEPOINT commit: begin explicitly.
            event.listen(self.engine, "connect", _sqlite_explicit_transactions)
            event.listen(self.engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))

    @contextmanager
    def open(self) -> Iterator[Sandbox]:
        self.connection = self.engine.connect()
        original = db.session
        db.session = db._make_scoped_session(  # noqa: SLF001 (the extension's own session factory)
            {"class_": _BoundSession, "bind": self.connection, "join_transaction_mode": "create_savepoint"}
        )
        try:
            yield self
        finally:
            db.session.remove()
            db.session = original
            self.connection.close()
            self.engine.dispose()

    @contextmanager
    def request(self) -> Iterator[None]:
        stored = {path: path.read_bytes() for path in self.uploads.glob("*")}
        transaction = self.connection.begin()
        try:
            yield
        finally:
            db.session.remove()
            transaction.rollback()
            for path in set(self.uploads.glob("*")) - set(stored):
                path.unlink()
            for path, content in stored.items():
                if not path.exists():
                    path.write_bytes(content)


def _sqlite_explicit_transactions(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


# --- Fixtures and helpers -----------------------------------------------------------------


@pytest.fixture
def world(roles) -> World:
    return build_world(roles)


@pytest.fixture
def clients(app, roles) -> dict[str, Any]:
    """One test client per actor (the visitor's signed out)."""
    return {
        actor: login(app.test_client(), getattr(roles, actor)) if actor != "visitor" else app.test_client()
        for actor in ACTORS
    }


def outcome(response: Any) -> Any:
    if 300 <= response.status_code < 400:
        return LOGIN if urlsplit(response.location).path == "/auth/login" else OK
    if 200 <= response.status_code < 300:
        return OK
    return response.status_code


def answers_for(row: Row, world: World, clients: dict[str, Any], sandbox: Sandbox) -> dict[str, Any]:
    answers = {}
    for actor in ACTORS:
        data = row.form(world)
        with sandbox.request():
            body = {"json": data} if row.json else {"data": data}
            response = clients[actor].open(row.url(world), method=row.method, **body)
            answers[actor] = outcome(response)
    return answers


# --- Tests --------------------------------------------------------------------------------


def _row_counts() -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in db.metadata.sorted_tables
        }


@pytest.mark.parametrize("domain", list(TABLE))
def test_every_actor_gets_the_answer_the_rules_give(domain, app, world, clients):
    sandbox = Sandbox(app)
    before = _row_counts()
    mismatches = []
    with sandbox.open():
        for row in TABLE[domain]:
            answers = answers_for(row, world, clients, sandbox)
            wrong = {
                actor: f"{answers[actor]} (expected {row.expected[actor]})"
                for actor in ACTORS
                if answers[actor] != row.expected[actor]
            }
            if wrong:
                mismatches.append(f"{row.method} {row.template} ({row.url(world)}): {wrong}")
    assert not mismatches, "\n".join(mismatches)
    assert _row_counts() == before, "a request's changes outlived its rolled-back transaction"


def _covered_rules(app: Flask) -> set[tuple[str, str]]:
    adapter = app.url_map.bind("localhost")
    world = World.placeholder()
    covered = set()
    for rows in TABLE.values():
        for row in rows:
            rule, _ = adapter.match(urlsplit(row.url(world)).path, method=row.method, return_rule=True)
            covered.add((rule.rule, row.method))
    return covered


def test_every_route_with_arguments_is_in_the_matrix(app):
    covered = _covered_rules(app)
    missing = sorted(
        f"{method} {rule.rule}"
        for rule in app.url_map.iter_rules()
        if rule.arguments and rule.endpoint != "static" and rule.rule not in EXEMPT
        for method in sorted(rule.methods & {"GET", "POST", "PUT", "PATCH", "DELETE"})
        if (rule.rule, method) not in covered
    )
    assert missing == []


def test_the_exemptions_are_real_routes(app):
    assert EXEMPT <= {rule.rule for rule in app.url_map.iter_rules()}


# (actor, a URL template of an item private to that actor, the URL of a missing item of the same kind)
PRIVATE_AND_MISSING = [
    ("visitor", "/library/{draft}", "/library/no-such-resource"),
    ("other_member", "/library/{hidden}", "/library/no-such-resource"),
    ("outsider", "/library/{members_only}", "/library/no-such-resource"),
    ("visitor", "/files/{attachment_id}/{attachment_name}", "/files/987654/checklist.pdf"),
    ("other_member", "/library/{draft}/edit", "/library/no-such-resource/edit"),
    ("outsider", "/discussions/threads/{members_thread_id}", "/discussions/threads/987654"),
    ("visitor", "/discussions/posts/{held_post_id}", "/discussions/posts/987654"),
    ("visitor", "/discussions/{members_category}", "/discussions/no-such-category"),
    ("member", "/orgs/{applied_org}", "/orgs/no-such-organisation"),
    ("outsider", "/users/{member_id}", "/users/987654"),
    ("visitor", "/events/{members_event}", "/events/no-such-event"),
    ("outsider", "/courses/{members_course}", "/courses/no-such-course"),
]


def _seen(response: Any, path: str = "") -> tuple[int, str, str]:
    """Status, type and body; the page's own address (echoed in the sign-in offer's ``next``) blanked."""
    body = response.get_data(as_text=True)
    if path:
        body = body.replace(quote(path, safe=""), "PATH").replace(quote(path, safe="/"), "PATH")
    return response.status_code, response.headers["Content-Type"], body


def test_a_private_item_answers_exactly_like_a_missing_one(world, clients):
    differences = []
    for actor, template, missing in PRIVATE_AND_MISSING:
        private = template.format(**vars(world))
        hidden, absent = _seen(clients[actor].get(private), private), _seen(clients[actor].get(missing), missing)
        if hidden[0] != 404 or hidden != absent:
            differences.append(f"{actor}: {private} ({hidden[0]}) is told apart from {missing} ({absent[0]})")
    assert not differences, "\n".join(differences)


PRIVATE_TEXTS = (
    "Members staffing memo",
    "Draft vaccine toolkit",
    "Pending consent template",
    "Hidden case study",
    "Members thread title",
    "A members reply",
    "A rude reply",
    "MRN 12345678",
    "Harbour Applicants Clinic",
    "Network members meet-up",
    "Members masterclass",
)
VISITOR_PAGES = (
    "/",
    "/library",
    "/library/feed.atom",
    "/library/{public}",
    "/library/orgs/{org_a}/feed.atom",
    "/library/topics/{topic_slug}/feed.atom",
    "/library/collections",
    "/library/collections/{collection}",
    "/discussions",
    "/discussions/latest",
    "/discussions/latest.atom",
    "/discussions/{public_category}",
    "/discussions/{public_category}/feed.atom",
    THREAD,
    "/orgs",
    "/orgs/{org_a}",
    "/events",
    "/events.ics",
    "/events/feed.atom",
    "/events/{event}",
    "/courses",
    "/news",
)


def test_visitors_meet_no_private_item_in_lists_feeds_or_threads(world, clients):
    """docs/SECURITY.md 18: the lists, feeds and pages a visitor may open name only public, published items."""
    visitor = clients["visitor"]
    leaks = []
    for template in VISITOR_PAGES:
        path = template.format(**vars(world))
        response = visitor.get(path)
        if response.status_code != 200:
            leaks.append(f"{path}: {response.status_code}")
        body = response.get_data(as_text=True)
        leaks.extend(f"{path} shows {text!r}" for text in PRIVATE_TEXTS if text in body)
    assert not leaks, "\n".join(leaks)
    assert "Public storm guide" in visitor.get("/library").get_data(as_text=True)
    assert "Public thread title" in visitor.get("/discussions/latest").get_data(as_text=True)
