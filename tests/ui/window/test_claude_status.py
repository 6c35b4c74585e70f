"""The "Claude Code" status item: found in the background, its version and sign-in shown, and
a click opens the dialog with the reason, the links and the path preference."""

from __future__ import annotations

import shutil
import sys

import pytest
from events import typed
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from agentquill.core import claude
from agentquill.ui.dialogs.claude_code import ClaudeCodeDialog
from agentquill.ui.settings import Settings
from claude_stand_in import stand_in
from support import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a shell script")


def use(monkeypatch, program, env) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv(claude.ENV, str(program))


def found(qtbot, window, text: str) -> None:
    window.claude.find()
    qtbot.waitUntil(lambda: window.status.claude.text() == text, timeout=10_000)


def opened(qtbot, window) -> ClaudeCodeDialog:
    qtbot.mouseClick(window.status.claude, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(ClaudeCodeDialog) is not None)
    dialog = window.findChild(ClaudeCodeDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_signed_in_claude_code_shows_its_version(qtbot, window, tmp_path, monkeypatch):
    program, env = stand_in(tmp_path / "stand-in")
    use(monkeypatch, program, env)
    found(qtbot, window, "Claude Code 2.1.332 · signed in")
    assert window.status.claude.isVisible() and window.claude.ready
    assert window.claude.reason == "" and str(program) in window.status.claude.toolTip()
    dialog = opened(qtbot, window)
    assert dialog.findChild(QLabel, "claude.where").text() == f"{program} (from $AGENTQUILL_CLAUDE)"
    assert not dialog.findChild(QLabel, "claude.links").isVisible()


def test_signed_out_says_how_to_log_in(qtbot, window, tmp_path, monkeypatch):
    program, env = stand_in(tmp_path / "s", "signed-out.jsonl", "auth-signed-out.json")
    use(monkeypatch, program, env)
    changes = []
    window.claude.changed.connect(lambda: changes.append(window.claude.ready))
    found(qtbot, window, "Claude Code 2.1.332 · signed out")
    assert changes == [False]
    assert "/login" in window.status.claude.toolTip()
    dialog = opened(qtbot, window)
    assert "/login" in dialog.findChild(QLabel, "claude.reason").text()
    assert "How to log in" in dialog.findChild(QLabel, "claude.links").text()


def test_not_found_then_a_path_set_in_the_dialog(qtbot, window, tmp_path, monkeypatch):
    program, env = stand_in(tmp_path / "stand-in")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv(claude.ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    found(qtbot, window, "Claude Code not found")
    assert not window.claude.ready and "PATH" in window.status.claude.toolTip()
    dialog = opened(qtbot, window)
    links = dialog.findChild(QLabel, "claude.links")
    assert links.isVisible() and "Install Claude Code" in links.text()
    field = dialog.findChild(QLineEdit, "claude.path")
    typed(qtbot, field, str(program))
    qtbot.mouseClick(dialog.findChild(QPushButton, "claude.check"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.status.claude.text() == "Claude Code 2.1.332 · signed in")
    where = dialog.findChild(QLabel, "claude.where")
    qtbot.waitUntil(lambda: where.text() == f"{program} (from Preferences)")
    assert not links.isVisible()
    kept = Settings(window.settings.folder).preferences.claude_path
    assert kept == str(program)


def test_a_program_that_does_not_answer_is_not_working(qtbot, window, tmp_path, monkeypatch):
    broken = tmp_path / "claude"
    broken.write_text("#!/bin/sh\necho 'killed' >&2\nexit 137\n")
    broken.chmod(0o755)
    monkeypatch.setenv(claude.ENV, str(broken))
    found(qtbot, window, "Claude Code not working")
    assert f"{broken} --version answered: killed" in window.status.claude.toolTip()
    dialog = opened(qtbot, window)
    assert "Install Claude Code" in dialog.findChild(QLabel, "claude.links").text()


def test_help_menu_opens_the_dialog_and_looks(qtbot, window, tmp_path, monkeypatch):
    program, env = stand_in(tmp_path / "stand-in")
    use(monkeypatch, program, env)
    window.acts["claude_code"].trigger()
    dialog = window.findChild(ClaudeCodeDialog)
    assert dialog.isVisible()
    headline = dialog.findChild(QLabel, "claude.headline")
    qtbot.waitUntil(lambda: headline.text() == "Claude Code 2.1.332 · signed in")
    assert window.status.claude.text() == headline.text()


def test_the_status_items_never_hold_the_window_wider_than_1024(
    qtbot, window, tmp_path, monkeypatch
):
    program, env = stand_in(tmp_path / "stand-in")
    use(monkeypatch, program, env)
    found(qtbot, window, "Claude Code 2.1.332 · signed in")
    project = tmp_path / "shop"
    shutil.copytree(ROOT / "resources" / "examples", project)
    assert window.projects.open(project)
    qtbot.waitUntil(window.status.budget.isVisible, timeout=15_000)
    window.files.open_file(project / ".claude" / "agents" / "api-reviewer.md")
    qtbot.waitUntil(lambda: "tokens" in window.status.sizes.text())
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.minimumSizeHint().width() <= 1024
    assert "characters" in window.status.sizes.toolTip()
