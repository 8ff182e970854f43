#!/usr/bin/env bash
# Build the one-folder bundle from build.spec and prove it with scripts/smoke.sh: every headless command (migrations,
# rules, fonts and translations come from the bundle) and the window offscreen, nothing written into the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" scripts/build_translations.py >/dev/null  # the bundle carries the .qm files; the program never builds them
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN build.spec
BIN=dist/repdesk/repdesk

# every command and the window offscreen, from an empty folder; the bundle's folder must stay untouched
bash scripts/smoke.sh "$BIN" dist/repdesk
echo "bundle OK: $(du -sh dist/repdesk | cut -f1) in dist/repdesk"
