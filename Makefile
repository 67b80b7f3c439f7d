# hubplan: two commands do everything on a fresh machine.
#   make demo   set up .venv and run the Norfolk demo
#   make test   set up .venv with the test extras, then lint, type-check and run every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint pytest bench data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/hubplan demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/python -m pytest

test: lint pytest

bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/evaluate.py
	$(BIN)/python bench/travel.py
	$(BIN)/python bench/national.py
	$(BIN)/python bench/pmedian_orlib.py

# Rebuild the bundled Norfolk workspace from sources/ (deterministic).
data: $(VENV)/.installed
	$(BIN)/python scripts/build_norfolk.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
