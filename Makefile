# The two commands: `make run` serves the lessons, `make test` runs the whole suite.
# Each does its own set-up first (scripts/setup.sh), quick when nothing changed.
PORT ?= 8866
VENV ?= .venv
# where the servers listen; the students' link (printed, and as a QR code on the lesson index)
# names LINK_HOST: to serve the room's devices set both, e.g. HOST=0.0.0.0 LINK_HOST=192.168.1.20
HOST ?= 127.0.0.1
LINK_HOST ?= $(HOST)
TEACH_PORT ?= 8888
# the class code every student is filed under (the dashboard shows it); empty: each student's
# ?class= or typed code, else DEFAULT
CLASS ?=

.PHONY: setup run serve teach serve-teach hub serve-hub test bench data clean

setup:
	@bash scripts/setup.sh

run: setup
	@$(MAKE) --no-print-directory serve

# Serve without the set-up step (what `run` does once set up; tests/serving starts it).
# voila.json in this folder turns on preheated kernels and the idle culler. The learner store is
# the embedded SQLite file var/learning.sqlite3 (gitignored) unless VOCABSPHERE_DB is set;
# absolute, because Voila starts each page's kernel in lessons/.
serve: export VOCABSPHERE_DB ?= $(CURDIR)/var/learning.sqlite3
serve: export VOCABSPHERE_CLASS ?= $(CLASS)
serve: export VOCABSPHERE_STUDENT_LINK ?= http://$(LINK_HOST):$(PORT)/voila/render/index.ipynb
serve:
	@mkdir -p var
	@# open (and migrate) the store once, before 30 kernels race to create it
	@$(VENV)/bin/python -c "from toolkit.learning import Store; Store().close()"
	@echo "serving lessons/ on http://$(HOST):$(PORT) (learner store: $(VOCABSPHERE_DB))"
	@$(VENV)/bin/python -m toolkit.teacher.room --print-link
	$(VENV)/bin/voila --Voila.ip=$(HOST) --port=$(PORT) --no-browser \
		--show_tracebacks=True lessons/

# The whole room in one command: the students' Voila (as `serve`) and the teacher's JupyterLab
# on http://$(HOST):$(TEACH_PORT) (a token, notebooks/ open on the class dashboard), one store.
teach: setup
	@$(MAKE) --no-print-directory serve-teach

serve-teach: export VOCABSPHERE_DB ?= $(CURDIR)/var/learning.sqlite3
serve-teach: export VOCABSPHERE_CLASS ?= $(CLASS)
serve-teach: export VOCABSPHERE_STUDENT_LINK ?= http://$(LINK_HOST):$(PORT)/voila/render/index.ipynb
serve-teach:
	@mkdir -p var
	$(VENV)/bin/python -m toolkit.teacher.room --port=$(PORT) --teach-port=$(TEACH_PORT) --host=$(HOST) \
		--venv=$(abspath $(VENV))

# A real JupyterHub on http://127.0.0.1:$(HUB_PORT) for a school (deploy/jupyterhub_config.py):
# students sign up and the teacher (hub name $(TEACHER), the admin) approves them at /hub/authorize.
HUB_PORT ?= 8000
TEACHER ?= teacher
hub: setup
	@$(MAKE) --no-print-directory serve-hub

serve-hub: export VOCABSPHERE_DB ?= $(CURDIR)/var/learning.sqlite3
serve-hub: export VOCABSPHERE_CLASS ?= $(CLASS)
serve-hub: export VOCABSPHERE_HUB_PORT = $(HUB_PORT)
serve-hub: export VOCABSPHERE_TEACHER = $(TEACHER)
serve-hub:
	@bash scripts/setup-hub.sh
	@mkdir -p var/hub
	@$(VENV)/bin/python -c "from toolkit.learning import Store; Store().close()"
	@echo "JupyterHub on http://127.0.0.1:$(HUB_PORT) (learner store: $(VOCABSPHERE_DB))"
	@echo "teacher: sign up as '$(TEACHER)' first, then approve students at /hub/authorize"
	cd var/hub && PATH="$(abspath $(VENV))/bin:$$PATH" $(abspath $(VENV))/bin/jupyterhub \
		-f $(CURDIR)/deploy/jupyterhub_config.py

test: setup
	$(VENV)/bin/python -m pytest -q

bench: setup
	$(VENV)/bin/python benchmarks/profile_speed.py
	@echo "more: benchmarks/*.py (each prints its data and a baseline; serving.py takes minutes)"

clean:
	rm -rf $(VENV) .pytest_cache
