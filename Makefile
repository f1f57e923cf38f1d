# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= data/cloudfacts.duckdb

# Keep Prefect's state in the project, never phone home, and give the local API time to start.
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 90
export DO_NOT_TRACK := 1

.PHONY: install run test test-fast eval server clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

run: install
	$(BIN)/cloudfacts run sample_articles/*.md --db $(DB)

# Two workers, a test file each at a time (a file's tests share its servers and fixtures); the slowest tests listed.
test: install
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=15

test-fast: install
	$(BIN)/python -m pytest -m "not slow and not integration"

# Scores the extractor on ../shared/corpus/dev, dev2 and every set in eval/sets/ (one line each, then the total).
eval: install
	$(BIN)/python eval/run_eval.py

clean:
	rm -rf $(VENV) data .prefect .pytest_cache

# A Prefect server for schedules (`cloudfacts serve`), in the background; its log is $(PREFECT_HOME)/server.log.
PREFECT_PORT ?= 4200
PREFECT_SERVER_URL := http://127.0.0.1:$(PREFECT_PORT)/api
SERVER_PID := $(PREFECT_HOME)/server.pid
.PHONY: server-stop

server: install
	@mkdir -p "$(PREFECT_HOME)"
	@if [ -f "$(SERVER_PID)" ] && kill -0 "$$(cat "$(SERVER_PID)")" 2>/dev/null; then \
		echo "Prefect server already running (pid $$(cat "$(SERVER_PID)"))"; \
	else \
		rm -f "$(SERVER_PID)"; \
		nohup $(BIN)/prefect server start --host 127.0.0.1 --port $(PREFECT_PORT) \
			> "$(PREFECT_HOME)/server.log" 2>&1 < /dev/null & echo $$! > "$(SERVER_PID)"; \
	fi
	@PREFECT_API_URL=$(PREFECT_SERVER_URL) $(BIN)/prefect server status --wait --timeout 90 > /dev/null \
		&& kill -0 "$$(cat "$(SERVER_PID)")" 2>/dev/null \
		|| { tail -5 "$(PREFECT_HOME)/server.log"; echo "Prefect server did not start; see $(PREFECT_HOME)/server.log"; exit 1; }
	@echo "Prefect server at $(PREFECT_SERVER_URL) (UI http://127.0.0.1:$(PREFECT_PORT)); stop it with make server-stop"
	@echo "now: export PREFECT_API_URL=$(PREFECT_SERVER_URL)"

server-stop:
	$(BIN)/prefect server stop
