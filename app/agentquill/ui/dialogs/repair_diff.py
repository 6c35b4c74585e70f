"""The Repair Frontmatter preview: what repair would change, shown as a diff, applied only on
the user's word; and :class:`DiffView`, the coloured diff it shows, which the proposals of
Improve with Claude show too.

Repair rewrites values YAML cannot read so that they read the same; the user sees every line
it touches before anything changes, and Cancel leaves the text as it was.
"""

from __future__ import annotations

import difflib

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFontDatabase, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

#: line backgrounds that read on light and dark themes alike
_ADDED = QColor(46, 160, 67, 70)
_REMOVED = QColor(248, 81, 73, 70)
_HUNK = QColor(120, 120, 140, 50)


def unified(before: str, after: str, name: str) -> str:
    """The changes from ``before`` to ``after`` as a unified diff."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            f"{name} (now)",
            f"{name} (repaired)",
        )
    )


class DiffView(QPlainTextEdit):
    """A read-only diff in a fixed font: added lines green, removed lines red, headers grey."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName=name)
        self.setReadOnly(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

    def show_diff(self, diff: str) -> None:
        self.setPlainText(diff.rstrip("\n"))
        self._colour_lines()

    def _colour_lines(self) -> None:
        """Whole blocks, wrapped rows too."""
        cursor = QTextCursor(self.document())
        block = self.document().firstBlock()
        while block.isValid():
            text = block.text()
            colour = (
                _HUNK
                if text.startswith(("@@", "---", "+++"))
                else _ADDED
                if text.startswith("+")
                else _REMOVED
                if text.startswith("-")
                else None
            )
            if colour is not None:
                cursor.setPosition(block.position())
                form = QTextBlockFormat()
                form.setBackground(colour)
                cursor.setBlockFormat(form)
            block = block.next()


class RepairDiffDialog(QDialog):
    """The diff of a repair, with Apply and Cancel."""

    def __init__(self, name: str, before: str, after: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("repair.diff")
        self.setWindowTitle(f"Repair Frontmatter: {name}")
        intro = QLabel(
            "Repair rewrites the values YAML cannot read so that YAML and Claude Code read them "
            "as they read now, and changes only these lines:",
            objectName="repair.intro",
        )
        intro.setWordWrap(True)
        self.view = DiffView("repair.view")
        self.view.show_diff(unified(before, after, name))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply = buttons.addButton("Apply Repair", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply.setObjectName("repair.apply")
        self.apply.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(_fitted(parent))


def _fitted(parent: QWidget | None) -> QSize:
    """900×560, or less inside a smaller window."""
    if parent is None:
        return QSize(900, 560)
    return QSize(min(900, parent.width() - 60), min(560, parent.height() - 60))
