# mopac-decisions — the short list of things you run. Everything installs into .venv/.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out
STORE ?= store
DEMO_STORE ?=

.PHONY: install system-deps demo test lint fuzz bench bench-accuracy golden samples clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null || { echo "error: $(PY) not found; install Python 3.11" >&2; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Debian packages for the browser tests and the PDF benchmark (root only; skipped where present).
system-deps:
	@bash .ci/system-deps

demo: install
	@bash samples/demo.sh "$(OUT)" "$(DEMO_STORE)"

test: install
	$(BIN)/python -m pytest -q -m "not fuzz"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -m fuzz -p no:randomly

bench: install system-deps
	$(BIN)/python bench/run_all.py

bench-accuracy: install
	$(BIN)/python bench/accuracy.py

golden: install
	$(BIN)/python samples/golden.py
	@git --no-pager diff --stat -- samples/expected || true
	@echo "review the diff above (git diff samples/expected) before committing"

samples: install
	$(BIN)/python samples/build_samples.py

clean:
	rm -rf $(OUT) $(STORE) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
