"""One typed wrapper over QSettings; every key and its default is declared here, nowhere else."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from desktop.paths import config_dir

T = TypeVar("T")


class Option(Generic[T]):
    """A typed setting: `Settings().language` reads, `settings.language = "en"` writes."""

    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        owner.DEFAULTS[self.key] = self.default  # type: ignore[attr-defined]

    def __get__(self, obj: Settings | None, owner: type) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        return obj.get(self.key, self.default)

    def __set__(self, obj: Settings, value: T) -> None:
        obj.store.setValue(self.key, value)


class Settings:
    DEFAULTS: ClassVar[dict[str, Any]] = {}

    language: Option[str] = Option("ui/language", "zh_CN")
    geometry: Option[QByteArray] = Option("window/geometry", QByteArray())
    window_state: Option[QByteArray] = Option("window/state", QByteArray())
    last_page: Option[str] = Option("window/last_page", "dashboard")
    last_user: Option[str] = Option("login/last_user", "")
    # Due soon = less than half of the limit or less than these minutes remain, whichever comes first; the half
    # is fixed (desktop.services.deadline_board).
    due_soon_min_minutes: Option[int] = Option("dashboard/due_soon_min_minutes", 10)
    only_mine: Option[bool] = Option("dashboard/only_mine", False)
    notify: Option[bool] = Option("notify/enabled", True)
    sound: Option[bool] = Option("notify/sound", False)
    wall_font_pt: Option[int] = Option("wall/font_pt", 22)  # on a 1080-line screen; scaled with the screen's height

    def __init__(self, store: QSettings | None = None) -> None:
        # a file in the platform's settings folder: QSettings' own user scope is ~/.config on macOS too
        self.store = store or QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)

    def get(self, key: str, default: Any) -> Any:
        if isinstance(default, QByteArray):
            value = self.store.value(key, default)
            return value if isinstance(value, QByteArray) else QByteArray()
        value = self.store.value(key, default, type=type(default))
        return value if value is not None else default

    def reset(self) -> None:
        for key in self.DEFAULTS:
            self.store.remove(key)

    def sync(self) -> None:
        self.store.sync()
