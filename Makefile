# AgentDesk — the two commands of the README: `make demo` and `make test`.
# Everything installs into .venv; system packages are installed when run as root on
# Debian/Ubuntu, and named clearly otherwise.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
APT_GUI  := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
            libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-noto-cjk
APT_TEST := zbar-tools poppler-utils fonts-noto-cjk libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3

.PHONY: demo test lint format bench system-gui system-test clean help

help:
	@echo "make demo   - install, create the embedded demo database, start simulated calls, open AgentDesk"
	@echo "make test   - install with test extras and run the whole suite offscreen"
	@echo "make lint   - ruff, the import contracts and mypy"
	@echo "make bench  - run the benchmarks (long)"

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "AgentDesk needs Python 3.11 or newer; found: $$($(PYTHON) --version 2>&1). Set PYTHON=python3.11"; exit 1; }
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || \
	  { echo "python3-venv is missing: apt-get install python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.installed-app: $(VENV)/.python-ok pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.python-ok pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed-app

define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "note: not a Debian/Ubuntu system; make sure the equivalents of:$$missing are installed"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "installing system packages:$$missing"; \
	  (apt-get install -y -qq $$missing >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq $$missing >/dev/null)) \
	    || { echo "could not install:$$missing"; exit 1; }; \
	else echo "AgentDesk needs these system packages: sudo apt-get install$$missing"; exit 1; fi
endef

system-gui:
	$(call apt_install,$(APT_GUI))

system-test:
	$(call apt_install,$(APT_TEST))

demo: $(VENV)/.installed-app system-gui
	$(BIN)/agent-desk demo

# PostgreSQL tests run when AGENT_DESK_TEST_PG_URL is set; a local server on 127.0.0.1 is used when present.
test: $(VENV)/.installed-test system-test
	@if [ -z "$$AGENT_DESK_TEST_PG_URL" ] && command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then \
	  export AGENT_DESK_TEST_PG_URL=postgresql://postgres@127.0.0.1:5432/test; \
	  echo "PostgreSQL tests: $$AGENT_DESK_TEST_PG_URL"; fi; \
	$(MAKE) --no-print-directory lint && \
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# ruff, the import contracts of docs/architecture.md, and mypy (0 errors; strict on core/ and services/)
lint: $(VENV)/.installed-test
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports --no-cache && $(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

bench: $(VENV)/.installed-test
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
