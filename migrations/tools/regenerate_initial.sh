#!/bin/bash
# Until the first release, the schema has one initial revision, regenerated from the models
# against a fresh PostgreSQL database. After the first release, add revisions instead.
set -e
cd "$(dirname "$0")/../.."
rm -f migrations/versions/0001_initial_schema.py
psql -q -h 127.0.0.1 -U postgres -c "drop database if exists regen_$$" -c "create database regen_$$" >/dev/null
DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/regen_$$ .venv/bin/flask --app wsgi db migrate -m "initial schema" >/dev/null 2>&1
f=$(ls migrations/versions/*_initial_schema.py)
mv "$f" migrations/versions/0001_initial_schema.py
sed -i "s/^revision = .*/revision = '0001'/; s/^Revision ID: .*/Revision ID: 0001/" migrations/versions/0001_initial_schema.py
psql -q -h 127.0.0.1 -U postgres -c "drop database regen_$$" >/dev/null
.venv/bin/python migrations/tools/fix_use_alter.py migrations/versions/0001_initial_schema.py
grep -c create_table migrations/versions/0001_initial_schema.py
