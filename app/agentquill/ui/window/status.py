"""The status bar: the current file's sizes, problem counts, dialect and cursor place, the
open project's context budget, and which Claude Code the app runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QStatusBar, QStyle, QToolButton

from ...core.lint import CHARS_PER_TOKEN, Severity
from ...core.words import plural
from ..editor.tab import EditorTab

if TYPE_CHECKING:
    from ...core.project.budget import Budget


class StatusBar(QStatusBar):
    """Messages on the left; what the current tab holds on the right."""

    def __init__(self):
        super().__init__()
        self.sizes, self.dialect, self.position = (QLabel() for _ in range(3))
        self.problems = QToolButton()  # the badge: counts, and opens the Problems panel
        self.problems.setObjectName("status.problems")
        self.problems.setAutoRaise(True)
        self.problems.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.problems.setToolTip("Show or hide the Problems panel")
        self.problems.hide()
        self.budget = QToolButton()  # the project's descriptions against Claude Code's limit
        self.budget.setObjectName("status.budget")
        self.budget.setAutoRaise(True)
        self.budget.hide()
        self.claude = QToolButton()  # which Claude Code, signed in or not: ui.window.claude
        self.claude.setObjectName("status.claude")
        self.claude.setAutoRaise(True)
        self.claude.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # it shows up late: Help ▸ Claude Code
        self.claude.hide()
        for label in (
            self.claude,
            self.budget,
            self.sizes,
            self.problems,
            self.dialect,
            self.position,
        ):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        for label in (self.sizes, self.dialect):  # the first to give way in a narrow window,
            label.setMinimumWidth(1)  # so that the items never hold the window wider than
            # the screen: their text is cut short instead (the tooltip says it all)

    def show_budget(self, b: Budget | None) -> None:
        """The project's budget in one line, in the warning colour past the limit on agent
        descriptions (a skill over its cap does not count in the total: the tooltip names it)
        (None: hide)."""
        self.budget.setVisible(b is not None)
        if b is None:
            return
        from ..project.budget import headline, over_colour, summary  # only with a project open

        self.budget.setText(headline(b))
        self.budget.setStyleSheet(f"color: {over_colour(self.palette())};" if b.over else "")
        self.budget.setToolTip(
            f"The descriptions of the {plural(len(b.agents), 'agent')} Claude Code registers: "
            f"≈{b.total:,} tokens in every turn, of its {b.limit:,}-token limit.\n"
            f"{summary(b)}. Click for each agent's share."
        )

    def show_tab(self, tab: EditorTab | None) -> None:
        """What ``tab`` holds as last analysed (None: no tab, nothing shown)."""
        self.problems.setVisible(tab is not None)
        if tab is None:
            for label in (self.position, self.dialect, self.sizes):
                label.clear()
            return
        self.dialect.setText(tab.agent.dialect.label)
        self.dialect.setToolTip(tab.agent.dialect.label)
        self.show_position(tab)
        if tab.document.loading:  # counted once the whole text is in
            self.sizes.setText("Loading…")
            self.problems.setText("Problems: …")
            self.problems.setIcon(QIcon())
            return
        self._show_counts(tab)
        sizes = tab.sizes()
        tokens = (sizes["description"] + sizes["body"]) / CHARS_PER_TOKEN
        about = f"≈{tokens / 1000:.1f}k tokens" if tokens >= 100 else f"≈{round(tokens)} tokens"
        estimate = f"about {round(tokens):,} tokens in all, at {CHARS_PER_TOKEN} characters a token"
        if sizes["description"] or tab.agent.dialect.kind == "agent":
            self.sizes.setText(f"Description {sizes['description']:,} · {about}")
            self.sizes.setToolTip(
                f"Description {sizes['description']:,} characters, body (the prompt) "
                f"{sizes['body']:,} characters: {estimate}"
            )
        else:  # an eval prompt, a grader, a rule: no description Claude reads to choose it
            self.sizes.setText(about)
            self.sizes.setToolTip(f"{sizes['body']:,} characters: {estimate}")

    def _show_counts(self, tab: EditorTab) -> None:
        counts = {s: 0 for s in Severity}
        for d in tab.diagnostics:
            counts[d.severity] += 1
        errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
        found = [plural(n, what) for n, what in ((errors, "error"), (warnings, "warning")) if n]
        self.problems.setText(" · ".join(found) or "No problems")
        icon = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if errors
            else QStyle.StandardPixmap.SP_MessageBoxWarning
            if warnings
            else QStyle.StandardPixmap.SP_DialogApplyButton
        )
        self.problems.setIcon(self.style().standardIcon(icon))

    def show_position(self, tab: EditorTab | None) -> None:
        if tab is not None:
            line, column = tab.cursor_position()
            self.position.setText(f"Ln {line}, Col {column}")
