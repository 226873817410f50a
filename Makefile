# thuiswerk: `make demo` and `make test` work on a fresh Debian machine with Python 3.11.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := .uv/bin/uv
STAFF ?= 30000

.PHONY: install demo serve test test-postgres lint format bench bench-web clean

# uv lives in its own small venv so that `uv sync` (exact) never removes it from .venv.
$(UV):
	$(PY) -m venv .uv
	.uv/bin/pip install --quiet uv

install: $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --quiet

demo: install
	mkdir -p var out
	rm -f var/demo.sqlite3 var/demo.sqlite3-wal var/demo.sqlite3-shm var/demo.sqlite3.lock
	DEBUG=1 DATABASE_URL=sqlite:///$(CURDIR)/var/demo.sqlite3 $(BIN)/thuiswerk init
	DEBUG=1 DATABASE_URL=sqlite:///$(CURDIR)/var/demo.sqlite3 $(BIN)/thuiswerk demo --staff $(STAFF) --out out
	$(MAKE) --no-print-directory serve

# The web application on the demo database (again, after `make demo`): Ctrl-C stops it.
serve:
	DEBUG=1 DATABASE_URL=sqlite:///$(CURDIR)/var/demo.sqlite3 $(BIN)/thuiswerk serve

test: install
	$(BIN)/ruff check src tests
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

bench: install
	DEBUG=1 $(BIN)/python scripts/bench.py --staff $(STAFF)
	DEBUG=1 $(BIN)/python scripts/bench_web.py --database-url sqlite:///$(CURDIR)/var/demo.sqlite3

# pg_dump and pg_restore of a demo database on PostgreSQL, ledger and report compared before and
# after (scripts/backup_restore.py; BACKUP_TEST_SERVER=postgresql://user@host:5432 names the server).
.PHONY: backup-test
backup-test: install
	DEBUG=1 $(BIN)/python scripts/backup_restore.py --staff 300

# 50 users on `thuiswerk serve` with a compute among them (issue 8), on the 60,000-staff PostgreSQL
# database that `scripts/bench.py --staff 60000 --database-url ...` made; BENCH_WEB_DATABASE for another.
# locust is a group of its own (`load`): it brings brotli, with which whitenoise compresses every
# static file twice and `collectstatic` (so `serve`) takes seven times longer. `make install`
# removes the group again.
BENCH_WEB_DATABASE ?= postgresql://postgres@127.0.0.1:5432/thuiswerk_bench60k
bench-web: install
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --quiet --group load
	$(BIN)/python scripts/bench_load.py --database-url $(BENCH_WEB_DATABASE)

clean:
	rm -rf $(VENV) .uv var out .pytest_cache .hypothesis
