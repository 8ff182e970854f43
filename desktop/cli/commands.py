"""Headless subcommands (no Qt): demo, incidents, audit verify, report and verify.

A command that records what it does (`report`: a print is recorded with the person who printed it) acts as a
named user: `--user NAME` or REPDESK_USER, the password from REPDESK_PASSWORD or asked for (never an argument)."""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from desktop.domain import SEVERITIES, SYSTEM, Actor, IncidentStatus
from desktop.errors import RepDeskError, ValidationError

if TYPE_CHECKING:
    from desktop.db.session import Database
    from desktop.rules.model import RuleStatus


def _db(args: argparse.Namespace) -> Database:
    from desktop.db.session import Database

    return Database(args.database_url)


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop import demo
    from desktop.db.session import mask_url

    db = _db(args)
    if args.reset and not args.yes:
        with db.read() as session:
            ours = demo.is_demo(session)
        if not ours:  # --reset empties the database: a real record is never one flag away from deletion
            print(f"repdesk demo: {mask_url(db.url)} 不是示例数据库，--reset 会清空其中全部数据；"
                  "确认要清空请再加 --yes", file=sys.stderr)
            return 2
    try:
        made = demo.fill(db, reset=args.reset)
    except RuntimeError as exc:
        print(f"repdesk demo: {exc}", file=sys.stderr)
        return 2
    print(f"示例数据已写入 {mask_url(db.url)}：{len(demo.ORGANISATION)} 个单位，{len(demo.ACCOUNTS)} 个账号，"
          f"{len(made)} 个事件。")
    print(f"示例账号的密码均为 {demo.DEMO_PASSWORD}（admin、xinxi、jingban、bangongshi、fuzeren、lingdao、fenhang、"
          "hangzhang、fayan、zhongshan）。")
    return 0


def next_deadline_text(statuses: Sequence[RuleStatus], now: datetime) -> str:
    """The most pressing open item: overdue first, then the soonest pending/open one."""
    from desktop.timeutil import format_cst

    live = [(s, s.due_at) for s in statuses if s.status in ("overdue", "pending", "open") and s.due_at is not None]
    if not live:
        return "—"
    s, due = min(live, key=lambda pair: (pair[0].status != "overdue", pair[1]))
    word = {"overdue": "已超时", "pending": "待办", "open": "可选"}[s.status]
    return f"{s.rule.id} {s.rule.responsible} {word} {format_cst(due)}"


def cmd_incidents(args: argparse.Namespace) -> int:
    if getattr(args, "incidents_command", None) == "add":
        return _incidents_add(args)
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
    from desktop.integrity import crosscheck

    db = _db(args)
    with db.read() as session:
        report = crosscheck.check(session)
    result = report.chain
    if report.ok:
        legacy = f"（第 1–{result.unkeyed_until} 条写于启用密钥之前，未经密钥保护）" if result.unkeyed_until else ""
        print(f"审计记录完整：共 {result.entries} 条，哈希链校验通过（含密钥校验值），数据与记录一致{legacy}。")
        return 0
    for line in [crosscheck.first_problem(report), *report.problems[1:]]:
        print(line, file=sys.stderr)
    return 1


def cmd_units(args: argparse.Namespace) -> int:
    from desktop.domain import UNIT_KINDS
    from desktop.services import org

    db = _db(args)
    with db.read() as session:
        units = org.list_units(session)
    for u in units:
        print("\t".join([u.code, u.name, UNIT_KINDS.get(u.kind, u.kind)]))
    return 0


