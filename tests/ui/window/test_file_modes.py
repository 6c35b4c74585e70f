"""Files the window writes: new ones get the mode the umask gives, saved ones keep theirs."""

from __future__ import annotations

import os
import stat

import pytest

from agentquill.core.project.templates import TEMPLATES
from agentquill.core.text import Edit
from agentquill.ui.dialogs.new_agent import NewAgentRequest
from agentquill.ui.editor.document import AgentDocument


@pytest.fixture
def umask022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_save_as_and_new_agent_give_new_files_the_umask_mode(window, tmp_path, umask022):
    tab = window.add_tab(AgentDocument())
    tab.document.apply([Edit(0, 0, "---\nname: scratch\ndescription: d\n---\n")])
    window.prompts.ask_save_path = lambda tab: str(tmp_path / "scratch.md")
    assert window.files.save_as()
    folder = tmp_path / ".claude" / "agents"
    request = NewAgentRequest(TEMPLATES["specialist"], "api-designer", "Designs APIs.", folder)
    window.prompts.ask_new_agent = lambda given, project: request
    created = window.agents.new_agent(folder)
    assert (mode(tmp_path / "scratch.md"), mode(created)) == (0o644, 0o644)


def test_save_keeps_the_mode_of_the_file(window, tmp_path, umask022):
    path = tmp_path / "agent.md"
    path.write_text("---\nname: agent\ndescription: d\n---\n", encoding="utf-8")
    path.chmod(0o600)
    tab = window.files.open_file(path)
    tab.document.apply([Edit(0, 0, "\n")])
    assert window.files.save()
    assert mode(path) == 0o600
