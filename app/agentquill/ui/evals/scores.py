"""An agent's latest delegation score, as the form and the project tree show it: small, from
the History, so it shows whether or not the agent's Delegation pane was ever opened.

A score measures the description it ran against (the History keeps its hash): once the
description differs, in the buffer or on disk, the score is marked as measured on an earlier
one, and the mark follows the edits of an open agent as they are typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from ...core import evals, frontmatter

if TYPE_CHECKING:
    from ..editor.tab import EditorTab
    from ..window.main_window import MainWindow

EARLIER = "earlier description"
#: how long typing pauses before the score's mark is checked again
SETTLE_MS = 150


def score_text(entry: evals.Entry, description: str) -> tuple[str, str]:
    """The score of a recorded run ("80%", or "80% · earlier description" when ``description``
    is not the one it ran against) and a tip saying what it counts."""
    score = f"{entry.score_with:.0%}"
    tip = f"Delegation tests, the latest run: {score} of the runs with the agent pass"
    if entry.score_without is not None:
        tip += f", {entry.score_without:.0%} without it"
    if evals.description_hash(description) != entry.description_hash:
        score += f" · {EARLIER}"
        tip += ".\nMeasured on an earlier description: run the tests again to score this one."
    return score, tip


def _description(parsed: frontmatter.Parsed) -> str:
    value = parsed.value("description")
    return value if isinstance(value, str) else ""


def _latest(path: Path, name: str) -> evals.Entry | None:
    history = evals.History(evals.evals_dir(path))
    runs = history.runs(name) if history.path.is_file() else []
    return runs[-1] if runs else None


class ScoreNote(QObject):
    """The score under an open agent's description, and on its tree row, kept marked as the
    description is edited."""

    def __init__(self, window: MainWindow, tab: EditorTab):
        super().__init__(tab)
        self.window, self.tab = window, tab
        self.entry: evals.Entry | None = None
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS, timeout=self.update)
        tab.document.qdoc.contentsChanged.connect(self._settle.start)

    @classmethod
    def of(cls, window: MainWindow, tab: EditorTab) -> ScoreNote:
        return tab.findChild(cls) or cls(window, tab)

    def show(self, entry: evals.Entry | None) -> None:
        self.entry = entry
        self.update()

    def update(self) -> None:
        """The score against the buffer's description ("" hides it)."""
        document = self.tab.document
        score, tip = ("", "")
        if self.entry is not None:
            score, tip = score_text(self.entry, _description(document.parsed()))
        self.tab.form.show_note("description", f"Delegation score {score}" if score else "", tip)
        window = self.window
        if score and window.project_dock.made and document.path is not None:
            window.project_tree.model.set_score(document.path, score)


def show_score(window: MainWindow, tab: EditorTab, entry: evals.Entry | None = None) -> None:
    """Put ``entry``'s score (else the History's latest run of the tab's agent) under the
    description in the tab's form and on its tree row."""
    path = tab.document.path
    if entry is None and path is not None:
        from ...core.project import agent_stem

        name = tab.document.parsed().value("name")
        name = name.strip() if isinstance(name, str) and name.strip() else agent_stem(path)
        entry = _latest(path, name)
    ScoreNote.of(window, tab).show(entry)


def show_scores(window: MainWindow) -> None:
    """Put on each agent's row of the project tree its latest score, for the agents that have
    one (read from the History of each ``evals/`` folder that has one), against the description
    on disk; the open agents' against their buffers."""
    model = window.project_tree.model
    histories: dict[Path, evals.History | None] = {}
    for entry in model.entries():
        if entry.source.kind != "agent":
            continue
        folder = evals.evals_dir(entry.path)
        if folder not in histories:
            history = evals.History(folder)
            histories[folder] = history if history.path.is_file() else None
        runs = histories[folder].runs(entry.name) if histories[folder] is not None else []
        if not runs:
            continue
        latest = runs[-1]
        try:
            text = entry.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        model.set_score(entry.path, score_text(latest, _description(frontmatter.parse(text)))[0])
    for tab in window.editor_tabs():
        if tab.document.path is not None and str(tab.document.path) in model.scores:
            show_score(window, tab)
