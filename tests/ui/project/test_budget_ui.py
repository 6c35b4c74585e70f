"""The context budget in the window: the status bar item, the project dock's Budget section
(largest first, click to open) and their updates as a description is edited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from agentquill.ui.project.budget import OVER_COLOURS, kilo
from agentquill.ui.settings import Settings
from agentquill.ui.window.main_window import MainWindow

WAIT = 15_000


def agent(root: Path, name: str, description: str) -> Path:
    path = root / ".claude" / "agents" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    head = f"name: {name}\ndescription: {json.dumps(description)}"
    path.write_text(f"---\n{head}\n---\n\nYou help.\n")
    return path


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow(Settings(tmp_path / "config"), None, tmp_path / "cache")
    win.projects.user_agents = tmp_path / "home" / ".claude" / "agents"
    win.prompts.ask_save_changes = lambda tab: "discard"
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.close()


def open_project(qtbot, window: MainWindow, root: Path) -> None:
    assert window.projects.open(root)
    qtbot.waitUntil(lambda: window.budget.budget is not None, timeout=WAIT)


def test_kilo_reads_like_the_limit():
    assert [kilo(n) for n in (840, 9_240, 15_000, 16_556)] == ["840", "9.2k", "15k", "16.6k"]


def test_status_item_follows_an_edited_description(qtbot, window, tmp_path):
    agent(tmp_path / "p", "alpha", "a" * 33)  # "alpha: " + 33 = 40 units: 10 tokens
    agent(tmp_path / "p", "beta", "b" * 34)  # 40 units: 10 tokens
    open_project(qtbot, window, tmp_path / "p")
    item = window.status.budget
    qtbot.waitUntil(lambda: item.text() == "Descriptions 20 / 15k tokens", timeout=WAIT)
    assert item.isVisible() and not item.styleSheet()
    assert not window.project_tree.budget.header.styleSheet()
    window.files.open_file(tmp_path / "p/.claude/agents/alpha.md")
    tab = window.current()
    tab.go_to_line(3)
    source = tab.source
    source.setFocus()
    qtbot.keyClick(source, Qt.Key.Key_End)
    qtbot.keyClick(source, Qt.Key.Key_Left)  # inside the closing quote
    qtbot.keyClicks(source, "c" * 40)  # 10 more tokens, not saved
    qtbot.waitUntil(lambda: item.text() == "Descriptions 30 / 15k tokens", timeout=WAIT)
    assert window.project_tree.budget.header.text() == item.text()
    tab.document.qdoc.undo()  # back to what is saved
    qtbot.waitUntil(lambda: item.text() == "Descriptions 20 / 15k tokens", timeout=WAIT)


def test_budget_lists_largest_first_and_a_click_opens_the_agent(qtbot, window, tmp_path):
    for name, size in (("small", 10), ("large", 400), ("middle", 100)):
        agent(tmp_path / "p", name, "d" * size)
    open_project(qtbot, window, tmp_path / "p")
    view = window.project_tree.budget
    qtbot.mouseClick(window.status.budget, Qt.MouseButton.LeftButton)  # reveals the section
    qtbot.waitUntil(lambda: view.list.isVisible())
    rows = [view.list.topLevelItem(i) for i in range(view.list.topLevelItemCount())]
    assert [r.text(0) for r in rows] == ["large", "middle", "small"]
    assert [r.text(1) for r in rows] == ["102", "27", "4"]
    assert rows[0].text(2) == "76.7%"  # 102 of 133
    qtbot.mouseClick(view.header, Qt.MouseButton.LeftButton)  # folds it again
    assert not view.list.isVisible()
    qtbot.mouseClick(view.header, Qt.MouseButton.LeftButton)
    target = view.list.visualItemRect(rows[1]).center()
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=target)
    qtbot.waitUntil(lambda: window.current() is not None, timeout=WAIT)
    assert window.current().document.path.name == "middle.md"


def open_with_a_wordy_skill(qtbot, window, root: Path):
    """Open ``root`` with a skill over the cap; the status item and the Budget section."""
    skill = root / ".claude/skills/wordy/SKILL.md"
    skill.parent.mkdir(parents=True)
    skill.write_text(f"---\nname: wordy\ndescription: {'w' * 1_600}\n---\n")
    open_project(qtbot, window, root)
    qtbot.waitUntil(lambda: "character cap" in window.status.budget.toolTip(), timeout=WAIT)
    return window.status.budget, window.project_tree.budget


def test_past_the_limits_the_item_warns_and_skills_over_the_cap_are_listed(qtbot, window, tmp_path):
    root = tmp_path / "p"
    for i in range(2):
        agent(root, f"huge{i}", "d" * 32_000)  # ≈8,000 tokens each
    item, view = open_with_a_wordy_skill(qtbot, window, root)
    assert item.text() == "Descriptions 16k / 15k tokens"
    note = "1 skill over the 1,536-character cap: wordy"
    assert view.header.toolTip() == f"Descriptions 16k / 15k tokens · {note}"
    assert view.note.text() == note and not view.note.isHidden()
    assert OVER_COLOURS[0] in item.styleSheet() and OVER_COLOURS[0] in view.header.styleSheet()
    last = view.list.topLevelItem(view.list.topLevelItemCount() - 1)
    assert last.text(0) == "skill wordy" and last.text(1) == "1,600 ch"
    window.set_theme("dark")  # the warning colour follows the theme
    qtbot.waitUntil(lambda: OVER_COLOURS[1] in item.styleSheet(), timeout=WAIT)
    assert OVER_COLOURS[1] in view.header.styleSheet()
    window.set_theme("light")  # as the other tests expect it
    window.projects.close()
    assert not item.isVisible() and not view.isVisible()


def test_a_skill_over_its_cap_is_told_apart_from_the_total(qtbot, window, tmp_path):
    root = tmp_path / "p"
    agent(root, "small", "d" * 40)
    item, view = open_with_a_wordy_skill(qtbot, window, root)
    assert OVER_COLOURS[0] not in item.styleSheet() + view.header.styleSheet()
    assert view.note.text() == "1 skill over the 1,536-character cap: wordy"
    assert OVER_COLOURS[0] in view.note.styleSheet() and not view.note.isHidden()
