"""The Delegation pane's lists: prompts added, edited, removed and moved with clicks and keys,
each written at once as core.evals writes a case, and cases written by hand read back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from agentquill.core import evals
from agentquill.ui.editor.document import AgentDocument
from agentquill.ui.evals.pane import DelegationPane
from support import SEED

AGENT = "backend-developer"
USE = ["Build a REST API for orders", "Add a Postgres migration", "Design the auth service"]
AVOID = ["Write a haiku about autumn", "Center this div with CSS"]


def project(tmp_path: Path) -> Path:
    """A project holding the seed agent; the agent's path."""
    agents = tmp_path / "project" / ".claude" / "agents"
    agents.mkdir(parents=True)
    return Path(shutil.copy(SEED, agents / f"{AGENT}.md"))


def shown(qtbot, window, path: Path | None) -> DelegationPane:
    """The Delegation pane of ``path`` (None: a new unsaved agent), shown by a click on its tab."""
    if path is None:
        window.add_tab(AgentDocument(SEED.read_text()))
    else:
        window.files.open_paths([str(path)])
    qtbot.waitUntil(lambda: window.current() is not None)
    tab = window.current()
    bar = tab.panes.tabBar()
    index = next(i for i in range(bar.count()) if tab.panes.tabText(i) == "Delegation")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: isinstance(tab.panes.currentWidget(), DelegationPane))
    return tab.panes.currentWidget()


def add(qtbot, pane: DelegationPane, which: str, prompt: str) -> None:
    """Click the list's Add button, type the prompt, press Enter."""
    part = getattr(pane, which)
    count = part.tree.topLevelItemCount()
    qtbot.mouseClick(part.buttons["add"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    qtbot.keyClicks(QApplication.focusWidget(), prompt)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: rows(pane, which)[count:] == [prompt] and bool(part.tree.current_case())
    )


def on_disk(path: Path) -> dict[str, list[str]]:
    """The seed agent's prompts as core.evals reads them back, by expectation."""
    cases = evals.cases_for(evals.read_cases(evals.evals_dir(path)).cases, AGENT)
    return {e: [c.prompt for c in cases if c.expect == e] for e in ("use", "avoid")}


def rows(pane: DelegationPane, which: str) -> list[str]:
    tree = getattr(pane, which).tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_three_positive_and_two_negative_prompts_become_cases(qtbot, window, tmp_path):
    path = project(tmp_path)
    pane = shown(qtbot, window, path)
    assert AGENT in pane.where.text() and "evals" in pane.where.text()
    for prompt in USE:
        add(qtbot, pane, "use", prompt)
    for prompt in AVOID:
        add(qtbot, pane, "avoid", prompt)
    assert on_disk(path) == {"use": USE, "avoid": AVOID}
    assert rows(pane, "use") == USE and rows(pane, "avoid") == AVOID
    folder = path.parents[2] / "evals"
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{AGENT}--{n:03d}-{e}" for n, e in enumerate(["use"] * 3 + ["avoid"] * 2, 1)
    ]
    assert not pane.other.isVisible()


def test_an_empty_new_row_is_dropped_and_escape_cancels(qtbot, window, tmp_path):
    path = project(tmp_path)
    pane = shown(qtbot, window, path)
    qtbot.mouseClick(pane.use.buttons["add"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: pane.use.tree.topLevelItemCount() == 0)
    assert not (path.parents[2] / "evals").exists()


def test_edit_remove_and_reorder_with_keys(qtbot, window, tmp_path):
    path = project(tmp_path)
    pane = shown(qtbot, window, path)
    tree = pane.use.tree
    tree.setFocus()
    for prompt in USE:  # Insert adds a row too
        qtbot.keyClick(tree, Qt.Key.Key_Insert)
        qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
        qtbot.keyClicks(QApplication.focusWidget(), prompt)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda p=prompt: on_disk(path)["use"][-1:] == [p] == rows(pane, "use")[-1:])
    tree.setCurrentItem(tree.topLevelItem(0))
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Build a GraphQL API")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: on_disk(path)["use"][0] == "Build a GraphQL API")
    tree.setCurrentItem(tree.topLevelItem(0))
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert on_disk(path)["use"] == ["Add a Postgres migration", "Build a GraphQL API", USE[2]]
    assert tree.currentIndex().row() == 1
    qtbot.mouseClick(pane.use.buttons["up"], Qt.MouseButton.LeftButton)
    assert on_disk(path)["use"] == ["Build a GraphQL API", "Add a Postgres migration", USE[2]]
    tree.setCurrentItem(tree.topLevelItem(1))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert on_disk(path)["use"] == ["Build a GraphQL API", USE[2]]
    assert rows(pane, "use") == on_disk(path)["use"]
    cases = evals.read_cases(path.parents[2] / "evals").cases
    removed_leaves_a_gap = [f"{AGENT}--001-use", f"{AGENT}--003-use"]
    assert [c.folder.name for c in cases] == removed_leaves_a_gap


