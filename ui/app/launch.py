"""The `repdesk` command: the core's command line, with the window for the default `gui` command.

Qt is imported only when the window is opened, so headless subcommands start fast.
"""

from __future__ import annotations

from collections.abc import Sequence


def _open_window(database_url: str | None, *, user: str | None = None, password: str | None = None) -> int:
    from ui.app.start import run

    return run(database_url, user=user, password=password)


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.cli.main import main as cli_main

    return cli_main(argv, open_window=_open_window)


if __name__ == "__main__":
    raise SystemExit(main())
