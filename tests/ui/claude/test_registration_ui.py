"""What Claude Code registers, in the project tree: a stand-in Claude Code (``AGENTQUILL_CLAUDE``)
prints the init message the real 2.1.332 printed for the project of ``registration_cases``
(or that message edited into a disagreement); the tree marks each row, the problems list
gets the disagreement, a save checks again once the saves stop, and nothing runs without a
Claude Code."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from agentquill.core import claude
from agentquill.ui.project.dock import right_text, said_room
from agentquill.ui.project.model import ENTRY_ROLE, tooltip
from claude_stand_in import eval_stand_in, stand_in
from registration_cases import transcript, write

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a shell script")
WAIT = 15_000
HEADLINE = "Claude Code 2.1.332 registers 2 agents · 1 skill · 2 commands"


def without(name: str) -> str:
    """The recorded project transcript, its init message listing no agent ``name``."""
    lines = transcript("project").read_text(encoding="utf-8").splitlines()
    said = [json.loads(line) for line in lines]
    for message in said:
        if message.get("subtype") == "init":
            message["agents"] = [a for a in message["agents"] if a != name]
    return "".join(json.dumps(message) + "\n" for message in said)


@pytest.fixture
def project(tmp_path) -> Path:
    return write(tmp_path / "shop", "project")


@pytest.fixture
def said(tmp_path, monkeypatch) -> Path:
    """The stand-in's folder: its ``transcript.jsonl`` is what the next run prints."""
    program, env = stand_in(tmp_path / "stand-in", "signed-out.jsonl", "auth-signed-out.json")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv(claude.ENV, str(program))
    (program.parent / "transcript.jsonl").write_text(transcript("project").read_text())
    return program.parent / "transcript.jsonl"


def opened(qtbot, window, root: Path):
    window.projects.open(root)
    qtbot.waitUntil(lambda: window.projects.session.done, timeout=WAIT)
    window.claude.find()
    return window.projects.registration


def rows(window) -> dict[str, str]:
    """Each row's right-hand text, by file name (``alpha.md: ✓ registered``)."""
    model = window.project_tree.model
    return {
        e.path.name: right_text(e, model.registration(e), bool(model.file_label(e)))[0]
        for e in model.entries()
    }


def labels(window) -> dict[str, str]:
    """What each row shows in place of its name, by file name, where it shows the file."""
    model = window.project_tree.model
    return {e.path.name: label for e in model.entries() if (label := model.file_label(e))}


def aq430(window) -> list[str]:
    problems = window.project_problems.visible_items()
    return [f"{i.text(2)}: {i.text(0)}" for i in problems if i.text(1) == "AQ430"]


def test_the_tree_shows_what_claude_code_registers(qtbot, window, project, said):
    check = opened(qtbot, window, project)
    line = window.project_tree.claude
    qtbot.waitUntil(lambda: line.text() == f"{HEADLINE} · checked just now", timeout=WAIT)
    assert line.isVisible() and check.runs == 1
    assert rows(window) == {
        "alpha.md": "✓ registered",
        "one.md": "loses to two.md",
        "two.md": "✓ twin",
        "long.md": "not registered",
        "blank.md": "not registered",
        "SKILL.md": "✓ registered",
        "hello.md": "✓ registered",
    }
    assert aq430(window) == []
    model = window.project_tree.model
    [one] = [e for e in model.entries() if e.path.name == "one.md"]
    tip = tooltip(one, model.registration(one), model.claude_version)
    assert "Claude Code 2.1.332: loses a clash to two.md" in tip
    assert labels(window) == {"one.md": "one.md", "two.md": "two.md"}  # which file is which


def tree_rows(window) -> dict[str, QModelIndex]:
    """Every row of the tree, strays too, by file name."""
    model = window.project_tree.model
    groups = [model.index(row, 0) for row in range(model.rowCount())]
    return {
        (index := model.index(row, 0, group)).data(ENTRY_ROLE).path.name: index
        for group in groups
        for row in range(model.rowCount(group))
    }


def shown(window) -> dict[str, str]:
    """Each row's text and right-hand text, by file name."""
    model, found = window.project_tree.model, {}
    for name, index in tree_rows(window).items():
        entry = index.data(ENTRY_ROLE)
        said = right_text(entry, model.registration(entry), bool(model.file_label(entry)))
        found[name] = f"{index.data()}: {said[0]}"
    return found


