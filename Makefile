# hubplan: two commands do everything on a fresh machine.
#   make demo   set up .venv and run the Norfolk demo
#   make test   set up .venv with the test extras, then lint, type-check and run every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

LEAFLET := src/hubplan/web/static/vendor/leaflet/leaflet.js

.PHONY: demo test lint pytest bench data england clean system web

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# Leaflet comes from the npm registry at build time and is served by hubplan itself (no CDN).
# npm is installed from Debian only when the machine has none.
$(LEAFLET): frontend/package.json frontend/package-lock.json
	@scripts/system_packages.sh npm=npm
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $(LEAFLET))/images
	cp frontend/node_modules/leaflet/dist/leaflet.js frontend/node_modules/leaflet/dist/leaflet.css $(dir $(LEAFLET))
	cp frontend/node_modules/leaflet/dist/images/*.png $(dir $(LEAFLET))/images/
	cp frontend/node_modules/leaflet/LICENSE $(dir $(LEAFLET))/LICENSE

web: $(LEAFLET)

# Debian packages the tests use: chromium for the browser tests, poppler-utils for pdftotext.
# Each is installed on its own and only when missing (CI runs as root).
system:
	@scripts/system_packages.sh chromium=chromium pdftotext=poppler-utils pg_ctlcluster=postgresql

# The demo also builds the map's files, so `hubplan serve` works straight after it.
demo: $(VENV)/.installed $(LEAFLET)
	$(BIN)/hubplan demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

pytest: $(VENV)/.installed-test system $(LEAFLET)
	$(BIN)/python -m pytest

test: lint pytest

bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/evaluate.py
	$(BIN)/python bench/api.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/travel.py
	$(BIN)/python bench/national_synthetic.py
	$(BIN)/python bench/pmedian_orlib.py
	$(BIN)/python bench/national.py
	$(BIN)/python bench/circuits.py
	$(BIN)/python bench/redaction.py
	$(BIN)/python bench/load.py

# Rebuild the bundled Norfolk workspace from sources/ and the England tables (deterministic).
data: $(VENV)/.installed
	$(BIN)/python scripts/build_norfolk.py

# Copy the England tables from ../shared/data into the package (deterministic gzip).
england: $(VENV)/.installed
	$(BIN)/python scripts/build_england.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache frontend/node_modules src/hubplan/web/static/vendor
