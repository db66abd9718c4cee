# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
# The app reads HOST and PORT too: without SITE_URL, links in e-mails and feeds use them.
export HOST PORT
PYTEST_WORKERS ?= 2
export TEST_DATABASE_URL

.PHONY: run test test-sqlite test-postgres install chromium bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install -q -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

run: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) seed demo --if-empty
	$(FLASK) search reindex
	$(FLASK) run --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests; installed when missing and we are root.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	  else echo "chromium is missing: install Debian's chromium package to run the browser tests"; fi; }

test: $(VENV)/.installed-test chromium
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: $(VENV)/.installed-test
	@echo "== test suite on SQLite (with the browser tests) =="
	TEST_DATABASE_URL= $(BIN)/python -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

# The same suite on PostgreSQL; under CI=true an unreachable server fails the run.
test-postgres: $(VENV)/.installed-test
	@if $(BIN)/python -m tests.postgres_reachable; then \
	  echo "== test suite on PostgreSQL ($(TEST_DATABASE_URL)) =="; \
	  $(BIN)/python -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider -m "not e2e"; \
	elif [ "$$CI" = "true" ]; then echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL) and CI=true"; exit 1; \
	else echo "PostgreSQL not reachable: skipped the PostgreSQL run (set TEST_DATABASE_URL)"; fi

# Style, types and dead code: ruff, mypy over app/ (settings in pyproject.toml), vulture (names only
# frameworks use are listed in .ci/vulture_whitelist.py).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check app tests bench
	$(BIN)/mypy
	$(BIN)/vulture

bench: $(VENV)/.installed-test
	$(BIN)/python bench/search_bench.py

clean:
	rm -rf $(VENV) .pytest_cache
