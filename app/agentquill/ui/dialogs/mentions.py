"""Before a rename or a duplicate: update the places where the description names the agent?

The user sees every whole line that would change, as it reads now and as it will read, the
name emphasised, behind one checkbox ("Also update N mentions of old-name"), ticked by
default. The buttons answer for the whole action: Rename (or Duplicate), with the mentions
as the checkbox says, or Cancel, which changes nothing.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.project import mentions
from ...core.words import plural

#: the name as it reads now (struck through) and as it will read, on a tint either theme shows
_OLD = "background-color: rgba(220, 50, 47, 0.25); text-decoration: line-through;"
_NEW = "background-color: rgba(40, 170, 70, 0.3); font-weight: bold;"


def _marked(sign: str, line: str, name: str, style: str, after: int) -> str:
    """One row of the preview: ``sign``, then ``line`` with each mention of ``name`` styled,
    and ``after`` pixels below it."""
    pieces = mentions.split(line, name)
    body = "".join(
        f"<span style='{style}'>{escape(piece)}</span>" if i % 2 else escape(piece)
        for i, piece in enumerate(pieces)
    )
    return f"<p style='margin: 0 0 {after}px 0;'>{sign} {body}</p>"


class MentionsDialog(QDialog):
    """The mentions of the old name, whether to update them, and whether to go on."""

    def __init__(self, found: mentions.Mentions, verb: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mentions.dialog")
        self.setWindowTitle(f"{verb} Agent")
        intro = QLabel(
            f"The description names the agent <b>{escape(found.old)}</b>, "
            f"which becomes <b>{escape(found.new)}</b>."
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        self.update = QCheckBox(
            f"Also update {plural(found.count, 'mention')} of {found.old}",
            objectName="mentions.update",
        )
        self.update.setChecked(True)
        self.preview = QTextBrowser(objectName="mentions.preview")
        self.preview.setHtml(
            "".join(  # a gap between the pairs
                _marked("−", now, found.old, _OLD, 0) + _marked("+", after, found.new, _NEW, 10)
                for now, after in found.lines
            )
        )
        self.update.toggled.connect(self.preview.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        go = buttons.addButton(verb, QDialogButtonBox.ButtonRole.AcceptRole)
        go.setObjectName("mentions.go")
        go.setDefault(True)  # Enter renames; Cancel never takes that over with the focus
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)  # Cancel, Escape, closing: nothing happens
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.update)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.update.setFocus()
        self.resize(QSize(760, 360))

    def wanted(self) -> bool | None:
        """Whether to update the mentions; None when the user cancelled the whole action."""
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return self.update.isChecked()
