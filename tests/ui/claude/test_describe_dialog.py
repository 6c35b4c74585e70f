"""File ▸ New Agent from a Description: the brief typed, Generate clicked, the answer streamed
from the stand-in, Open in Editor → a new unsaved tab whose undo works; Claude Code missing,
signed out or failing → a clear line, no tab."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from asking import button, click, status, use
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QPlainTextEdit

from agentquill.core import claude, dialects
from agentquill.core.claude import generate
from agentquill.core.frontmatter import parse
from agentquill.ui.claude.generate import DescribeDialog
from claude_stand_in import RECORDED, runs, stand_in
from support import claude_binary

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-ins are shell scripts")
CLAUDE = claude_binary()
BRIEF = "Reviews SQL migrations for long locks and missing indexes before they ship."


def opened(qtbot, window) -> DescribeDialog:
    window.acts["describe_agent"].trigger()
    dialog = window.findChild(DescribeDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_brief_becomes_a_new_unsaved_tab(qtbot, window, tmp_path, monkeypatch):
    program, env = stand_in(tmp_path / "stand-in", "generate.jsonl")
    use(qtbot, window, monkeypatch, program, env)
    assert window.claude.ready
    project = tmp_path / "project"
    (project / ".claude" / "agents").mkdir(parents=True)
    window.projects.open(project)
    dialog = opened(qtbot, window)
    assert not button(dialog, "ask.run").isEnabled()  # nothing described yet
    qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "describe.brief"), BRIEF)
    sent = dialog.findChild(QPlainTextEdit, "ask.prompt").toPlainText()
    assert sent == generate.prompt(dialog.request()) and BRIEF in sent
    tools = dialog.findChild(QListWidget, "describe.tools")
    items = [tools.item(i) for i in range(tools.count())]
    ticked = [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]
    assert ticked == ["Read", "Grep", "Glob"]
    click(qtbot, dialog, "ask.run")
    qtbot.waitUntil(lambda: button(dialog, "describe.open").isEnabled(), timeout=15_000)
    assert status(dialog).startswith("Claude Code wrote the agent")
    stream = dialog.findChild(QPlainTextEdit, "ask.stream").toPlainText()
    assert stream.startswith("I'll write the migration reviewer")
    assert "name: migration-reviewer" in stream
    ran = runs(tmp_path / "stand-in", "--json-schema")[-1]
    assert not Path(ran["cwd"]).exists()  # its empty folder is gone once it has answered
    args = ran["args"]
    assert args[args.index("-p") + 1] == sent
    assert json.loads(args[args.index("--json-schema") + 1]) == generate.schema(dialog.request())
    assert args[args.index("--tools") + 1] == ""
    click(qtbot, dialog, "describe.open")
    qtbot.waitUntil(lambda: window.findChild(DescribeDialog) is None)
    tab = window.current()
    assert tab.document.path is None and tab.document.modified
    assert tab.document.suggested == project / ".claude" / "agents" / "migration-reviewer.md"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Untitled — migration-reviewer ●"
    text = tab.document.text()
    assert parse(text).value("tools") == "Read, Grep, Glob"
    assert not window.acts["undo"].isEnabled()  # the generated agent is where undo stops
    tab.panes.setCurrentWidget(tab.source)
    tab.source.setFocus()
    qtbot.keyClicks(tab.source, "x")
    assert tab.document.text() != text
    qtbot.keyClick(tab.source, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.document.text() == text


def test_another_format_and_no_tools(qtbot, window, tmp_path, monkeypatch):
    program, env = stand_in(tmp_path / "stand-in", "generate.jsonl")
    use(qtbot, window, monkeypatch, program, env)
    assert window.claude.ready
    dialog = opened(qtbot, window)
    qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "describe.brief"), BRIEF)
    dialect = dialog.findChild(QComboBox, "describe.dialect")
    dialect.setFocus()
    while dialect.currentData() != dialects.GEMINI:
        qtbot.keyClick(dialect, Qt.Key.Key_Down)
    tools = dialog.findChild(QListWidget, "describe.tools")
    assert tools.item(0).text() == "read_file"
    assert "a Gemini CLI subagent" in dialog.findChild(QPlainTextEdit, "ask.prompt").toPlainText()
    click(qtbot, dialog, "ask.run")  # the recorded answer gives Claude Code's tools and model
    qtbot.waitUntil(lambda: "Nothing was changed" in status(dialog), timeout=15_000)
    assert status(dialog).startswith("The answer gives the agent Read, which you did not allow")
    assert not button(dialog, "describe.open").isEnabled() and window.current() is None


def test_a_signed_out_claude_code_is_said_with_a_link(qtbot, window, tmp_path, monkeypatch):
    program, env = stand_in(tmp_path / "s", "signed-out.jsonl", "auth-signed-out.json")
    use(qtbot, window, monkeypatch, program, env)
    assert not window.claude.ready
    dialog = opened(qtbot, window)
    qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "describe.brief"), BRIEF)
    notice = dialog.findChild(QLabel, "ask.notice")
    assert notice.isVisible() and "Nobody is signed in to Claude Code" in notice.text()
    assert "How to log in" in notice.text() and not button(dialog, "ask.run").isEnabled()


def test_missing_claude_code_is_said_with_a_link(qtbot, window, monkeypatch):
    monkeypatch.setenv(claude.ENV, "")
    window.claude.find()
    qtbot.waitUntil(lambda: window.claude.located is not None, timeout=10_000)
    dialog = opened(qtbot, window)
    notice = dialog.findChild(QLabel, "ask.notice")
    assert "is set empty" in notice.text() and "Install Claude Code" in notice.text()


def real_signed_out(folder: Path) -> tuple[Path, dict[str, str]]:
    """The real Claude Code, signed out, behind a probe that says signed in: a login that
    lapsed after the status item looked."""
    (folder / "home").mkdir(parents=True)
    program = folder / "claude"
    signed_in = (RECORDED / "auth-signed-in.json").read_text().strip()
    program.write_text(
        f"#!/bin/sh\nif [ \"$1\" = auth ]; then echo '{signed_in}'; exit 0; fi\n"
        f'exec "{CLAUDE}" "$@"\n'
    )
    program.chmod(0o755)
    return program, {"HOME": str(folder / "home"), "PATH": "/usr/bin:/bin"}


@pytest.mark.skipif(CLAUDE is None, reason="claude-oracle has not installed Claude Code")
def test_the_real_claude_code_signed_out_ends_with_a_clear_line(
    qtbot, window, tmp_path, monkeypatch
):
    program, env = real_signed_out(tmp_path / "real")
    use(qtbot, window, monkeypatch, program, env)
    assert window.claude.ready
    dialog = opened(qtbot, window)
    qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "describe.brief"), BRIEF)
    click(qtbot, dialog, "ask.run")
    qtbot.waitUntil(lambda: "Nothing was changed" in status(dialog), timeout=60_000)
    assert status(dialog) == (
        "Claude Code is not logged in: run claude in a terminal and type /login. "
        "Nothing was changed."
    )
    assert window.current() is None and not button(dialog, "describe.open").isEnabled()


def test_a_run_refused_for_want_of_a_login_looks_again(qtbot, window, tmp_path, monkeypatch):
    """The status item said signed in; the run says not: the item looks again and the dialog
    shows why it cannot run, with the link."""
    folder = tmp_path / "stand-in"
    program, env = stand_in(folder, "signed-out.jsonl", "auth-signed-in.json")
    use(qtbot, window, monkeypatch, program, env)
    dialog = opened(qtbot, window)
    qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "describe.brief"), BRIEF)
    (folder / "auth.json").write_text((RECORDED / "auth-signed-out.json").read_text())
    click(qtbot, dialog, "ask.run")
    qtbot.waitUntil(lambda: window.claude.status is not None and not window.claude.ready)
    assert status(dialog).startswith("Claude Code is not logged in")
    notice = dialog.findChild(QLabel, "ask.notice")
    assert notice.isVisible() and "How to log in" in notice.text()
    assert not button(dialog, "ask.run").isEnabled()


def test_stop_ends_the_run_and_opens_nothing(qtbot, window, tmp_path, monkeypatch):
    program, env = stand_in(tmp_path / "stand-in", "generate.jsonl")
    use(qtbot, window, monkeypatch, program, {**env, "STAND_IN_PAUSE": "5"})
    dialog = opened(qtbot, window)
    qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "describe.brief"), BRIEF)
    click(qtbot, dialog, "ask.run")
    qtbot.waitUntil(lambda: bool(runs(tmp_path / "stand-in", "--json-schema")), timeout=10_000)
    click(qtbot, dialog, "ask.stop")
    qtbot.waitUntil(lambda: "Nothing was changed" in status(dialog), timeout=15_000)
    assert status(dialog) == "Stopped before Claude Code answered. Nothing was changed."
    assert button(dialog, "ask.run").isEnabled() and not button(dialog, "describe.open").isEnabled()
