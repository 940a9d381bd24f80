# Two commands on a fresh machine: `make serve` and `make test`.
# Every target sets up what it needs; a second run re-downloads nothing.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# The site generator: mkdocs (MkDocs 1.6 with Material, the default) or zensical.
SITE_GENERATOR ?= mkdocs
export SITE_GENERATOR
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# Reproducible builds: timestamps in the site come from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)

.PHONY: help setup runtime build dist serve serve-site test bench lint format browser clean distclean

help:
	@echo "make serve   set up, build and serve the site on http://$(HOST):$(PORT) (rebuilds on change)"
	@echo "make test    set up and run every test (unit, build, browser, Pyodide parity)"
	@echo "make build   build the deployable site into site/ (SITE_GENERATOR=zensical: with Zensical)"
	@echo "make dist    the built site as one zip: dist/cx-kit-site.zip"
	@echo "make serve-site  serve the built site/ as a plain static server"
	@echo "make bench   the performance benchmark: a table and bench-results.json (BENCH_RUNS, BENCH_SKIP)"
	@echo "make lint    ruff check and format check"
	@echo "make clean   remove site/ and test leftovers; distclean also removes .venv and .cache"

$(STAMP): pyproject.toml
	@python=$$(build_scripts/find-python.sh) && echo "Creating $(VENV) with $$python" && \
	  rm -rf $(VENV) && "$$python" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,zensical]'
	@touch $(STAMP)

setup: $(STAMP)

# The pinned Pyodide runtime and vendored JavaScript (HPKE), fetched once into
# .cache/ and hash-checked.
runtime: $(STAMP)
	@$(PY) -m build_scripts.runtime >/dev/null
	@$(PY) -m build_scripts.runtime.vendor_js >/dev/null

# The pipeline: generate -> runtime -> site -> finish (build_scripts/build.py).
build: runtime
	$(PY) -m build_scripts.build
	@echo "Built the site into site/ with $(SITE_GENERATOR) ($$(du -sh site | cut -f1))"

# One zip an administrator unpacks into the web server's folder.
dist: build
	$(PY) -m build_scripts.finish.dist site

# Regenerates when a definition, page or template changes; the generator's
# dev server reloads the page.
serve: runtime
	@echo "Serving on http://$(HOST):$(PORT)/ with $(SITE_GENERATOR) (Ctrl+C to stop)"
	$(PY) -m build_scripts.build serve --host $(HOST) --port $(PORT)

serve-site: build
	$(PY) -m build_scripts.serve --host $(HOST) --port $(PORT) site

# A browser for the tests: Debian's chromium, else Playwright's own.
browser: $(STAMP)
	@$(PY) -m build_scripts.devtools.browser_path >/dev/null 2>&1 || $(PY) -m playwright install chromium

# axe-core for the accessibility tests, pinned in package.json/package-lock.json.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

test: runtime browser node_modules/axe-core/axe.min.js
	$(PY) -m pytest $(PYTEST_ARGS)

# Not a test: prints figures against the targets (build_scripts/devtools/bench.py).
bench: runtime browser
	$(PY) -m build_scripts.devtools.bench

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf site build dist .pytest_cache .hypothesis test-results

distclean: clean
	rm -rf $(VENV) .cache node_modules
