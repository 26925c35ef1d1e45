# Two entry points: `make run` (the app on the bundled dataset) and `make test`
# (lint, types and the whole test suite, browser tests included).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint typecheck pytest bench bench-explorer chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-installed

# Debian's Chromium for the browser tests (Playwright cannot download its own here), and
# the cairo library CairoSVG draws PNGs with (Chromium needs it too).
chromium:
	@if [ ! -x $(CHROMIUM) ] || ! ldconfig -p | grep -q 'libcairo\.so\.2 '; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libcairo2; \
	  else \
	    echo "note: run 'sudo apt-get install chromium libcairo2' for the browser tests and PNGs"; \
	  fi; \
	fi

run: $(VENV)/.run-installed
	$(BIN)/streamlit run streamlit_app.py

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

pytest: $(VENV)/.dev-installed chromium
	$(BIN)/python -m pytest

test: lint typecheck pytest

bench: $(VENV)/.dev-installed chromium bench-explorer
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/scale.py

# The explorer as a user feels it (issue 10's targets), beside a plain Streamlit page: ~3 minutes.
bench-explorer: $(VENV)/.dev-installed chromium
	$(BIN)/python benchmarks/explorer.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
