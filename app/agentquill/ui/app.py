"""Starting the desktop app."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_ID, APP_NAME, __version__
from ..core.store import RecoveryStore
from .main_window import MainWindow
from .settings import Settings
from .theme import apply_theme


def cache_folder() -> Path:
    import appdirs

    return Path(appdirs.user_cache_dir(APP_NAME, appauthor=False))


def create_app(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    return app


def run(args: Sequence[str]) -> int:
    """Open the main window on the given files or folders; returns the exit code."""
    app = create_app()
    settings = Settings.default()
    recovery = RecoveryStore(cache_folder() / "recovery")
    window = MainWindow(settings, recovery)
    window.dark = apply_theme(app, settings.preferences.theme)
    pending = recovery.pending()
    window.show()
    if pending and _ask_restore(window, len(pending)):
        window.restore(pending)
    else:
        for item in pending:
            recovery.discard(item.key)
    window.open_paths(list(args))
    if not window.editor_tabs():
        window.new_file()
    return app.exec()


def _ask_restore(window: MainWindow, count: int) -> bool:
    answer = QMessageBox.question(
        window,
        "Restore unsaved work?",
        f"{APP_NAME} did not close cleanly. Restore {count} unsaved file(s)?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
