"""Agent ▸ Improve with Claude: each action sends our instruction and the buffer, shows the
proposal as hunks, and each hunk accepted is exactly one undo step; a rejected one changes
nothing; a failed run or an answer that does not fit changes nothing either."""

from __future__ import annotations

import shutil
import sys

import pytest
from asking import button, click, status, use
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QPlainTextEdit

from agentquill.core import examples
from agentquill.core.claude import improve
from agentquill.core.frontmatter import parse
from agentquill.ui.claude.improve import ImproveDialog
from claude_stand_in import RECORDED, runs, stand_in
from support import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-ins are shell scripts")
AGENT = ROOT / "resources" / "examples" / ".claude" / "agents" / "api-reviewer.md"


@pytest.fixture
def agent(tmp_path):
    path = tmp_path / "project" / ".claude" / "agents" / "api-reviewer.md"
    path.parent.mkdir(parents=True)
    shutil.copy(AGENT, path)
    return path


def asked(qtbot, window, monkeypatch, tmp_path, agent, ask, transcript="") -> ImproveDialog:
    """The dialog of ``ask`` on ``agent``, Claude Code replaying ``transcript``."""
    program, env = stand_in(tmp_path / "stand-in", transcript or f"improve-{ask}.jsonl")
    window.files.open_file(agent)
    use(qtbot, window, monkeypatch, program, env)
    assert window.claude.ready
    window.acts[f"improve.{ask}"].trigger()
    dialog = window.findChild(ImproveDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def answered(qtbot, dialog) -> QListWidget:
    """The list of hunks, once Claude Code has answered."""
    click(qtbot, dialog, "ask.run")
    hunks = dialog.findChild(QListWidget, "improve.hunks")
    qtbot.waitUntil(lambda: hunks.count() > 0, timeout=15_000)
    return hunks


def proposed(qtbot, window, monkeypatch, tmp_path, agent, ask):
    """The dialog of ``ask`` once answered, the document, its text before, the hunks."""
    dialog = asked(qtbot, window, monkeypatch, tmp_path, agent, ask)
    document = window.current().document
    before = document.text()
    return dialog, document, before, answered(qtbot, dialog)


def test_tighten_prompt_accept_one_hunk_reject_another(qtbot, window, monkeypatch, tmp_path, agent):
    dialog = asked(qtbot, window, monkeypatch, tmp_path, agent, "prompt")
    document = window.current().document
    before = document.text()
    sent = dialog.findChild(QPlainTextEdit, "ask.prompt").toPlainText()
    assert sent == improve.prompt(improve.ASKS["prompt"], before)
    hunks = answered(qtbot, dialog)
    assert [hunks.item(i).text() for i in range(2)] == [
        "• Prompt, line 37",
        "• Prompt, lines 58–59",
    ]
    diff = dialog.findChild(QPlainTextEdit, "improve.diff").toPlainText()
    assert diff.splitlines()[0] == "@@ Prompt, line 37 @@"
    assert diff.splitlines()[1].startswith("-You are a senior API reviewer. You read")
    assert diff.splitlines()[2].startswith("+You are a senior API reviewer: you read")
    click(qtbot, dialog, "improve.reject")
    assert document.text() == before and hunks.currentRow() == 1
    click(qtbot, dialog, "improve.accept")
    after = document.text()
    assert "2. List findings by severity, with concrete fixes" in after
    assert "You are a senior API reviewer. You read" in after  # the rejected hunk
    assert [hunks.item(i).text() for i in range(2)] == [
        "✗ Prompt, line 37",
        "✓ Prompt, lines 58–59",
    ]
    assert status(dialog) == "Done: 1 change applied, each one step of Undo"
    assert not button(dialog, "improve.accept").isEnabled()
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChild(ImproveDialog) is None)
    window.acts["undo"].trigger()
    assert document.text() == before  # one step took the hunk back
    window.acts["redo"].trigger()
    assert document.text() == after


def test_write_examples_each_accepted_is_one_undo_step(qtbot, window, monkeypatch, tmp_path, agent):
    dialog, document, before, hunks = proposed(
        qtbot, window, monkeypatch, tmp_path, agent, "examples"
    )
    assert hunks.count() == 2
    click(qtbot, dialog, "improve.accept")
    one = document.text()
    click(qtbot, dialog, "improve.accept")
    found = examples.parse(parse(document.text()).value("description")).examples
    assert len(found) == 5 and found[3].example.context.startswith("A webhook endpoint")
    dialog.accept()
    qtbot.waitUntil(lambda: window.findChild(ImproveDialog) is None)
    window.acts["undo"].trigger()
    assert document.text() == one
    window.acts["undo"].trigger()
    assert document.text() == before


def test_improve_description_changes_only_the_prose(qtbot, window, monkeypatch, tmp_path, agent):
    dialog, document, before, hunks = proposed(
        qtbot, window, monkeypatch, tmp_path, agent, "description"
    )
    assert hunks.count() == 1 and status(dialog).startswith("Claude Code proposes 1 change (")
    qtbot.keyClick(hunks, Qt.Key.Key_Return)  # Accept is the default button once proposed
    changed = set(before.splitlines()) ^ set(document.text().splitlines())
    assert len(changed) == 2 and all(line.startswith("  Use this agent") for line in changed)


def test_the_wrong_answer_changes_nothing(qtbot, window, monkeypatch, tmp_path, agent):
    prompt_answer = "improve-prompt.jsonl"
    dialog = asked(qtbot, window, monkeypatch, tmp_path, agent, "description", prompt_answer)
    document = window.current().document
    before = document.text()
    click(qtbot, dialog, "ask.run")
    qtbot.waitUntil(lambda: "Nothing was changed" in status(dialog), timeout=15_000)
    assert status(dialog) == "The answer has no 'description'. Nothing was changed."
    assert dialog.findChild(QListWidget, "improve.hunks").count() == 0
    assert not button(dialog, "improve.accept").isVisible()
    assert document.text() == before and not document.modified


def test_a_crash_changes_nothing(qtbot, window, monkeypatch, tmp_path, agent):
    dialog = asked(qtbot, window, monkeypatch, tmp_path, agent, "prompt")
    init = (RECORDED / "improve-prompt.jsonl").read_text().splitlines()[0]
    (tmp_path / "stand-in" / "transcript.jsonl").write_text(f"{init}\nnot json\n")  # it dies
    document = window.current().document
    before = document.text()
    click(qtbot, dialog, "ask.run")
    qtbot.waitUntil(lambda: "Nothing was changed" in status(dialog), timeout=15_000)
    assert status(dialog).startswith("Claude Code exited with status 1: json.decoder.")
    assert document.text() == before


def test_no_agent_open_says_so(qtbot, window):
    window.acts["improve.prompt"].trigger()
    assert window.findChild(ImproveDialog) is None
    assert window.statusBar().currentMessage() == "Open an agent to improve it with Claude"


def test_an_agent_too_large_to_send_is_said(qtbot, window, monkeypatch, tmp_path, agent):
    agent.write_text(agent.read_text() + "Filler line of the prompt.\n" * 5000)
    dialog = asked(qtbot, window, monkeypatch, tmp_path, agent, "prompt")
    click(qtbot, dialog, "ask.run")
    assert status(dialog).startswith("The prompt is too large to send (")
    assert status(dialog).endswith("; at most 120 kB). Nothing was changed.")
    assert not runs(tmp_path / "stand-in", "--json-schema")  # nothing ran
