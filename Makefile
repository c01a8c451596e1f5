# The two commands: `make run` serves the lessons, `make test` runs the whole suite.
# Each does its own set-up first (scripts/setup.sh), quick when nothing changed.
PORT ?= 8866
VENV := .venv

.PHONY: setup run test bench data clean

setup:
	@bash scripts/setup.sh

run: setup
	$(VENV)/bin/voila --Voila.ip=127.0.0.1 --port=$(PORT) --no-browser \
		--show_tracebacks=True lessons/

test: setup
	$(VENV)/bin/python -m pytest -q

bench: setup
	$(VENV)/bin/python benchmarks/profile.py

clean:
	rm -rf $(VENV) .pytest_cache
