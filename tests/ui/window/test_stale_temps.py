"""Temp files that killed saves left are gone once the window opens their folder: a file in
it, or a project holding agents in it. Young ones stay (a save may still be running)."""

from __future__ import annotations

import os
from pathlib import Path

AGENT = "---\nname: {}\ndescription: Reviews diffs.\n---\n\nBody\n"


def leave(folder: Path, name: str, seconds: float) -> Path:
    """A temp file of ours beside ``name``, as a save killed ``seconds`` ago left it."""
    temp = folder / f".{name}.0123456789abcdef.tmp"
    temp.write_bytes(b"half a save")
    then = temp.stat().st_mtime - seconds
    os.utime(temp, (then, then))
    return temp


def test_opening_a_file_removes_stale_temps_beside_it(window, tmp_path):
    path = tmp_path / "agent.md"
    path.write_text(AGENT.format("agent"), encoding="utf-8")
    stale, young = leave(tmp_path, "agent.md", 61), leave(tmp_path, "other.md", 5)
    assert window.files.open_file(path) is not None
    assert not stale.exists() and young.exists()


def test_opening_a_project_removes_stale_temps_beside_its_agents(window, qtbot, tmp_path):
    agents = tmp_path / "proj" / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "alpha.md").write_text(AGENT.format("alpha"), encoding="utf-8")
    stale = leave(agents, "alpha.md", 120)
    assert window.projects.open(tmp_path / "proj")
    qtbot.waitUntil(
        lambda: window.projects.session is not None and window.projects.session.done, timeout=10_000
    )
    assert not stale.exists() and (agents / "alpha.md").exists()
