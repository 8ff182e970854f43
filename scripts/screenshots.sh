#!/usr/bin/env bash
# Screenshots of the real program for the README, on a fresh example database, under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export REPDESK_DATA_DIR="$(mktemp -d)"
export XDG_CONFIG_HOME="$REPDESK_DATA_DIR/config"
PY=.venv/bin/python
"$PY" -m ui demo >/dev/null
run() { xvfb-run -a -s "-screen 0 1600x1000x24" "$PY" "$@"; }
run -m tools.screenshots docs
run -m tools.approvals_screenshot docs
run -m tools.screenshots --admin docs
# The duty wall (F11) full screen on a laptop's and an office monitor's screen.
for size in 1366x768 1920x1080; do
    xvfb-run -a -s "-screen 0 ${size}x24" "$PY" -m tools.screenshots --wall docs
done
rm -rf "$REPDESK_DATA_DIR"
