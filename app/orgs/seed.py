"""PLACEHOLDER: replaced by the organisations work (issue 2)."""


def seed_network() -> list[str]:
    return []
