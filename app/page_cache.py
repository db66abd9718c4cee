"""Whole reading pages cached for visitors, who all see the same page.

A view marked ``@visitor_page`` answers a visitor (no signed-in user, no remember-me cookie,
no flashed message waiting) from the cache when it can. Signed-in people are never served from
it and their pages are never stored in it, so a member's page cannot reach a visitor nor the
other way round. A page that set anything in the session while it was drawn (a CSRF token, a
flashed message) is not stored either, so no token or message is ever shared.

Keys carry the content generation (``app/cache_generation.py``): every commit that writes a
search-outbox row — the hook every change of published content already passes — bumps it after
the commit, so the next visitor sees the change. Counters that change without it (views,
"helpful" votes) may lag by at most ``PAGE_CACHE_SECONDS``.

Visitor pages carry an ``ETag`` and a ``Last-Modified`` (the generation's time) with
``Cache-Control: no-cache``, so browsers revalidate and get a 304 while nothing changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, request, session
from flask.typing import ResponseReturnValue
from flask_caching import Cache
from markupsafe import Markup

from .cache_generation import FileGeneration, Generation, GenerationStore, SharedGeneration
from .extensions import db
from .unit_of_work import after_commit

cache = Cache()
T = TypeVar("T")

_MARK_KEY = "smhn_page_cache_bumped"


@dataclass(frozen=True)
class PageCache:
    generation: GenerationStore
    timeout: int


@dataclass(frozen=True)
class CachedPage:
    body: bytes
    content_type: str
    etag: str
    last_modified: float
    meta: dict[str, Any]


def init_app(app: Flask) -> None:
    """Bind the cache: Redis when ``CACHE_REDIS_URL`` is set, else a cache in each process."""
    redis_url = app.config.get("CACHE_REDIS_URL")
    cache.init_app(
        app,
        config={
            "CACHE_TYPE": "RedisCache" if redis_url else "SimpleCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": "smhn:",
            "CACHE_DEFAULT_TIMEOUT": app.config["PAGE_CACHE_SECONDS"],
            "CACHE_THRESHOLD": app.config["PAGE_CACHE_ENTRIES"],
        },
    )
    if not app.config["PAGE_CACHE"]:
        return
    generation: GenerationStore
    if redis_url:
        generation = SharedGeneration(cache)
    else:
        generation = FileGeneration(Path(app.config["PAGE_CACHE_GENERATION_FILE"]))
    app.extensions["page_cache"] = PageCache(generation, app.config["PAGE_CACHE_SECONDS"])


def content_changed() -> None:
    """Retire every cached visitor page once the current transaction commits (once per transaction)."""
    state: PageCache | None = current_app.extensions.get("page_cache")
    if state is None:
        return
    target = db.session()
    transaction = target.get_nested_transaction() or target.get_transaction()
    if transaction is not None and target.info.get(_MARK_KEY) is transaction:
        return
    after_commit(lambda: _bump(state))
    target.info[_MARK_KEY] = target.get_nested_transaction() or target.get_transaction()


def remembered(key: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept until content changes: for values the same for a whole audience.

    ``key`` must name everything the value depends on (the audience, the viewer's time zone…);
    the value must be plain data (it is pickled), never loaded objects.
    """
    state: PageCache | None = current_app.extensions.get("page_cache")
    if state is None:
        return compute()
    full_key = f"value:{state.generation.current().token}:{key}"
    found = cache.get(full_key)
    if found is None:
        found = compute()
        cache.set(full_key, found, timeout=state.timeout)
    return found


def fragment(key: str, render: Callable[[], str]) -> Markup:
    """A rendered part of a page the same for everyone ``key`` names (e.g. an audience).

    A fragment that made a CSRF token is not kept (the token is the viewer's own).
    """
    state: PageCache | None = current_app.extensions.get("page_cache")
    if state is None:
        return Markup(render())
    full_key = f"fragment:{state.generation.current().token}:{key}"
    found = cache.get(full_key)
    if found is None:
        token_before = g.get("csrf_token")
        found = render()
        if not _shows_token(found, token_before):
            cache.set(full_key, found, timeout=state.timeout)
    return Markup(found)


def _bump(state: PageCache) -> None:
    state.generation.bump()


def remember(**values: Any) -> None:
    """Keep plain values with the page, for the view's ``on_hit`` when the page is served from the cache."""
    g.setdefault("page_cache_meta", {}).update(values)


def visitor_page(on_hit: Callable[[dict[str, Any]], None] | None = None) -> Callable[[Callable], Callable]:
    """Serve the view's page to visitors from the cache; ``on_hit`` does what a served page must still do."""

    def decorate(view: Callable[..., ResponseReturnValue]) -> Callable[..., ResponseReturnValue]:
        @wraps(view)
        def cached_view(**kwargs: Any) -> ResponseReturnValue:
            state: PageCache | None = current_app.extensions.get("page_cache")
            if state is None or not _is_visitor():
                return view(**kwargs)
            generation = state.generation.current()
            key = f"page:{generation.token}:{request.host}:{request.full_path}"
            page = cache.get(key)
            if page is None:
                token_before = g.get("csrf_token")
                response = current_app.make_response(view(**kwargs))
                page = _storable(response, generation, token_before)
                if page is None:
                    return response
                cache.set(key, page, timeout=state.timeout)
            elif on_hit is not None:
                on_hit(page.meta)
            return _answer(page)

        return cached_view

    return decorate


def _is_visitor() -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if "_user_id" in session or "_flashes" in session:
        return False
    return current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") not in request.cookies


def _storable(response: Response, generation: Generation, token_before: str | None) -> CachedPage | None:
    """The page as it can be shared, or None when it must not be: not a plain 200, or it touched
    the session (a flashed message, a CSRF token made or shown)."""
    if response.status_code != 200 or response.direct_passthrough or response.is_streamed:
        return None
    if session.modified or response.headers.getlist("Set-Cookie"):
        return None
    body = response.get_data()
    if _shows_token(body.decode("utf-8", "replace"), token_before):
        return None
    return CachedPage(
        body=body,
        content_type=response.content_type or "text/html; charset=utf-8",
        etag=hashlib.blake2b(body, digest_size=16).hexdigest(),
        last_modified=generation.changed_at,
        meta=dict(g.get("page_cache_meta", {})),
    )


def _shows_token(html: str, token_before: str | None) -> bool:
    """Whether drawing ``html`` made a CSRF token, or ``html`` holds the viewer's token."""
    token = g.get("csrf_token")
    return token is not token_before or bool(token and token in html)


def _answer(page: CachedPage) -> ResponseReturnValue:
    response = Response(page.body, content_type=page.content_type)
    response.set_etag(page.etag)
    response.last_modified = datetime.fromtimestamp(page.last_modified, UTC)
    response.headers["Cache-Control"] = "no-cache"
    response.vary.add("Cookie")
    return response.make_conditional(request)
