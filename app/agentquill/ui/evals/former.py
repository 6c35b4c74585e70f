"""The cases an agent left under its former name: renaming an agent (its ``name``, or its file
and name) leaves its cases testing the old name, so the pane would show none. This says how
many there are and moves them to the new name with one click (``core.evals.move_cases``:
folders, graders and the History, all or none).

The former name is the file's name when the ``name`` field changed alone; else, the one name
the cases test that no agent file beside this one has (the file was renamed too).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ...core import evals
from ...core.words import plural


def former_name(path: Path | None, agent: str, cases: list[evals.Case]) -> str | None:
    """The name this agent's cases were written for before it was renamed, if any."""
    if path is None:
        return None
    from ...core.project import agent_stem

    names = {c.agent for c in cases if c.agent and c.agent != agent}
    stem = agent_stem(path)
    if stem in names:
        return stem
    beside = {agent_stem(p) for p in path.parent.glob("*.md")}
    orphans = [n for n in names if n not in beside]
    return orphans[0] if len(orphans) == 1 else None


class FormerName(QWidget):
    """ "N prompts test this agent under its former name" and the button that moves them."""

    move = Signal(str)  # the former name

    def __init__(self):
        super().__init__()
        self.setObjectName("evals.former")
        self.old = ""
        self.said = QLabel()
        self.said.setObjectName("evals.former.said")
        self.said.setWordWrap(True)
        self.said.setTextFormat(Qt.TextFormat.RichText)
        self.button = QPushButton()
        self.button.setObjectName("evals.former.move")
        self.button.setToolTip(
            "Renames their folders and the agent their graders look for, and the History's runs "
            "of the former name, to this agent's name"
        )
        self.button.clicked.connect(lambda: self.move.emit(self.old))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.said, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_for(self, old: str | None, count: int, new: str) -> None:
        """Say that ``count`` prompts test the former name ``old`` (hidden without any)."""
        self.old = old or ""
        if old and count:
            self.said.setText(
                f"<b>{plural(count, 'prompt')} {'tests' if count == 1 else 'test'} this agent "
                f"under its former name "
                f"‘{escape(old)}’</b>: Claude Code would look for an agent of that name."
            )
            self.button.setText(f"Move them to ‘{new}’")
        self.setVisible(bool(old and count))
