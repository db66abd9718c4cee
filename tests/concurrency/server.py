"""The app that the concurrency tests serve with gunicorn and drive with ``flask``.

Its settings come as JSON in ``SMHN_TEST_CONFIG`` (the test's own database, folders and flags).
"""

from __future__ import annotations

import json
import os

from app import create_app

app = create_app(json.loads(os.environ["SMHN_TEST_CONFIG"]))
