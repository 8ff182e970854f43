"""Headless subcommands (no Qt): demo, incidents, audit verify, report and verify.

A command that records what it does (`report`: a print is recorded with the person who printed it) acts as a
named user: `--user NAME` or REPDESK_USER, the password from REPDESK_PASSWORD or asked for (never an argument)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop.domain import SEVERITIES, SYSTEM, IncidentStatus
from desktop.errors import RepDeskError


def _db(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from desktop.db.session import Database

    return Database(args.database_url)


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop import demo

    db = _db(args)
    try:
        made = demo.fill(db, reset=args.reset)
    except RuntimeError as exc:
        print(f"repdesk demo: {exc}", file=sys.stderr)
        return 2
    print(f"示例数据已写入 {db.url}：{len(demo.ORGANISATION)} 个单位，{len(demo.ACCOUNTS)} 个账号，{len(made)} 个事件。")
    print(f"示例账号的密码均为 {demo.DEMO_PASSWORD}（admin、xinxi、jingban、bangongshi、fuzeren、lingdao、fenhang、"
          "hangzhang、fayan、zhongshan）。")
    return 0


def next_deadline_text(statuses, now) -> str:  # type: ignore[no-untyped-def]
    """The most pressing open item: overdue first, then the soonest pending/open one."""
    from desktop.timeutil import format_cst

    live = [s for s in statuses if s.status in ("overdue", "pending", "open") and s.due_at is not None]
    if not live:
        return "—"
    s = min(live, key=lambda s: (s.status != "overdue", s.due_at))
    word = {"overdue": "已超时", "pending": "待办", "open": "可选"}[s.status]
    return f"{s.rule.id} {s.rule.responsible} {word} {format_cst(s.due_at)}"


def cmd_incidents(args: argparse.Namespace) -> int:
    from desktop.services import incidents
    from desktop.timeutil import now_utc

    db = _db(args)
    now = now_utc()
    with db.read() as session:
        rows = incidents.list_incidents(session, SYSTEM, status=IncidentStatus.OPEN if args.open else None)
    for r in rows:
        due = next_deadline_text(incidents.deadlines(r, now), now) if r.status == IncidentStatus.OPEN else "已结束"
        print("\t".join([r.number, r.title, r.unit_name, SEVERITIES[r.severity], due]))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from desktop.services import audit

    db = _db(args)
    with db.read() as session:
        result = audit.verify(session)
    if result.ok:
        print(f"审计记录完整：共 {result.entries} 条，哈希链校验通过。")
        return 0
    print(f"审计记录校验失败：第 {result.broken_id} 条 — {result.reason}", file=sys.stderr)
    return 1


def run_guarded(func, args):  # type: ignore[no-untyped-def]
    try:
        return func(args)
    except RepDeskError as exc:
        print(f"repdesk: {exc.message}", file=sys.stderr)
        return 2


USER_ENV, PASSWORD_ENV = "REPDESK_USER", "REPDESK_PASSWORD"


def _user_name(args: argparse.Namespace) -> str:
    return (args.as_user or os.environ.get(USER_ENV) or "").strip()


def _password(name: str) -> str | None:
    """REPDESK_PASSWORD, else asked for on the terminal; None when there is no one to ask."""
    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    import getpass

    try:
        return getpass.getpass(f"{name} 的密码：")
    except (EOFError, OSError):
        return None


def _write_new(out: Path, data: bytes, force: bool) -> None:
    """All of `data` in `out`, or nothing new there: a failed write leaves no partial file (with `force`, the old
    file stays until the new one is complete). Without `force` an existing file raises FileExistsError."""
    if force:
        part = out.with_name(f".{out.name}.{os.getpid()}.part")
        try:
            part.write_bytes(data)
            os.replace(part, out)
        except OSError:
            part.unlink(missing_ok=True)
            raise
        return
    created = False
    try:
        with out.open("xb") as fh:  # never replaces a file, even one made since the check
            created = True
            fh.write(data)
    except OSError:
        if created:
            out.unlink(missing_ok=True)
        raise


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.services import accounts, printing

    if args.kind == "register":
        if args.incident or not (args.date_from and args.date_to):
            print("repdesk report register: give the period with --from DATE --to DATE, not an incident",
                  file=sys.stderr)
            return 2
    elif not args.incident or args.date_from or args.date_to:
        print(f"repdesk report {args.kind}: give the incident number (--from/--to are for the register)",
              file=sys.stderr)
        return 2
    name = _user_name(args)
    if not name:
        print("repdesk report: a print is recorded with who printed it: give --user NAME (or set REPDESK_USER)",
              file=sys.stderr)
        return 2
    out = Path(args.output)
    if out.exists() and not args.force:
        print(f"repdesk report: {out} exists; add --force to replace it", file=sys.stderr)
        return 2
    password = _password(name)
    if password is None:
        print(f"repdesk report: no password for {name}: set REPDESK_PASSWORD or run it in a terminal", file=sys.stderr)
        return 2
    db = _db(args)
    with db.session() as session:
        actor = accounts.authenticate(session, name, password).actor()
        if args.kind == "register":
            first = printing.parse_day(args.date_from, "from")
            last = printing.parse_day(args.date_to, "to")
            result = printing.build_register(session, actor, first, last)
        else:
            result = printing.build_document(session, actor, args.kind, args.incident)
        try:
            _write_new(out, result.pdf, args.force)
        except FileExistsError:
            print(f"repdesk report: {out} exists; add --force to replace it", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"repdesk report: cannot write {out}: {exc.strerror}", file=sys.stderr)
            return 2
        printing.record_print(session, actor, result)  # written: the print is recorded, as the person who made it
    for warning in result.warnings:
        print(f"注意：{warning}", file=sys.stderr)
    print(f"{result.message}\n已保存：{out}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.services import printing

    try:
        pdf = Path(args.pdf).read_bytes()
    except OSError as exc:
        print(f"repdesk verify: cannot read {args.pdf}: {exc.strerror}", file=sys.stderr)
        return 2
    db = _db(args)
    with db.read() as session:
        verdict = printing.verify_pdf(session, pdf)
    if verdict.ok:
        print(verdict.message)
        return 0
    print(f"验证未通过：{verdict.message}", file=sys.stderr)
    return 1
