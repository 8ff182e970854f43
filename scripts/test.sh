#!/usr/bin/env bash
# Run every test: lint (ruff), types (mypy), the import contracts (no Qt in the core, layers), then the suite on SQLite and on a real PostgreSQL, then
# (full runs) the installed wheel's smoke test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${REPDESK_TEST_POSTGRES_URL:-}" ]; then
  if url=$(bash scripts/start-postgres.sh); then
    export REPDESK_TEST_POSTGRES_URL="$url"
  elif [ -n "${CI:-}" ]; then
    echo "test: PostgreSQL could not be started; CI requires it" >&2
    exit 1
  else
    echo "test: PostgreSQL not available: database tests run on SQLite only" >&2
  fi
fi

.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/lint-imports
# the English tests load the .qm compiled from the current .ts (a build step; the program never compiles them)
.venv/bin/python scripts/build_translations.py >/dev/null
# One worker per core (pytest-xdist), each test file kept on one worker so its module fixtures are built once;
# REPDESK_TEST_WORKERS=0 runs everything in this process.
.venv/bin/python -m pytest -p no:cacheprovider -n "${REPDESK_TEST_WORKERS:-auto}" --dist loadfile "$@"
# A full run (no pytest arguments) also proves the package: the wheel built from a clean copy, installed into a
# fresh virtual environment, runs every command and the window without writing into its install folder.
if [ $# -eq 0 ]; then
  bash scripts/check_wheel.sh
fi
