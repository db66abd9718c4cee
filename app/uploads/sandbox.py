"""Running text extraction in a child process under CPU-time, memory and wall-clock limits.

The child comes from a ``forkserver``: a small clean process started once, with the extraction
code already imported, that forks one child per file — cheap, and never a fork of a
multi-threaded server. The child lowers its own limits (``RLIMIT_CPU``, ``RLIMIT_AS``) before it
reads a byte; the parent waits at most ``wall_seconds`` for the answer and kills it after that.
Whatever a hostile file does, the worst case is one child killed at a known bound.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from .extraction import Budget, Unreadable, extract_text


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 20
    memory_bytes: int = 768 * 1024 * 1024
    wall_seconds: float = 60.0


@dataclass(frozen=True)
class Outcome:
    text: str = ""
    cut_short: str = ""  # read in part: why reading stopped early
    error: str = ""  # nothing read: why (shown to the file's author)


_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["app.uploads.extraction"])


def _child(conn: Connection, path: str, kind: str, budget: Budget, limits: Limits) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    try:
        data = Path(path).read_bytes()
        extracted = extract_text(data, kind, budget)
        outcome = Outcome(text=extracted.text, cut_short=extracted.cut_short)
    except Unreadable as error:
        outcome = Outcome(error=str(error))
    except MemoryError:
        outcome = Outcome(error="reading it needed more memory than the limit")
    except Exception as error:  # noqa: BLE001 - any failure of the reader is an answer, not a crash
        outcome = Outcome(error=f"the reader failed ({type(error).__name__})")
    conn.send(outcome)
    conn.close()


def extract_in_child(path: Path, kind: str, budget: Budget, limits: Limits) -> Outcome:
    """Extract the text of the stored file at ``path`` in a limited child process."""
    receiver, sender = _context.Pipe(duplex=False)
    child = _context.Process(
        target=_child, args=(sender, str(path), kind, budget, limits), name="extract-text", daemon=True
    )
    child.start()
    sender.close()
    try:
        if receiver.poll(limits.wall_seconds):
            try:
                return receiver.recv()
            except EOFError:
                pass  # the child died before answering: its exit code says why
        else:
            child.kill()
            return Outcome(error=f"reading it took longer than {limits.wall_seconds:g} seconds")
    finally:
        receiver.close()
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
    if child.exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return Outcome(error=f"reading it needed more than {limits.cpu_seconds} seconds of processor time")
    return Outcome(error="the reader stopped unexpectedly (it may have needed more memory than the limit)")
