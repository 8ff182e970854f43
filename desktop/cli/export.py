"""`repdesk --user NAME export REGISTER [--format xlsx|csv] -o FILE [--force]`: a register to Excel or CSV, as
the named user sees it (their scope of units). One summary line and exit 0; one line and exit 2 on bad arguments,
a refusal or a file that cannot be written. The export is recorded with who made it, like a print."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="a register to Excel or CSV, one row per record (acts as --user)")
    # Checked here, not by argparse: a bad register or format is one line, not the usage text.
    p.add_argument("register", nargs="?", metavar="REGISTER",
                   help="incidents, opinions, complaints, media, training, drills, screenings, sweeps, "
                        "accountability, plan-reviews, followups")
    p.add_argument("--format", dest="fmt", metavar="xlsx|csv", help="default: from FILE's suffix")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _fail(message: str) -> int:
    print(f"repdesk export: {message}", file=sys.stderr)
    return 2


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.cli import commands
    from desktop.registers import export

    names = export.register_names()
    if not args.register or args.register not in names:
        given = f"unknown register {args.register!r}; " if args.register else "give the register; "
        return _fail(f"{given}one of {', '.join(names)}")
    if not args.output:
        return _fail("give the file to write with -o FILE")
    out = Path(args.output)
    fmt = (args.fmt or out.suffix.lstrip(".")).lower()
    if fmt not in export.FORMATS:
        return _fail("give --format xlsx or --format csv (or a FILE ending in .xlsx or .csv)")
    if out.exists() and not args.force:
        return _fail(f"{out} exists; add --force to replace it")
    if not out.parent.is_dir():
        return _fail(f"cannot write {out}: no such folder {out.parent}")
    actor = commands._log_in(args, "export")
    if actor is None:
        return 2
    db = commands._db(args)
    try:
        with db.session() as session:
            result = export.export_register(session, actor, args.register, fmt, out, force=args.force)
    except FileExistsError:
        return _fail(f"{out} exists; add --force to replace it")
    print(f"已导出{result.label}：{result.rows} 条记录，{result.fmt}，{result.path}")
    return 0
