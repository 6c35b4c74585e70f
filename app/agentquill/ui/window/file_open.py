"""The files macOS asks the app to open (Finder double-click, a drop on the Dock icon)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

if TYPE_CHECKING:
    from .main_window import MainWindow


class FileOpenFilter(QObject):
    """Opens the files the system asks the app to open in the main window. Installed on the
    app, it sees every event of every widget, so only on macOS, the only system that sends
    them (``ui.app.run``)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            if event.file():
                self.window.files.open_paths([event.file()])
            return True
        return super().eventFilter(watched, event)
