"""The file lifecycle of the window's tabs: open, save, revert, close, changes on disk,
autosave and crash restore.

:class:`Files` owns the app's one file watcher (the project's session takes a share of it)
and the autosave timer. It asks the user through the window's ``prompts``, makes and removes
tabs through the window (``add_tab``, ``tabs``), and reports every file it writes to the open
project (``projects.report``).
"""

from __future__ import annotations

import gc
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from ...core.files import RecoveryStore
from ..editor.document import AgentDocument
from ..editor.tab import EditorTab
from ..watcher import FileWatcher

if TYPE_CHECKING:
    from .main_window import MainWindow

AUTOSAVE_MS = 5000


class Files(QObject):
    """Opens, saves and closes the files of ``window``'s tabs, and watches them on disk."""

    def __init__(self, window: MainWindow, recovery: RecoveryStore | None):
        super().__init__(window)
        self.recovery = recovery
        self.file_watcher = FileWatcher(self)
        self.watcher = self.file_watcher.watch(self)  # the tabs' files
        self.watcher.fileChanged.connect(self._changed_on_disk)
        self._autosave = QTimer(self, interval=AUTOSAVE_MS, timeout=self.autosave)
        self._autosave.start()
        # a closed tab's views hold one another in reference cycles, which Python frees on a
        # full collection only (hundreds of closes later) unless one runs once it is deleted
        self._collect = QTimer(self, singleShot=True, interval=0)
        self._collect.timeout.connect(gc.collect)

    @property
    def window(self) -> MainWindow:
        """Our parent (not held: a reference back would keep a closed window and its threads
        alive until a garbage collection, which then destroys them at a random moment)."""
        return self.parent()

    # --- opening ----------------------------------------------------------------------------
    def open_file(self, path: str | Path) -> EditorTab | None:
        """Open (or switch to) a file; a clear dialog when it cannot be read."""
        window = self.window
        path = Path(path).resolve()
        for tab in window.editor_tabs():
            if tab.document.path == path:
                window.tabs.setCurrentWidget(tab)
                return tab
        try:
            document = AgentDocument.open(path)
        except OSError as exc:
            window.prompts.show_error("Cannot open file", f"{path}\n\n{exc.strerror or exc}")
            return None
        window.settings.add_recent_file(path)
        tab = window.add_tab(document)
        if window.project_dock.made and str(path) in window.project_tree.model.scores:
            from ..evals.scores import show_score  # a project's agent with a delegation score

            show_score(window, tab)
        return tab

    def open_paths(self, paths: list[str]) -> None:
        """Files open as tabs; a folder opens as the project (the first folder named)."""
        folders = [raw for raw in paths if Path(raw).is_dir()]
        if folders:
            self.window.projects.open(folders[0])
        for raw in paths:
            if not Path(raw).is_dir():
                self.open_file(raw)

    def open_dialog(self) -> None:
        for path in self.window.prompts.ask_open_paths():
            self.open_file(path)

    def watch(self, tab: EditorTab) -> None:
        """Watch ``tab``'s file (again: a save by rename ends a watch) and show its name."""
        path = tab.document.path
        if path is not None and path.exists():  # a restored file deleted since: not yet
            self.watcher.add([str(path)])
        self.window.update_title(tab)

    def unwatch(self, path: Path | None) -> None:
        if path is not None:
            self.watcher.remove([str(path)])

    # --- saving -----------------------------------------------------------------------------
    def save(self, tab: EditorTab | None = None) -> bool:
        tab = tab or self.window.current()
        if tab is None:
            return False
        tab.flush()
        if tab.document.path is None:
            return self.save_as(tab)
        if tab.document.changed_on_disk() and self.window.prompts.ask_overwrite(tab) != "overwrite":
            return False
        return self._write(tab, None)

    def save_as(self, tab: EditorTab | None = None) -> bool:
        tab = tab or self.window.current()
        if tab is None:
            return False
        tab.flush()
        path = self.window.prompts.ask_save_path(tab)
        return bool(path) and self._write(tab, Path(path))

    def _write(self, tab: EditorTab, path: Path | None) -> bool:
        window = self.window
        self.unwatch(tab.document.path)  # our own write is no change on disk
        try:
            if path is None and tab.document.deleted_on_disk:  # its folder may have gone too
                tab.document.path.parent.mkdir(parents=True, exist_ok=True)
            tab.document.save(path)
        except OSError as exc:
            window.prompts.show_error(
                "Cannot save file",
                f"{path or tab.document.path}\n\n"
                f"{exc.strerror or exc}\n\nYour changes are still in the editor.",
            )
            return False
        finally:
            self.watch(tab)
        if self.recovery is not None:
            self.recovery.discard(tab.document.key)
        window.projects.report(tab.document.path)
        window.settings.add_recent_file(tab.document.path)
        window.statusBar().showMessage(f"Saved {tab.document.path}", 4000)
        return True

    def revert(self) -> None:
        tab = self.window.current()
        if tab is None or tab.document.path is None:
            return
        if tab.document.modified and self.window.prompts.ask_revert(tab) != "revert":
            return
        self._reload(tab)

    def _reload(self, tab: EditorTab) -> None:
        try:
            tab.document.reload()
        except (OSError, ValueError) as exc:
            self.window.prompts.show_error("Cannot reload file", f"{tab.document.path}\n\n{exc}")

    # --- closing ----------------------------------------------------------------------------
    def close_tab(self, index: int) -> bool:
        """Close the tab at ``index``, asking about unsaved work; False when the user keeps it."""
        tabs = self.window.tabs
        tab = tabs.widget(index)
        if not isinstance(tab, EditorTab):
            return False
        tab.flush()
        if tab.document.modified:
            answer = self.window.prompts.ask_save_changes(tab)
            if answer == "cancel" or (answer == "save" and not self.save(tab)):
                return False
        if self.recovery is not None:
            self.recovery.discard(tab.document.key)
        self.unwatch(tab.document.path)
        tab.close_down()
        tabs.removeTab(index)
        tab.destroyed.connect(self._collect.start)  # gone with the window when it closes
        tab.deleteLater()
        return True

    def close_all(self) -> bool:
        """Close every tab; False as soon as the user keeps one."""
        while self.window.tabs.count():
            if not self.close_tab(0):
                return False
        return True

    # --- changes on disk and recovery --------------------------------------------------------
    def _changed_on_disk(self, raw: str) -> None:
        path = Path(raw)
        tabs = [tab for tab in self.window.editor_tabs() if tab.document.path == path]
        for tab in tabs:
            if tab.document.changed_on_disk():
                self._external_change(tab)
        # editors that replace files drop the watch; a change seen after its tab closed does not
        if tabs and path.exists():
            self.watcher.add([raw])

    def _external_change(self, tab: EditorTab) -> None:
        window = self.window
        if not tab.document.path.exists():
            window.statusBar().showMessage(f"{tab.document.path} was deleted on disk", 8000)
            tab.document.qdoc.setModified(True)
            return
        if not tab.document.modified:
            self._reload(tab)
            return
        answer = window.prompts.ask_external_change(tab)
        if answer == "reload":
            self._reload(tab)
        elif answer == "compare":
            window.prompts.show_diff(tab)
            self._external_change(tab)
        else:  # keep mine: the next save asks before overwriting
            tab.document.qdoc.setModified(True)

    def autosave(self) -> None:
        if self.recovery is None:
            return
        for tab in self.window.editor_tabs():
            if tab.document.modified and not tab.document.read_only_reason:
                path = str(tab.document.path) if tab.document.path else None
                self.recovery.save(tab.document.key, path, tab.document.text())

    def offer_restore(self) -> None:
        """Ask which unsaved work autosave kept to open again; what the user discards goes,
        the rest stays kept for next time."""
        pending = self.recovery.pending() if self.recovery is not None else []
        if not pending:
            return
        answer = self.window.prompts.ask_restore(pending)
        self.restore(answer.restore)
        for item in answer.discard:
            self.recovery.discard(item.key)

    def restore(self, recovered) -> None:
        """Open unsaved work left by a crash as modified tabs. A file deleted since keeps its
        path (saving writes it there again); a file that cannot be read opens as Untitled."""
        for item in recovered:
            path = Path(item.path).resolve() if item.path else None
            gone = path is not None and not path.exists()
            tab = self.open_file(path) if path is not None and not gone else None
            if tab is None:
                tab = self.window.add_tab(AgentDocument(path=path if gone else None))
            if not tab.document.read_only_reason:
                tab.document.become(item.text, modified=True)
            if self.recovery is None:
                continue
            if tab.document.loading:  # closed before it is all in: offered again next time
                tab.document.loaded.connect(partial(self.recovery.discard, item.key))
            else:
                self.recovery.discard(item.key)
