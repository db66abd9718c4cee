"""The OpenAPI 3.1 document: valid, complete about writes and tokens, and made from the models that
validate requests (so a change to a model changes the document and the checks together)."""

from __future__ import annotations

from openapi_spec_validator import validate

from app.api import schemas

WRITES = {
    ("/resources", "post"),
    ("/resources/{resource_id}", "patch"),
    ("/resources/{resource_id}/submit", "post"),
    ("/threads", "post"),
    ("/threads/{thread_id}/posts", "post"),
}
READS = {
    ("/resources", "get"),
    ("/resources/{resource_id}", "get"),
    ("/threads", "get"),
    ("/threads/{thread_id}", "get"),
    ("/organisations", "get"),
    ("/organisations/{slug}", "get"),
    ("/events", "get"),
    ("/events/{slug}", "get"),
    ("/search", "get"),
}


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_the_write_operations_need_a_write_token_by_the_bearer_scheme(document):
    assert document["components"]["securitySchemes"]["bearer"] == {
        **document["components"]["securitySchemes"]["bearer"],
        "type": "http",
        "scheme": "bearer",
    }
    operations = {(path, method) for path, item in document["paths"].items() for method in item}
    assert WRITES | READS <= operations
    for path, method in WRITES:
        operation = document["paths"][path][method]
        assert operation["security"] == [{"bearer": ["write"]}], path
        assert {"401", "403", "429"} <= set(operation["responses"]), path
        if not path.endswith("/submit"):
            assert "requestBody" in operation and {"400", "413", "415", "422"} <= set(operation["responses"]), path


def test_reads_are_open_to_visitors_and_tokens(document):
    for path, method in READS - {("/search", "get")}:
        assert document["paths"][path][method]["security"] == [{}, {"bearer": []}]


def test_the_request_schemas_are_the_validating_models(document):
    documented = document["components"]["schemas"]["ResourceCreate"]
    generated = schemas.ResourceCreate.model_json_schema(ref_template="#/components/schemas/{model}")
    generated.pop("$defs")
    assert documented == generated
    assert documented["additionalProperties"] is False and documented["required"] == ["title"]
    create = document["paths"]["/resources"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ResourceCreate"
    }
    assert create["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Created"
    }
