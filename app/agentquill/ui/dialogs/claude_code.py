"""The Claude Code dialog, opened from the status item: what was found, why it cannot be used
(one line), links to install it or log in, and the path to use instead of looking for it (a
preference, ``claude_path``). Checking again uses the path as typed and keeps it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ..window.claude import ClaudeCode


class ClaudeCodeDialog(QDialog):
    """Kept current while open: it follows ``found.changed``."""

    def __init__(self, found: ClaudeCode, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("claude.dialog")
        self.setWindowTitle("Claude Code")
        self.found = found
        self.headline = QLabel(objectName="claude.headline")
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.where = QLabel(objectName="claude.where")
        self.reason = QLabel(objectName="claude.reason")
        self.links = QLabel(objectName="claude.links")
        self.links.setOpenExternalLinks(True)
        for label in (self.where, self.reason):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path = QLineEdit(
            found.window.settings.preferences.claude_path, objectName="claude.path"
        )
        self.path.setPlaceholderText("Empty: look on the PATH and where installers put it")
        self.path.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        browse = QPushButton("Browse…", objectName="claude.browse")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Path to claude:", row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check = buttons.addButton("Check Again", QDialogButtonBox.ButtonRole.ActionRole)
        self.check.setObjectName("claude.check")
        self.check.clicked.connect(self.check_again)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for label in (self.headline, self.where, self.reason, self.links):
            lay.addWidget(label)
        lay.addSpacing(8)
        lay.addLayout(form)
        lay.addWidget(buttons)
        found.changed.connect(self.show_found)
        self.show_found()

    def show_found(self) -> None:
        found = self.found
        self.headline.setText(found.headline)
        located = found.located
        self.where.setText(found.where)
        self.where.setVisible(bool(found.where))
        self.reason.setText(found.reason)
        self.reason.setVisible(bool(found.reason))
        self.links.setText(found.link)
        self.links.setVisible(bool(self.links.text()))
        self.check.setEnabled(located is not None)

    def _browse(self) -> None:
        chosen = self.found.window.prompts.ask_claude_path(self.path.text())
        if chosen:
            self.path.setText(chosen)

    def check_again(self) -> None:
        """Keep the path as the preference and look again."""
        settings = self.found.window.settings
        settings.preferences.claude_path = self.path.text().strip()
        settings.save()
        self.found.find()
