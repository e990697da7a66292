# The two set-up commands of the README:
#   make build   creates .venv, installs irkg, builds the graph into exports/
#   make test    the whole test suite: lint, types, pytest
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: build test check chromium virtuoso clean

build: $(VENV)/.installed
	$(BIN)/irkg build

test: $(VENV)/.installed chromium
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

# The edit loop: lint, types, and the tests that take neither Chromium nor seconds each.
# `make test` still runs everything (and is what CI runs).
check: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -m "not virtuoso and not slow and not browser"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The browser tests drive the system's Chromium (Debian's package); nothing is downloaded
# by Playwright. As root, a missing Chromium is installed; otherwise the tests skip (and
# fail under CI=true).
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Chromium for the browser tests (apt-get install chromium)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "note: Chromium not found, browser tests will skip: apt-get install chromium"; \
	  fi; }

# A second real SPARQL server, apart from the default run: Virtuoso (Debian's package,
# installed here as root), started by the tests on free loopback ports and stopped after.
virtuoso: $(VENV)/.installed
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Virtuoso (apt-get install virtuoso-opensource)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends virtuoso-opensource >/dev/null; \
	  else \
	    echo "Virtuoso is missing: apt-get install virtuoso-opensource"; exit 1; \
	  fi; }
	$(BIN)/pytest -m virtuoso tests/test_virtuoso.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
