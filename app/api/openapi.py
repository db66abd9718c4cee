"""``/api/v1/openapi.json``: the OpenAPI 3.1 document, built from the registered operations and
the JSON Schema of the very pydantic models that validate their requests (``operations.py``)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pydantic
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from . import search as search_api
from .models import TokenScope
from .operations import OPERATIONS, SLUG_PATTERN, Operation
from .schemas import Error

REF = "#/components/schemas/{model}"
ERROR_DESCRIPTIONS = {
    400: "The body is not valid JSON",
    401: "No token where one is needed, or a token that is unknown, revoked or whose account may no longer use it",
    403: "The token's scope or the account's permissions do not allow this",
    404: "Missing, or not visible to the caller (the same answer)",
    409: "Conflicts with the item's current state",
    413: "The body is larger than the API accepts",
    415: "The body is not JSON",
    422: "The request does not fit the schema or the service's rules; `fields` says where",
    429: "Too many requests for this token (or address); wait and retry",
}
SECURITY_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": (
        "A personal access token from /account/tokens (or `flask users token EMAIL --scope read|write`), "
        "sent as `Authorization: Bearer <token>`. Scopes: `read` (GET endpoints, as the owner sees the "
        "pages) and `write` (also creating and changing). Without a token, GET endpoints answer as to a visitor."
    ),
}


def _models() -> list[tuple[type[pydantic.BaseModel], JsonSchemaMode]]:
    seen: dict[type[pydantic.BaseModel], JsonSchemaMode] = {Error: "serialization"}
    for op in OPERATIONS:
        if op.ok_model is not None:
            seen[op.ok_model] = "serialization"
        if op.body is not None:
            seen[op.body] = "validation"
    return list(seen.items())


def _parameters(op: Operation) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = []
    for name in op.path_params:
        schema: dict[str, Any] = (
            {"type": "integer", "minimum": 1} if name.endswith("id") else {"type": "string", "pattern": SLUG_PATTERN}
        )
        params.append({"name": name, "in": "path", "required": True, "schema": schema})
    if op.query is not None:
        schema = op.query.model_json_schema(ref_template=REF)
        for name, prop in schema.get("properties", {}).items():
            prop = {key: value for key, value in prop.items() if key != "title"}
            description = prop.pop("description", None)
            param = {"name": name, "in": "query", "required": False, "schema": prop}
            if description:
                param["description"] = description
            params.append(param)
    return params


def _json(ref: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": ref}}


def _operation(op: Operation, refs: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    responses: dict[str, Any] = {
        str(op.ok_status): {
            "description": "Created" if op.ok_status == 201 else "OK",
            **({"content": _json(refs[(op.ok_model, "serialization")])} if op.ok_model else {}),
        }
    }
    statuses = {401, 429, *op.errors}
    if op.scope is TokenScope.WRITE:
        statuses.add(403)
    if op.body is not None:
        statuses |= {400, 413, 415, 422}
    if op.query is not None:
        statuses.add(422)
    if op.path_params:
        statuses.add(404)
    for status in sorted(statuses):
        responses[str(status)] = {
            "description": ERROR_DESCRIPTIONS[status],
            "content": _json(refs[(Error, "serialization")]),
        }
    entry: dict[str, Any] = {
        "operationId": op.operation_id,
        "summary": op.summary,
        "tags": [op.tag],
        "security": [{"bearer": ["write"]}] if op.scope is TokenScope.WRITE else [{}, {"bearer": []}],
        "responses": responses,
    }
    if op.description:
        entry["description"] = op.description
    parameters = _parameters(op)
    if parameters:
        entry["parameters"] = parameters
    if op.body is not None:
        entry["requestBody"] = {"required": True, "content": _json(refs[(op.body, "validation")])}
    return entry


@cache
def document() -> dict[str, Any]:
    refs, definitions = models_json_schema(_models(), ref_template=REF)
    paths: dict[str, dict[str, Any]] = {"/search": search_api.OPENAPI_SEARCH}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op, refs)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Social Media Health Network API",
            "version": "1",
            "description": (
                "Read the library, discussions, member organisations and events as the caller may see them, "
                "and write drafts, threads and replies through the same rules as the site's pages. Errors are "
                '`{"error": word, "reason": sentence}` with a 4xx; validation errors add `fields`.'
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": {**definitions.get("$defs", {}), **search_api.SCHEMAS},
            "securitySchemes": {"bearer": SECURITY_SCHEME},
        },
    }
