"""User preferences and UI state, kept apart, as JSON in the appdirs config folder.

Settings are created by the app and passed in; nothing reads them at import time. Tests
point ``Settings`` at a temporary folder.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..core.files import atomic_write

MAX_RECENT = 12


@dataclass
class Preferences:
    """What the user chose in Preferences (``settings.json``)."""

    theme: str = "system"  # light | dark | system
    show_preview: bool = True
    include_user_agents: bool = False  # ~/.claude/agents as a source of every project
    claude_path: str = ""  # the Claude Code to run; empty: look on the PATH and install places


@dataclass
class UiState:
    """What the app remembers of its windows and work between sessions (``state.json``)."""

    geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""
    splitter: str = ""
    recent_files: list[str] = field(default_factory=list)
    recent_projects: list[str] = field(default_factory=list)
    open_files: list[str] = field(default_factory=list)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)  # project -> Session
    exports: dict[str, dict[str, Any]] = field(default_factory=dict)  # project -> export values
    eval_run: dict[str, Any] = field(default_factory=dict)  # runs, jobs, max_cost_usd (ui.evals)


@dataclass
class Session:
    """What a project had open: its files, the current one, and the window's dock layout."""

    files: list[str] = field(default_factory=list)
    current: str = ""
    layout: str = ""  # base64 of QMainWindow.saveState()


class Settings:
    """Preferences (``settings.json``) and UI state (``state.json``) in ``folder``.

    ``data_folder`` holds what the user works on that the app provides, such as the copy of the
    example project (the installed one may be read-only and must stay pristine); it defaults to
    ``folder`` so a test's settings keep everything in one temporary place.
    """

    def __init__(self, folder: Path, data_folder: Path | None = None):
        self.folder = Path(folder)
        self.data_folder = Path(data_folder) if data_folder is not None else self.folder
        self.preferences = Preferences(**_known(Preferences, _load(self.folder / "settings.json")))
        self.state = UiState(**_known(UiState, _load(self.folder / "state.json")))

    @classmethod
    def default(cls) -> Settings:
        import appdirs

        from .. import APP_NAME

        return cls(
            Path(appdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(appdirs.user_data_dir(APP_NAME, appauthor=False)),
        )

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, data in (("settings.json", self.preferences), ("state.json", self.state)):
            atomic_write(
                self.folder / name, json.dumps(asdict(data), indent=2).encode(), private=True
            )

    def add_recent_file(self, path: str | Path) -> None:
        self.state.recent_files = _pushed(self.state.recent_files, str(Path(path).resolve()))

    def add_recent_project(self, path: str | Path) -> None:
        self.state.recent_projects = _pushed(self.state.recent_projects, str(Path(path).resolve()))

    def session(self, project: str | Path) -> Session:
        data = self.state.sessions.get(str(Path(project).resolve()))
        return Session(**_known(Session, data if isinstance(data, dict) else {}))

    def set_session(self, project: str | Path, session: Session) -> None:
        """Keep ``session``; only recent projects keep theirs."""
        key = str(Path(project).resolve())
        self.add_recent_project(key)
        sessions = {k: v for k, v in self.state.sessions.items() if k in self.state.recent_projects}
        sessions[key] = asdict(session)
        self.state.sessions = sessions

    def export_values(self, project: str | Path | None) -> dict[str, Any]:
        """What the Export dialog last held for ``project`` (None: files of no project)."""
        data = self.state.exports.get(_project_key(project))
        return data if isinstance(data, dict) else {}

    def set_export_values(self, project: str | Path | None, values: dict[str, Any]) -> None:
        """Keep ``values``; a few projects' only, the latest first."""
        key = _project_key(project)
        kept = [(k, v) for k, v in self.state.exports.items() if k != key][: MAX_RECENT - 1]
        self.state.exports = dict([(key, values), *kept])


def _project_key(project: str | Path | None) -> str:
    return str(Path(project).resolve()) if project is not None else ""


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
