"""Seed and demo content kept as data files (TOML), not Python literals; ``load`` reads one."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``<name>.toml`` of this folder (read once per process)."""
    with (DATA_DIR / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def frozen(value: Any) -> Any:
    """Lists as tuples, all the way down: the demo data is read-only."""
    if isinstance(value, list):
        return tuple(frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: frozen(item) for key, item in value.items()}
    return value
