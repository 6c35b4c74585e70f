"""Suggest prompts: enabled only when Claude Code is ready, shows the prompt before sending it,
and adds the suggestions the user ticks as cases."""

from __future__ import annotations

import json
import sys

import pytest
from PySide6.QtCore import Qt
from test_delegation_cases import on_disk, project, shown
from test_delegation_runs import click, with_claude

from agentquill.ui.evals.suggest import SCHEMA
from claude_stand_in import stand_in

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a shell script")


def test_ticked_suggestions_become_cases(qtbot, window, tmp_path, monkeypatch):
    with_claude(qtbot, window, monkeypatch, *stand_in(tmp_path / "s", "suggested.jsonl"))
    qtbot.waitUntil(lambda: window.claude.ready, timeout=10_000)
    path = project(tmp_path)
    pane = shown(qtbot, window, path)
    box = pane.suggestions
    assert pane.suggest.isEnabled() and not box.isVisible()
    click(qtbot, pane.suggest)
    assert box.isVisible() and "Nothing is sent" in box.state.text()
    assert "Use this agent for backend development tasks" in box.sent.toPlainText()
    assert box.run is None
    click(qtbot, box.ask)
    assert box.run.command[-2:] == ["--json-schema", json.dumps(SCHEMA)]
    assert box.run.command[box.run.command.index("-p") + 1] == box.sent.toPlainText()
    qtbot.waitUntil(lambda: box.found.count() == 5, timeout=10_000)
    assert box.found.item(0).text() == "Should use: Add a paginated REST endpoint that lists orders"
    box.found.setFocus()
    for row in (0, 4):
        box.found.setCurrentRow(row)
        qtbot.keyClick(box.found, Qt.Key.Key_Space)
    click(qtbot, box.accept)
    assert on_disk(path) == {
        "use": ["Add a paginated REST endpoint that lists orders"],
        "avoid": ["Write release notes for version 2.3"],
    }
    assert box.found.count() == 3 and pane.use.tree.topLevelItemCount() == 1
    click(qtbot, box.findChild(type(box.ask), "evals.suggest_close"))
    assert not box.isVisible()


def test_signed_out_suggest_is_disabled_with_the_reason(qtbot, window, tmp_path, monkeypatch):
    program, env = stand_in(tmp_path / "s", "signed-out.jsonl", "auth-signed-out.json")
    with_claude(qtbot, window, monkeypatch, program, env)
    pane = shown(qtbot, window, project(tmp_path))
    qtbot.waitUntil(lambda: window.claude.status is not None, timeout=10_000)
    assert not pane.suggest.isEnabled() and "/login" in pane.suggest.toolTip()
