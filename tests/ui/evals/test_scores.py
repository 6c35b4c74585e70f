"""An agent's latest delegation score shows on its project tree row and under its description
in the form as soon as its project opens, without its Delegation pane."""

from __future__ import annotations

from test_delegation_cases import AGENT, project

from agentquill.core import evals
from support import FIXTURES


def test_the_score_of_the_history_shows_in_the_tree_and_the_form(qtbot, window, tmp_path):
    path = project(tmp_path)
    result = evals.parse_result((FIXTURES / "evals" / "mixed.json").read_text())
    ran = {c.name: evals.Case(path, c.name, c.prompt, AGENT, "use") for c in result.cases}
    evals.History(evals.evals_dir(path)).record(AGENT, "0123456789ab", result, ran)
    latest = evals.History(evals.evals_dir(path)).runs(AGENT)[-1]
    score = f"{latest.score_with:.0%}"
    assert window.projects.open(path.parents[2])
    qtbot.waitUntil(
        lambda: window.projects.session and window.projects.session.done, timeout=10_000
    )
    model = window.project_tree.model
    qtbot.waitUntil(lambda: model.scores.get(str(path)) == score)
    tab = window.files.open_file(path)
    note = tab.form.findChild(type(tab.form.errors["description"]), "note.description")
    assert note.text() == f"Delegation score {score}" and note.isVisible()
    assert tab._delegation is None  # the pane is not made: the score came from the History
