"""Enumerating the app's routes, so the security tests cover every route any domain adds."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import Rule
from werkzeug.routing.converters import AnyConverter, NumberConverter

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def sample_url(rule: Rule, value_for_int: int = 1) -> str:
    """A concrete URL for ``rule``, with placeholder values for its arguments."""
    values: dict[str, object] = {}
    for name in rule.arguments:
        converter = rule._converters[name]  # noqa: SLF001 (werkzeug exposes no public accessor)
        if isinstance(converter, NumberConverter):
            values[name] = value_for_int
        elif isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = "x"
    url = rule.build(values, append_unknown=False)
    assert url is not None
    return url[1]


def state_changing_rules(app: Flask) -> list[Rule]:
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.methods and rule.methods & STATE_CHANGING and rule.endpoint != "static"
    ]


def get_rules_without_arguments(app: Flask) -> list[Rule]:
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.methods and "GET" in rule.methods and not rule.arguments and rule.endpoint != "static"
    ]