def test_a_file_claude_code_skips_that_is_no_agent_shows_with_why(qtbot, window, project, said):
    """A README in .claude/agents is no agent to lint, but Claude Code skips it: a row says so."""
    readme = project / ".claude" / "agents" / "README.md"
    readme.write_text("# Our agents\n")
    opened(qtbot, window, project)
    qtbot.waitUntil(lambda: "README.md" in shown(window), timeout=WAIT)
    assert shown(window)["README.md"] == "README.md: not registered"
    model = window.project_tree.model
    assert readme not in {e.path for e in model.entries()}  # not an agent of the index
    stray = tree_rows(window)["README.md"]
    entry = stray.data(ENTRY_ROLE)
    assert model.is_stray(entry)
    tip = tooltip(entry, model.registration(entry), model.claude_version)
    assert "Claude Code 2.1.332: not registered by Claude Code\nWhy: it has no frontmatter" in tip
    menu = window.project_tree.context_menu(stray)
    assert [a.text() for a in menu.actions()][:3] == ["Open", "Reveal in File Manager", "Copy Path"]
    assert not set(window.project_tree.agent_actions) & set(menu.actions())
    window.project_tree.filter.setText("alpha")
    qtbot.waitUntil(lambda: "README.md" not in shown(window), timeout=WAIT)
    window.project_tree.filter.clear()
    qtbot.waitUntil(lambda: "README.md" in shown(window), timeout=WAIT)


def test_a_plugins_rows_leave_out_the_prefix_its_group_says(qtbot, window, tmp_path, said):
    said.write_text(transcript("plugin").read_text())
    opened(qtbot, window, write(tmp_path / "kit", "plugin"))
    qtbot.waitUntil(lambda: "checked" in window.project_tree.claude.text(), timeout=WAIT)
    assert rows(window) == {
        "a3.md": "✓ a3",  # its name is refused: registered under its stem
        "a5.md": "✓ registered",  # no frontmatter read: the row shows the stem too
        "tool.md": "✓ registered",  # as kit:helper, in the group "Plugin · kit"
        "run.md": "✓ registered",
    }


def test_the_right_hand_text_goes_short_before_the_name():
    assert said_room(400, 150, 120) == 120  # room for both
    assert said_room(240, 150, 120) == 90  # the name whole, the rest elided
    assert said_room(240, 400, 120) == 80  # a name too long for the row yields too


def test_a_disagreement_marks_the_row_and_lists_a_problem(qtbot, window, project, said):
    said.write_text(without("alpha"))
    opened(qtbot, window, project)
    qtbot.waitUntil(lambda: bool(aq430(window)), timeout=WAIT)
    message = "Claude Code 2.1.332 does not register this file; our lint expected it to"
    assert aq430(window) == [f".claude/agents/alpha.md: {message}"]
    assert rows(window)["alpha.md"] == "⚠ not registered"
    assert window.project_tree.claude.text().startswith("Claude Code 2.1.332 registers 1 agent ")


def test_saves_check_again_once_they_stop(qtbot, window, project, said):
    said.write_text(without("alpha"))
    check = opened(qtbot, window, project)
    qtbot.waitUntil(lambda: bool(aq430(window)), timeout=WAIT)
    assert check.runs == 1
    said.write_text(transcript("project").read_text())  # what Claude Code says from now on
    tab = window.files.open_file(project / ".claude" / "agents" / "alpha.md")
    for text in ("More.", " Even more."):
        tab.source.setFocus()
        qtbot.keyClick(tab.source, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(tab.source, text)
        qtbot.keyClick(tab.source, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not tab.document.qdoc.isModified(), timeout=WAIT)
    qtbot.waitUntil(lambda: check.busy, timeout=WAIT)
    qtbot.waitUntil(lambda: not aq430(window), timeout=WAIT)
    assert check.runs == 2  # two saves, one run
    assert rows(window)["alpha.md"] == "✓ registered"


def test_nothing_runs_without_claude_code(qtbot, window, project, monkeypatch):
    monkeypatch.setenv(claude.ENV, "")
    check = opened(qtbot, window, project)
    line = window.project_tree.claude
    reason = "Our prediction only: $AGENTQUILL_CLAUDE is set empty: Claude Code is not used."
    qtbot.waitUntil(lambda: line.text().startswith(reason), timeout=WAIT)
    qtbot.waitUntil(lambda: not check.busy, timeout=WAIT)
    qtbot.waitUntil(lambda: check.report is not None, timeout=WAIT)
    assert check.runs == 0 and check.report.version == ""  # our prediction's
    assert rows(window)["long.md"] == "not registered"
    assert rows(window)["one.md"] == "loses to two.md" and aq430(window) == []


def test_a_claude_code_that_fails_to_start_is_said_plainly(
    qtbot, window, project, tmp_path, monkeypatch
):
    """A program that answers the probe but refuses our start-up's arguments (the eval
    stand-in knows only ``plugin eval``): what failed and its last word, no Python list."""
    program, env = eval_stand_in(tmp_path / "eval-stand-in", {})
    for key, value in {**env, claude.ENV: str(program)}.items():
        monkeypatch.setenv(key, value)
    opened(qtbot, window, project)
    line = window.project_tree.claude
    qtbot.waitUntil(lambda: "stopped" in line.text(), timeout=WAIT)
    assert line.text() == (
        "Our prediction only: Claude Code stopped with status 2 before saying what it loads. "
        "It said: “error: unknown option '-p'”"
    )
    assert rows(window)["one.md"] == "loses to two.md"  # our prediction meanwhile
