"""Where the Whoosh index lives, who may write it, and the one searcher each process keeps.

Layout of ``SEARCH_INDEX_DIR``::

    CURRENT              the name of the live index directory (replaced atomically)
    index-<time>-<rand>/ one complete index; a rebuild writes a new one beside the live one
    writer.lock          held by the single writer (sync, worker, rebuild) while it writes

Whoosh allows one writer per index and raises at once on a second one; a writer here first takes
``writer.lock`` (a ``flock``, so a crashed holder releases it) with a timeout, and a caller that
cannot get it leaves its work for later. Readers never take the lock.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from .schema import build_schema

POINTER = "CURRENT"
LOCK_FILE = "writer.lock"
PREFIX = "index-"
# Fields whose per-document lengths BM25 reads (opened with the searcher).
WARM_FIELDS = ("content", "words")


class IndexStore:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    # --- which index is live ---

    def current_name(self) -> str | None:
        try:
            name = (self.root / POINTER).read_text(encoding="ascii").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        return name if name.startswith(PREFIX) and (self.root / name).is_dir() else None

    def open(self, name: str) -> whoosh_index.Index:
        return FileStorage(str(self.root / name)).open_index()

    def open_current(self) -> whoosh_index.Index | None:
        name = self.current_name()
        return self.open(name) if name else None

    def create(self) -> tuple[str, whoosh_index.Index]:
        """A new, empty index directory beside the live one (not live until ``activate``)."""
        self.root.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        name = f"{PREFIX}{stamp}-{secrets.token_hex(3)}"
        path = self.root / name
        path.mkdir()
        return name, FileStorage(str(path)).create_index(build_schema())

    def activate(self, name: str) -> None:
        """Make ``name`` the live index in one atomic rename; searches switch on their next query.

        The index it replaces stays (a process may still be opening it); every other index
        directory goes, such as one left by a rebuild that was killed.
        """
        previous = self.current_name()
        temporary = self.root / f"{POINTER}.{secrets.token_hex(4)}"
        temporary.write_text(name + "\n", encoding="ascii")
        os.replace(temporary, self.root / POINTER)
        for path in self.root.glob(f"{PREFIX}*"):
            if path.is_dir() and path.name not in (name, previous):
                shutil.rmtree(path, ignore_errors=True)

    def ensure_current(self) -> str:
        """The live index's name, creating an empty index first if there is none (hold the lock)."""
        name = self.current_name()
        if name is None:
            name, _ = self.create()
            self.activate(name)
        return name

    def discard(self, name: str) -> None:
        shutil.rmtree(self.root / name, ignore_errors=True)

    # --- the single writer ---

    @contextmanager
    def writer_lock(self, timeout: float) -> Iterator[bool]:
        """Yield True once this process is the only writer; False if that took over ``timeout``."""
        self.root.mkdir(parents=True, exist_ok=True)
        handle = open(self.root / LOCK_FILE, "a+b")  # noqa: SIM115 (closed below)
        deadline = time.monotonic() + max(timeout, 0)
        acquired = False
        try:
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    acquired = True
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        break
                    time.sleep(0.02)
            yield acquired
        finally:
            if acquired:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            handle.close()


# --- One searcher per process ------------------------------------------------------------


class SearcherHandle:
    """The process's searcher on one index root, reopened only when the index changed.

    Queries on the handle run one at a time (``lock``); each takes milliseconds. ``cache`` holds
    data derived from the searcher's segments (filters, facets), dropped when segments change.
    """

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self.lock = threading.Lock()
        self.name: str | None = None
        self.index: whoosh_index.Index | None = None
        self.searcher: Any = None
        self.cache: dict[Any, Any] = {}

    def current(self) -> Any:
        """The up-to-date searcher, or None when no index exists yet. Call with ``lock`` held."""
        name = self.store.current_name()
        if name is None:
            self.close()
            return None
        if name != self.name or self.searcher is None:
            self.close()
            self.index = self.store.open(name)
            self.searcher = open_searcher(self.index)
            self.name = name
        elif not self.searcher.up_to_date():
            # Not ``Searcher.refresh()``: it reuses segment readers by segment id and so misses
            # deletions committed since (whoosh 2.7). Opening segments again is cheap (mmap).
            old, self.searcher = self.searcher, open_searcher(self.index)
            old.close()
        return self.searcher

    def close(self) -> None:
        if self.searcher is not None:
            self.searcher.close()
        self.searcher = None
        self.index = None
        self.name = None
        self.cache.clear()


def open_searcher(index: whoosh_index.Index, attempts: int = 5) -> Any:
    """A searcher with every file it will read already open.

    Whoosh opens some segment files (stored fields, columns, field lengths) on first use, and a
    writer in another process deletes the files of merged segments at once. Opening them up front
    makes the searcher immune to that (an open file outlives its deletion); if a merge wins the
    race while we open, the next generation is opened instead.
    """
    for attempt in range(attempts):
        searcher = None
        try:
            searcher = index.searcher()
            for leaf, _ in searcher.reader().leaf_readers():
                if leaf.doc_count_all() == 0:
                    continue
                leaf.stored_fields(0)
                if leaf.has_column("facets"):
                    leaf.column_reader("facets")
                for field in WARM_FIELDS:
                    leaf.doc_field_length(0, field)
            return searcher
        except OSError:
            if searcher is not None:
                searcher.close()
            if attempt == attempts - 1:
                raise
            time.sleep(0.01)
    raise AssertionError("unreachable")


_handles: OrderedDict[str, SearcherHandle] = OrderedDict()
_handles_lock = threading.Lock()
MAX_HANDLES = 4


def handle_for(root: str | Path) -> SearcherHandle:
    """This process's handle for ``root`` (tests use many roots: only the last few stay open)."""
    key = str(Path(root).resolve())
    with _handles_lock:
        handle = _handles.get(key)
        if handle is None:
            handle = _handles[key] = SearcherHandle(IndexStore(key))
            while len(_handles) > MAX_HANDLES:
                _, old = _handles.popitem(last=False)
                with old.lock:
                    old.close()
        _handles.move_to_end(key)
        return handle
