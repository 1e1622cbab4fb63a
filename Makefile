# The two commands of the README work on a fresh Debian machine as root:
#   make demo   set up, build the bundled sample backup, convert it, say where the archive is
#   make test   set up and run the test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
DEMO   ?= demo
EARK   := .venv-eark

.PHONY: setup demo test bench clean lock

setup: $(VENV)/.installed $(EARK)/.installed

# The exact versions of requirements-test.lock (with hashes), then the package itself; `pip check`
# fails when pyproject.toml asks for something the lock lacks (then: tools/lock, see `make lock`).
$(VENV)/.installed: pyproject.toml requirements-test.lock tools/setup-system
	sh tools/setup-system chromium test
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-test.lock
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip check
	touch $@

# The E-ARK Foundation's validator, for the tests: it pins lxml 5.1.0, below what the package allows,
# so it has an environment of its own (tools/eark-validator.in); tests/e2e/test_preservation.py validates
# data/METS.xml with the METS and CSIP schemas it ships (they import each other locally: no network).
$(EARK)/.installed: requirements-eark.lock
	$(PYTHON) -m venv $(EARK)
	$(EARK)/bin/python -m pip install --quiet --require-hashes -r requirements-eark.lock
	$(EARK)/bin/python -m pip check
	touch $@

# Refresh the locks to the newest releases pyproject.toml allows; then `make test` and read the diff.
lock: setup
	UV=$(VENV)/bin/uv sh tools/lock --upgrade

demo: setup
	mkdir -p $(DEMO)
	$(PY) tools/sample_backup.py $(DEMO)/xena-lokal-kopi.zip
	$(VENV)/bin/xena2archive $(DEMO)/xena-lokal-kopi.zip $(DEMO)/archive --force; test $$? -le 1
	@echo
	$(VENV)/bin/xena2archive verify $(DEMO)/archive
	$(PY) -c "from pathlib import Path; from xena2archive.index import screenshots; screenshots(Path('$(DEMO)/archive/data'), Path('$(DEMO)/screenshots'))"
	@echo "The archive is in $(DEMO)/archive: open $(DEMO)/archive/data/index.html in a browser."
	@echo "Screenshots of its pages are in $(DEMO)/screenshots."

# ruff and mypy keep the habits (settings in pyproject.toml), then the suite on every core (pytest-xdist,
# a test file per worker so a file's shared archive is made once), then the XML reader's tests on the
# oldest lxml pyproject.toml allows (libxml2 2.12; the lock has lxml 6 with libxml2 2.14).
# The tests marked `slow` (every kill point, memory at scale, ...) run with SLOW=1, as .ci/run does.
SLOW ?=
test: setup
	$(VENV)/bin/ruff check src tests tools/*.py tools/summaries bench
	$(VENV)/bin/mypy
	$(PY) -m pytest -q -n auto --dist loadfile $(if $(SLOW),,-m "not slow")
	$(MAKE) test-lxml-floor

LXML_FLOOR := 5.3.0
FLOOR := .venv-lxml-floor
$(FLOOR)/.installed: pyproject.toml
	$(PYTHON) -m venv $(FLOOR)
	$(FLOOR)/bin/python -m pip install --quiet "lxml==$(LXML_FLOOR)" "pytest==$$($(PY) -c 'import pytest; print(pytest.__version__)')"
	touch $@

.PHONY: test-lxml-floor
test-lxml-floor: $(FLOOR)/.installed
	PYTHONPATH=src $(FLOOR)/bin/python -m pytest -q --noconftest -p no:cacheprovider tests/test_readers.py

# Not part of `make test`: every benchmark figure in one run, written to bench/RESULTS.md (~30 min).
bench: setup
	PYTHON=$(PY) bench/run

clean:
	rm -rf $(VENV) $(FLOOR) $(DEMO) .pytest_cache

# Not part of `make test`: builds the container image (docker, or podman set up as root), converts
# the sample in it and requires the bag to be byte-identical to the one of $(VENV). Takes minutes.
.PHONY: docker-smoke
docker-smoke: setup
	VENV=$(VENV) bash tools/docker-smoke

# Pin the bags of tests/e2e/test_pinned_bag.py anew (after a change meant to move bytes, or a new
# library or program version); then review `git diff tests/e2e/pinned/` and commit it with the reason.
.PHONY: repin
repin: setup
	$(PY) tools/repin.py
