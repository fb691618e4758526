# Two commands for a fresh machine with Python 3.11:
#   make book   set up .venv, validate the data, build the site into _build/html
#   make test   the same, plus Chromium, then every test
# Other targets: make lab, make outputs, make release, make bench, make clean.

PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
JB     := $(VENV)/bin/jupyter-book
STAMP  := $(VENV)/.installed

.PHONY: book test lab outputs validate release bench clean chromium

$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

validate: $(STAMP)
	$(PY) -m parallel_forces validate

# Strict: warnings are errors, a notebook that raises stops the build. The prebuild
# step wipes _build when data, package, conventions or notebook code changed.
book: validate
	$(PY) -m parallel_forces prebuild
	$(JB) build . --warningiserror --nitpick --keep-going
	$(PY) -m parallel_forces postbuild
	@echo "Site built: _build/html/index.html"

chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }

# Tools the tests use that cannot share the main environment (cffconvert pins jsonschema 3).
TOOLS_STAMP := .venv-tools/.installed
$(TOOLS_STAMP): requirements-tools.txt
	test -x .venv-tools/bin/python || $(PYTHON) -m venv .venv-tools
	.venv-tools/bin/python -m pip install --quiet -r requirements-tools.txt
	@touch $(TOOLS_STAMP)

test: book chromium $(TOOLS_STAMP)
	.venv-tools/bin/ruff check parallel_forces tests scripts bench
	.venv-tools/bin/ruff format --check parallel_forces tests scripts bench
	$(PY) -m pytest tests -q
	$(PY) -m pytest --nbval notebooks -q -p no:cacheprovider

# Re-execute every notebook and store its outputs (after changing data or code).
outputs: validate
	$(PY) scripts/execute_notebooks.py

# JupyterLab on notebooks/ at 127.0.0.1 (no token), the project's kernel, nothing loaded from
# outside; charts and glued numbers drawn by jupyter/labextensions/ (parallel_forces/lab.py).
lab: validate
	$(PY) -m parallel_forces.lab

# The release archive of the version in CITATION.cff: data package, codebook, figures, key
# figures, claims audit and the built site, with SHA-256 checksums and .zenodo.json.
RELEASE_DIR ?= dist
release: book
	$(PY) -m parallel_forces release --out $(RELEASE_DIR)

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf _build book/generated
