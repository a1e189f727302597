# SaferPlan: `make run` to try it, `make test` to check it. `make help` lists the rest.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
STATIC := src/saferplan/static/govuk/saferplan.css
HOST ?= 127.0.0.1
PORT ?= 8000
FUZZ_EXAMPLES ?= 1000

.PHONY: help run test fuzz lint format install static migrate demo browsers clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: install static migrate demo ## Set up and serve SaferPlan on http://127.0.0.1:8000
	@echo "SaferPlan is at http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	$(BIN)/saferplan runserver $(HOST):$(PORT)

test: install static browsers ## Install and run the whole suite: lint, migrations check, tests
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/saferplan makemigrations --check --dry-run
	$(BIN)/pytest -n auto  # one worker per core (pytest-xdist), each with its own test database

fuzz: install ## Fuzz the importers and the API for long (FUZZ_EXAMPLES=1000 a test)
	SAFERPLAN_HYPOTHESIS_PROFILE=fuzz SAFERPLAN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest \
		tests/fuzz tests/importing/test_fuzz_readers.py tests/api/test_api_schema.py \
		-p no:cacheprovider -q

lint: install ## Check style (ruff)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: install ## Reformat and fix what ruff can
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

$(BIN)/python:
	scripts/bootstrap.sh venv $(PYTHON) $(VENV)

$(INSTALLED): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(INSTALLED)

$(STATIC): package.json package-lock.json $(shell find assets -type f 2>/dev/null)
	scripts/bootstrap.sh node
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build

static: $(STATIC)

migrate: install
	$(BIN)/saferplan migrate --noinput

demo: install ## Load the demo plans into an empty database
	$(BIN)/saferplan load-demo

browsers: ## Install Chromium for the browser tests (Debian package)
	scripts/bootstrap.sh chromium

clean: ## Remove the virtual environment, built styles and local data
	rm -rf $(VENV) node_modules src/saferplan/static/govuk var
