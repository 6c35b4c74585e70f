"""Agent ▸ Improve with Claude: Improve Description, Write Examples, Tighten Prompt.

The dialog shows what it sends (our instruction and the agent's text, unsaved changes
included), streams the answer, then shows the proposal hunk by hunk as a diff. Accept applies
one hunk to the buffer as one undo step; Reject skips it. The window stays blocked while the
dialog is open, so the buffer changes only through the hunks accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout

from ...core.claude import generate, improve
from ...core.frontmatter import fields
from ...core.words import plural
from ..dialogs.repair_diff import DiffView
from .ask import AskDialog, sized, titled

if TYPE_CHECKING:
    from ..editor.tab import EditorTab
    from ..window.main_window import MainWindow

#: how each hunk's row starts, by its state
MARKS = {None: "•", True: "✓", False: "✗"}


class ImproveDialog(AskDialog):
    """One improvement of the agent in ``tab``."""

    def __init__(self, window: MainWindow, tab: EditorTab, ask: improve.Ask):
        super().__init__(window, f"{ask.title}: {tab.document.title}", "Ask Claude")
        self.setObjectName("dialog.improve")
        self.tab, self.ask = tab, ask
        self.proposal: improve.Proposal | None = None
        self.decided: dict[int, bool] = {}  # hunk → accepted
        self.hunks = QListWidget(objectName="improve.hunks")
        self.diff = DiffView("improve.diff")
        self.accept_button = self._button("Accept", "improve.accept", lambda: self.decide(True))
        self.reject_button = self._button("Reject", "improve.reject", lambda: self.decide(False))
        self.hunks.currentRowChanged.connect(self._show_hunk)
        self._lay_out()
        self._show_decisions()
        self.show_prompt()
        self.show_ready()
        if tab.document.read_only_reason:
            self.failed(tab.document.read_only_reason)
        self.resize(sized(window))

    def _lay_out(self) -> None:
        review = QSplitter(Qt.Orientation.Horizontal, objectName="improve.review")
        review.addWidget(self.hunks)
        review.addWidget(self.diff)
        review.setSizes([220, 640])
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(titled("Prompt sent to Claude Code", self.sent))
        top.addWidget(titled("Answer", self.stream))
        split = QSplitter(Qt.Orientation.Vertical, objectName="improve.splitter")
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(titled("Proposed changes", review))
        split.setSizes([220, 320])
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Claude Code answers through a form; each change it proposes is shown below, to "
            "accept or reject one at a time. Each change accepted is one step of Undo."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def prompt(self) -> str:
        return improve.prompt(self.ask, self.tab.document.text())

    def extra(self) -> list[str]:
        return generate.run_arguments(self.ask.answer)

    def can_run(self) -> bool:
        return not self.tab.document.read_only_reason and not self.tab.document.loading

    def start(self) -> None:
        self.proposal, self.decided = None, {}
        self.hunks.clear()
        self.diff.clear()
        self._show_decisions()
        self.show_prompt()  # the buffer as it is now
        super().start()

    # --- the proposal -----------------------------------------------------------------------
    def answered(self, value: Any) -> str:
        self.proposal = improve.propose(self.ask, self.tab.document.text(), value)
        for hunk in self.proposal.hunks:
            QListWidgetItem(hunk.title, self.hunks)
        self._show_decisions()
        self.hunks.setCurrentRow(0)
        self.hunks.setFocus()
        self.accept_button.setDefault(True)  # Enter accepts, hunk after hunk
        return f"Claude Code proposes {plural(len(self.proposal.hunks), 'change')}"

    def _show_hunk(self, row: int) -> None:
        if self.proposal is None or row < 0:
            self.diff.clear()
        else:
            self.diff.show_diff(hunk_diff(self.proposal.hunks[row]))
        self._show_decisions()

    def decide(self, accepted: bool) -> None:
        """Accept (apply, one undo step) or reject the current hunk, then go to the next one
        not yet decided."""
        row = self.hunks.currentRow()
        if self.proposal is None or row < 0 or row in self.decided:
            return
        if accepted:
            document = self.tab.document
            try:
                document.apply(self.proposal.accept(row, document.text()))
            except (improve.Stale, fields.EditRefused, generate.BadAnswer) as refused:
                self.failed(str(refused))
                return
        self.decided[row] = accepted
        pending = [i for i in range(self.hunks.count()) if i not in self.decided]
        if pending:
            self.hunks.setCurrentRow(next((i for i in pending if i > row), pending[0]))
        self._show_decisions()

    def _show_decisions(self) -> None:
        for i in range(self.hunks.count()):
            title = self.proposal.hunks[i].title
            self.hunks.item(i).setText(f"{MARKS[self.decided.get(i)]} {title}")
        row = self.hunks.currentRow()
        open_hunk = self.proposal is not None and row >= 0 and row not in self.decided
        self.accept_button.setEnabled(open_hunk)
        self.reject_button.setEnabled(open_hunk)
        self.accept_button.setVisible(self.proposal is not None)
        self.reject_button.setVisible(self.proposal is not None)
        if self.proposal is not None and len(self.decided) == self.hunks.count():
            taken = sum(self.decided.values())
            self.say(f"Done: {plural(taken, 'change')} applied, each one step of Undo")


def hunk_diff(hunk: improve.Hunk) -> str:
    """``@@ title @@``, then the lines the hunk removes and those it adds."""
    lines = [f"@@ {hunk.title} @@"]
    lines += [f"-{line}" for line in hunk.before.splitlines()]
    lines += [f"+{line}" for line in hunk.after.splitlines()]
    return "\n".join(lines)


def improve_agent(window: MainWindow, ask_id: str) -> ImproveDialog | None:
    """Open the dialog of one improvement of the current tab's agent."""
    tab = window.current()
    if tab is None or not tab.offers_examples:
        window.statusBar().showMessage("Open an agent to improve it with Claude", 5000)
        return None
    if window.claude.located is None:
        window.claude.find()
    dialog = ImproveDialog(window, tab, improve.ASKS[ask_id])
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
