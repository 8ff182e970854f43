#!/usr/bin/env bash
# Build the one-folder bundle from build.spec and prove it: --version, a headless `deadlines`, and a demo
# database created and listed by the bundled program (migrations, rules and fonts come from the bundle).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" -c "from ui.app.i18n import build_translations; build_translations()" 2>/dev/null || true
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN build.spec
BIN=dist/repdesk/repdesk

echo "smoke: --version"
"$BIN" --version | grep -q "^repdesk "

echo "smoke: deadlines"
out=$(printf '%s' '{"occurred_at":"2026-03-02T09:15:00+08:00","location":"same_city","severity":"general",
 "business_line":true,"now":"2026-03-02T10:00:00+08:00",
 "events":[{"type":"reported_to_lead","at":"2026-03-02T09:40:00+08:00"}]}' | "$BIN" deadlines -)
echo "$out" | grep -q '"4.2.2.1-3"'

echo "smoke: bad input is refused with exit 2"
set +e
echo '{"location":"same_city"}' | "$BIN" deadlines - 2>/dev/null
rc=$?
set -e
[ "$rc" -eq 2 ]

echo "smoke: demo database and incidents"
tmp=$(mktemp -d)
"$BIN" --database-url "sqlite:///$tmp/demo.sqlite3" demo >/dev/null
"$BIN" --database-url "sqlite:///$tmp/demo.sqlite3" incidents | grep -q "^SY"
if "$BIN" --help | grep -q " report "; then
  number=$("$BIN" --database-url "sqlite:///$tmp/demo.sqlite3" incidents | head -n 1 | cut -f1)
  "$BIN" --database-url "sqlite:///$tmp/demo.sqlite3" report written-report "$number" -o "$tmp/r.pdf" >/dev/null
  test -s "$tmp/r.pdf"
fi
echo "smoke: the window starts offscreen, logs in and keeps running"
set +e
QT_QPA_PLATFORM=offscreen REPDESK_NO_DIALOGS=1 REPDESK_DATA_DIR="$tmp" timeout 8 \
  "$BIN" --database-url "sqlite:///$tmp/demo.sqlite3" gui --user jingban --password repdesk2026 >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 124 ] || { echo "the bundled window exited with $rc" >&2; exit 1; }
rm -rf "$tmp"
echo "bundle OK: $(du -sh dist/repdesk | cut -f1) in dist/repdesk"
