"""Starting the desktop app."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .. import APP_ID, APP_NAME, __version__, resources_dir
from ..core.files import RecoveryStore
from .code_cache import STARTUP
from .settings import Settings
from .theme import apply_theme
from .timers import after_first_frame, hold_until_painted
from .window.main_window import MainWindow


def cache_folder() -> Path:
    import appdirs

    return Path(appdirs.user_cache_dir(APP_NAME, appauthor=False))


def create_app(argv: Sequence[str] = ()) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon(FIRST_FRAME_ICON))
    STARTUP.done()  # the app's modules are loaded
    _tune_gc()
    return app


def _tune_gc() -> None:
    """Shorter, rarer collector pauses while editing (`make bench`, structured editors): what
    start-up loaded (Qt's wrappers, the markdown and lexer tables) is left out of every
    collection, and young objects are collected every 10,000 allocations rather than 700, as
    re-reading a large outline makes tens of thousands at once. (``__main__`` disables the
    collector while the app's modules load.)"""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    gc.enable()


#: the window icon's sizes before the first frame: what title bars and task lists draw. X11
#: sends a window every size of its icon as pixels; 128-512 px cost ~20 ms before it maps.
FIRST_FRAME_ICON = 64


def app_icon(largest: int | None = None) -> QIcon:
    """The app icon at every size drawn for it (``resources/icons``), or up to ``largest``."""
    icon = QIcon()
    for png in (resources_dir() / "icons").glob("agentquill-*.png"):
        if largest is None or int(png.stem.rpartition("-")[2]) <= largest:
            icon.addFile(str(png))
    return icon


#: for tests of built apps: exit 0 once the window shows a rendered preview, 1 after this many ms
SMOKE_EXIT = "AGENTQUILL_SMOKE_EXIT"


def run(args: Sequence[str]) -> int:
    """Open the main window on the given files or folders; returns the exit code."""
    app = create_app()
    settings = Settings.default()
    recovery = RecoveryStore(cache_folder() / "recovery")
    dark = apply_theme(app, settings.preferences.theme)  # before any widget: one style made
    window = MainWindow(settings, recovery, cache_folder() / "index")
    window.dark = dark
    if sys.platform == "darwin":  # Finder and the Dock ask it to open files
        from .window.file_open import FileOpenFilter

        app.installEventFilter(FileOpenFilter(window))
    hold_until_painted(window)  # the preview renders after the window's first frame
    after_first_frame(window, lambda: window.claude.find())  # the status item's Claude Code
    after_first_frame(window, lambda: app.setWindowIcon(app_icon()))  # for app switchers
    window.files.open_paths(list(args))  # before showing: the first frame shows the file
    window.show()
    window.files.offer_restore()
    if SMOKE_EXIT in os.environ:
        _exit_when_rendered(app, window, int(os.environ[SMOKE_EXIT]))
    return app.exec()


def _exit_when_rendered(app: QApplication, window: MainWindow, timeout_ms: int) -> None:
    deadline = time.monotonic() + timeout_ms / 1000
    timer = QTimer(window, interval=20)

    def check() -> None:
        tab = window.current()
        preview = tab.preview.toPlainText() if tab is not None else ""
        shown = window.isVisible() and window.windowHandle().isExposed()
        rendered = shown and bool(preview.strip())
        if rendered:
            name = tab.document.path.name if tab.document.path else "untitled"
            print(f"smoke: {name} shown, preview {len(preview)} characters", flush=True)
        elif time.monotonic() <= deadline:
            return
        else:
            print(f"smoke: no rendered window after {timeout_ms} ms", file=sys.stderr, flush=True)
        timer.stop()
        closed = window.close()  # closing stops the preview threads
        app.exit(0 if rendered and closed else 1)

    timer.timeout.connect(check)
    timer.start()
