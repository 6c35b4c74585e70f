"""An agent's latest delegation score, as the form and the project tree show it: small, from
the History, so it shows whether or not the agent's Delegation pane was ever opened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...core import evals

if TYPE_CHECKING:
    from ..editor.tab import EditorTab
    from ..window.main_window import MainWindow

TIP = "Delegation tests: the share of the latest run's runs with the agent that pass"


def score_text(entry: evals.Entry) -> tuple[str, str]:
    """The score of a recorded run ("80%") and a tip saying what it counts."""
    score = f"{entry.score_with:.0%}"
    tip = f"Delegation tests, the latest run: {score} of the runs with the agent pass"
    if entry.score_without is not None:
        tip += f", {entry.score_without:.0%} without it"
    return score, tip


def note(tab: EditorTab, score: str, tip: str = TIP) -> None:
    """The score under the description in the tab's form."""
    tab.form.show_note("description", f"Delegation score {score}", tip)


def show_scores(window: MainWindow) -> None:
    """Put on each agent's row of the project tree its latest score, for the agents that have
    one (read from the History of each ``evals/`` folder that has one), and under the
    description of the open ones."""
    model = window.project_tree.model
    histories: dict[Path, evals.History | None] = {}
    for entry in model.entries():
        if entry.source.kind != "agent":
            continue
        folder = evals.evals_dir(entry.path)
        if folder not in histories:
            history = evals.History(folder)
            histories[folder] = history if history.path.is_file() else None
        history = histories[folder]
        runs = history.runs(entry.name) if history is not None else []
        if runs:
            model.set_score(entry.path, score_text(runs[-1])[0])
    for tab in window.editor_tabs():
        score = model.scores.get(str(tab.document.path))
        if score:
            note(tab, score)
