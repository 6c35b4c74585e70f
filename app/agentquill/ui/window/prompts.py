"""Every question the window asks the user, in one object that tests replace.

Each ``ask_*`` method shows a modal dialog and returns the answer as a plain value ("save",
"cancel", a path, None), so the window and its controllers never look at buttons.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core import dialects

if TYPE_CHECKING:
    from ...core.files import Recovered
    from ...core.project.mentions import Mentions
    from ..dialogs.new_agent import NewAgentRequest
    from ..dialogs.restore import RestoreAnswer
    from ..editor.tab import EditorTab

FILE_FILTER = "Agent files (*.md *.agent.md *.chatmode.md);;All files (*)"


class Prompts:
    """Modal questions over ``parent``."""

    def __init__(self, parent: QWidget):
        self.parent = parent

    def ask_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self.parent, "Open folder as project")

    def ask_open_paths(self) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self.parent, "Open agent files", "", FILE_FILTER)
        return paths

    def ask_claude_path(self, current: str) -> str:
        """The Claude Code executable to run ("" when none is chosen)."""
        path, _ = QFileDialog.getOpenFileName(self.parent, "Choose the claude program", current)
        return path

    def ask_save_path(self, tab: EditorTab) -> str:
        name = tab.document.parsed().value("name")
        suggestion = f"{name}.md" if isinstance(name, str) and name else "agent.md"
        suggestion = str(tab.document.suggested or suggestion)
        path, _ = QFileDialog.getSaveFileName(
            self.parent, "Save agent file", suggestion, FILE_FILTER
        )
        return path

    def _question(
        self, title: str, text: str, buttons: list[tuple[str, str, object]], default: str = ""
    ) -> str:
        """The answer of the button pressed; ``default`` names the one Enter presses."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        mapping = {box.addButton(label, role): answer for answer, label, role in buttons}
        for button, answer in mapping.items():
            if answer == default:
                box.setDefaultButton(button)
        box.exec()
        return mapping.get(box.clickedButton(), "cancel")

    def ask_save_changes(self, tab: EditorTab) -> str:
        role = QMessageBox.ButtonRole
        return self._question(
            "Unsaved changes",
            f"Save the changes to {tab.document.title} before closing?",
            [
                ("save", "Save", role.AcceptRole),
                ("discard", "Don't Save", role.DestructiveRole),
                ("cancel", "Cancel", role.RejectRole),
            ],
        )

    def ask_external_change(self, tab: EditorTab) -> str:
        role = QMessageBox.ButtonRole
        return self._question(
            "File changed on disk",
            f"{tab.document.path} was changed by another program, and you have unsaved "
            "changes. Which version do you want?",
            [
                ("reload", "Reload from Disk", role.DestructiveRole),
                ("keep", "Keep Mine", role.RejectRole),
                ("compare", "Compare…", role.ActionRole),
            ],
        )

    def ask_overwrite(self, tab: EditorTab) -> str:
        role = QMessageBox.ButtonRole
        return self._question(
            "File changed on disk",
            f"{tab.document.path} changed on disk since you opened it. Overwrite it with "
            "your version?",
            [
                ("overwrite", "Overwrite", role.DestructiveRole),
                ("cancel", "Cancel", role.RejectRole),
            ],
        )

    def ask_revert(self, tab: EditorTab) -> str:
        role = QMessageBox.ButtonRole
        return self._question(
            "Revert",
            f"Discard your changes to {tab.document.title} and reload it from disk?",
            [("revert", "Revert", role.DestructiveRole), ("cancel", "Cancel", role.RejectRole)],
        )

    def ask_save_before_run(self, tab: EditorTab) -> bool:
        """Whether to save the agent so a run of its delegation tests reads what is shown."""
        role = QMessageBox.ButtonRole
        return (
            self._question(
                "Unsaved changes",
                f"Save {tab.document.title} before running? The run reads the file on disk.",
                [("save", "Save", role.AcceptRole), ("cancel", "Cancel", role.RejectRole)],
                "save",
            )
            == "save"
        )

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def show_diff(self, tab: EditorTab) -> None:
        disk = tab.document.path.read_text(encoding="utf-8", errors="replace")
        diff = "".join(
            difflib.unified_diff(
                disk.splitlines(keepends=True),
                tab.document.file_text().splitlines(keepends=True),
                "on disk",
                "in the editor",
            )
        )
        view = QPlainTextEdit(diff or "No differences.")
        view.setReadOnly(True)
        closable(self.parent, f"Changes: {tab.document.title}", view, (900, 600)).exec()

    def ask_repair(self, tab: EditorTab, before: str, after: str) -> bool:
        """Show what Repair Frontmatter would change; True to apply it."""
        from ..dialogs.repair_diff import RepairDiffDialog  # loaded when first used

        return bool(RepairDiffDialog(tab.document.title, before, after, self.parent).exec())

    def ask_restore(self, pending: list[Recovered]) -> RestoreAnswer:
        """Which of the unsaved work autosave kept to restore, and which to discard."""
        from ..dialogs.restore import RestoreDialog  # loaded when first used

        dialog = RestoreDialog(pending, self.parent)
        dialog.exec()
        return dialog.answer

    def ask_update_mentions(self, found: Mentions, verb: str) -> bool | None:
        """Whether to rename the agent where its description names it (shown line by line)
        as part of the action ``verb`` ("Rename"); None: cancel the action."""
        from ..dialogs.mentions import MentionsDialog  # loaded when first used

        dialog = MentionsDialog(found, verb, self.parent)
        dialog.exec()
        return dialog.wanted()

    def ask_new_agent(self, folder: Path | None, project: Path | None) -> NewAgentRequest | None:
        from ..dialogs.new_agent import NewAgentDialog  # loaded when first used

        dialog = NewAgentDialog(folder, project, self.parent)
        return dialog.request() if dialog.exec() else None

    def ask_target_version(self, current: str, pinned: str) -> str | None:
        """The Claude Code version to check the project against (typed or picked), or None."""
        choices = [pinned] if current == pinned else [current, pinned]
        version, ok = QInputDialog.getItem(
            self.parent,
            "Target Claude Code Version",
            f"Check agents against Claude Code (e.g. {pinned}, the version the lint was checked "
            "with, or an older one your users run):",
            choices,
            0,
            True,
        )
        return version.strip() if ok and version.strip() else None

    def ask_rename(self, path: Path, name: str, dialect: dialects.Dialect) -> str | None:
        from ..dialogs.new_agent import RenameDialog  # loaded when first used

        dialog = RenameDialog(path, name, dialect, self.parent)
        return dialog.name.text().strip() if dialog.exec() else None

    def ask_move_folder(self, path: Path, targets: list[tuple[str, Path]]) -> Path | None:
        role = QMessageBox.ButtonRole
        buttons = [(str(i), label, role.AcceptRole) for i, (label, _) in enumerate(targets)]
        buttons += [
            ("choose", "Choose Folder…", role.ActionRole),
            ("cancel", "Cancel", role.RejectRole),
        ]
        answer = self._question("Move Agent", f"Move {path.name} to:", buttons)
        if answer == "choose":
            chosen = QFileDialog.getExistingDirectory(
                self.parent, "Move agent to", str(path.parent)
            )
            return Path(chosen) if chosen else None
        return targets[int(answer)][1] if answer.isdigit() else None

    def ask_delete(self, path: Path, unsaved: bool) -> bool:
        role = QMessageBox.ButtonRole
        text = f"Move {path.name} to the trash?\n\n{path}"
        if unsaved:
            text += "\n\nIts tab has unsaved changes: they stay open in the editor."
        answer = self._question(
            "Delete Agent",
            text,
            [
                ("trash", "Move to Trash", role.DestructiveRole),
                ("cancel", "Cancel", role.RejectRole),
            ],
            default="cancel",
        )
        return answer == "trash"

    def ask_delete_permanently(self, path: Path) -> bool:
        role = QMessageBox.ButtonRole
        answer = self._question(
            "Cannot Use the Trash",
            f"{path} could not be moved to the trash (this system or disk has none).\n\n"
            "Delete it permanently? This cannot be undone.",
            [
                ("delete", "Delete Permanently", role.DestructiveRole),
                ("keep", "Keep the File", role.RejectRole),
            ],
            default="keep",  # Enter must never destroy a file
        )
        return answer == "delete"


def closable(parent: QWidget, title: str, body: QWidget, size: tuple[int, int]) -> QDialog:
    """A dialog that shows ``body`` with a Close button (it asks nothing)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body)
    layout.addWidget(buttons)
    dialog.resize(*size)
    return dialog
