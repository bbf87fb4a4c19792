# Two commands do all the set-up on a fresh clone:
#   make run    the main job: every PDF in raw_pdfs/ into data/councilpdf.db
#   make test   the test suite
# Both install what they need first, the Debian packages included (PostgreSQL for the
# database tests, Tesseract for reading scanned pages).

VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
UV      := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)

.PHONY: run test lint bench icdar install system-packages clean

$(UV):
	python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv

# Bytecode is compiled at install time: where PYTHONDONTWRITEBYTECODE is set, every
# command would otherwise compile its imports (seconds each start).
$(STAMP): pyproject.toml Makefile | $(UV)
	$(UV) venv --quiet --allow-existing --python 3.11 $(VENV)
	$(UV) pip install --quiet --python $(BIN)/python -e ".[test]"
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib >/dev/null || true
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP) system-packages
	$(BIN)/councilpdf run raw_pdfs

system-packages:
	scripts/install-system-packages.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP) system-packages lint
	$(BIN)/pytest -n 2 --dist loadgroup

bench: $(STAMP)
	$(BIN)/python bench/pipeline.py

icdar: $(STAMP)
	$(BIN)/python bench/icdar.py

clean:
	rm -rf data out .pytest_cache
