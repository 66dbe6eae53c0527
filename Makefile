# Developer checks. `make check` is what a change must pass before it is submitted.
.PHONY: check format lint typecheck test install

install:
	pip install -e ".[dev]"

format:
	ruff format src cli tests benchmarks

lint:
	ruff format --check src cli tests benchmarks
	ruff check src cli tests benchmarks

typecheck:
	mypy

test:
	pytest

check: lint typecheck test
