# unitedfront-tui — `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ARGS ?=
# pytest-xdist workers: two per core, at most 8 (make test PYTEST_WORKERS=0 runs serially).
# Two, because most tests wait on a terminal, a subprocess or a browser rather than compute:
# with one worker per core the 2-core machines stood ~60% idle through the suite.
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); echo $$(( n * 2 < 8 ? n * 2 : 8 )))

.DEFAULT_GOAL := help
.PHONY: help run test test-all lint typecheck pytest snapshot-update bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed ## Set up and launch the explorer (make run ARGS="--data x.toml")
	$(BIN)/unitedfront-tui $(ARGS)

lint: $(VENV)/.installed-test ## ruff lint and format check, import-linter's layer contracts
	$(BIN)/ruff check tui tests benchmarks
	$(BIN)/ruff format --check tui tests benchmarks
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-test ## mypy --strict on tui/ and tests/
	$(BIN)/mypy --strict tui tests

pytest: $(VENV)/.installed-test ## the test suite only, two workers per core (PYTEST_WORKERS=N)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test: lint typecheck pytest ## Set up and run lint, types and tests

test-all: lint ## mypy and the tests on every Python 3.9..3.13 found (.ci/test-all)
	PYTEST_ARGS="$(PYTEST_ARGS)" PYTEST_WORKERS="$(PYTEST_WORKERS)" .ci/test-all

snapshot-update: $(VENV)/.installed-test ## Re-record snapshot SVGs (review the diff!)
	$(BIN)/python -m pytest tests/snapshots --snapshot-update

LOCALE := tui/i18n/locale
POT := $(LOCALE)/unitedfront.pot

i18n: $(VENV)/.installed-test ## Extract UI strings, update the French catalog, compile it (.mo)
	$(BIN)/pybabel --quiet extract --no-wrap --sort-by-file --add-location=file \
		--project=unitedfront-tui --copyright-holder="unitedfront-tui developers" \
		--msgid-bugs-address="" -k Nn_:1,2 -o $(POT) tui
	$(BIN)/pybabel --quiet update --no-wrap --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date \
		-i $(POT) -d $(LOCALE) -D unitedfront -l fr
	$(BIN)/pybabel compile --statistics -d $(LOCALE) -D unitedfront -l fr
	@echo "Translate every empty msgstr in $(LOCALE)/fr/LC_MESSAGES/unitedfront.po, then run make i18n again."

bench: $(VENV)/.installed-test ## Run the benchmarks (see benchmarks/RESULTS.md)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .venv-3.* .pytest_cache .mypy_cache .mypy_cache-3.* .ruff_cache build dist
