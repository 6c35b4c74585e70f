"""The crash-restore question: which unsaved work, kept by autosave, to open again.

Each buffer is named (file, folder, when it was saved, its size) and ticked; the user restores
the ticked ones. Unticked work is never thrown away unasked: it stays kept and is offered again
next time, unless the user discards it, which asks once more (it cannot be undone). "Later"
keeps everything for the next start.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...core.files import Recovered
from ...core.words import plural
from ..editor.document import untitled


@dataclass
class RestoreAnswer:
    """What to open again, and what to throw away; the rest stays kept for next time."""

    restore: list[Recovered] = field(default_factory=list)
    discard: list[Recovered] = field(default_factory=list)


def describe(item: Recovered) -> str:
    """``name — folder · saved <when> · <size>``, as the list shows an item; a file gone from
    disk says so, and a buffer never saved is named by its agent."""
    path = Path(item.path) if item.path else None
    if path is None:
        name = f"{untitled(item.text)} (never saved)"
    else:
        name = f"{path.name} — {path.parent}{'' if path.exists() else ' (deleted on disk)'}"
    when = datetime.datetime.fromtimestamp(item.saved_at).strftime("%Y-%m-%d %H:%M")
    size = len(item.text.encode("utf-8"))
    shown = f"{size:,} bytes" if size < 10_000 else f"{size / 1024:,.0f} KB"
    return f"{name}   ·   saved {when}   ·   {shown}"


class RestoreDialog(QDialog):
    """Tick the unsaved work to restore."""

    def __init__(self, pending: list[Recovered], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("restore.dialog")
        self.setWindowTitle("Restore Unsaved Work")
        self.pending = pending
        self.answer = RestoreAnswer()
        intro = QLabel(
            f"Autosave kept unsaved work from an earlier session ({plural(len(pending), 'file')}). "
            "Tick what to open again; unticked work stays kept and is offered next time."
        )
        intro.setWordWrap(True)
        self.list = QListWidget(objectName="restore.list")
        for item in pending:
            row = QListWidgetItem(describe(item))
            row.setToolTip(item.path or "Never saved")
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(row)
        self.list.itemChanged.connect(self._update_buttons)
        buttons = QDialogButtonBox()
        self.restore = buttons.addButton("Restore Ticked", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore.setObjectName("restore.ok")
        self.restore.setDefault(True)
        self.discard = buttons.addButton(
            "Discard Unticked…", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.discard.setObjectName("restore.discard")
        later = buttons.addButton("Later", QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("restore.later")
        self.restore.clicked.connect(self._restore)
        self.discard.clicked.connect(self._discard)
        later.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(760, 320)
        self._update_buttons()

    def ticked(self) -> list[Recovered]:
        return [
            item
            for i, item in enumerate(self.pending)
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _unticked(self) -> list[Recovered]:
        ticked = self.ticked()
        return [item for item in self.pending if item not in ticked]

    def _update_buttons(self, *_args) -> None:
        self.discard.setEnabled(bool(self._unticked()))

    def _restore(self) -> None:
        self.answer.restore = self.ticked()
        self.accept()

    def _discard(self) -> None:
        """Throw the unticked work away after a second question (No is the default)."""
        gone = self._unticked()
        names = "\n".join(describe(item) for item in gone[:8])
        text = (
            f"Discard {plural(len(gone), 'unsaved file')} for good? "
            f"This cannot be undone.\n\n{names}"
        )
        button = QMessageBox.StandardButton
        title = "Discard Unsaved Work?"
        sure = QMessageBox.question(self, title, text, button.Discard | button.No, button.No)
        if sure == button.Discard:
            self.answer.discard = gone
            self._restore()
