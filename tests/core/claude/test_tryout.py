"""Trying an agent: the arguments (the real Claude Code held to what they promise when it is
installed) and the scratch copy of a project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentquill.core import claude
from agentquill.core.claude import tryout
from support import claude_binary

CLAUDE = claude_binary()
AGENT = {"tryer": {"description": "d", "prompt": "p", "tools": ["Read", "Write", "Bash"]}}


def test_the_arguments_run_the_agent_and_never_bypass_permissions():
    agents = json.dumps(AGENT)
    scratch = claude.try_arguments("go", agents, "tryer", read_only=False)
    assert scratch == [
        *("-p", "go", "--output-format", "stream-json", "--verbose", "--agents", agents),
        *("--agent", "tryer", "--permission-mode", "acceptEdits"),
    ]
    read_only = claude.try_arguments("go", agents, "tryer", read_only=True)
    assert read_only == [
        *scratch[:-2],
        *("--strict-mcp-config", "--settings", '{"disableAllHooks": true}'),
        *("--permission-mode", "default", "--tools", "Read,Glob,Grep"),
    ]
    assert not any("bypass" in a.lower() or "dangerously" in a for a in read_only + scratch)


@pytest.mark.skipif(CLAUDE is None, reason="claude-oracle has not installed Claude Code")
@pytest.mark.parametrize(
    ("read_only", "tools", "mode"),
    [(False, {"Read", "Write", "Bash"}, "acceptEdits"), (True, {"Read"}, "default")],
)
def test_the_real_claude_code_gives_the_agent_only_the_tools_that_read(
    tmp_path, read_only, tools, mode
):
    (tmp_path / "home").mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home")}
    args = claude.try_arguments("hi", json.dumps(AGENT), "tryer", read_only)
    outcome = claude.start_up(str(CLAUDE), tmp_path, args, env)
    assert outcome.init is not None and "tryer" in outcome.init.agents
    assert set(outcome.init.tools) == tools and outcome.init.permission_mode == mode
    assert outcome.signed_out


@pytest.mark.skipif(CLAUDE is None, reason="claude-oracle has not installed Claude Code")
def test_a_read_only_try_starts_no_mcp_server_and_runs_no_hook_of_the_project(tmp_path):
    """Both would run commands in the project itself, whatever the tools (seen with 2.1.332:
    an approved ``.mcp.json`` server starts and a SessionStart hook runs without the flags)."""
    (tmp_path / "home").mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home")}
    project, ran = tmp_path / "shop", tmp_path / "ran"
    (project / ".claude").mkdir(parents=True)
    server = {"command": "sh", "args": ["-c", f"touch {ran}-mcp; sleep 5"]}
    (project / ".mcp.json").write_text(json.dumps({"mcpServers": {"probe": server}}))
    hook = {"hooks": [{"type": "command", "command": f"touch {ran}-hook"}]}
    settings = {"enableAllProjectMcpServers": True, "hooks": {"SessionStart": [hook]}}
    (project / ".claude" / "settings.json").write_text(json.dumps(settings))
    every_tool = {"tryer": {"description": "d", "prompt": "p"}}
    args = claude.try_arguments("hi", json.dumps(every_tool), "tryer", read_only=True)
    outcome = claude.start_up(str(CLAUDE), project, args, env)
    assert outcome.init.tools == ("Glob", "Grep", "Read")
    assert outcome.init.raw["mcp_servers"] == []
    assert not Path(f"{ran}-mcp").exists() and not Path(f"{ran}-hook").exists()


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "shop"
    (root / ".claude" / "agents").mkdir(parents=True)
    (root / ".claude" / "agents" / "a.md").write_text("---\nname: a\n---\nHi\n")
    (root / "src").mkdir()
    (root / "src" / "main.py").write_text("print('hi')\n")
    for skipped in (".git", "node_modules/pkg", "src/__pycache__"):
        (root / skipped).mkdir(parents=True)
        (root / skipped / "x.txt").write_text("left out")
    (root / "logo.png").write_bytes(b"\x89PNG\0\0\0")
    (root / "big.log").write_text("x" * (tryout.FILE_CAP + 1))
    (root / "link.md").symlink_to(root / "src" / "main.py")
    return root


def test_a_scratch_copy_holds_the_projects_text_and_nothing_else(project):
    copied = claude.scratch_copy(project)
    try:
        held = sorted(p.relative_to(copied.folder).as_posix() for p in copied.folder.rglob("*"))
        assert held == [".claude", ".claude/agents", ".claude/agents/a.md", "src", "src/main.py"]
        assert copied.folder.name == "shop" and copied.folder.parent != project.parent
        assert (copied.files, copied.size, copied.left_out, copied.full) == (2, 31, 3, False)
        assert copied.summary == (
            "A scratch copy of 2 files (1 KB); 3 big, binary or linked files left out"
        )
    finally:
        copied.remove()
    assert not copied.folder.parent.exists()
    assert (project / "src" / "main.py").exists()


def test_a_scratch_copy_stops_at_its_cap_and_says_so(project, monkeypatch):
    monkeypatch.setattr(tryout, "TOTAL_CAP", 20)
    copied = claude.scratch_copy(project)
    try:
        assert copied.full and copied.files == 1
        assert copied.summary.startswith("A scratch copy of 1 file (1 KB)")
        assert copied.summary.endswith("; it stopped at its cap of 0 MB")
    finally:
        copied.remove()


def test_without_a_project_the_scratch_folder_is_empty():
    copied = claude.scratch_copy(None)
    try:
        assert copied.folder.is_dir() and not any(copied.folder.iterdir())
        assert copied.summary == "A scratch copy of 0 files (0 KB)"
    finally:
        copied.remove()
