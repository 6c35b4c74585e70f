"""The Agent menu: new agent from a template, duplicate, rename, move, delete to the trash.

:class:`AgentController` holds what the Agent menu's actions (and the project tree's) do;
the actions themselves are declared with the others in :mod:`.actions`. It asks every
question through the window's ``prompts``, and opens, watches and closes tabs through its
``files``. Open tabs follow files that are renamed or moved; a deleted file's tab closes, or
stays as an unsaved tab when it holds unsaved work. Every file an action writes or removes is
reported to the open project (``projects.report``), so its tree, problems and export follow
at once.

A rename or a duplicate first offers to update the agent's name where its description names
it (``prompts.ask_update_mentions``, whose Cancel drops the whole action); the file on disk
gets both changes in one write, the tab both in one undo step. A rename is one step
of the tab's undo history, linked to the file on disk by
:class:`LinkedRename`: undoing that step (Edit → Undo, or Ctrl+Z in the source) also puts the
file back under its old name, and redoing it renames the file again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFile, QObject, QTimer

from ...core.files import DiskStamp
from ...core.frontmatter import fields
from ...core.project import manage, mentions
from ..editor.document import AgentDocument

if TYPE_CHECKING:
    from .main_window import MainWindow


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
        self.window.projects.report(source, target)

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


class AgentController(QObject):
    """What the Agent menu does, on the current tab's file or on a path given; a child of
    the window."""

    #: the Agent menu's actions on the current tab's file
    FILE_ACTIONS = ("duplicate_agent", "rename_agent", "move_agent", "delete_agent")

    @property
    def window(self) -> MainWindow:
        """Our parent (not held, as :attr:`.files.Files.window` says why)."""
        return self.parent()

    def enable_file_actions(self, enabled: bool) -> None:
        """Greys the file actions out in the open menu when no saved file is current; the
        shortcuts stay live (they answer with a status message), so nothing has to track
        every path change."""
        for name in self.FILE_ACTIONS:
            self.window.acts[name].setEnabled(enabled)

    def current_path(self) -> Path | None:
        tab = self.window.current()
        return tab.document.path if tab is not None else None

    def on_current(self, operation) -> None:
        """``operation(path)`` on the current tab's file, or say why not."""
        path = self.current_path()
        if path is None:
            self.window.statusBar().showMessage("Save this agent to a file first", 5000)
            return
        operation(path)

    def rename_focused(self) -> None:
        """F2: rename the agent selected in the project tree while the tree has focus, else
        the current tab's (the Sections tree and form tables keep F2 to edit their rows)."""
        window = self.window
        path = window.project_tree.focused_agent() if window.project_dock.made else None
        if path is not None:
            self.rename_agent(path)
        else:
            self.on_current(self.rename_agent)

    def _documents_at(self, path: Path) -> list[AgentDocument]:
        return [t.document for t in self.window.editor_tabs() if t.document.path == path]

    def _project(self) -> Path | None:
        """The open project's folder, else the project of the current tab's file."""
        session = self.window.projects.session
        if session is not None:
            return session.root
        path = self.current_path()
        return manage.project_root(path) if path is not None else None

    # --- the actions ------------------------------------------------------------------------
    def new_agent(self, folder: Path | None = None) -> Path | None:
        """Create an agent file from a template and open it."""
        request = self.window.prompts.ask_new_agent(folder, self._project())
        if request is None:
            return None
        try:
            path = manage.create_from_template(
                request.template, request.folder, request.name, request.description
            )
        except manage.ManageError as exc:
            self.window.prompts.show_error("Cannot create the agent", str(exc))
            return None
        self.window.projects.report(path)
        self.window.files.open_file(path)
        return path

    def duplicate_agent(self, path: Path) -> Path | None:
        """Copy an agent file beside itself, with a new unique name, and open the copy (with
        its description's mentions of the old name updated, when the user wants)."""
        try:
            new = manage.split_name(manage.duplicate_target(path))[0]
            update = self._ask_mentions(manage.mentions_of(path, new), "Duplicate")
            if update is None:
                return None
            copy = manage.duplicate(path, mentions=update)
        except manage.ManageError as exc:
            self.window.prompts.show_error("Cannot duplicate the agent", str(exc))
            return None
        self.window.projects.report(copy)
        self.window.files.open_file(copy)
        self.window.statusBar().showMessage(f"Duplicated {path.name} as {copy.name}", 5000)
        return copy

    def rename_agent(self, path: Path) -> Path | None:
        """Rename the file and its ``name`` field in one step of the tab's undo history."""
        try:
            manage.refuse_skill(path)  # before asking for a name
        except manage.ManageError as exc:
            self.window.prompts.show_error("Cannot rename the skill", str(exc))
            return None
        tab = self.window.files.open_file(path)
        if tab is None:
            return None
        document = tab.document
        if document.read_only_reason:
            self.window.prompts.show_error("Cannot rename the agent", document.read_only_reason)
            return None
        old = document.parsed().value("name")
        old = old if isinstance(old, str) else manage.split_name(path)[0]
        new = self.window.prompts.ask_rename(path, old, tab.agent.dialect)
        if not new:
            return None
        found = mentions.find(document.text(), old, new)
        update = self._ask_mentions(found, "Rename")
        if update is None:
            return None
        try:
            edits = []
            if document.parsed().get("name") is not None:
                edits = fields.set_value(document.text(), "name", new)
            if update:
                edits += found.edits
            self.window.files.unwatch(path)
            done = manage.rename(path, new, mentions=update)
        except (fields.EditRefused, manage.ManageError) as exc:
            self.window.files.watch(tab)
            self.window.prompts.show_error("Cannot rename the agent", str(exc))
            return None
        document.apply(edits)
        if edits:
            LinkedRename(self.window, document, done)
        follow(self.window, document, done.new_path, restamp=True)
        self.window.projects.report(path, done.new_path)
        self.window.statusBar().showMessage(f"Renamed {path.name} to {done.new_path.name}", 5000)
        return done.new_path

    def move_agent(self, path: Path) -> Path | None:
        """Move an agent file to another scope or folder; its tab follows."""
        folder = self.window.prompts.ask_move_folder(
            path, manage.move_targets(path, self._project())
        )
        if folder is None:
            return None
        try:
            target = manage.move(path, folder)
        except manage.ManageError as exc:
            self.window.prompts.show_error("Cannot move the agent", str(exc))
            return None
        for document in self._documents_at(path):
            follow(self.window, document, target, restamp=False)
        self.window.projects.report(path, target)
        self.window.statusBar().showMessage(f"Moved {path.name} to {folder}", 5000)
        return target

    def delete_agent(self, path: Path) -> bool:
        """Move an agent file to the system trash after asking; never deletes unasked."""
        documents = self._documents_at(path)
        if not self.window.prompts.ask_delete(path, any(d.modified for d in documents)):
            return False
        self.window.files.unwatch(path)
        how = "Moved {} to the trash"
        if not QFile.moveToTrash(str(path)):
            if not path.exists():
                self.window.prompts.show_error(
                    "Cannot delete the agent", f"{path} no longer exists"
                )
                return False
            if not self.window.prompts.ask_delete_permanently(path):
                self._watch_documents(documents)
                return False
            try:
                path.unlink()
            except OSError as exc:
                self._watch_documents(documents)
                self.window.prompts.show_error(
                    "Cannot delete the agent", f"{path}\n\n{exc.strerror or exc}"
                )
                return False
            how = "Deleted {} permanently"
        for tab in [t for t in self.window.editor_tabs() if t.document in documents]:
            if tab.document.modified:
                follow(self.window, tab.document, None, restamp=False)
            else:
                self.window.files.close_tab(self.window.tabs.indexOf(tab))
        self.window.projects.report(path)
        self.window.statusBar().showMessage(how.format(path.name), 5000)
        return True

    def _ask_mentions(self, found: mentions.Mentions | None, verb: str) -> bool | None:
        """Whether to update the mentions ``found`` too (False when there are none); None
        when the user cancels the action ``verb``."""
        if found is None:
            return False
        return self.window.prompts.ask_update_mentions(found, verb)

    def _watch_documents(self, documents: list[AgentDocument]) -> None:
        for tab in self.window.editor_tabs():
            if tab.document in documents:
                self.window.files.watch(tab)
