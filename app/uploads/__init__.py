"""Uploaded files: accept or refuse one, store it, read its text later, serve it back safely.

- ``names.py``: the kind a file name claims; the user's name made safe to display.
- ``acceptance.py``: the cheap checks run in the request (extension AND bytes, images
  re-encoded without EXIF); ``office.py`` bounds ZIP-based files before reading them.
- ``storage.py``: generated names in ``UPLOAD_DIR``, tied to the transaction.
- ``extraction.py`` + ``sandbox.py``: reading the text of PDF and Office files with a work budget,
  in a child process under CPU, memory and wall-clock limits (run by the extraction job).
- ``download.py``: the headers that make a stored file a download and nothing else.
"""

from .acceptance import MAX_IMAGE_PIXELS, MAX_UPLOAD_BYTES, Inspected, inspect_upload
from .download import download_headers, download_response
from .names import CONTENT_TYPES, STORED_NAME, display_name
from .storage import (
    StoredFile,
    accept_upload,
    configured_upload_dir,
    delete_after_commit,
    delete_stored,
    open_stored,
    save_upload,
    stored_path,
)

__all__ = [
    "CONTENT_TYPES",
    "MAX_IMAGE_PIXELS",
    "MAX_UPLOAD_BYTES",
    "STORED_NAME",
    "Inspected",
    "StoredFile",
    "accept_upload",
    "configured_upload_dir",
    "delete_after_commit",
    "delete_stored",
    "display_name",
    "download_headers",
    "download_response",
    "inspect_upload",
    "open_stored",
    "save_upload",
    "stored_path",
]
