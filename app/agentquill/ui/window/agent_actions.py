"""The Agent menu: new agent from a template, duplicate, rename, move, delete to the trash.

:class:`AgentActions` is a mixin of the main window. It uses the window's ``tabs``,
``editor_tabs()``, ``current()``, ``files`` (opening, watching, closing), ``project`` and
``prompts`` (every question it asks). Open tabs follow files that are renamed or moved;
a deleted file's tab closes, or stays as an unsaved tab when it holds unsaved work. Every
file an action writes or removes is reported to the open project, so its tree, problems and
export follow at once.

A rename is one step of the tab's undo history, linked to the file on disk by
:class:`LinkedRename`: undoing that step (Edit → Undo, or Ctrl+Z in the source) also puts the
file back under its old name, and redoing it renames the file again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFile, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from ...core import fields, manage
from ...core.store import DiskStamp
from ..editor.document import AgentDocument

if TYPE_CHECKING:
    pass


class LinkedRename(QObject):
    """Ties a rename on disk to the undo step that changed the ``name`` field.

    The step is undone when the document's undo count falls below the count it had right after
    the step, and redone when it climbs back; a new edit made while the step is undone drops
    the redo branch, and with it this link.
    """

    def __init__(self, window, document: AgentDocument, done: manage.Renamed):
        super().__init__(document)
        self.window, self.document, self.done = window, document, done
        self.count = document.qdoc.availableUndoSteps()
        self.undone = False
        document.qdoc.contentsChanged.connect(self._check)
        document.qdoc.undoCommandAdded.connect(self._edited)

    def _edited(self) -> None:
        if self.undone:  # the rename can no longer be redone
            self._detach()

    def _check(self) -> None:
        steps = self.document.qdoc.availableUndoSteps()
        if not self.undone and steps < self.count:
            self._run(manage.undo_rename, self.done.old_path)
        elif self.undone and steps >= self.count:
            self._run(manage.redo_rename, self.done.new_path)

    def _run(self, operation, target: Path) -> None:
        source = self.done.new_path if target == self.done.old_path else self.done.old_path
        self.window.files.unwatch(source)
        try:
            operation(self.done)
        except manage.ManageError as exc:
            self._detach()
            message = f"{exc}\n\nThe name in the editor changed; the file on disk did not."
            QTimer.singleShot(
                0, lambda: self.window.prompts.show_error("Cannot rename the file", message)
            )
            return
        self.undone = not self.undone
        follow(self.window, self.document, target, restamp=True)
        self.window.report_files(source, target)

    def _detach(self) -> None:
        self.document.qdoc.contentsChanged.disconnect(self._check)
        self.document.qdoc.undoCommandAdded.disconnect(self._edited)
        self.deleteLater()


def follow(window, document: AgentDocument, path: Path | None, restamp: bool) -> None:
    """Point an open document at its file's new place (None: the file is gone)."""
    window.files.unwatch(document.path)
    document.path = path
    if path is None:
        document.stamp = None
        document.qdoc.setModified(True)
    elif restamp:
        data = path.read_bytes()
        document.stamp = DiskStamp.of(path, data)
        if document.file_bytes() == data:
            document.qdoc.setModified(False)
    document.path_changed.emit()


