#!/usr/bin/env bash
# Set up everything RepDesk needs on a fresh Debian/Ubuntu machine: system libraries for Qt (offscreen and under
# Xvfb), Chinese fonts, PostgreSQL for the multi-user tests, and the Python environment in .venv.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt needs these even offscreen (measured: import PySide6.QtWidgets fails without them)
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libx11-6 libxcb1
  # a real window under Xvfb
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1
  # Chinese on screen and on paper
  fonts-noto-cjk fonts-wqy-microhei
  # TrueType Song and Kai faces ReportLab can embed, for official documents on Linux
  fonts-arphic-uming fonts-arphic-ukai
  # PDF checks, screenshots
  poppler-utils imagemagick
  # the multi-user database
  postgresql
  # Python
  python3 python3-venv python3-pip
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
# PySide6 6.12 came with a separate PySide6-Pdf; the pinned 6.11 has QtPdf in its add-ons and clashes with it.
if .venv/bin/python -m pip show -q pyside6-pdf >/dev/null 2>&1; then
  .venv/bin/python -m pip uninstall -q -y pyside6-pdf pyside6-essentials pyside6-addons shiboken6 >/dev/null
fi
.venv/bin/python -m pip install -q -e ".[dev]"
# Qt Linguist: the English .qm is compiled from the .ts kept in git (the editable install above does it too; this
# also refreshes it on a re-run after the .ts changed). The program itself never compiles translations.
.venv/bin/python scripts/build_translations.py >/dev/null
echo "setup: ready (.venv)"
