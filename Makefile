# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint typecheck package unit serve bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/erbij demo

lint: $(STAMP)
	$(BIN)/ruff check bot commands storage tests bench
	$(BIN)/ruff format --check bot commands storage tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# The wheel as a stranger installs it: fresh venv outside the repository, `erbij demo` from an empty folder.
package: $(STAMP)
	BIN=$(BIN) PYTHON=$(PYTHON) bash scripts/package_check.sh

# Lint, types, the package, then the whole suite on SQLite and on PostgreSQL (see scripts/test.sh).
test: $(STAMP)
	$(MAKE) --no-print-directory lint typecheck package
	BIN=$(BIN) bash scripts/test.sh

# Mutation testing of the core rules (matching, round deadlines, agendas, availability, privacy) against
# their direct tests; slow, so not part of `make test` or CI. Settings: [tool.mutmut] in pyproject.toml.
# 3.6 is the first release that reads `source_paths` (the name that replaced `paths_to_mutate`).
mutants: $(STAMP)
	$(BIN)/python -m pip install --quiet "mutmut>=3.6,<4"
	$(BIN)/mutmut run; $(BIN)/mutmut results

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache erbij.db erbij-demo.db mutants
