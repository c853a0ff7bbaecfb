# Developer commands; the README's two commands need none of these.
PY ?= .venv/bin/python

.PHONY: install test lint format typecheck bench

install:
	python3 -m venv .venv && .venv/bin/pip install -e ".[dev]"

test:
	$(PY) -m pytest

lint:
	$(PY) -m ruff check src tests
	$(PY) -m ruff format --check src tests

format:
	$(PY) -m ruff format src tests
	$(PY) -m ruff check --fix src tests

typecheck:
	$(PY) -m mypy

bench:
	$(PY) -m reltui.bench --sizes 1000,10000,100000
