# The two commands: `make run` serves the lessons, `make test` runs the whole suite.
# Each does its own set-up first (scripts/setup.sh), quick when nothing changed.
PORT ?= 8866
VENV ?= .venv

.PHONY: setup run serve test bench data clean

setup:
	@bash scripts/setup.sh

run: setup
	@$(MAKE) --no-print-directory serve

# Serve without the set-up step (what `run` does once set up; tests/serving starts it).
# voila.json in this folder turns on preheated kernels and the idle culler. The learner store is
# the embedded SQLite file var/learning.sqlite3 (gitignored) unless VOCABSPHERE_DB is set;
# absolute, because Voila starts each page's kernel in lessons/.
serve: export VOCABSPHERE_DB ?= $(CURDIR)/var/learning.sqlite3
serve:
	@mkdir -p var
	@# open (and migrate) the store once, before 30 kernels race to create it
	@$(VENV)/bin/python -c "from toolkit.learning import Store; Store().close()"
	@echo "serving lessons/ on http://127.0.0.1:$(PORT) (learner store: $(VOCABSPHERE_DB))"
	$(VENV)/bin/voila --Voila.ip=127.0.0.1 --port=$(PORT) --no-browser \
		--show_tracebacks=True lessons/

test: setup
	$(VENV)/bin/python -m pytest -q

bench: setup
	$(VENV)/bin/python benchmarks/profile_speed.py
	@echo "more: benchmarks/*.py (each prints its data and a baseline; serving.py takes minutes)"

clean:
	rm -rf $(VENV) .pytest_cache
