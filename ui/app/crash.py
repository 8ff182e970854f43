"""Logging to a rotating file, faulthandler, and one excepthook that logs and shows one dialog."""

from __future__ import annotations

import atexit
import faulthandler
import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from types import TracebackType
from typing import IO

from desktop.paths import log_dir, private_file

log = logging.getLogger("repdesk.ui")
_fault_file: IO[str] | None = None
_showing = False


def dialogs_enabled() -> bool:
    return os.environ.get("REPDESK_NO_DIALOGS", "") not in ("1", "true", "yes")


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger("repdesk")
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    handler = RotatingFileHandler(private_file(log_dir() / "repdesk.log"), maxBytes=2_000_000, backupCount=5,
                                  encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(threadName)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)


def enable_faulthandler() -> None:
    global _fault_file
    if _fault_file is None:
        _fault_file = open(private_file(log_dir() / "faulthandler.log"), "a", encoding="utf-8")  # noqa: SIM115 - lives with us
        faulthandler.enable(_fault_file)
        atexit.register(_close_faulthandler)


def _close_faulthandler() -> None:
    global _fault_file
    if _fault_file is not None:
        faulthandler.disable()
        _fault_file.close()
        _fault_file = None


def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Log with traceback; show one dialog at a time (none in smoke tests)."""
    global _showing
    text = "".join(traceback.format_exception(kind, value, tb))
    log.critical("unhandled exception\n%s", text)
    if not dialogs_enabled() or _showing:
        return
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    _showing = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, "RepDesk", QApplication.translate(
            "Crash", "程序出现内部错误，已记录到日志文件。\n您可以继续工作；如反复出现，请联系管理员。"))
        box.setDetailedText(text)
        box.exec()
    finally:
        _showing = False


def install() -> None:
    setup_logging()
    enable_faulthandler()
    sys.excepthook = excepthook
