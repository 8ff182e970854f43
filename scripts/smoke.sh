#!/usr/bin/env bash
# Smoke-run an installed RepDesk, as a user would start it:
#   bash scripts/smoke.sh PROGRAM [INSTALL_FOLDER ...]
# PROGRAM is the installed `repdesk` (a wheel's console script, or the bundle's executable). From an empty folder,
# with a throw-away home and the platform's default data, log and settings folders, it runs --version, demo,
# incidents, report, verify and deadlines, then opens the window offscreen in English, logged in. Every
# INSTALL_FOLDER must be left exactly as it was: the program writes only into the user's folders.
# EXPECT_VERSION, when set, is the version --version must print. Linux only (the default folders checked are XDG's).
set -euo pipefail

fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
[ $# -ge 1 ] || fail "usage: smoke.sh PROGRAM [INSTALL_FOLDER ...]"
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
[ -x "$BIN" ] || fail "$BIN is not an executable"
install=()
for dir in "$@"; do
  [ -d "$dir" ] || fail "$dir is not a folder"
  install+=("$(cd "$dir" && pwd)")
done

snapshot() {  # every file of the install folders with its size and modification time
  local dir
  for dir in "$@"; do find "$dir" -printf '%p %s %T@\n'; done | LC_ALL=C sort
}

tmp=$(mktemp -d)
window_pid=""
cleanup() {
  if [ -n "$window_pid" ]; then kill "$window_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
before="$tmp/install-before.txt"
snapshot ${install[@]+"${install[@]}"} >"$before"

mkdir "$tmp/home" "$tmp/work"
cd "$tmp/work"
export HOME="$tmp/home"
unset XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME XDG_CACHE_HOME
unset REPDESK_DATA_DIR REPDESK_LOG_DIR REPDESK_CONFIG_DIR REPDESK_DATABASE_URL
export QT_QPA_PLATFORM=offscreen REPDESK_NO_DIALOGS=1
DATA="$HOME/.local/share/repdesk"
LOG="$HOME/.local/state/repdesk/log/repdesk.log"
CONFIG="$HOME/.config/repdesk/settings.ini"

echo "smoke: --version"
version=$("$BIN" --version) || fail "--version exited with $?"
[[ "$version" =~ ^repdesk\ [0-9] ]] || fail "--version printed '$version'"
if [ -n "${EXPECT_VERSION:-}" ] && [ "$version" != "repdesk $EXPECT_VERSION" ]; then
  fail "--version printed '$version', expected 'repdesk $EXPECT_VERSION'"
fi

echo "smoke: demo"
"$BIN" demo >/dev/null || fail "demo exited with $?"
[ -s "$DATA/repdesk.sqlite3" ] || fail "demo did not create the database in the default data folder $DATA"

echo "smoke: incidents"
"$BIN" incidents >incidents.txt || fail "incidents exited with $?"
numbers=$(cut -f1 incidents.txt)
[ -n "$numbers" ] || fail "incidents listed nothing after demo"

echo "smoke: report and verify"
verified=""
for number in $numbers; do
  # A print is recorded with who printed it: the branch office, who sees every example incident (demo password).
  REPDESK_USER=bangongshi REPDESK_PASSWORD=repdesk2026 "$BIN" report written-report "$number" -o "$number.pdf" \
    >/dev/null || fail "report written-report $number exited with $?"
  head -c 5 "$number.pdf" | grep -q '^%PDF-' || fail "report written-report $number wrote no PDF"
  if "$BIN" verify "$number.pdf" >/dev/null 2>&1; then verified="$number"; fi
done
[ -n "$verified" ] || fail "verify accepted none of the demo's written reports (the demo signs some)"
year=$(date +%Y)  # the work report of the year: the figures, with charts drawn by reportlab.graphics
REPDESK_USER=bangongshi REPDESK_PASSWORD=repdesk2026 "$BIN" report annual --from "$year-01-01" --to "$year-12-31" \
  -o annual.pdf >/dev/null || fail "report annual exited with $?"
head -c 5 annual.pdf | grep -q '^%PDF-' || fail "report annual wrote no PDF"

echo "smoke: deadlines"
cat >deadlines.json <<'JSON'
{"occurred_at": "2026-03-02T09:15:00+08:00", "location": "same_city", "severity": "general",
 "business_line": true, "customer_dispute": false, "now": "2026-03-02T10:00:00+08:00",
 "events": [{"type": "reported_to_lead", "at": "2026-03-02T09:40:00+08:00"}]}
JSON
"$BIN" deadlines deadlines.json >deadlines.out || fail "deadlines exited with $?"
grep -q '"4.2.2.1-3"' deadlines.out || fail "deadlines did not list rule 4.2.2.1-3"
set +e
echo '{"location":"same_city"}' | "$BIN" deadlines - >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "deadlines accepted bad input (exit $rc, expected 2)"

echo "smoke: the window opens offscreen, in English, logged in"
mkdir -p "$(dirname "$CONFIG")"
printf '[ui]\nlanguage=en\n' >"$CONFIG"
REPDESK_PASSWORD=repdesk2026 "$BIN" --user jingban >window.out 2>&1 &
window_pid=$!
for _ in $(seq 1 120); do
  grep -q "logged in: jingban" "$LOG" 2>/dev/null && break
  kill -0 "$window_pid" 2>/dev/null || { wait "$window_pid" || true; cat window.out >&2; fail "the window exited early"; }
  sleep 0.5
done
grep -q "logged in: jingban" "$LOG" 2>/dev/null || { cat window.out >&2; fail "the window did not log in within 60 s"; }
sleep 1  # the main window is built and shown right after the log-in is logged: let it run a moment
kill -0 "$window_pid" 2>/dev/null || { cat window.out >&2; fail "the window exited after logging in"; }
kill "$window_pid"
wait "$window_pid" 2>/dev/null || true
window_pid=""
if grep -q "could not be loaded" "$LOG"; then fail "the English translation did not load: $(grep 'could not be loaded' "$LOG")"; fi
if grep -q "CRITICAL\|Traceback" "$LOG"; then cat "$LOG" >&2; fail "the window logged an error"; fi

echo "smoke: nothing written outside the user's folders"
cd "$tmp"
extra=$(find work -mindepth 1 -not -name '*.pdf' -not -name 'incidents.txt' -not -name 'deadlines.*' \
  -not -name 'window.out')
[ -z "$extra" ] || fail "the program wrote into the current folder: $extra"
after="$tmp/install-after.txt"
snapshot ${install[@]+"${install[@]}"} >"$after"
changed=$(diff "$before" "$after" | grep '^[<>]' | head -n 20 || true)
[ -z "$changed" ] || fail "the program changed its install folder:
$changed"
echo "smoke: OK ($version)"
