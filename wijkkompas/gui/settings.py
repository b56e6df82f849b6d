"""Preferences: one declared table over QSettings (an INI file in the app-data folder).

Why declared: every preference has a type and default in one place, and tests
redirect the whole file by setting WIJKKOMPAS_DATA_DIR. The project (the work)
is separate: settings hold only window state, recent files and preferences.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from wijkkompas.core import appdata

MAX_RECENT = 8


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    description: str


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("window/geometry", QByteArray, QByteArray(), "Positie en grootte van het hoofdvenster"),
        Setting("window/last_panel", str, "start", "Laatst geopende onderdeel"),
        Setting("files/recent", list, [], "Recente projecten"),
        Setting("files/last_dir", str, "", "Laatst gebruikte map"),
        Setting("autosave/minutes", int, 3, "Minuten tussen automatische kopieën van een gewijzigd project"),
    )
}


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else appdata.settings_file()
        self._qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        setting = SETTINGS[key]
        value = self._qsettings.value(key, setting.default)
        if value is None:
            return setting.default
        if setting.type is list:
            if isinstance(value, str):
                return [value] if value else []
            return list(value)
        if setting.type is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return setting.default
        return value

    def set(self, key: str, value: Any) -> None:
        if key not in SETTINGS:
            raise KeyError(key)
        self._qsettings.setValue(key, value)
        self._qsettings.sync()

    # --- recent files ---
    def recent_files(self) -> list[str]:
        return [p for p in self.get("files/recent") if p]

    def add_recent(self, path: Path | str) -> list[str]:
        text = str(Path(path).resolve())
        recent = [text] + [p for p in self.recent_files() if p != text]
        recent = recent[:MAX_RECENT]
        self.set("files/recent", recent)
        return recent

    def remove_recent(self, path: str) -> None:
        self.set("files/recent", [p for p in self.recent_files() if p != path])
