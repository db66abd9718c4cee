"""Exit 0 when the PostgreSQL server named by TEST_DATABASE_URL answers, 1 otherwise."""

import os
import sys

from sqlalchemy import create_engine, text

url = os.environ.get("TEST_DATABASE_URL", "")
if not url.startswith("postgresql"):
    sys.exit(1)
try:
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
except Exception as error:  # any failure to connect means "not reachable"
    print(f"PostgreSQL not reachable: {type(error).__name__}", file=sys.stderr)
    sys.exit(1)
sys.exit(0)
