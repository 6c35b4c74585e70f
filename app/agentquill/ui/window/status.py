"""The status bar: the current file's sizes, problem counts, dialect and cursor place."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from ...core.lint import Severity
from ..editor.tab import CHARS_PER_TOKEN, EditorTab


class StatusBar(QStatusBar):
    """Messages on the left; what the current tab holds on the right."""

    def __init__(self):
        super().__init__()
        self.sizes, self.problems, self.dialect, self.position = (QLabel() for _ in range(4))
        for label in (self.sizes, self.problems, self.dialect, self.position):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)

    def show_tab(self, tab: EditorTab | None) -> None:
        """What ``tab`` holds as last analysed (None: no tab, nothing shown)."""
        if tab is None:
            for label in (self.position, self.dialect, self.sizes, self.problems):
                label.clear()
            return
        counts = {s: 0 for s in Severity}
        for d in tab.diagnostics:
            counts[d.severity] += 1
        self.problems.setText(
            f"{counts[Severity.ERROR]} errors · {counts[Severity.WARNING]} warnings"
        )
        self.dialect.setText(tab.agent.dialect.label)
        sizes = tab.sizes()
        tokens = (sizes["description"] + sizes["body"]) / CHARS_PER_TOKEN
        self.sizes.setText(
            f"Description {sizes['description']:,} · Body {sizes['body']:,} chars · "
            f"≈{tokens / 1000:.1f}k tokens (estimate)"
        )
        self.show_position(tab)

    def show_position(self, tab: EditorTab | None) -> None:
        if tab is not None:
            line, column = tab.cursor_position()
            self.position.setText(f"Ln {line}, Col {column}")
