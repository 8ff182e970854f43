"""`repdesk exchange ...`: site packages, export, import and the list of peers (no Qt).

Exit 0 and one summary line; a refused package or action exits 2 with one line and writes nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli import commands
from desktop.domain import Actor


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("exchange", help="signed, encrypted packages between installations (offline sites)")
    ex = p.add_subparsers(dest="exchange_command", metavar="ACTION", required=True)
    q = ex.add_parser("site-package", help="(administrator) a package that sets up a site installation for a unit")
    q.add_argument("--unit", required=True, metavar="CODE", help="the unit's code, as `repdesk units` prints it")
    q.add_argument("-o", "--output", required=True, metavar="FILE")
    q = ex.add_parser("export", help="everything the peer may see and has not acknowledged, to one file")
    q.add_argument("--to", required=True, metavar="PEER", help="the peer's unit code (`repdesk exchange peers`)")
    q.add_argument("-o", "--output", required=True, metavar="FILE")
    q = ex.add_parser("import", help="check and apply a package (an empty database: set up from a site package)")
    q.add_argument("file", metavar="FILE")
    ex.add_parser("peers", help="one peer a line: unit code, name, fingerprint, last sent, last received")


def _actor(args: argparse.Namespace, what: str) -> Actor | None:
    from desktop.services import accounts

    name = commands._user_name(args)
    if not name:
        print(f"repdesk exchange {what}: give --user NAME (or set REPDESK_USER)", file=sys.stderr)
        return None
    password = commands._password(name)
    if password is None:
        print(f"repdesk exchange {what}: no password for {name}: set REPDESK_PASSWORD or run it in a terminal",
              file=sys.stderr)
        return None
    db = commands._db(args)
    with db.session() as session:
        return accounts.authenticate(session, name, password).actor()


def _write(out: Path, data: bytes) -> bool:
    try:
        commands._write_new(out, data, False)
    except FileExistsError:
        print(f"repdesk exchange: {out} exists; choose another file name", file=sys.stderr)
        return False
    except OSError as exc:
        print(f"repdesk exchange: cannot write {out}: {exc.strerror}", file=sys.stderr)
        return False
    return True


def cmd_exchange(args: argparse.Namespace) -> int:
    from desktop.exchange import crypto, service
    from desktop.timeutil import format_cst

    action = args.exchange_command
    db = commands._db(args)
    if action == "peers":
        with db.read() as session:
            peers = service.list_peers(session)
        for p in peers:
            fp = crypto.display_fingerprint(p.fingerprint) if p.fingerprint else "（站点尚未发回第一个包）"
            print("\t".join([p.unit_code, p.unit_name, fp, format_cst(p.last_sent) if p.last_sent else "—",
                             format_cst(p.last_received) if p.last_received else "—"]))
        return 0
    if action == "import":
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            print(f"repdesk exchange import: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 2
        with db.read() as session:
            empty = service.is_empty(session)
            # Checked before anyone logs in: a refused package leaves no trace, not even a login entry.
            preview = service.preview_package(session, data)
        if not preview.ok:
            print(f"repdesk: {preview.problem}", file=sys.stderr)
            return 2
        actor = None
        if not empty:
            actor = _actor(args, "import")
            if actor is None:
                return 2
        print(service.import_package(db, data, actor).summary)
        return 0
    out = Path(args.output)
    if out.exists():
        print(f"repdesk exchange: {out} exists; choose another file name", file=sys.stderr)
        return 2
    actor = _actor(args, action)
    if actor is None:
        return 2
    if action == "site-package":
        data = service.make_site_package(db, actor, args.unit)
        if not _write(out, data):
            return 2
        print(f"站点包已写入 {out}（{len(data)} 字节）：在 {args.unit} 的空数据库上运行 repdesk exchange import {out}")
        return 0
    exported = service.export_package(db, actor, args.to)
    if not _write(out, exported.data):
        return 2
    print(f"{exported.summary}，已写入 {out}")
    return 0
