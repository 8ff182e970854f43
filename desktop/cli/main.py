"""The `repdesk` command: the window by default, headless subcommands that never import Qt.

Imports stay inside the functions so that `repdesk deadlines` starts in a fraction of a second.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

_VALUED_OPTIONS = ("--database-url", "--user")


# The subcommands whose arguments are declared in this module; `export` and `exchange` declare theirs beside them.
_DECLARED_HERE = ("gui", "deadlines", "demo", "incidents", "units", "audit", "report", "verify")


def _own_modules_unneeded(argv: Sequence[str]) -> bool:
    """True when the arguments name no subcommand but one declared here (or none: the window), with no -h
    before it: the parser then skips the subcommands whose arguments live in their own modules, so that opening
    the window or a cold `repdesk report` imports none of them. A name it does not know (a typo, an abbreviated
    option's value) gets the whole parser, and argparse's own answer."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUED_OPTIONS:
            skip = True
        elif arg in ("-h", "--help"):
            return False
        elif not arg.startswith("-"):
            return arg in _DECLARED_HERE
    return True


def _parser(without_own_modules: bool = False) -> argparse.ArgumentParser:
    from desktop import __version__

    parser = argparse.ArgumentParser(
        prog="repdesk",
        description="RepDesk 声誉风险工作台. Without a subcommand, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"repdesk {__version__}")
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="database to use (default: REPDESK_DATABASE_URL, else SQLite in the user's data folder)",
    )
    parser.add_argument(
        "--user",
        dest="as_user",
        metavar="NAME",
        help="who is acting, for commands that record what they do (`report`, `incidents add`) and for the "
        "window (default: REPDESK_USER); the password from REPDESK_PASSWORD, else asked for",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("deadlines", help="judge one incident's deadlines: JSON in, JSON out (no database)")
    p.add_argument("file", metavar="FILE", help="a JSON document, or - for standard input")

    p = sub.add_parser("demo", help="fill the database with the example organisation, accounts and incidents")
    p.add_argument("--reset", action="store_true", help="empty the database first (a demo database only)")
    p.add_argument("--yes", action="store_true", help="with --reset: empty a database that is not a demo one")

    p = sub.add_parser("incidents", help="list incidents, one a line: number, title, unit, severity, next deadline")
    p.add_argument("--open", action="store_true", help="only open incidents (closed ones are listed by default)")
    p.add_argument("--all", action="store_true", help=argparse.SUPPRESS)  # the default; kept for old scripts
    inc_sub = p.add_subparsers(dest="incidents_command", metavar="ACTION")
    q = inc_sub.add_parser("add", help="record an incident from JSON (docs/cli-incidents-add.md); prints its number")
    q.add_argument("file", nargs="?", metavar="FILE.json", help="the intake form's fields, or - for standard input")
    q.add_argument("--example", action="store_true", help="print a valid example for the account, timed now")

    sub.add_parser("units", help="the organisation, one unit a line: code, name, kind")

    p = sub.add_parser("audit", help="the tamper-evident record")
    audit_sub = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    audit_sub.add_parser("verify", help="check the hash chain; names the first broken entry")

    p = sub.add_parser("report", help="print a document to PDF (signed if its version is signed, else a draft)")
    p.add_argument("kind", choices=["written-report", "major-report", "response-plan", "evaluation", "register",
                                    "annual", "quarterly"])
    p.add_argument("incident", nargs="?", metavar="INCIDENT",
                   help="the incident number, as `repdesk incidents` prints it first on each line")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="register, annual: first day, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="register, annual: last day, YYYY-MM-DD")
    p.add_argument("--quarter", metavar="YYYYQn", help="quarterly: the quarter of the work report, e.g. 2026Q4")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")

    if not without_own_modules:
        from desktop.cli import export  # the export's own arguments live beside it

        export.add_parser(sub)

        from desktop.cli import exchange  # signed packages between installations, arguments beside the command

        exchange.add_parser(sub)

    p = sub.add_parser("verify", help="check a printed PDF against the stored signed version")
    p.add_argument("pdf", metavar="FILE.pdf")

    # `repdesk --user NAME`: logged in when REPDESK_PASSWORD is set, else the log-in dialog with the name filled.
    # No password option: a command line is visible to every user of the machine (ps).
    sub.add_parser("gui", help="open the window (the default)")
    return parser


OpenWindow = Callable[..., int]


def main(argv: Sequence[str] | None = None, open_window: OpenWindow | None = None) -> int:
    """`open_window` is given by the launcher in `ui` (the core never imports the UI); without it, as with
    `python -m desktop`, only the headless commands are available."""
    args = _parser(_own_modules_unneeded(sys.argv[1:] if argv is None else argv)).parse_args(argv)
    command = args.command or "gui"
    if command == "deadlines":
        from desktop.rules.contract import run_deadlines

        return run_deadlines(args.file, sys.stdin, sys.stdout, sys.stderr)
    if command == "gui":
        if open_window is None:
            print("repdesk: the window is opened by the `repdesk` command; `python -m desktop` is headless",
                  file=sys.stderr)
            return 2
        import os

        user = (args.as_user or os.environ.get("REPDESK_USER") or "").strip() or None
        return open_window(args.database_url, user=user,
                           password=os.environ.get("REPDESK_PASSWORD") if user else None)
    from desktop.cli import commands

    if command == "export":
        from desktop.cli import export as export_cli

        return int(commands.run_guarded(export_cli.cmd_export, args))
    if command == "exchange":
        from desktop.cli import exchange as exchange_cli

        return int(commands.run_guarded(exchange_cli.cmd_exchange, args))
    handler = getattr(commands, f"cmd_{command}")
    return int(commands.run_guarded(handler, args))


if __name__ == "__main__":
    raise SystemExit(main())
