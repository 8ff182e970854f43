#!/usr/bin/env bash
# Prove the wheel runs anywhere: build it from a clean copy of the source (the files git tracks or would track, so
# no .qm, no egg-info, no caches), install it into a fresh virtual environment, and smoke-run the installed
# `repdesk` from an empty folder (scripts/smoke.sh): every headless command and the window offscreen, with nothing
# written into its install folders. Dependencies come from PyPI through pip's cache.
#   bash scripts/check_wheel.sh            (PY=python to build with: default .venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PY:-.venv/bin/python}

fail() { echo "check_wheel: FAILED: $*" >&2; exit 1; }
step() { echo "check_wheel: [${SECONDS}s] $*"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step "copying the source (git ls-files, tracked and new, no ignored files)"
mkdir "$tmp/src"
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$tmp/src"
[ -f "$tmp/src/pyproject.toml" ] || fail "the source copy has no pyproject.toml"

step "building the wheel (isolated build environment)"
"$PY" -m pip wheel -q --no-deps -w "$tmp/dist" "$tmp/src" >"$tmp/build.log" 2>&1 \
  || { cat "$tmp/build.log" >&2; fail "pip wheel failed"; }
wheels=("$tmp"/dist/repdesk-*.whl)
[ ${#wheels[@]} -eq 1 ] && [ -f "${wheels[0]}" ] || fail "expected one repdesk wheel, found: ${wheels[*]}"
wheel=${wheels[0]}
version=$(basename "$wheel" | cut -d- -f2)
expected=$("$PY" -c "import ast, sys; m = ast.parse(open('desktop/__init__.py', encoding='utf-8').read()); \
print(next(n.value.value for n in m.body if isinstance(n, ast.Assign) and n.targets[0].id == '__version__'))")
[ "$version" = "$expected" ] || fail "the wheel says version $version, desktop/__init__.py says $expected"

step "checking the wheel's contents"
"$PY" - "$wheel" <<'PY' || fail "the wheel's contents are wrong (above)"
import sys
import zipfile

names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = ["repdesk_resources/__init__.py", "repdesk_resources/rules/default.json", "repdesk_resources/fonts/wqy-microhei.ttc",
        "repdesk_resources/icons/repdesk.svg", "repdesk_resources/translations/repdesk_en.qm",
        "desktop/db/migrations/env.py", "ui/app/launch.py"]
missing = [n for n in need if n not in names]
stray = sorted(n for n in names if n.split("/")[0] in ("tests", "tools", "scripts", "benchmarks", "resources"))
for n in missing:
    print(f"missing: {n}", file=sys.stderr)
for n in stray:
    print(f"not for the wheel: {n}", file=sys.stderr)
sys.exit(1 if missing or stray else 0)
PY

step "installing it into a fresh virtual environment"
base=$("$PY" -c "import sys; print(sys.base_prefix)")/bin/python3
[ -x "$base" ] || base=$(command -v python3)
"$base" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel" >"$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log" >&2; fail "pip install of the wheel failed"; }
site=$("$tmp/venv/bin/python" -c "import sysconfig; print(sysconfig.get_path('purelib'))")

step "smoke-running the installed program"
EXPECT_VERSION="$version" bash "$ROOT/scripts/smoke.sh" "$tmp/venv/bin/repdesk" \
  "$site/desktop" "$site/ui" "$site/repdesk_resources" || fail "the installed wheel failed its smoke run (above)"
step "OK: $(basename "$wheel")"
