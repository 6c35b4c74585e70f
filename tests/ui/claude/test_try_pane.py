"""The Try pane, driven by keys and clicks: a run to its end against the stand-in (markdown,
tool calls folded and unfolded, the figures), where it runs, Stop, closing the tab, and every
way a run fails clearly: not logged in (the real binary), a missing program, a crash, a line
that is not a message. What runs is the buffer, unsaved edits included."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from agentquill.core import claude
from agentquill.ui.claude.transcript import ToolCall
from claude_stand_in import runs, stand_in
from support import FIXTURES, claude_binary

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-ins are shell scripts")
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton
CLAUDE = claude_binary()


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "shop"
    agents = root / ".claude" / "agents"
    agents.mkdir(parents=True)
    shutil.copy(FIXTURES / "release-manager.md", agents / "release-manager.md")
    (root / "app").mkdir()
    (root / "app" / "models.py").write_text("class Order: ...\n")
    return root


class Claude:
    """The stand-in Claude Code the window finds: it leaves ``run.json`` for each run."""

    def __init__(self, tmp_path: Path, monkeypatch, transcript: str = "try-run.jsonl"):
        self.program, env = stand_in(tmp_path / "stand-in", transcript)
        self.folder = tmp_path / "stand-in"
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv(claude.ENV, str(self.program))

    def answering(self, body: str) -> None:
        """Answer ``--version`` and ``auth`` as signed in, and a run with the shell ``body``."""
        real = self.folder / "real-stand-in"
        if not real.exists():
            self.program.rename(real)
        self.program.write_text(
            f'#!/bin/sh\ncase "$1" in --version|auth) exec "{real}" "$@";; esac\n{body}\n'
        )
        self.program.chmod(0o755)

    @property
    def ran(self) -> dict:
        """The last run of an agent (the project's registration check runs claude too)."""
        return self.tries()[-1]

    def tries(self) -> list[dict]:
        return runs(self.folder, "--agent")


@pytest.fixture
def stand(tmp_path, monkeypatch) -> Claude:
    return Claude(tmp_path, monkeypatch)


def found(qtbot, window) -> None:
    with qtbot.waitSignal(window.claude.changed, timeout=15_000):
        window.claude.find()


def opened(qtbot, window, project: Path):
    """The agent's tab with its Try pane shown by Ctrl+5, Claude Code found."""
    found(qtbot, window)
    tab = window.files.open_file(project / ".claude" / "agents" / "release-manager.md")
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = tab.try_pane
    qtbot.waitUntil(pane.isVisible)
    return tab, pane


def run(qtbot, pane, prompt: str = "Review app/models.py", timeout: int = 15_000) -> None:
    """Type ``prompt``, click Run and wait for the end."""
    pane.prompt.setFocus()
    qtbot.keyClicks(pane.prompt, prompt)
    qtbot.mouseClick(pane.run_button, LEFT)
    qtbot.waitUntil(lambda: not pane.busy, timeout=timeout)


def notes(pane, kind: str) -> list[str]:
    return [label.text() for label in pane.findChildren(QLabel, f"try.note.{kind}")]


def test_a_run_streams_markdown_tool_calls_and_the_figures(qtbot, window, project, stand):
    tab, pane = opened(qtbot, window, project)
    assert pane.run_button.isEnabled() and not pane.reason.isVisible()
    assert not pane.stop_button.isEnabled()
    run(qtbot, pane)
    said = [label.text() for label in pane.findChildren(QLabel, "try.said")]
    assert said[0] == '<p><a name="b-787a504d"></a>I\'ll read the models first.</p>\n'
    assert "<h2" in said[1] and "<strong><code>Order.total</code></strong>" in said[1]
    read, grep = pane.findChildren(ToolCall)
    assert read.use.name == "Read" and '"file_path": "app/models.py"' in read.input.text()
    assert (read.fold.text(), grep.fold.text()) == ("Result (7 lines)", "Error (1 line)")
    assert not read.result.isVisible()
    qtbot.mouseClick(read.fold, LEFT)
    qtbot.waitUntil(read.result.isVisible)
    assert read.result.text().startswith("class Order:") and not grep.result.isVisible()
    qtbot.mouseClick(read.fold, LEFT)
    qtbot.waitUntil(lambda: not read.result.isVisible())
    assert notes(pane, "done") == ["Done · 3 turns · 45,145 tokens · $0.0486 · 14.2 s"]
    assert notes(pane, "prompt") == ["Review app/models.py"] and notes(pane, "error") == []
    ran = Path(stand.ran["cwd"])
    assert ran.name == "shop" and ran != project and not ran.exists()  # a scratch copy, gone
    assert stand.ran["args"][-2:] == ["--permission-mode", "acceptEdits"]
    assert pane.run_button.isEnabled() and not pane.stop_button.isEnabled()


def test_the_project_itself_runs_with_read_only_tools(qtbot, window, project, stand):
    _tab, pane = opened(qtbot, window, project)
    pane.place.setFocus()
    qtbot.keyClick(pane.place, Qt.Key.Key_Down)
    assert pane.place.currentText() == "This project, read-only tools only"
    run(qtbot, pane)
    assert stand.ran["cwd"] == str(project)
    assert stand.ran["args"][-4:] == ["--permission-mode", "default", "--tools", "Read,Glob,Grep"]
    assert notes(pane, "done") and (project / "app" / "models.py").exists()


def test_unsaved_edits_are_what_runs_and_ctrl_return_runs(qtbot, window, project, stand):
    tab, pane = opened(qtbot, window, project)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    qtbot.waitUntil(tab.source.isVisible)
    tab.source.setFocus()
    qtbot.keyClick(tab.source, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(tab.source, "Always say UNSAVED-MARK.")
    assert tab.document.modified
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    qtbot.waitUntil(pane.prompt.hasFocus)
    qtbot.keyClicks(pane.prompt, "Say it")
    qtbot.keyClick(pane.prompt, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: notes(pane, "done") != [], timeout=15_000)
    args = stand.ran["args"]
    defined = json.loads(args[args.index("--agents") + 1])
    assert (
        list(defined) == ["release-manager"]
        and args[args.index("--agent") + 1] == "release-manager"
    )
    assert defined["release-manager"]["prompt"].endswith("Always say UNSAVED-MARK.")
    assert "UNSAVED-MARK" not in tab.document.path.read_text(encoding="utf-8")
    assert args[:2] == ["-p", "Say it"]


def test_the_command_disclosure_shows_what_runs(qtbot, window, project, stand):
    _tab, pane = opened(qtbot, window, project)
    qtbot.keyClicks(pane.prompt, "Check it")
    assert not pane.command.isVisible()
    qtbot.mouseClick(pane.command_fold, LEFT)
    qtbot.waitUntil(pane.command.isVisible)
    shown = pane.command.toPlainText()
    assert shown.startswith(f"{stand.program} -p 'Check it' --output-format stream-json --verbose")
    assert '--agents \'{"release-manager": {"description":' in shown
    assert shown.endswith("--agent release-manager --permission-mode acceptEdits")


def test_stop_ends_a_run_mid_way(qtbot, window, project, stand, monkeypatch):
    monkeypatch.setenv("STAND_IN_PAUSE", "5")
    _tab, pane = opened(qtbot, window, project)
    qtbot.keyClicks(pane.prompt, "Take your time")
    qtbot.mouseClick(pane.run_button, LEFT)
    qtbot.waitUntil(
        lambda: any("Claude Code 2.1.332" in n for n in notes(pane, "info")), timeout=15_000
    )
    assert pane.stop_button.isEnabled() and not pane.run_button.isEnabled()
    qtbot.mouseClick(pane.stop_button, LEFT)
    qtbot.waitUntil(lambda: not pane.busy, timeout=5_000)
    assert notes(pane, "error") == ["Stopped before Claude Code answered"]
    assert not Path(stand.ran["cwd"]).exists() and pane.run_button.isEnabled()


def test_closing_the_tab_stops_the_run(qtbot, window, project, stand, monkeypatch):
    monkeypatch.setenv("STAND_IN_PAUSE", "5")
    _tab, pane = opened(qtbot, window, project)
    qtbot.keyClicks(pane.prompt, "Take your time")
    qtbot.mouseClick(pane.run_button, LEFT)
    qtbot.waitUntil(lambda: bool(stand.tries()), timeout=15_000)
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL)
    qtbot.waitUntil(lambda: window.tabs.count() == 0)
    with pytest.raises(ProcessLookupError):
        os.kill(stand.ran["pid"], 0)
    assert not Path(stand.ran["cwd"]).exists()


@pytest.mark.skipif(CLAUDE is None, reason="claude-oracle has not installed Claude Code")
def test_signed_out_the_real_claude_code_disables_run_with_the_reason(
    qtbot, window, project, tmp_path, monkeypatch
):
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv(claude.ENV, str(CLAUDE))
    _tab, pane = opened(qtbot, window, project)
    qtbot.waitUntil(pane.reason.isVisible)
    assert not pane.run_button.isEnabled()
    assert pane.reason.text() == (
        "Nobody is signed in to Claude Code: run claude in a terminal and type /login. "
        '<a href="https://code.claude.com/docs/en/authentication">How to log in</a>'
    )


@pytest.mark.skipif(CLAUDE is None, reason="claude-oracle has not installed Claude Code")
def test_a_run_refused_by_the_real_claude_code_says_not_logged_in(
    qtbot, window, project, stand, tmp_path, monkeypatch
):
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    stand.answering(f'exec "{CLAUDE}" "$@"')  # signed in when found, signed out since
    _tab, pane = opened(qtbot, window, project)
    run(qtbot, pane, "hi", timeout=60_000)
    said = [label.text() for label in pane.findChildren(QLabel, "try.said")]
    assert "Not logged in · Please run /login" in said[0]
    assert notes(pane, "error")[-1] == (
        "Claude Code is not logged in: run claude in a terminal and type /login."
    )


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (
            'echo "segfault in node" >&2\nexit 139',
            "Claude Code exited with status 139: segfault in node",
        ),
        (
            'echo \'{"type": "system", "subtype": "init"}\'\necho \'Error: oops\'\nexec sleep 30',
            "Claude Code printed a line that is not a message: Error: oops",
        ),
    ],
)
def test_a_crash_or_a_malformed_line_ends_the_run_clearly(
    qtbot, window, project, stand, body, said
):
    stand.answering(body)
    _tab, pane = opened(qtbot, window, project)
    run(qtbot, pane)
    assert notes(pane, "error") == [said]
    assert window.statusBar().currentMessage() == said


