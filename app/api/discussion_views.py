"""``/api/v1/threads``: discussions read as the caller may see them; threads and replies started
through the same service as the pages (privacy guard, held first posts, locked threads) and the
same posting rate limits, shared with the pages."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_login import current_user

from ..discussions import service as discussions
from ..discussions.limits import limit_posts, limit_threads
from ..errors import NotFound, ValidationError
from . import representations as show
from . import schemas
from .models import TokenScope
from .operations import operation

TAG = "discussions"


@operation(
    "/threads",
    "GET",
    summary="Threads the caller may read, latest activity first",
    tag=TAG,
    ok=(200, schemas.ThreadList),
    query=schemas.Paging,
)
def list_threads(query: schemas.Paging) -> schemas.ThreadList:
    return show.thread_list(discussions.latest_threads(current_user, query.page, query.per_page))


@operation(
    "/threads/{thread_id}",
    "GET",
    summary="One thread with a page of its posts",
    tag=TAG,
    ok=(200, schemas.Thread),
    query=schemas.ThreadQuery,
)
def get_thread(thread_id: int, query: schemas.ThreadQuery) -> schemas.Thread:
    found = discussions.get_thread(current_user, thread_id)
    return show.thread(discussions.thread_page(current_user, found, query.post_page))


def _field_lookup(field: str, message: str, find: Any, *args: Any) -> Any:
    """A lookup named by a body field: missing or invisible is that field's error (422), not a 404."""
    try:
        return find(current_user, *args)
    except NotFound:
        raise ValidationError(fields={field: [message]}) from None


@operation(
    "/threads",
    "POST",
    summary="Start a thread",
    tag=TAG,
    scope=TokenScope.WRITE,
    ok=(201, schemas.Created),
    body=schemas.ThreadCreate,
    limits=(limit_threads,),
    description=(
        "As the “New thread” page: a new member's first posts and text the privacy guard holds (with "
        "`send_for_review`) wait for a moderator (status `held`). The pages' posting limits apply."
    ),
)
def create_thread(body: schemas.ThreadCreate) -> tuple[schemas.Created, int]:
    category = _field_lookup(
        "category", "No category you may read has that slug.", discussions.get_category, body.category
    )
    resource = None
    if body.resource is not None:
        resource = _field_lookup(
            "resource", "No resource you may see has that id.", discussions.get_resource_for_discussion, body.resource
        )
    thread = discussions.create_thread(
        current_user, category, body.title, body.body, resource=resource, send_for_review=body.send_for_review
    )
    return schemas.Created(id=thread.id, url=show.thread_url(thread), status=thread.status), 201


@operation(
    "/threads/{thread_id}/posts",
    "POST",
    summary="Reply to a thread",
    tag=TAG,
    scope=TokenScope.WRITE,
    ok=(201, schemas.Created),
    body=schemas.ReplyCreate,
    limits=(limit_posts,),
    errors=(404,),
)
def reply_to_thread(thread_id: int, body: schemas.ReplyCreate) -> tuple[schemas.Created, int]:
    thread = discussions.get_thread(current_user, thread_id)
    reply_to = None
    if body.reply_to is not None:
        reply_to = _field_lookup("reply_to", "No post you may see has that id.", discussions.get_post, body.reply_to)
    post = discussions.reply_to_thread(
        current_user, thread, body.body, reply_to=reply_to, send_for_review=body.send_for_review
    )
    return schemas.Created(id=post.id, url=url_for("discussions.post", post_id=post.id), status=post.status), 201
