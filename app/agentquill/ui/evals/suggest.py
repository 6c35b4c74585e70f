"""Suggested prompts: Claude Code reads the agent's description and proposes prompts that should
and should not be handed to the agent; the user ticks the ones to keep.

The prompt we send is shown before it is sent, and only "Ask Claude Code" sends it: a headless
``claude -p`` (:class:`..claude.stream.ClaudeRun`) with a JSON schema for the answer
(``--json-schema``), run in an empty temporary folder so that it reads nothing of the project.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core import claude, evals
from ...core.words import plural
from ..claude.stream import ClaudeRun, Ended, Ending

if TYPE_CHECKING:
    from .pane import DelegationPane

USE, AVOID = 3, 2  # how many of each to ask for
SCHEMA = {
    "type": "object",
    "properties": {
        "use": {"type": "array", "items": {"type": "string"}},
        "avoid": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["use", "avoid"],
}
EXPECT_ROLE = Qt.ItemDataRole.UserRole  # a suggestion's (expect, prompt)
CHECKED = Qt.CheckState.Checked


def request(name: str, description: str) -> str:
    """The prompt that asks for delegation tests of the agent ``name``."""
    return (
        f'Claude Code decides from its description whether to hand a request to the subagent "'
        f'{name}". The description:\n\n<description>\n{description.strip()}\n</description>\n\n'
        f"Write {USE} realistic requests a user might type that should be handed to this "
        f"subagent, and {AVOID} requests close to its field that should not be. One or two "
        "sentences each, in the user's words; do not name the subagent. Answer with the "
        '"use" and "avoid" lists only.'
    )


class Suggestions(QWidget):
    """The prompt to send, the run, and the suggestions to tick and add."""

    def __init__(self, pane: DelegationPane):
        super().__init__()
        self.setObjectName("evals.suggestions")
        self.pane = pane
        self.run: ClaudeRun | None = None
        self._folder: Path | None = None  # the empty folder the run works in
        self.sent = QPlainTextEdit()
        self.sent.setObjectName("evals.suggest_prompt")
        self.sent.setReadOnly(True)
        self.sent.setFixedHeight(96)
        self.ask = _button("Ask Claude Code", "evals.ask", self.start)
        self.halt = _button("Stop", "evals.suggest_stop", self.stop)
        self.accept = _button("Add the ticked prompts", "evals.accept", self.add_ticked)
        close = _button("Close", "evals.suggest_close", self.close_box)
        self.state = QLabel()
        self.state.setObjectName("evals.suggest_state")
        self.state.setWordWrap(True)
        self.found = QListWidget()
        self.found.setObjectName("evals.suggested")
        self.found.hide()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.ask, self.halt, self.accept):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(QLabel("<b>Suggested prompts</b> — Claude Code is sent this prompt:"))
        for part in (self.sent, self.state, self.found):
            layout.addWidget(part)
        layout.addLayout(buttons)
        self._running(False)
        self.accept.hide()
        self.hide()

    def open_box(self) -> None:
        """Show the prompt that would be sent; nothing is sent yet."""
        pane = self.pane
        description = pane.document.parsed().value("description")
        self.sent.setPlainText(
            request(pane.agent_name, description if isinstance(description, str) else "")
        )
        self.state.setText("Nothing is sent until you click Ask Claude Code.")
        self.show()

    def close_box(self) -> None:
        self.stop()
        self.found.clear()
        self.found.hide()
        self.accept.hide()
        self.hide()

    def start(self) -> None:
        host = self.pane.host
        if self.run is not None or host is None or not host.claude.ready:
            return
        self._folder = Path(tempfile.mkdtemp(prefix="agentquill-suggest-"))
        self.run = run = ClaudeRun(self)
        run.finished.connect(self._finished)
        args = claude.arguments(
            self.sent.toPlainText(), extra=["--json-schema", json.dumps(SCHEMA)]
        )
        self.state.setText("Asking Claude Code…")
        self._running(True)
        run.start(host.claude.located.path, args, self._folder)

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop()

    def _finished(self, ended: Ended) -> None:
        self.run = None
        self._running(False)
        shutil.rmtree(self._folder, ignore_errors=True)
        answer = ended.result.structured_output if ended.result is not None else None
        if ended.how != Ending.RESULT or not isinstance(answer, dict):
            self.state.setText(ended.said or "Claude Code gave no suggestions.")
            return
        self.found.clear()
        for expect, title in (("use", "Should use"), ("avoid", "Should not")):
            for text in answer.get(expect) or []:
                if isinstance(text, str) and text.strip():
                    item = QListWidgetItem(f"{title}: {text.strip()}")
                    item.setData(EXPECT_ROLE, (expect, text.strip()))
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    self.found.addItem(item)
        count = self.found.count()
        self.state.setText(
            f"{plural(count, 'suggestion')} (${ended.result.total_cost_usd:.2f}): tick the ones "
            "to keep."
            if count
            else "Claude Code gave no suggestions."
        )
        self.found.setVisible(bool(count))
        self.accept.setVisible(bool(count))

    def add_ticked(self) -> None:
        """Each ticked suggestion becomes a case; the others stay to be ticked or not."""
        pane = self.pane
        rows = range(self.found.count())
        ticked = [self.found.item(r) for r in rows if self.found.item(r).checkState() == CHECKED]
        for item in ticked:
            expect, text = item.data(EXPECT_ROLE)
            pane.write(partial(evals.add_case, pane.folder, pane.agent_name, text, expect))
            self.found.takeItem(self.found.row(item))
        self.found.setVisible(bool(self.found.count()))
        self.accept.setVisible(bool(self.found.count()))

    def _running(self, running: bool) -> None:
        self.ask.setEnabled(not running)
        self.halt.setEnabled(running)


def _button(text: str, name: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button
