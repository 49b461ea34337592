# The README's first two commands: `make report` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := seeds/2022-01_blinken-lavrov-geneve.txt
STAMP := $(VENV)/.installed

.PHONY: report test lab lint format bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/workbook report $(SEED) --out reports

test: $(STAMP)
	$(BIN)/python -m pytest -q

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

lint: $(STAMP)
	$(BIN)/ruff check analysis tests bench
	$(BIN)/ruff format --check analysis tests bench

format: $(STAMP)
	$(BIN)/ruff format analysis tests bench
	$(BIN)/ruff check --fix analysis tests bench

bench: $(STAMP)
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) reports/*.html reports/*.ipynb
