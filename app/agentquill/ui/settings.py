"""User preferences and UI state, kept apart, as JSON in the appdirs config folder.

Settings are created by the app and passed in; nothing reads them at import time. Tests
point ``Settings`` at a temporary folder.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..core.store import atomic_write

MAX_RECENT = 12


@dataclass
class Preferences:
    theme: str = "system"  # light | dark | system
    wrap_source: bool = False
    show_preview: bool = True


@dataclass
class UiState:
    geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""
    splitter: str = ""
    recent_files: list[str] = field(default_factory=list)
    recent_projects: list[str] = field(default_factory=list)
    open_files: list[str] = field(default_factory=list)


class Settings:
    """Preferences (``settings.json``) and UI state (``state.json``) in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.preferences = Preferences(**_known(Preferences, _load(self.folder / "settings.json")))
        self.state = UiState(**_known(UiState, _load(self.folder / "state.json")))

    @classmethod
    def default(cls) -> Settings:
        import appdirs

        from .. import APP_NAME

        return cls(Path(appdirs.user_config_dir(APP_NAME, appauthor=False)))

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, data in (("settings.json", self.preferences), ("state.json", self.state)):
            atomic_write(self.folder / name, json.dumps(asdict(data), indent=2).encode())

    def add_recent_file(self, path: str | Path) -> None:
        self.state.recent_files = _pushed(self.state.recent_files, str(Path(path).resolve()))

    def add_recent_project(self, path: str | Path) -> None:
        self.state.recent_projects = _pushed(self.state.recent_projects, str(Path(path).resolve()))


def _pushed(items: list[str], item: str) -> list[str]:
    return [item] + [i for i in items if i != item][: MAX_RECENT - 1]


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Only the keys ``cls`` has, with values of the default's type (bad files never crash)."""
    defaults = asdict(cls())
    return {k: v for k, v in data.items() if k in defaults and type(v) is type(defaults[k])}
