# debtcycle: `make demo` and `make test` each do all the setup on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)

# Publishers' files are read from the mirror when it exists (no network needed).
MIRROR ?= $(firstword $(patsubst %/MANIFEST.md,%,$(abspath $(wildcard ../shared/data/MANIFEST.md /work/shared/data/MANIFEST.md))))
export DEBTCYCLE_MIRROR ?= $(MIRROR)
export DEBTCYCLE_HOME ?= $(CURDIR)/.debtcycle

# Headless browser for the PDF note and the dashboard tests: Debian's chromium (+ poppler-utils).
CHROMIUM ?= /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install store browser demo test serve lint bench clean

$(STAMP):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

browser:
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium poppler-utils; }

store: $(STAMP)
	$(BIN)/debtcycle data update

demo: store browser
	$(BIN)/debtcycle leverage CN --at 2008Q4 2015Q4 2019Q4 2023Q4 last --chart out/demo/cn_leverage.html
	$(BIN)/debtcycle phases CN --chart out/demo/cn_phases.html
	$(BIN)/debtcycle report CN --out out/demo/cn_note.html
	$(BIN)/debtcycle report US --out out/demo/us_note.html
	$(BIN)/debtcycle report CN --out out/demo/cn_note.pdf

test: $(STAMP) browser
	$(BIN)/pytest -q

serve: store
	$(BIN)/debtcycle serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: store
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .debtcycle out .pytest_cache .mypy_cache .ruff_cache
