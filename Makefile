# Samen — two commands for a newcomer: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.12 or newer: the first of these that exists.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 $$HOME/.pyenv/versions/3.12.1/bin/python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install install-dev run serve worker test lint typecheck check-migrations pytest pytest-postgres \
	bench messages compile-messages openapi clean

help:
	@echo "make run    installs, migrates, imports the national GR register, creates the demo and serves http://localhost:$(PORT)"
	@echo "make test   installs what the tests need and runs them all"
	@echo "make bench  runs the benchmarks and writes var/bench.json"

$(PY):
	@test -n "$(PYTHON)" || { echo "Samen needs Python 3.12 or newer (python3.12 not found)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime compile-messages

install-dev: $(VENV)/.dev compile-messages

compile-messages: | $(PY)
	@$(PY) scripts/compile_messages.py

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py import_register
	$(PY) manage.py demo
	@echo "Samen draait op http://localhost:$(PORT) (stoppen met Ctrl+C)."
	@trap 'kill 0' EXIT INT TERM; nice -n 10 $(PY) manage.py db_worker & $(PY) manage.py runserver $(HOST):$(PORT)

# As in production: DEBUG off, gunicorn sized to the cores (gunicorn.conf.py). Run `make worker` beside it.
serve: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	SAMEN_DEBUG=false HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/gunicorn samen.wsgi -c gunicorn.conf.py

# At a lower CPU priority: PDFs and exports must not slow the pages down (see README).
worker: install
	nice -n 10 $(PY) manage.py db_worker

# The whole suite: static checks, then every test on SQLite; on PostgreSQL as well when
# SAMEN_TEST_POSTGRES_URL is set (CI starts a throwaway server and sets it).
test: install-dev
	@bash scripts/ensure_chromium.sh
	$(MAKE) --no-print-directory lint typecheck check-migrations
	$(MAKE) --no-print-directory pytest
	@if [ -n "$$SAMEN_TEST_POSTGRES_URL" ]; then $(MAKE) --no-print-directory pytest-postgres; \
	else echo "PostgreSQL: SAMEN_TEST_POSTGRES_URL not set, so the suite ran on SQLite only."; fi

lint: | $(PY)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: | $(PY)
	$(VENV)/bin/mypy samen

check-migrations: | $(PY)
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

pytest: | $(PY)
	$(VENV)/bin/pytest -p no:cacheprovider -n 2 --dist loadfile

pytest-postgres: | $(PY)
	DATABASE_URL="$$SAMEN_TEST_POSTGRES_URL" $(VENV)/bin/pytest -p no:cacheprovider -n 2 --dist loadfile -m "not browser"

bench: install-dev
	$(PY) bench/run.py --label sqlite
	@if url=$$(bash scripts/throwaway_postgres.sh start 2>/dev/null); then \
		DATABASE_URL=$$url $(PY) bench/run.py --label postgres --only register; \
		bash scripts/throwaway_postgres.sh stop; \
	else echo "PostgreSQL binaries not found: the PostgreSQL figures are skipped."; fi

messages: | $(PY)
	$(PY) manage.py makemessages -l nl -l en --no-location --no-obsolete -i ".venv/*" -i "var/*" -i "bench/*" -i "tests/*"
	$(PY) scripts/fill_dutch_catalogue.py

openapi: | $(PY)
	$(PY) manage.py write_openapi

clean:
	rm -rf $(VENV) var
