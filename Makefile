# polidex developer commands. `make help` lists them; `make test` is exactly what CI runs.
VENV ?= .venv
PY := $(VENV)/bin/python
ACTIVATE := . $(VENV)/bin/activate
DEMO_CORPUS ?= .demo-corpus

.PHONY: help demo test install dev rust-test py-test quality bench fmt lint clean

help: ## list the recipes
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.ready:
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q "maturin>=1.5,<2" "pytest>=7"
	touch $@

# The `test` extra of pyproject.toml (pandas, pyarrow, matplotlib, dask, nbclient, ...), installed
# again whenever pyproject.toml changes, so an existing venv catches up too.
$(VENV)/.test-deps: pyproject.toml $(VENV)/.ready
	$(PY) scripts/extra_deps.py test | xargs $(PY) -m pip install -q
	touch $@

install: $(VENV)/.ready ## build polidex (release) into .venv
	$(ACTIVATE) && maturin develop --release -q

dev: $(VENV)/.ready ## build polidex (debug, fast to compile) into .venv
	$(ACTIVATE) && maturin develop -q

demo: install ## install, index data/samples, print the processor table and a search
	rm -rf $(DEMO_CORPUS)
	$(VENV)/bin/polidex index data/samples --corpus $(DEMO_CORPUS)
	$(VENV)/bin/polidex processors $(DEMO_CORPUS) --limit 12
	$(VENV)/bin/polidex search $(DEMO_CORPUS) "data" --country US --limit 5

rust-test: ## Rust unit and integration tests (no Python needed)
	cargo test --locked

py-test: dev $(VENV)/.test-deps ## Python tests against a debug build (installs the test extra)
	$(PY) -m pytest -q

lint: ## clippy, warnings as errors (unwrap is denied outside tests: see src/lib.rs)
	cargo clippy --locked --all-targets --features python -- -D warnings

test: lint rust-test py-test ## every test: what .ci/run runs

quality: dev ## score the seeds and the development set (needs ../shared)
	$(PY) ../shared/eval/score.py --gold ../shared/seeds/gold.jsonl
	$(PY) ../shared/eval/score.py --gold ../shared/devset/gold.jsonl --by-language

fmt: ## format the Rust code
	cargo fmt

clean: ## remove build output, the venv and the demo corpus
	cargo clean
	rm -rf $(VENV) $(DEMO_CORPUS)
