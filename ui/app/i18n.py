"""Qt Linguist translations: source strings are Chinese; the .qm files are compiled from the .ts at build time
(scripts/build_translations.py), never by the running program."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QGuiApplication

from desktop.paths import resource
from ui.common.strings import translated

log = logging.getLogger("repdesk.ui.i18n")
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resource("translations")


def install_translators(app: QCoreApplication, language: str) -> None:
    """Chinese is the source language: only Qt's own zh_CN catalogue is needed for it."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    translated.cache_clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "en":
        own = QTranslator(app)
        qm = translations_dir() / "repdesk_en.qm"
        if own.load(str(qm)):
            app.installTranslator(own)
            _installed.append(own)
        else:
            log.warning("%s could not be loaded: the window stays in Chinese", qm)
        QLocale.setDefault(QLocale("en_US"))
    else:
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
        QLocale.setDefault(QLocale("zh_CN"))
    if isinstance(app, QGuiApplication):
        # Qt puts the program's name after every window's own title: in the chosen language too.
        app.setApplicationDisplayName(QCoreApplication.translate("MainWindow", "声誉风险工作台"))
