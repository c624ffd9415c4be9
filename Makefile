# `make test` and `make bench` set everything up on a fresh machine (Python >= 3.11).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SOURCES := responses tests benchmarks scripts
PYTHONS := 3.11 3.12 3.13

.PHONY: test test-plain cattrs-suite bench bench-prefect3 docs lint typecheck test-all clean oracle \
	oracle2 oracle3 capture-prefect3 capture-prefect3-py313

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python >= 3.11 is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# A "compat" editable install is a plain path entry, which type checkers follow
# (setuptools' default import hook is invisible to mypy in a user's own project).
EDITABLE := --config-settings editable_mode=compat -e

$(VENV)/.test-installed: pyproject.toml setup.cfg | $(BIN)/python
	$(BIN)/python -m pip install --quiet --group test $(EDITABLE) '.[orjson]'
	touch $@

$(VENV)/.bench-installed: pyproject.toml setup.cfg | $(BIN)/python
	$(BIN)/python -m pip install --quiet --group bench $(EDITABLE) .
	touch $@

lint: $(VENV)/.test-installed
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)

typecheck: $(VENV)/.test-installed
	$(BIN)/mypy --strict responses

test: lint typecheck
	$(BIN)/python -m pytest

# The suite on the plain install: the three runtime dependencies, no orjson.
PLAIN := .venv-plain
$(PLAIN)/.test-installed: pyproject.toml setup.cfg
	$(PYTHON) -m venv $(PLAIN)
	$(PLAIN)/bin/python -m pip install --quiet --upgrade pip
	$(PLAIN)/bin/python -m pip install --quiet --group test $(EDITABLE) .
	! $(PLAIN)/bin/python -c 'import orjson' 2>/dev/null
	touch $@

test-plain: $(PLAIN)/.test-installed
	$(PLAIN)/bin/python -m pytest

# cattrs' own test suite with every Converter replaced by ours (scripts/cattrs_suite).
$(VENV)/.cattrs-suite-installed: pyproject.toml setup.cfg $(VENV)/.test-installed
	$(BIN)/python -m pip install --quiet --group cattrs-suite
	touch $@

cattrs-suite: $(VENV)/.cattrs-suite-installed
	$(BIN)/python scripts/cattrs_suite/run.py

bench: $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

