# Two commands on a fresh machine: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck layers pytest bench crash-test schema clean

# Reinstall when the project's dependencies change.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/planner gui

test: lint typecheck layers pytest

lint: $(STAMP)
	$(BIN)/ruff check planner tests benchmarks reliability
	$(BIN)/ruff format --check planner tests benchmarks reliability

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

# Every benchmark; `make bench ONLY="cli app"` runs some (see benchmarks/README.md). The
# launches run on an Xvfb of their own when Xvfb is installed (offscreen otherwise).
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(ONLY)

# Kill real `planner` writers with SIGKILL, 200 times, and check nothing acknowledged is lost
# (Linux; see docs/reliability.md). Takes some minutes; not part of `make test`.
crash-test: $(STAMP)
	$(BIN)/python -m reliability.crash_test --trials 200

# Regenerate roadmaps/schema.json from the pydantic models (a test checks it is current).
schema: $(STAMP)
	$(BIN)/python -m planner.fileformat.jsonschema > roadmaps/schema.json

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build *.egg-info
