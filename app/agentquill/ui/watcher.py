"""The app's one file system watcher, shared by the window's tabs and the open project.

Two watchers would each take an inotify watch (a per-user limit) for every agent open in a
tab, and each would fire on every change. :class:`FileWatcher` owns the one
:class:`QFileSystemWatcher`; each user holds a :class:`Watch`: the paths it asked for, and
the changes to those paths only. A path stays watched while any user holds it, so a tab that
closes does not end the project's watch on its file, nor a project that closes the tab's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal


class FileWatcher(QObject):
    """The one watcher; :meth:`watch` hands out a user's share of it."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.qt = QFileSystemWatcher(self)
        self._holders: Counter[str] = Counter()

    def watch(self, parent: QObject) -> Watch:
        """A new, empty share that lives as long as ``parent``."""
        return Watch(self, parent)

    def _hold(self, paths: list[str]) -> None:
        self._holders.update(paths)

    def _release(self, paths: list[str]) -> None:
        self._holders.subtract(paths)
        unheld = [p for p in paths if self._holders[p] <= 0]
        for path in unheld:
            del self._holders[path]
        if unheld:
            self.qt.removePaths(unheld)


class Watch(QObject):
    """The paths one user watches (QFileSystemWatcher's calls, for those paths only).

    ``files()`` and ``directories()`` list the paths still watched: Qt ends the watch of a
    file that is deleted or replaced by a rename, and :meth:`add` starts it again.
    """

    fileChanged = Signal(str)  # noqa: N815 - QFileSystemWatcher's names
    directoryChanged = Signal(str)  # noqa: N815

    def __init__(self, shared: FileWatcher, parent: QObject):
        super().__init__(parent)
        self._shared = shared
        self._paths: set[str] = set()
        shared.qt.fileChanged.connect(self._file_changed)
        shared.qt.directoryChanged.connect(self._directory_changed)

    def add(self, paths: Iterable[str]) -> None:
        """Watch ``paths`` (existing files or folders), again if Qt ended a watch."""
        paths = list(paths)
        new = [p for p in dict.fromkeys(paths) if p not in self._paths]
        self._paths.update(new)
        self._shared._hold(new)
        if paths:
            self._shared.qt.addPaths(paths)  # Qt skips those it watches

    def remove(self, paths: Iterable[str]) -> None:
        held = [p for p in dict.fromkeys(paths) if p in self._paths]
        self._paths.difference_update(held)
        self._shared._release(held)

    def clear(self) -> None:
        """Stop watching every path of this share."""
        self.remove(list(self._paths))

    def files(self) -> list[str]:
        return [p for p in self._shared.qt.files() if p in self._paths]

    def directories(self) -> list[str]:
        return [p for p in self._shared.qt.directories() if p in self._paths]

    def _file_changed(self, path: str) -> None:
        if path in self._paths:
            self.fileChanged.emit(path)

    def _directory_changed(self, path: str) -> None:
        if path in self._paths:
            self.directoryChanged.emit(path)