# The API reference from the docstrings, and the docs pages: warnings are errors.
DOCS_VENV := .venv-docs
$(DOCS_VENV)/.docs-installed: pyproject.toml setup.cfg
	$(PYTHON) -m venv $(DOCS_VENV)
	$(DOCS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(DOCS_VENV)/bin/python -m pip install --quiet --group docs $(EDITABLE) .
	touch $@

docs: $(DOCS_VENV)/.docs-installed
	$(DOCS_VENV)/bin/sphinx-build -W --keep-going -q -b html docs docs/_build/html

# The differential oracle (oracle/): `make oracle` asks both Prefects, `make oracle2` Prefect
# 2.20.27 alone (responses), `make oracle3` Prefect 3.9.1 alone (responses.prefect3). Prefect
# pins its own versions of many packages, so each gets a venv of its own; never part of
# `make test`.
ORACLE_VENV ?= .venv-oracle
ORACLE_PYTHON ?= python3.11

$(ORACLE_VENV)/.oracle-installed: pyproject.toml setup.cfg
	$(ORACLE_PYTHON) -m venv $(ORACLE_VENV)
	$(ORACLE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(ORACLE_VENV)/bin/python -m pip install --quiet "prefect==2.20.27" $(EDITABLE) '.[orjson]'
	touch $@

oracle: oracle2 oracle3

oracle2: $(ORACLE_VENV)/.oracle-installed
	$(ORACLE_VENV)/bin/python -m oracle $(ORACLE_ARGS)

# The same oracle against Prefect 3.9.1 and responses.prefect3 (python -m oracle --prefect 3),
# in a venv of its own: prefect==3.9.1 pins other versions of pydantic, pendulum, croniter.
ORACLE3_VENV ?= .venv-oracle3

$(ORACLE3_VENV)/.oracle-installed: pyproject.toml setup.cfg
	$(ORACLE_PYTHON) -m venv $(ORACLE3_VENV)
	$(ORACLE3_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(ORACLE3_VENV)/bin/python -m pip install --quiet "prefect==3.9.1" $(EDITABLE) '.[orjson]'
	touch $@

oracle3: $(ORACLE3_VENV)/.oracle-installed
	$(ORACLE3_VENV)/bin/python -m oracle --prefect 3 $(ORACLE_ARGS)

# The suite under every Python from 3.11 to 3.13 found on this machine (pyenv or PATH).
test-all:
	@for v in $(PYTHONS); do \
	  py=$$(PYENV_VERSION=$$(pyenv versions --bare 2>/dev/null | grep "^$$v" | tail -n 1) pyenv which python$$v 2>/dev/null || command -v python$$v || true); \
	  if [ -z "$$py" ] || ! "$$py" -c '' 2>/dev/null; then echo "== Python $$v not found: skipped"; continue; fi; \
	  echo "== Python $$v ($$py)"; \
	  $(MAKE) --no-print-directory test PYTHON="$$py" VENV=.venv-$$v || exit 1; \
	done

clean:
	rm -rf .venv .venv-* build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis

# Real Prefect 3.9.1 response bodies (scripts/capture_prefect3.py): Prefect 3.9.1 in a venv
# of its own (never part of `make test`), its server in-process on SQLite. Once on Python
# 3.11 (tests/fixtures/prefect-3.9-live) and once on 3.13 (...-live-py313), where Prefect
# has no pendulum and writes some schedules otherwise.
PREFECT3_VENV ?= .venv-prefect3
PREFECT3_PYTHON ?= python3.11
PREFECT3_313_VENV ?= .venv-prefect3-313
# python3.13 on PATH, else pyenv's newest 3.13 (pyenv's shim needs the version chosen)
PREFECT3_313_PYTHON ?= $(shell command -v python3.13 >/dev/null 2>&1 && python3.13 -c '' 2>/dev/null \
  && echo python3.13 || PYENV_VERSION=$$(pyenv versions --bare 2>/dev/null | grep '^3\.13' | tail -n 1) \
  pyenv which python3.13 2>/dev/null)

define prefect3_venv
$(1)/.prefect3-installed:
	@[ -n "$(2)" ] || { echo "$(1): no Python found; set PREFECT3_PYTHON or PREFECT3_313_PYTHON" >&2; exit 1; }
	$(2) -m venv $(1)
	$(1)/bin/python -m pip install --quiet --upgrade pip
	$(1)/bin/python -m pip install --quiet "prefect==3.9.1"
	touch $$@
endef
$(eval $(call prefect3_venv,$(PREFECT3_VENV),$$(PREFECT3_PYTHON)))
$(eval $(call prefect3_venv,$(PREFECT3_313_VENV),$$(PREFECT3_313_PYTHON)))

capture-prefect3: $(PREFECT3_VENV)/.prefect3-installed
	$(PREFECT3_VENV)/bin/python scripts/capture_prefect3.py $(CAPTURE_ARGS)

capture-prefect3-py313: $(PREFECT3_313_VENV)/.prefect3-installed
	$(PREFECT3_313_VENV)/bin/python scripts/capture_prefect3.py $(CAPTURE_ARGS)

# The benchmark against Prefect 3.9.1's own models (`python -m benchmarks --prefect 3`):
# Prefect 3.9.1 with this checkout and the bench group in a venv of its own (Prefect pins
# its own versions of many packages); never part of `make test` or `make bench`.
BENCH3_VENV ?= .venv-bench-prefect3
BENCH3_PYTHON ?= python3.11

$(BENCH3_VENV)/.bench-prefect3-installed: pyproject.toml setup.cfg
	$(BENCH3_PYTHON) -m venv $(BENCH3_VENV)
	$(BENCH3_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH3_VENV)/bin/python -m pip install --quiet "prefect==3.9.1" --group bench $(EDITABLE) '.[orjson]'
	touch $@

bench-prefect3: $(BENCH3_VENV)/.bench-prefect3-installed
	$(BENCH3_VENV)/bin/python -m benchmarks --prefect 3 $(BENCH_ARGS)
