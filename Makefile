# ITB patient-education assistant. `make` lists the targets.
SHELL := /bin/bash
PYTHON_VERSION ?= 3.10
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(PY) -m rasa
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
# Rasa's telemetry and error reports would send data to third parties.
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

SPACY_MODEL := var/spacy/en_core_web_md/config.cfg
MODEL := models/current.tar.gz
WIDGET_DEPS := widget/node_modules/.package-lock.json
TRAINING_INPUTS := config.yml domain.yml $(wildcard itb/safety/*.py itb/safety/data/*.yml) itb/intent_classifier.py itb/linear_text.py itb/rule_policy.py itb/spacy_entities.py \
	$(shell find data -name '*.yml' 2>/dev/null)

.DEFAULT_GOAL := help
.PHONY: help install run train test validate bench lint lock clean browser widget sms user

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock
	@command -v python$(PYTHON_VERSION) >/dev/null || { echo "Python $(PYTHON_VERSION) is needed (pyenv install $(PYTHON_VERSION))"; exit 1; }
	test -x $(PY) || python$(PYTHON_VERSION) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==24.0
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip check
	touch $@

$(SPACY_MODEL): scripts/install_spacy_model.py $(VENV)/.installed
	$(PY) scripts/install_spacy_model.py
	touch $@

install: $(VENV)/.installed $(SPACY_MODEL) ## Create the virtual environment and install everything

$(MODEL): $(TRAINING_INPUTS) $(VENV)/.installed $(SPACY_MODEL)
	$(RASA) train --fixed-model-name current --out models --quiet

train: $(MODEL) ## Train the model (only when data or config changed)

run: install train ## Install, train if needed, and serve the assistant
	$(PY) -m launcher

.PHONY: run-prod
run-prod: install train ## Production profile: replicas on PostgreSQL + Redis behind nginx
	@test -x /usr/sbin/nginx || { apt-get update && apt-get install -y nginx; }
	PROFILE=production $(PY) -m launcher.production

sms: ## Text the running assistant from this terminal, signed like Twilio (needs `make run`)
	$(PY) scripts/sms_simulator.py

user: ## Add a staff console account: make user NAME=alice ROLE=reviewer|clinician|admin
	@test -n "$(NAME)" -a -n "$(ROLE)" || { echo "usage: make user NAME=alice ROLE=reviewer|clinician|admin"; exit 2; }
	$(PY) -m console.users create "$(NAME)" --role "$(ROLE)"

validate: install ## Check the training data and domain
	$(PY) -m pytest -q tests/test_rasa_cli.py -k validate

test: install train browser $(WIDGET_DEPS) ## Run the whole test suite
	$(PY) -m pytest

bench: install train ## Compare speed, memory and accuracy with Rasa's default config
	$(PY) scripts/bench.py

.PHONY: content-report
content-report: install ## Every answer as one JSON line: name, text, sources, status, approved_by, approved_at
	@$(PY) -m itb.content.review

.PHONY: language-report
language-report: install ## How well each message's language (English or Spanish) is told, on the held-out sets
	@$(PY) -m itb.language.evaluate

.PHONY: safety-report
safety-report: install train ## Recall and false alarms of each safety layer and end to end, per test set
	$(PY) -m itb.safety.report $(ARGS)

.PHONY: fuzz
fuzz: install train ## Fuzz the HTTP and socket.io endpoints (about 3 minutes; must end "5xx: 0")
	$(PY) -m scripts.fuzz $(ARGS)

.PHONY: loadtest
loadtest: install train ## Load and fault test of the production profile (about 4 minutes)
	@test -x /usr/sbin/nginx || { apt-get update && apt-get install -y nginx; }
	$(PY) -m scripts.loadtest $(ARGS)

lint: install ## Lint and type-check the project's Python
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy itb actions channels console support launcher

lock: ## Re-resolve requirements.in into requirements.lock
	rm -rf var/lockenv && python$(PYTHON_VERSION) -m venv var/lockenv
	var/lockenv/bin/pip install --quiet --upgrade pip==24.0
	var/lockenv/bin/pip install --quiet -r requirements.in
	var/lockenv/bin/pip check
	var/lockenv/bin/pip freeze --exclude pip > requirements.lock

clean: ## Remove trained models and local data (keeps the virtual environment)
	rm -rf models/*.tar.gz var/rasa results

# The website chat widget (widget/): its npm packages come from package-lock.json.
$(WIDGET_DEPS): widget/package.json widget/package-lock.json
	cd widget && npm ci --no-audit --no-fund
	touch $@

widget: $(WIDGET_DEPS) ## Rebuild the chat widget (widget/dist/itb-webchat.js) from widget/src
	cd widget && node build.mjs

browser: ## Install Debian's Chromium (browser tests) and nginx (production profile), if missing
	@test -x /usr/bin/chromium -a -x /usr/sbin/nginx || { apt-get update && apt-get install -y chromium chromium-driver nginx; }
