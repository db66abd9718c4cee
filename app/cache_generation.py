"""The content generation: one token that changes whenever published content changes.

Cached visitor pages are keyed by it, so bumping it retires every cached page at once, in every
serving process. Where it lives depends on the cache: with a shared cache (Redis) it is a key in
that cache, seen by every machine; with the embedded per-process cache it is a small file in the
instance folder, seen by every worker of this machine (a few microseconds to read).
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from flask_caching import Cache

SHARED_KEY = "content-generation"


@dataclass(frozen=True)
class Generation:
    token: str
    changed_at: float  # seconds since the epoch: the pages' Last-Modified


def _new() -> Generation:
    return Generation(uuid.uuid4().hex, time.time())


def _encode(generation: Generation) -> str:
    return f"{generation.changed_at:.6f} {generation.token}"


def _decode(text: str | None) -> Generation | None:
    stamp, _, token = (text or "").partition(" ")
    try:
        return Generation(token, float(stamp)) if token else None
    except ValueError:
        return None


class GenerationStore(Protocol):
    def current(self) -> Generation: ...

    def bump(self) -> Generation: ...


class FileGeneration:
    """For the embedded cache: the token in a file every worker of the machine reads."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def current(self) -> Generation:
        try:
            found = _decode(self.path.read_text(encoding="ascii"))
        except OSError:
            found = None
        return found or self.bump()

    def bump(self) -> Generation:
        generation = _new()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        spare = self.path.with_name(f"{self.path.name}.{os.getpid()}.{generation.token}")
        spare.write_text(_encode(generation), encoding="ascii")
        os.replace(spare, self.path)  # atomic: a reader sees the old token or the new one
        return generation


class SharedGeneration:
    """For a shared cache (Redis): the token is a key in it, so every machine sees a bump."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    def current(self) -> Generation:
        return _decode(self.cache.get(SHARED_KEY)) or self.bump()

    def bump(self) -> Generation:
        generation = _new()
        self.cache.set(SHARED_KEY, _encode(generation), timeout=0)
        return generation
