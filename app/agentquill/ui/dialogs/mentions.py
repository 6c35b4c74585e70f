"""After a rename or a duplicate: update the places where the description names the agent?

The user sees every line that would change, as it reads now and as it will read, behind one
checkbox ("Also update N mentions of old-name"), ticked by default; the change is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.project.mentions import Mentions
from ..words import plural


class MentionsDialog(QDialog):
    """The mentions of the old name, and whether to update them."""

    def __init__(self, found: Mentions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mentions.dialog")
        self.setWindowTitle("Update Mentions")
        intro = QLabel(
            f"The description still names the agent <b>{found.old}</b>; "
            f"it is now <b>{found.new}</b>."
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        self.update = QCheckBox(
            f"Also update {plural(found.count, 'mention')} of {found.old}",
            objectName="mentions.update",
        )
        self.update.setChecked(True)
        self.preview = QPlainTextEdit(objectName="mentions.preview")
        self.preview.setReadOnly(True)
        self.preview.setPlainText(
            "\n\n".join(f"− {now}\n+ {after}" for now, after in found.lines)  # − now, + after
        )
        self.update.toggled.connect(self.preview.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.update)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.resize(QSize(760, 320))

    def wanted(self) -> bool:
        """Update them: ticked and OK (closing the dialog keeps the text as it is)."""
        return self.result() == QDialog.DialogCode.Accepted and self.update.isChecked()
