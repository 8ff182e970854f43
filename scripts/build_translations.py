"""Compile the Qt Linguist sources (resources/translations/*.ts) to the .qm files the window loads.

Build time only, never at run time (an installed program must not write into its own folder):
- `scripts/setup.sh` and `scripts/test.sh` compile in place, for the source checkout;
- the wheel build (setup.py's build_py) compiles into the wheel; PySide6-Essentials, which carries lrelease, is a
  build requirement in pyproject.toml, so `pip wheel .` from a clean checkout needs nothing else;
- `scripts/build_bundle.sh` compiles in place before PyInstaller collects the files.

lrelease is PySide6's own, else REPDESK_LRELEASE, else `pyside6-lrelease` or `lrelease` on PATH. No lrelease, or a
failed compile, is an error: a build without its translations must not pass unnoticed.

    python scripts/build_translations.py [--out DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "resources" / "translations"


class TranslationBuildError(RuntimeError):
    pass


def find_lrelease() -> str:
    explicit = os.environ.get("REPDESK_LRELEASE")
    if explicit:
        return explicit
    # find_spec, not import: PySide6's __init__ loads Qt, and only the tool's path is wanted here
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        tool = Path(folder) / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
        if tool.is_file():
            return str(tool)
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name)
        if found:
            return found
    raise TranslationBuildError("lrelease not found: install PySide6-Essentials or set REPDESK_LRELEASE")


def build(out: Path = SOURCE) -> list[Path]:
    """Compile every .ts into `out`; returns the .qm files written."""
    sources = sorted(SOURCE.glob("*.ts"))
    if not sources:
        raise TranslationBuildError(f"no .ts files in {SOURCE}")
    tool = find_lrelease()
    out.mkdir(parents=True, exist_ok=True)
    built = []
    for ts in sources:
        qm = out / ts.with_suffix(".qm").name
        result = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True,
                                check=False)
        if result.returncode != 0 or not qm.is_file():
            detail = result.stderr.strip() or result.stdout.strip()
            raise TranslationBuildError(f"lrelease failed for {ts.name}: {detail}")
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compile RepDesk's .ts translations to .qm.")
    parser.add_argument("--out", type=Path, default=SOURCE, help="folder for the .qm files (default: beside the .ts)")
    args = parser.parse_args(argv)
    try:
        built = build(args.out)
    except TranslationBuildError as exc:
        print(f"build_translations: {exc}", file=sys.stderr)
        return 1
    print("build_translations: " + ", ".join(str(p) for p in built))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