def test_a_missing_program_ends_the_run_clearly(qtbot, window, project, stand):
    _tab, pane = opened(qtbot, window, project)
    stand.program.unlink()  # gone since it was found
    run(qtbot, pane)
    assert notes(pane, "error") == [
        f"Claude Code could not be started: {stand.program}: No such file or directory"
    ]


def test_not_found_run_is_disabled_and_only_agents_are_tried(
    qtbot, window, project, tmp_path, monkeypatch
):
    monkeypatch.setenv(claude.ENV, str(tmp_path / "nowhere"))
    _tab, pane = opened(qtbot, window, project)
    assert not pane.run_button.isEnabled()
    assert pane.reason.text().startswith(f"$AGENTQUILL_CLAUDE names {tmp_path / 'nowhere'}")
    assert "Install Claude Code" in pane.reason.text()
    skill = project / ".claude" / "skills" / "deploy" / "SKILL.md"
    skill.parent.mkdir(parents=True)
    skill.write_text("---\nname: deploy\ndescription: Deploys.\n---\nSteps.\n", encoding="utf-8")
    tab = window.files.open_file(skill)
    assert not tab.offers_examples
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    assert tab.panes.currentWidget() is tab.form
    titles = [tab.panes.tabText(i) for i in range(tab.panes.count())]
    assert not tab.panes.isTabVisible(titles.index("Try"))


def test_an_empty_prompt_or_an_agent_claude_code_refuses_is_said(qtbot, window, project, stand):
    bare = project / ".claude" / "agents" / "bare.md"
    bare.write_text("---\nname: bare\n---\nHelp.\n", encoding="utf-8")
    found(qtbot, window)
    tab = window.files.open_file(bare)
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    pane = tab.try_pane
    qtbot.waitUntil(pane.prompt.hasFocus)
    qtbot.mouseClick(pane.run_button, LEFT)
    assert notes(pane, "error") == ["Type a prompt for the agent first."]
    run(qtbot, pane, "Go")
    refused = "This agent cannot run: bare has no description: Claude Code needs one."
    qtbot.waitUntil(lambda: notes(pane, "error") == [refused])  # the note before it is gone
    assert not stand.tries()
