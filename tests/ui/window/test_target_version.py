"""File → Target Claude Code Version: recorded in the project's .agentquill.json, and every
check (open tabs, the project's index, ``agentquill lint``) follows it."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication

from agentquill.cli import main
from agentquill.core import claude_versions

AGENT = """---
name: reviewer
description: Reviews pull requests for bugs and risky changes.
tools:
  - Read
  - Grep
effort: xhigh
---

You review code carefully and say what is wrong with it, most serious first.
"""


def codes(tab) -> set[str]:
    return {d.code for d in tab.diagnostics}


def test_the_target_version_is_a_project_setting_the_checks_follow(window, tmp_path, qtbot, capsys):
    root = tmp_path / "proj"
    path = root / ".claude" / "agents" / "reviewer.md"
    path.parent.mkdir(parents=True)
    path.write_text(AGENT, encoding="utf-8")
    assert window.projects.open(root)
    tab = window.files.open_file(path)
    assert not codes(tab) & {"AQ212", "AQ220"}  # valid for 2.1.332
    asked = []

    def ask(current, pinned):
        asked.append((current, pinned))
        return "2.1.100"

    window.prompts.ask_target_version = ask
    window.acts["target_version"].trigger()
    assert asked == [(claude_versions.PINNED, claude_versions.PINNED)]
    assert json.loads((root / ".agentquill.json").read_text()) == {"claudeCode": "2.1.100"}
    assert {"AQ212", "AQ220"} <= codes(tab)
    entries = window.project_tree.model.entries
    qtbot.waitUntil(lambda: len(entries()) == 1 and entries()[0].warnings >= 2)  # re-indexed
    main(["lint", str(path)])
    assert "AQ220" in capsys.readouterr().out


def test_a_bad_version_or_no_project_is_said_and_changes_nothing(window, tmp_path, qtbot):
    errors = []
    window.prompts.show_error = lambda title, text: errors.append(text)
    window.acts["target_version"].trigger()
    assert "Open a folder as a project first" in errors[-1]
    assert window.projects.open(tmp_path)
    window.prompts.ask_target_version = lambda current, pinned: "latest"
    window.acts["target_version"].trigger()
    QApplication.processEvents()
    assert "'latest' is not a version" in errors[-1]
    assert not (tmp_path / ".agentquill.json").exists()
