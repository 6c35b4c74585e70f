"""A dock whose content is made when it first shows.

The Problems, Project and Project Problems docks start hidden (a window opened on a file shows
no project), and their contents cost milliseconds to make (and modules to load) before the first
frame. The dock itself is kept from the start, so the saved layout (``restoreState``) and the
View menu's toggle work on it as on any dock.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDockWidget, QWidget


class LazyDock(QDockWidget):
    def __init__(self, title: str, name: str, parent: QWidget, make: Callable[[], QWidget]):
        super().__init__(title, parent)
        self.setObjectName(name)
        self._make = make

    @property
    def made(self) -> bool:
        return self.widget() is not None

    def content(self) -> QWidget:
        """The dock's widget, made now if it was not yet."""
        if self.widget() is None:
            self.setWidget(self._make())
        return self.widget()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.content()
        super().showEvent(event)
