"""An agent's latest delegation score shows on its project tree row and under its description
in the form as soon as its project opens, without its Delegation pane, and is marked as
measured on an earlier description once the description differs from the one it ran against."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from test_delegation_cases import AGENT, project

from agentquill.core import evals, frontmatter
from support import FIXTURES


def recorded(path, description: str) -> str:
    """A mixed run of the agent at ``path`` recorded against ``description``; its score."""
    result = evals.parse_result((FIXTURES / "evals" / "mixed.json").read_text())
    ran = {c.name: evals.Case(path, c.name, c.prompt, AGENT, "use") for c in result.cases}
    history = evals.History(evals.evals_dir(path))
    history.record(AGENT, evals.description_hash(description), result, ran)
    return f"{history.runs(AGENT)[-1].score_with:.0%}"


def opened(qtbot, window, path):
    assert window.projects.open(path.parents[2])
    qtbot.waitUntil(
        lambda: window.projects.session and window.projects.session.done, timeout=10_000
    )


def note_of(tab):
    return tab.form.findChild(type(tab.form.errors["description"]), "note.description")


def test_the_score_of_the_history_shows_in_the_tree_and_the_form(qtbot, window, tmp_path):
    path = project(tmp_path)
    description = frontmatter.parse(path.read_text()).value("description")
    score = recorded(path, description)
    opened(qtbot, window, path)
    model = window.project_tree.model
    qtbot.waitUntil(lambda: model.scores.get(str(path)) == score)
    tab = window.files.open_file(path)
    note = note_of(tab)
    assert note.text() == f"Delegation score {score}" and note.isVisible()
    assert tab._delegation is None  # the pane is not made: the score came from the History
    prose = tab.form.editors["description"].edit
    qtbot.mouseClick(prose.viewport(), Qt.MouseButton.LeftButton)
    prose.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(prose, "Use it for REST APIs. ")
    qtbot.keyClick(prose, Qt.Key.Key_Tab)  # committed to the buffer
    stale = f"{score} · earlier description"
    qtbot.waitUntil(lambda: note.text() == f"Delegation score {stale}")
    assert "earlier description" in note.toolTip() and model.scores[str(path)] == stale
    tab.document.qdoc.undo()
    qtbot.waitUntil(lambda: note.text() == f"Delegation score {score}")
    assert model.scores[str(path)] == score


def test_a_score_of_an_earlier_description_on_disk_is_marked(qtbot, window, tmp_path):
    path = project(tmp_path)
    score = recorded(path, "An earlier description")
    opened(qtbot, window, path)
    model = window.project_tree.model
    qtbot.waitUntil(lambda: model.scores.get(str(path)) == f"{score} · earlier description")
    tab = window.files.open_file(path)
    assert note_of(tab).text() == f"Delegation score {score} · earlier description"
