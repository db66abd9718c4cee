"""Calling the API as an outside program would, and checking answers against its OpenAPI document."""

from __future__ import annotations

from typing import Any

from flask import Flask
from openapi_schema_validator import OAS31Validator


def token_from_cli(app: Flask, email: str, scope: str = "write") -> str:
    """``flask users token EMAIL --scope …``: the token is the last line printed."""
    result = app.test_cli_runner().invoke(args=["users", "token", email, "--scope", scope])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def call(client: Any, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
    headers = {**(bearer(token) if token else {}), **kwargs.pop("headers", {})}
    return client.open(f"/api/v1{path}", method=method, headers=headers, **kwargs)


def openapi_document(client: Any) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def check_against_document(document: dict[str, Any], template: str, method: str, response: Any) -> dict[str, Any]:
    """The answer's status is documented for the operation, and its JSON body fits that schema."""
    operation = document["paths"][template][method.lower()]
    documented = operation["responses"].get(str(response.status_code))
    assert documented is not None, f"{method} {template} answered an undocumented {response.status_code}"
    body = response.get_json()
    schema = documented["content"]["application/json"]["schema"]
    validator = OAS31Validator({**schema, "components": document["components"]})
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
    assert not errors, f"{method} {template} {response.status_code}: {errors}"
    return body
