# The two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000

.PHONY: run test install migrate seed serve lint bench clean

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PYTHON)) — Python 3.11 is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo --password "$${DEMO_PASSWORD:-motcua-demo}" --logins var/demo-logins.json

run: seed
	@echo "Demo logins (password: $${DEMO_PASSWORD:-motcua-demo}) are in var/demo-logins.json"
	$(PY) manage.py demo_logins var/demo-logins.json
	@# The embedded notification dispatcher runs beside the server and stops with it.
	@# VNEID_SANDBOX_ENABLED: "Đăng nhập bằng VNeID" works locally against a stand-in (DEBUG only).
	$(PY) manage.py run_dispatcher & trap 'kill $$! 2>/dev/null' EXIT INT TERM; VNEID_SANDBOX_ENABLED=1 $(PY) manage.py runserver $(HOST)

# On SQLite (the default) the tests marked `postgres` are deselected and the run says so;
# with DATABASE_URL=postgres://… every test runs.
test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

bench: install
	$(PY) bench/due_dates.py
	$(PY) bench/catalog_search.py

clean:
	rm -rf $(VENV) var/*.sqlite3*