class AgentActions:
    """Mixin for the main window: the Agent menu and what its actions do."""

    def _create_agent_menu(self, bar: QMenuBar) -> QMenu:
        def action(text, slot, shortcut=None, tip=""):
            act = QAction(text, self)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.setStatusTip(tip)
            act.triggered.connect(slot)
            return act

        self.act_new_agent = action(
            "&New Agent…",
            lambda: self.new_agent(),
            "Ctrl+Shift+N",
            "Create an agent file from a template",
        )
        self.act_duplicate_agent = action(
            "&Duplicate", lambda: self._on_current(self.duplicate_agent), "Ctrl+Shift+D"
        )
        self.act_rename_agent = action(
            "&Rename…",
            lambda: self._on_current(self.rename_agent),
            "F2",
            "Rename the file and its name field together",
        )
        self.act_move_agent = action(
            "&Move to…",
            lambda: self._on_current(self.move_agent),
            "Ctrl+Shift+M",
            "Move the file to another scope or folder",
        )
        self.act_delete_agent = action(
            "Move to &Trash…", lambda: self._on_current(self.delete_agent), None
        )
        menu = bar.addMenu("&Agent")
        menu.setObjectName("menu.agent")
        menu.addAction(self.act_new_agent)
        menu.addSeparator()
        file_actions = [
            self.act_duplicate_agent,
            self.act_rename_agent,
            self.act_move_agent,
            self.act_delete_agent,
        ]
        menu.addActions(file_actions)
        # greyed out in the open menu when no saved file is current; the shortcuts stay live
        # (they answer with a status message), so nothing has to track every path change
        menu.aboutToShow.connect(lambda: self._enable(file_actions, self._current_path()))
        menu.aboutToHide.connect(lambda: self._enable(file_actions, True))
        return menu

    @staticmethod
    def _enable(actions: list[QAction], enabled: object) -> None:
        for act in actions:
            act.setEnabled(bool(enabled))

    def _current_path(self) -> Path | None:
        tab = self.current()
        return tab.document.path if tab is not None else None

    def _on_current(self, operation) -> None:
        path = self._current_path()
        if path is None:
            self.statusBar().showMessage("Save this agent to a file first", 5000)
            return
        operation(path)

    def _documents_at(self, path: Path) -> list[AgentDocument]:
        return [t.document for t in self.editor_tabs() if t.document.path == path]

    def report_files(self, *paths: Path) -> None:
        """Tell the open project about files the app wrote, moved or removed."""
        if self.project is not None:
            self.project.report(list(paths))

    def _project(self) -> Path | None:
        """The open project's folder, else the project of the current tab's file."""
        if self.project is not None:
            return self.project.root
        path = self._current_path()
        return manage.project_root(path) if path is not None else None

    # --- the actions ------------------------------------------------------------------------
    def new_agent(self, folder: Path | None = None) -> Path | None:
        """Create an agent file from a template and open it."""
        request = self.prompts.ask_new_agent(folder, self._project())
        if request is None:
            return None
        try:
            path = manage.create_from_template(
                request.template, request.folder, request.name, request.description
            )
        except manage.ManageError as exc:
            self.prompts.show_error("Cannot create the agent", str(exc))
            return None
        self.report_files(path)
        self.files.open_file(path)
        return path

    def duplicate_agent(self, path: Path) -> Path | None:
        """Copy an agent file beside itself, with a new unique name, and open the copy."""
        try:
            copy = manage.duplicate(path)
        except manage.ManageError as exc:
            self.prompts.show_error("Cannot duplicate the agent", str(exc))
            return None
        self.report_files(copy)
        self.files.open_file(copy)
        self.statusBar().showMessage(f"Duplicated {path.name} as {copy.name}", 5000)
        return copy

    def rename_agent(self, path: Path) -> Path | None:
        """Rename the file and its ``name`` field in one step of the tab's undo history."""
        tab = self.files.open_file(path)
        if tab is None:
            return None
        document = tab.document
        if document.read_only_reason:
            self.prompts.show_error("Cannot rename the agent", document.read_only_reason)
            return None
        old = document.parsed().value("name")
        old = old if isinstance(old, str) else manage.split_name(path)[0]
        new = self.prompts.ask_rename(path, old, tab.agent.dialect)
        if not new:
            return None
        try:
            edits = []
            if document.parsed().get("name") is not None:
                edits = fields.set_value(document.text(), "name", new)
            self.files.unwatch(path)
            done = manage.rename(path, new)
        except (fields.EditRefused, manage.ManageError) as exc:
            self.files.watch(tab)
            self.prompts.show_error("Cannot rename the agent", str(exc))
            return None
        document.apply(edits)
        if edits:
            LinkedRename(self, document, done)
        follow(self, document, done.new_path, restamp=True)
        self.report_files(path, done.new_path)
        self.statusBar().showMessage(f"Renamed {path.name} to {done.new_path.name}", 5000)
        return done.new_path

    def move_agent(self, path: Path) -> Path | None:
        """Move an agent file to another scope or folder; its tab follows."""
        folder = self.prompts.ask_move_folder(path, manage.move_targets(path, self._project()))
        if folder is None:
            return None
        try:
            target = manage.move(path, folder)
        except manage.ManageError as exc:
            self.prompts.show_error("Cannot move the agent", str(exc))
            return None
        for document in self._documents_at(path):
            follow(self, document, target, restamp=False)
        self.report_files(path, target)
        self.statusBar().showMessage(f"Moved {path.name} to {folder}", 5000)
        return target

    def delete_agent(self, path: Path) -> bool:
        """Move an agent file to the system trash after asking; never deletes unasked."""
        documents = self._documents_at(path)
        if not self.prompts.ask_delete(path, any(d.modified for d in documents)):
            return False
        self.files.unwatch(path)
        how = "Moved {} to the trash"
        if not QFile.moveToTrash(str(path)):
            if not path.exists():
                self.prompts.show_error("Cannot delete the agent", f"{path} no longer exists")
                return False
            if not self.prompts.ask_delete_permanently(path):
                self._watch_documents(documents)
                return False
            try:
                path.unlink()
            except OSError as exc:
                self._watch_documents(documents)
                self.prompts.show_error(
                    "Cannot delete the agent", f"{path}\n\n{exc.strerror or exc}"
                )
                return False
            how = "Deleted {} permanently"
        for tab in [t for t in self.editor_tabs() if t.document in documents]:
            if tab.document.modified:
                follow(self, tab.document, None, restamp=False)
            else:
                self.files.close_tab(self.tabs.indexOf(tab))
        self.report_files(path)
        self.statusBar().showMessage(how.format(path.name), 5000)
        return True

    def _watch_documents(self, documents: list[AgentDocument]) -> None:
        for tab in self.editor_tabs():
            if tab.document in documents:
                self.files.watch(tab)
