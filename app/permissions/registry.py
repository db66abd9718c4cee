"""The registry of permission rules and the three questions asked of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask
from flask_login import current_user
from werkzeug.local import LocalProxy

from ..errors import NotFound, PermissionDenied

T = TypeVar("T")
Rule = Callable[[Any, Any], bool]
RULES: dict[str, Rule] = {}


def rule(*actions: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        for action in actions:
            if action in RULES:
                raise RuntimeError(f"permission rule {action!r} defined twice")
            RULES[action] = func
        return func

    return register


def can(user: Any, action: str, target: Any = None) -> bool:
    try:
        check = RULES[action]
    except KeyError:
        raise KeyError(f"no permission rule named {action!r}") from None
    if isinstance(user, LocalProxy):  # ``current_user``: resolved once, not on every attribute a rule reads
        user = user._get_current_object()
    return bool(check(user, target))


def require(user: Any, action: str, target: Any = None, *, hide: bool = False) -> None:
    """Raise unless ``user`` may do ``action`` on ``target``.

    ``hide=True`` answers ``NotFound`` instead of ``PermissionDenied`` so a private item is
    indistinguishable from a missing one (docs/SECURITY.md 19).
    """
    if not can(user, action, target):
        if hide:
            raise NotFound()
        raise PermissionDenied()


def require_visible(user: Any, action: str, target: T | None) -> T:
    """``target`` when ``user`` may do ``action`` on it.

    :raise NotFound: ``target`` is None, or private to others (the same answer, docs/SECURITY.md 19).
    """
    if target is None or not can(user, action, target):
        raise NotFound()
    return target


def register_template_helper(app: Flask) -> None:
    @app.context_processor
    def inject_can() -> dict[str, Any]:
        def template_can(action: str, target: Any = None) -> bool:
            return can(current_user, action, target)

        return {"can": template_can}
