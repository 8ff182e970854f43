#!/usr/bin/env bash
# Start RepDesk on the example database: example organisation, one account per role, incidents whose clocks
# are live (rebuilt at every start, relative to now). The real database in the data folder is not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${REPDESK_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/repdesk}"
mkdir -p "$DATA"
URL="sqlite:///$DATA/demo.sqlite3"
.venv/bin/repdesk --database-url "$URL" demo --reset
exec .venv/bin/repdesk --database-url "$URL" "$@"
