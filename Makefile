# storyline's task runner. `make demo` and `make test` are the README's two commands.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup browser demo test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: setup
	$(BIN)/storyline demo

# The browser tests drive Debian's chromium through Playwright (never a downloaded browser).
# As root (CI) it is installed when missing; otherwise those tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "chromium not found: browser tests will be skipped (apt-get install chromium)"; fi; }

test: setup browser
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) storyline-demo storyline.db storyline.db-wal storyline.db-shm test-artifacts
