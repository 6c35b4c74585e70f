"""Cross-file rules: duplicate names, shadowing, plugin-ignored fields, name ≠ file name."""

from __future__ import annotations

import json
from pathlib import Path

from agentquill.cli import main
from agentquill.core.lint import RULES
from agentquill.core.project import ProjectIndex


def agent(path: Path, name: str | None, extra: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = f"name: {name}\n" if name else ""
    path.write_text(f"---\n{head}description: Use for {name} work.\n{extra}---\n\nYou help.\n")
    return path


def problems(root: Path, user: Path | None = None, code: str | None = None):
    ix = ProjectIndex(root, user_agents=user)
    ix.scan()
    return [p for p in ix.problems() if code is None or p.code == code]


def test_codes_are_registered_with_their_severity(tmp_path):
    agent(tmp_path / "a/.claude/agents/x.md", "y")
    (found,) = problems(tmp_path)
    assert found.code in RULES and found.severity == RULES[found.code].severity.value == "info"


def test_duplicate_names_in_one_tree_have_no_winner(tmp_path):
    a = agent(tmp_path / ".claude/agents/reviewer.md", "reviewer")
    b = agent(tmp_path / ".claude/agents/team/reviewer.md", "reviewer")
    agent(tmp_path / ".claude/agents/other.md", "other")
    found = problems(tmp_path, code="AQ401")
    assert [(p.path, p.others, p.line) for p in found] == [(a, (b,), 2), (b, (a,), 2)]
    assert "no defined order" in found[0].message and found[0].severity == "warning"


def test_nested_project_folders_closest_wins(tmp_path):
    outer = agent(tmp_path / ".claude/agents/api.md", "api")
    inner = agent(tmp_path / "packages/web/.claude/agents/api.md", "api")
    agent(tmp_path / "packages/cli/.claude/agents/api.md", "api")  # a sibling: never both load
    found = problems(tmp_path, code="AQ401")
    assert [(p.path, p.others) for p in found] == [
        (outer, (tmp_path / "packages/cli/.claude/agents/api.md",)),
        (outer, (inner,)),
    ]
    assert "web/" in found[1].message and "wins" in found[1].message


def test_files_without_a_name_do_not_collide_in_claude_scopes(tmp_path):
    agent(tmp_path / ".claude/agents/a.md", None)
    agent(tmp_path / ".claude/agents/sub/a.md", None)
    assert problems(tmp_path, code="AQ401") == []


def test_plugin_ids_include_subfolders(tmp_path):
    (tmp_path / "p/.claude-plugin").mkdir(parents=True)
    (tmp_path / "p/.claude-plugin/plugin.json").write_text('{"name": "p"}')
    agent(tmp_path / "p/agents/x.md", "sec")
    agent(tmp_path / "p/agents/review/y.md", "sec")  # p:review:sec, not p:sec
    agent(tmp_path / "p/agents/z.md", None)  # p:z from its file name
    agent(tmp_path / "p/agents/w.md", "z")
    found = problems(tmp_path, code="AQ401")
    assert sorted(p.path.name for p in found) == ["w.md", "z.md"]


def test_copilot_agents_collide_by_file_name(tmp_path):
    agent(tmp_path / ".github/agents/plan.agent.md", "Planner")
    agent(tmp_path / ".github/agents/plan.md", "Other planner")
    assert len(problems(tmp_path, code="AQ401")) == 2


def test_project_agent_shadows_user_agent(tmp_path):
    project = agent(tmp_path / "proj/.claude/agents/api.md", "api")
    user = agent(tmp_path / "home/agents/api.md", "api")
    agent(tmp_path / "home/agents/mine.md", "mine")
    (found,) = problems(tmp_path / "proj", tmp_path / "home/agents", code="AQ402")
    assert (found.path, found.others, found.severity) == (user, (project,), "warning")


def test_plugin_agents_using_ignored_fields(tmp_path):
    (tmp_path / "p/.claude-plugin").mkdir(parents=True)
    (tmp_path / "p/.claude-plugin/plugin.json").write_text('{"name": "kit"}')
    extra = "permissionMode: plan\nhooks:\n  Stop: []\nmodel: sonnet\n"
    path = agent(tmp_path / "p/agents/x.md", "x", extra)
    agent(tmp_path / ".claude/agents/y.md", "y", extra)  # fine outside a plugin
    found = problems(tmp_path, code="AQ403")
    assert [(p.path, p.line) for p in found] == [(path, 4), (path, 5)]
    assert "'permissionMode'" in found[0].message and "kit" in found[0].message


def test_name_differs_from_file_name(tmp_path):
    path = agent(tmp_path / ".github/agents/plan.agent.md", "planner")
    agent(tmp_path / ".github/agents/same.agent.md", "same")
    agent(tmp_path / ".gemini/agents/noname.md", None)
    (found,) = problems(tmp_path, code="AQ404")
    assert (found.path, found.line, found.severity) == (path, 2, "info")
    assert "'planner'" in found.message and "'plan'" in found.message


def test_cli_lint_of_a_folder_reports_cross_file_problems(tmp_path, capsys, monkeypatch):
    agent(tmp_path / ".claude/agents/a.md", "same")
    agent(tmp_path / ".claude/agents/b.md", "same")
    agent(tmp_path / "README.md", None).write_text("# docs\n")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "."]) == 1
    out = capsys.readouterr().out
    assert ".claude/agents/a.md:2:1: warning AQ401 2 agents are named 'same'" in out
    assert "AQ205" in out and "AQ404" not in out  # reported once
    assert "README" not in out
    main(["lint", ".claude/agents/a.md"])
    assert "AQ401" not in capsys.readouterr().out  # one file: nothing to compare it with
    main(["lint", "--json", str(tmp_path)])
    report = json.loads(capsys.readouterr().out)
    (dup,) = [d for d in report[0]["diagnostics"] if d["code"] == "AQ401"]
    assert dup["others"] == [str(tmp_path / ".claude/agents/b.md")] and dup["line"] == 2
