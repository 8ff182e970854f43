"""Colours, fonts and the style sheet: one place, so the window looks like one tool."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

CJK_FAMILIES = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "Source Han Sans SC", "SimHei")

# Background / foreground per dashboard state (desktop.services.deadline_board's states, spelt out: the theme is
# applied before the first dialog is drawn, when the core is not loaded yet; a test checks the two agree). Calm
# colours, red only when it matters.
STATE_COLOURS: dict[str, tuple[str, str]] = {
    "comfortable": ("#e8f5e9", "#1b5e20"),
    "due_soon": ("#fff3cd", "#7a4f00"),
    "overdue": ("#fde2e1", "#b71c1c"),
    "immediate": ("#e3ecfa", "#0d3c8c"),
    "window": ("#f1f1f4", "#44475a"),
    "lapsed": ("#f5f5f5", "#8a8a8a"),
}
STATUS_COLOURS: dict[str, str] = {
    "met": "#2e7d32", "late": "#c62828", "overdue": "#c62828", "pending": "#1565c0", "open": "#6a6a80",
    "lapsed": "#9e9e9e", "waiting": "#9e9e9e", "superseded": "#9e9e9e",
}
ACCENT = "#8b1a1a"  # the bank's red, used sparingly
# A disabled button is grey whatever colour it has when enabled (no red on what cannot be pressed); a label beside
# it (QLabel#disabledReason) says why.
DISABLED_BG, DISABLED_FG = "#ececec", "#8f8f8f"


def state_brushes(state: str) -> tuple[QColor, QColor]:
    bg, fg = STATE_COLOURS.get(state, ("#ffffff", "#000000"))
    return QColor(bg), QColor(fg)


def pick_cjk_family() -> str | None:
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            return family
    from desktop.paths import resource

    bundled = resource("fonts", "wqy-microhei.ttc")
    if bundled.exists():
        font_id = QFontDatabase.addApplicationFont(str(bundled))
        loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if loaded:
            return loaded[0]
    return None


def apply(app: QApplication) -> None:
    family = pick_cjk_family()
    if family:
        font = QFont(family, 10)
        app.setFont(font)
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE)


STYLE = f"""
QMainWindow, QDialog {{ background: #fafafa; }}
QListWidget#nav {{ background: #2f3542; color: #e8e8e8; border: none; font-size: 11pt; }}
QListWidget#nav::item {{ padding: 10px 14px; }}
QListWidget#nav::item:selected {{ background: {ACCENT}; color: white; }}
QLabel#pageTitle {{ font-size: 15pt; font-weight: bold; color: #222; }}
QLabel#hint {{ color: #666; }}
QLabel#error {{ color: #b71c1c; }}
QLabel#banner {{ background: #fff3cd; color: #6b4a00; border: 1px solid #f0d58a; padding: 6px; border-radius: 3px; }}
QFrame#reminderPanel {{ background: #fff8e1; border-bottom: 2px solid #f0c04a; }}
QLabel#reminderTitle {{ font-size: 11pt; font-weight: bold; color: #7a4f00; }}
QLabel#errorBanner {{ background: #fde2e1; color: #8e1212; border: 1px solid #f2b8b5; padding: 6px;
                      border-radius: 3px; }}
QLabel#badgeMajor {{ background: #b71c1c; color: white; padding: 2px 8px; border-radius: 3px; }}
QLabel#badgeGeneral {{ background: #546e7a; color: white; padding: 2px 8px; border-radius: 3px; }}
QPushButton#action {{ text-align: left; padding: 6px 10px; border: 1px solid #9fb3d1; background: #eef3fb;
                      border-radius: 3px; }}
QPushButton#action:hover {{ background: #dce7f7; }}
QPushButton#actionUrgent {{ text-align: left; padding: 6px 10px; border: 1px solid #e0a3a0; background: #fdecea;
                            border-radius: 3px; color: #8e1212; }}
QPushButton#primary {{ background: {ACCENT}; color: white; padding: 6px 16px; border-radius: 3px; }}
QPushButton:disabled {{ color: {DISABLED_FG}; }}
QPushButton#action:disabled, QPushButton#actionUrgent:disabled {{ background: {DISABLED_BG}; color: {DISABLED_FG};
                                                                   border: 1px dashed #c4c4c4; }}
QPushButton#primary:disabled {{ background: {DISABLED_BG}; color: {DISABLED_FG}; border: 1px solid #c4c4c4; }}
QLabel#disabledReason {{ color: #5f5f5f; font-size: 9pt; padding: 0 2px 4px 2px; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"],
QDateTimeEdit[invalid="true"] {{ border: 1px solid #c62828; background: #fff6f6; }}
QTableView {{ gridline-color: #e2e2e2; selection-background-color: #cfd8e6; selection-color: black; }}
QHeaderView::section {{ background: #eceff1; padding: 4px; border: none; border-right: 1px solid #d6d6d6;
                        font-weight: bold; }}
QGroupBox {{ font-weight: bold; border: 1px solid #d9d9d9; border-radius: 4px; margin-top: 10px; padding-top: 6px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
"""
