"""Declaring an API operation once: its route, its checks and its entry in the OpenAPI document.

``@operation(...)`` registers the view on the blueprint, wraps it with the scope check, the rate
limit and the parsing of its query string and JSON body through the pydantic models it names,
and records the same models for ``openapi.py``. A view receives ``body=`` / ``query=`` already
validated, and returns a response model (or ``(model, status)``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

import pydantic
from flask import Response, jsonify, request

from .auth import require_scope
from .blueprint import bp
from .errors import ApiRefusal
from .limits import read_limit, write_limit
from .models import TokenScope
from .schemas import RequestBody

_PARAM = re.compile(r"\{(\w+)\}")
SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"


@dataclass(frozen=True)
class Operation:
    path: str  # as in the document: /resources/{resource_id}
    method: str
    operation_id: str
    summary: str
    description: str
    scope: TokenScope
    tag: str
    ok_status: int
    ok_model: type[pydantic.BaseModel] | None
    body: type[RequestBody] | None = None
    query: type[pydantic.BaseModel] | None = None
    errors: tuple[int, ...] = ()
    path_params: tuple[str, ...] = field(default_factory=tuple)


OPERATIONS: list[Operation] = []


def flask_rule(path: str) -> str:
    """``{resource_id}`` → ``<int:resource_id>`` (names ending in ``id``), ``{slug}`` → ``<slug>``."""
    return _PARAM.sub(lambda m: f"<int:{m[1]}>" if m[1].endswith("id") else f"<{m[1]}>", path)


def parse_body(model: type[RequestBody]) -> RequestBody:
    """:raise ApiRefusal: 415 not JSON, 400 not parseable; pydantic's error (422) when it does not fit."""
    if not request.is_json:
        raise ApiRefusal(415, "unsupported_media_type", "Send a JSON body with “Content-Type: application/json”.")
    raw = request.get_data(cache=True)  # 413 past API_MAX_BODY_BYTES
    try:
        return model.model_validate_json(raw)
    except pydantic.ValidationError as error:
        if any(problem["type"] == "json_invalid" for problem in error.errors()):
            raise ApiRefusal(400, "bad_json", "The body is not valid JSON (UTF-8).") from None
        raise


def parse_query(model: type[pydantic.BaseModel]) -> pydantic.BaseModel:
    return model.model_validate(request.args.to_dict(flat=True))


def as_response(result: Any, ok_status: int) -> Response:
    status = ok_status
    if isinstance(result, tuple):
        result, status = result
    response = jsonify(result.model_dump(mode="json")) if isinstance(result, pydantic.BaseModel) else jsonify(result)
    response.status_code = status
    return response


def operation(
    path: str,
    method: str,
    *,
    summary: str,
    tag: str,
    ok: tuple[int, type[pydantic.BaseModel] | None],
    scope: TokenScope = TokenScope.READ,
    body: type[RequestBody] | None = None,
    query: type[pydantic.BaseModel] | None = None,
    errors: Sequence[int] = (),
    description: str = "",
    limits: Sequence[Callable[[Callable[..., Any]], Callable[..., Any]]] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def run(**kwargs: Any) -> Response:
            if scope is TokenScope.WRITE:
                require_scope(scope)
            if query is not None:
                kwargs["query"] = parse_query(query)
            if body is not None:
                kwargs["body"] = parse_body(body)
            return as_response(view(**kwargs), ok[0])

        wrapped: Callable[..., Any] = run
        decorators: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
            *limits,
            write_limit if scope is TokenScope.WRITE else read_limit,
        ]
        for decorate_with in decorators:
            wrapped = decorate_with(wrapped)
        bp.add_url_rule(flask_rule(path), endpoint=view.__name__, view_func=wrapped, methods=[method])
        OPERATIONS.append(
            Operation(
                path=path,
                method=method.lower(),
                operation_id=view.__name__,
                summary=summary,
                description=description or (view.__doc__ or "").strip(),
                scope=scope,
                tag=tag,
                ok_status=ok[0],
                ok_model=ok[1],
                body=body,
                query=query,
                errors=tuple(errors),
                path_params=tuple(_PARAM.findall(path)),
            )
        )
        return wrapped

    return decorate
