#!/usr/bin/env bash
# Run every test: the import contract (no Qt in the core), then the suite on SQLite and on a real PostgreSQL.
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

.venv/bin/lint-imports
.venv/bin/python -m pytest -p no:cacheprovider "$@"