def test_cases_written_by_hand_are_read_back(qtbot, window, tmp_path):
    path = project(tmp_path)
    folder = path.parents[2] / "evals"
    mine = folder / "orders-api" / "graders"
    mine.mkdir(parents=True)
    (mine.parent / "prompt.md").write_text("Scaffold the orders API\n")
    (mine / "uses.md").write_text(
        f"---\ntype: tool_used\ntool: Agent\ninput_match: {AGENT}\n---\nDelegates\n"
    )
    other = folder / "writes-file" / "graders"
    other.mkdir(parents=True)
    (other.parent / "prompt.md").write_text("Write notes.txt\n")
    (other / "file.md").write_text("---\ntype: file_exists\npath: notes.txt\n---\n")
    broken = folder / "broken" / "graders"
    broken.mkdir(parents=True)
    (broken.parent / "prompt.md").write_text("Anything\n")
    (broken / "g.md").write_text("---\ntype: tool_used\n---\n")
    pane = shown(qtbot, window, path)
    assert rows(pane, "use") == ["Scaffold the orders API"]
    assert pane.other.isVisible()
    other_rows = rows(pane, "other")
    assert other_rows[0] == "Write notes.txt"
    assert other_rows[1].startswith("⚠ broken — graders/g.md:") and '"tool"' in other_rows[1]
    add(qtbot, pane, "avoid", AVOID[0])
    assert on_disk(path) == {"use": ["Scaffold the orders API"], "avoid": [AVOID[0]]}


def test_an_agent_not_saved_in_a_folder_says_why(qtbot, window):
    pane = shown(qtbot, window, None)
    assert "not saved in a folder" in pane.where.text()
    assert not pane.use.isEnabled() and not pane.avoid.isEnabled()


def test_only_agents_offer_the_pane(qtbot, window, tmp_path):
    skill = tmp_path / "project" / ".claude" / "skills" / "deploy" / "SKILL.md"
    skill.parent.mkdir(parents=True)
    skill.write_text("---\nname: deploy\ndescription: Deploys\n---\nSteps\n")
    window.files.open_paths([str(skill)])
    qtbot.waitUntil(lambda: window.current() is not None)
    tab = window.current()
    index = next(i for i in range(tab.panes.count()) if tab.panes.tabText(i) == "Delegation")
    assert not tab.panes.isTabVisible(index)


def test_ctrl_6_shows_the_pane_and_insert_adds_a_prompt_there(qtbot, window, tmp_path):
    path = project(tmp_path)
    window.files.open_paths([str(path)])
    qtbot.waitUntil(lambda: window.current() is not None)
    tab = window.current()
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(tab.panes.currentWidget(), DelegationPane))
    pane = tab.panes.currentWidget()
    qtbot.waitUntil(pane.use.tree.hasFocus)
    qtbot.keyClick(pane.use.tree, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    qtbot.keyClicks(QApplication.focusWidget(), USE[0])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: on_disk(path)["use"] == USE[:1])


def seen(pane: DelegationPane, widget) -> bool:
    """Whether all of ``widget`` shows in the pane without scrolling anything."""
    area = pane.split.widget(1)
    inner = widget.mapTo(area.viewport(), QPoint(0, 0)).y()
    outer = widget.mapTo(pane.viewport(), QPoint(0, 0)).y()
    bottom = widget.height()
    return (
        inner >= 0
        and inner + bottom <= area.viewport().height()
        and outer + bottom <= pane.viewport().height()
    )


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_the_lists_grow_with_the_pane_and_the_results_show_beside_them(
    qtbot, window, tmp_path, size
):
    path = project(tmp_path)
    for prompt in USE:
        evals.add_case(evals.evals_dir(path), AGENT, prompt, "use")
    window.resize(*size)
    pane = shown(qtbot, window, path)
    tree = pane.use.tree
    row = tree.sizeHintForRow(0)
    cases = pane.split.widget(0)
    qtbot.waitUntil(lambda: cases.height() - pane.avoid.geometry().bottom() < 10)  # laid out
    assert pane.verticalScrollBar().maximum() == 0  # the pane fits: nothing below the fold
    assert tree.viewport().height() >= 3 * row
    for part in (pane.run_box.all, pane.results.summary, pane.results.chart):
        assert seen(pane, part), part.objectName()
    if size == (1920, 1080):  # the room left goes to the lists, not to blank space below them
        assert tree.viewport().height() >= 6 * row
        assert abs(pane.avoid.tree.height() - tree.height()) <= 1
