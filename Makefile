# Safer Neighbourhoods: `make demo` to run it, `make test` to test it. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: help install load-tools demo serve test test-sqlite test-postgres test-in-file-order check deploy-check bench assets data browser clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed ## Create .venv and install the locked dependencies

demo: install ## Install, migrate, build the demo force if the database is empty, serve on 127.0.0.1:$(PORT)
	$(BIN)/sn migrate --no-input -v 0
	$(BIN)/sn setup-roles -v 0 > /dev/null
	$(BIN)/sn seed-demo --if-empty
	$(BIN)/sn seed-incidents --if-empty
	$(BIN)/sn seed-cycle --if-empty
	$(BIN)/sn collectstatic --no-input -v 0
	@echo "Serving on http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	@echo "The job worker (sn worker) runs beside it: uploads and documents run there"
	@# One process with threads: without SN_REDIS_URL the cache and rate limits live in the process, and
	@# several workers would each keep their own (sn check --deploy warns of it for production).
	@# The worker gets its own process group (set -m), so Ctrl-C reaches gunicorn alone; when gunicorn
	@# stops, the trap sends the worker one SIGTERM, and it finishes the job in hand before it exits.
	set -m; $(BIN)/sn worker & worker=$$!; \
	trap 'echo "Stopping the job worker (it finishes the job in hand) ..."; kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(BIN)/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers 1 --worker-class gthread --threads 8 \
		--access-logfile - --env DJANGO_SETTINGS_MODULE=$(DJANGO_SETTINGS_MODULE)

browser: ## Install Debian's Chromium for the browser tests, when missing
	@if [ -x /usr/bin/chromium ]; then echo "Chromium: $$(/usr/bin/chromium --version 2>/dev/null)"; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's chromium for the browser tests ..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "WARNING: could not install chromium; browser tests will be skipped"; \
	else echo "WARNING: no /usr/bin/chromium and no way to install it; browser tests will be skipped"; fi

# The public face's load benchmark drives gunicorn with wrk (benchmarks/public_load.py).
load-tools: ## Install Debian's wrk for the load benchmark, when missing
	@if command -v wrk >/dev/null; then echo "wrk: $$(command -v wrk)"; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's wrk for the load benchmark ..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
		|| echo "WARNING: could not install wrk; the load benchmark will be skipped"; \
	else echo "WARNING: no wrk and no way to install it; the load benchmark will be skipped"; fi

test: install browser test-sqlite test-postgres ## Install what the tests need and run the whole suite on SQLite and PostgreSQL

# pytest-randomly shuffles the order on every run (the seed is printed: rerun an order with
# --randomly-seed=N); the suite must also pass in file order. SQLite runs it shuffled (with the browser
# tests) and PostgreSQL in file order, so both orders and both databases are covered in two runs, not
# three: on this project's 2-core machines a third run would take CI past its 90 minutes. Without
# PostgreSQL the file-order run happens on SQLite instead.
test-sqlite: install
	@echo "=== Test suite on SQLite, in random order ==="
	DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL= $(BIN)/pytest -q -n 2

test-postgres: install
	@if $(BIN)/python scripts/pg_available.py "$(PG_URL)"; then \
		echo "=== Test suite on PostgreSQL ($(PG_URL)), in file order (no randomisation) ==="; \
		DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL="$(PG_URL)" $(BIN)/pytest -q -n 2 -p no:randomly -m "not browser"; \
	else \
		echo "!!! PostgreSQL is NOT reachable at $(PG_URL): the PostgreSQL run of the suite was SKIPPED !!!"; \
		echo "=== Instead: the suite on SQLite, in file order (no randomisation) ==="; \
		$(MAKE) --no-print-directory test-in-file-order; \
	fi

test-in-file-order: install
	@echo "=== Test suite on SQLite, in file order (no randomisation) ==="
	DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL= $(BIN)/pytest -q -n 2 -p no:randomly -m "not browser"

check: install ## ruff, migrations in step with models, the permissions doc, deploy checks on production settings
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/sn makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/sn permissions-doc --check
	DJANGO_SETTINGS_MODULE=config.settings.production SN_SECRET_KEY="check-only-$$(head -c 32 /dev/urandom | base64)" \
		SN_ALLOWED_HOSTS=sn.example.org SN_REDIS_URL=redis://redis.example.org:6379/0 \
		$(BIN)/sn check --deploy --fail-level WARNING

deploy-check: ## Validate compose.yaml and build the image where docker is here (says loudly what it skipped)
	bash scripts/check_deploy.sh

bench: install load-tools ## Benchmarks, printed as ratios against a baseline run in the same process
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m benchmarks

assets: ## Rebuild static/vendor from npm (needs Node; the built files are committed)
	bash scripts/build_assets.sh

data: ## Rebuild the shipped demo data from ../shared/data
	$(BIN)/python scripts/build_demo_data.py

clean: ## Remove the virtualenv and local database
	rm -rf $(VENV) var
