"""Storing accepted files under generated names, tied to the transaction that attached them.

Files live in ``UPLOAD_DIR`` (never under static) as ``<32 random hex digits>.<ext>``; the name
the user gave is kept only as display metadata. Nothing from the user ever reaches a path
(docs/SECURITY.md 29). A file stored in a transaction that rolls back is removed again; a file to
delete is removed only once the transaction commits.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..errors import NotFound, ValidationError
from .acceptance import MAX_UPLOAD_BYTES, inspect_upload
from .names import STORED_NAME


@dataclass(frozen=True)
class StoredFile:
    stored_name: str  # the generated file name in UPLOAD_DIR
    original_name: str  # the user's name, cleaned for display; never a path
    content_type: str
    size: int  # bytes stored (after re-encoding images)
    kind: str  # pdf, docx, pptx, xlsx, png or jpg
    has_text: bool  # a PDF or Office file, whose text the extraction job reads


def configured_upload_dir() -> Path:
    """``UPLOAD_DIR`` from the configuration; refuses a folder the static route would serve."""
    folder = Path(current_app.config["UPLOAD_DIR"]).resolve()
    static = Path(current_app.static_folder or "").resolve()
    if current_app.static_folder and (folder == static or static in folder.parents):
        raise RuntimeError("UPLOAD_DIR must not be inside the static folder.")
    return folder


def stored_path(upload_dir: str | os.PathLike[str], stored_name: str) -> Path:
    """The path of a stored file. Only generated names are accepted, so no path can be steered."""
    if not STORED_NAME.fullmatch(stored_name or ""):
        raise NotFound()
    return Path(upload_dir) / stored_name


def _read_upload(file_storage: Any) -> tuple[bytes, str]:
    if file_storage is None or not getattr(file_storage, "filename", ""):
        raise ValidationError("Choose a file to upload.", fields={"file": ["Choose a file to upload."]})
    stream = getattr(file_storage, "stream", file_storage)
    data = stream.read(MAX_UPLOAD_BYTES + 1)
    return data, file_storage.filename


def accept_upload(file_storage: Any, upload_dir: str | os.PathLike[str]) -> StoredFile:
    """Check an uploaded file (``werkzeug.FileStorage`` or anything with ``filename`` and
    ``stream``) and store it under a generated name in ``upload_dir``.

    :raise ValidationError: the file is refused; the message says why.
    """
    data, original_name = _read_upload(file_storage)
    inspected = inspect_upload(data, original_name)
    folder = Path(upload_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}.{inspected.kind}"
    target = stored_path(folder, stored_name)
    partial = target.with_name(target.name + ".part")
    with open(partial, "xb") as handle:
        handle.write(inspected.data)
    os.replace(partial, target)
    return StoredFile(
        stored_name=stored_name,
        original_name=inspected.display_name,
        content_type=inspected.content_type,
        size=len(inspected.data),
        kind=inspected.kind,
        has_text=inspected.has_text,
    )


def save_upload(file_storage: Any) -> StoredFile:
    """``accept_upload`` into ``UPLOAD_DIR``, tied to the current transaction: the file is removed
    again if the transaction (or the savepoint it was stored in) rolls back or ends uncommitted."""
    folder = configured_upload_dir()
    stored = accept_upload(file_storage, folder)
    _remember(_STORED_KEY, folder, stored.stored_name)
    return stored


def open_stored(upload_dir: str | os.PathLike[str], stored_name: str) -> BinaryIO:
    """Open a stored file for reading. :raise NotFound: no such stored file."""
    try:
        return open(stored_path(upload_dir, stored_name), "rb")
    except FileNotFoundError as error:
        raise NotFound() from error


def delete_stored(upload_dir: str | os.PathLike[str], stored_name: str) -> bool:
    """Remove a stored file now; False when it was already gone."""
    try:
        stored_path(upload_dir, stored_name).unlink()
    except FileNotFoundError:
        return False
    return True


def delete_after_commit(stored_name: str) -> None:
    """Remove a stored file once the current transaction commits (kept if it rolls back)."""
    _remember(_DELETE_KEY, configured_upload_dir(), stored_name)


# Files stored or to delete are tied to the innermost transaction at the time, in ``Session.info``.
_STORED_KEY = "uploads.stored_in_transaction"
_DELETE_KEY = "uploads.delete_after_commit"


def _remember(key: str, folder: Path, stored_name: str) -> None:
    from ..extensions import db

    session = db.session()
    transaction = session.get_nested_transaction() or session.get_transaction() or session.begin()
    session.info.setdefault(key, []).append((transaction, folder, stored_name))


def _within(transaction: Any, ancestor: Any) -> bool:
    while transaction is not None:
        if transaction is ancestor:
            return True
        transaction = transaction.parent
    return False


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.get_nested_transaction() is not None:
        return  # a savepoint released: its files now belong to the enclosing transaction
    session.info.pop(_STORED_KEY, None)
    for _, folder, name in session.info.pop(_DELETE_KEY, []):
        delete_stored(folder, name)


@event.listens_for(Session, "after_soft_rollback")
def _after_soft_rollback(session: Session, previous_transaction: Any) -> None:
    for key in (_STORED_KEY, _DELETE_KEY):
        entries = session.info.get(key)
        if not entries:
            continue
        undone = [entry for entry in entries if _within(entry[0], previous_transaction)]
        session.info[key] = [entry for entry in entries if entry not in undone]
        if key == _STORED_KEY:
            for _, folder, name in undone:
                delete_stored(folder, name)


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is not None:
        return
    session.info.pop(_DELETE_KEY, None)
    for _, folder, name in session.info.pop(_STORED_KEY, []):  # ended without a commit
        delete_stored(folder, name)