def _incidents_add(args: argparse.Namespace) -> int:
    """Prints the new incident's number alone; a refusal is one line naming the field, exit 2."""
    from desktop.cli import intake
    from desktop.services import incidents
    from desktop.timeutil import now_utc

    if not args.example and not args.file:
        print("repdesk incidents add: give FILE.json (- for standard input) or --example", file=sys.stderr)
        return 2
    text = ""
    if not args.example:
        try:
            if args.file == "-":
                text = sys.stdin.read(intake.MAX_BYTES + 1)
            else:
                with open(args.file, encoding="utf-8") as fh:
                    text = fh.read(intake.MAX_BYTES + 1)
        except OSError as exc:
            print(f"repdesk incidents add: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 2
        except UnicodeDecodeError:
            print(f"repdesk incidents add: {args.file} is not UTF-8 text", file=sys.stderr)
            return 2
        if len(text) > intake.MAX_BYTES:
            print(f"repdesk incidents add: {args.file} is larger than {intake.MAX_BYTES} characters", file=sys.stderr)
            return 2
    actor = _log_in(args, "incidents add")
    if actor is None:
        return 2
    db = _db(args)
    now = now_utc()
    try:
        if args.example:
            import json

            with db.read() as session:
                print(json.dumps(intake.example(session, actor, now), ensure_ascii=False, indent=2))
            return 0
        data = intake.parse(text)
        with db.session() as session:
            record = incidents.create_incident(session, actor, intake.to_service(session, data), now=now)
            number = record.number
    except ValidationError as exc:
        field = {"unit_id": "unit", "business_dept_id": "business_dept"}.get(exc.field or "", exc.field)
        print(f"repdesk incidents add: {field}: {exc.message}", file=sys.stderr)
        return 2
    print(number)
    return 0


def _log_in(args: argparse.Namespace, what: str) -> Actor | None:
    """The acting account's Actor, logged in with REPDESK_PASSWORD or the terminal; None after saying why not."""
    from desktop.services import accounts

    name = _user_name(args)
    if not name:
        print(f"repdesk {what}: this acts as a person: give --user NAME before the command (or set REPDESK_USER)",
              file=sys.stderr)
        return None
    password = _password(name)
    if password is None:
        print(f"repdesk {what}: no password for {name}: set REPDESK_PASSWORD or run it in a terminal",
              file=sys.stderr)
        return None
    db = _db(args)
    with db.session() as session:
        return accounts.authenticate(session, name, password).actor()


def run_guarded(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """A refusal, a bad database URL, an unreachable server or a damaged file: one line and exit 2, never a
    traceback (the URL printed with its password masked). SQLAlchemy is imported only when something went wrong:
    `report` imports it itself, with the collector paused (`_Start`)."""
    try:
        return func(args)
    except RepDeskError as exc:
        print(f"repdesk: {exc.message}", file=sys.stderr)
        return 2
    except Exception as exc:
        from sqlalchemy.exc import ArgumentError, SQLAlchemyError

        from desktop.db.session import mask_url, resolve_url

        if isinstance(exc, ArgumentError):
            print(f"repdesk: 数据库地址无效：{mask_url(resolve_url(args.database_url))}", file=sys.stderr)
            return 2
        if isinstance(exc, SQLAlchemyError):
            lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            reason = lines[0] if lines else type(exc).__name__
            print(f"repdesk: 无法使用数据库 {mask_url(resolve_url(args.database_url))}：{reason}", file=sys.stderr)
            return 2
        raise


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


def _write_new(out: Path, data: bytes | Callable[[IO[bytes]], object], force: bool) -> None:
    """All of `data` in `out`, or nothing new there: a failed write leaves no partial file (with `force`, the old
    file stays until the new one is complete). Without `force` an existing file raises FileExistsError. `data`
    may be a function that writes the open file itself (the register, written as it is laid out): whatever it
    raises, a refused build included, leaves nothing new either."""
    write = data if callable(data) else (lambda fh: fh.write(data))
    if force:
        part = out.with_name(f".{out.name}.{os.getpid()}.part")
        try:
            with part.open("wb") as fh:
                write(fh)
            os.replace(part, out)
        except BaseException:  # an interrupted build too: no .part left behind
            part.unlink(missing_ok=True)
            raise
        return
    created = False
    try:
        with out.open("xb") as fh:  # never replaces a file, even one made since the check
            created = True
            write(fh)
    except BaseException:
        if created:
            out.unlink(missing_ok=True)
        raise


def _prepare_printing() -> threading.Thread:
    """Load what printing needs (ReportLab and the document builders, the fonts from their cache) in a thread,
    while the password is asked for and checked: scrypt releases the GIL for its memory-hard tenth of a second or
    more, and the command does not wait for the two one after the other. Nothing a report does not need: the
    loading competes with the command's own imports for the one interpreter lock (pypdf is not loaded: the signed
    code is read without it, desktop.services.issuing.verification). Whatever fails here fails again, and is
    reported, on the main thread."""

    def load() -> None:
        try:
            from reportlab.pdfbase import pdfmetrics

            from desktop.reports.blocks import title_words
            from desktop.reports.fonts import font_set
            from desktop.services import printing  # noqa: F401 - imported for its side effect: loaded meanwhile

            faces = font_set()
            # What the first build would otherwise do on the critical path: set up jieba for the title's line
            # breaks (a document's title rarely fits one line), and map the font files the PDF's subsets are
            # cut from (desktop.reports.caches.CachedFace).
            title_words("声誉风险事件报告")
            for name in set(faces.names.values()):
                getattr(getattr(pdfmetrics.getFont(name), "face", None), "_ttf_data", None)
        except Exception:  # noqa: BLE001, S110 - only a head start: the main thread does it again and reports
            pass

    thread = threading.Thread(target=load, name="prepare-printing", daemon=True)
    thread.start()
    return thread


class _Start:
    """The cyclic collector waits while `report` starts: SQLAlchemy's, ReportLab's and the fonts' hundreds of
    thousands of new objects would otherwise set off full collections that walk all of them, again and again, for
    nothing (imports make no garbage). `done` turns it back on before the document is built, with everything loaded
    so far frozen (gc.freeze): the build's own garbage is collected, so a register of a long period stays as flat
    in memory as in the window, but its collections no longer walk the libraries (measured: a written report built
    and recorded in 0.14 s instead of 0.40 s of CPU). Before that it waits for the thread that prepares printing:
    its cache loads pause the collector too, and none may be under way when it is turned back on. `end` unfreezes,
    for a caller that goes on in the same process (the tests)."""

    def __init__(self) -> None:
        self.enabled = gc.isenabled()  # a caller's choice is kept (tests call main() in their own process)
        self.frozen = False
        self.preparing: threading.Thread | None = None
        gc.disable()

    def prepare(self) -> None:
        self.preparing = _prepare_printing()

    def done(self) -> None:
        if self.preparing is not None:
            self.preparing.join()
        if self.enabled and not gc.isenabled():
            if gc.get_freeze_count() == 0:
                gc.freeze()
                self.frozen = True
            gc.enable()

    def end(self) -> None:
        self.done()
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
            # At exit the interpreter's last full collections would walk every object the command loaded (about
            # 0.25 s, a fifth of the command); frozen then, they are skipped and the process's memory goes back
            # whole. Registered last, it runs first, only when the process ends: in-process callers keep theirs.
            atexit.register(gc.freeze)


def cmd_report(args: argparse.Namespace) -> int:
    start = _Start()
    try:
        return _report(args, start)
    finally:
        start.end()


def _report(args: argparse.Namespace, start: _Start) -> int:
    from desktop.services import accounts

    quarter = getattr(args, "quarter", None)
    if args.kind in ("register", "annual"):
        if args.incident or quarter or not (args.date_from and args.date_to):
            print(f"repdesk report {args.kind}: give the period with --from DATE --to DATE, not an incident",
                  file=sys.stderr)
            return 2
    elif args.kind == "quarterly":
        if args.incident or args.date_from or args.date_to or not quarter:
            print("repdesk report quarterly: give the quarter with --quarter YYYYQn (e.g. 2026Q4), not an incident",
                  file=sys.stderr)
            return 2
    elif not args.incident or args.date_from or args.date_to or quarter:
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
    start.prepare()  # here: a refusal above has nothing to wait for
    password = _password(name)
    if password is None:
        print(f"repdesk report: no password for {name}: set REPDESK_PASSWORD or run it in a terminal", file=sys.stderr)
        return 2
    db = _db(args)
    with db.session() as session:
        actor = accounts.authenticate(session, name, password).actor()
        from desktop.reports.fonts import font_set
        from desktop.services import printing  # here, not above: loaded meanwhile by _prepare_printing

        start.done()
        made: list[printing.Printed] = []
        content: bytes | Callable[[IO[bytes]], object]
        if args.kind == "register":
            first = printing.parse_day(args.date_from, "from")
            last = printing.parse_day(args.date_to, "to")
            # Laid out straight into the output file: memory stays flat whatever the period (issue 13).
            content = lambda fh: made.append(printing.build_register(session, actor, first, last, out=fh))
        else:
            if args.kind in ("annual", "quarterly"):  # 声誉风险管理工作报告: the figures of a period
                from desktop.registers import statistics

                period = (statistics.quarter_period(quarter or "") if args.kind == "quarterly" else
                          statistics.between(printing.parse_day(args.date_from, "from"),
                                             printing.parse_day(args.date_to, "to")))
                made.append(statistics.build_report(session, actor, period))
            else:
                made.append(printing.build_document(session, actor, args.kind, args.incident))
            content = made[0].pdf
        try:
            _write_new(out, content, args.force)
        except FileExistsError:
            print(f"repdesk report: {out} exists; add --force to replace it", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"repdesk report: cannot write {out}: {exc.strerror}", file=sys.stderr)
            return 2
        # a register's bytes are in the file only: the record hashes it there, where it was finally put
        result = made[0] if made[0].path is None else replace(made[0], path=out)
        printing.record_print(session, actor, result)  # written: the print is recorded, as the person who made it
    db.dispose()  # closed now, not by whatever the exit's frozen collector leaves (see _Start.end)
    # The faces standing in for those the office expects, on one line: visible, without burying the other notes.
    stand_ins = set(font_set().stand_ins())
    faces = [w for w in result.warnings if w in stand_ins]
    if faces:
        print("字体：" + "；".join(faces), file=sys.stderr)
    for warning in result.warnings:
        if warning not in stand_ins:
            print(f"注意：{warning}", file=sys.stderr)
    print(f"{result.message}\n已保存：{out}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.integrity import crosscheck

    try:
        pdf = Path(args.pdf).read_bytes()
    except OSError as exc:
        print(f"repdesk verify: cannot read {args.pdf}: {exc.strerror}", file=sys.stderr)
        return 2
    db = _db(args)
    with db.read() as session:
        # A PDF is genuine only if its signed version is what the keyed record says was signed.
        verdict = crosscheck.verify_pdf(session, pdf)
    if verdict.ok:
        print(verdict.message)
        return 0
    print(f"验证未通过：{verdict.message}", file=sys.stderr)
    return 1
