"""The context budget: Claude Code's count of agent descriptions, shares, order, the skill cap,
and its lint warnings (AQ420, AQ421)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentquill.core.agentfile import AgentFile
from agentquill.core.project import ProjectIndex, budget
from support import CORPUS


def agent(path: Path, name: str | None, description: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = f"name: {name}\n" if name else ""
    path.write_text(f"---\n{head}description: {json.dumps(description)}\n---\n\nYou help.\n")
    return path


def skill(root: Path, folder: str, description: str, when: str = "") -> Path:
    path = root / "skills" / folder / "SKILL.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = f"when_to_use: {json.dumps(when)}\n" if when else ""
    path.write_text(f"---\nname: {folder}\ndescription: {json.dumps(description)}\n{extra}---\n")
    return path


def indexed(root: Path, user: Path | None = None) -> ProjectIndex:
    ix = ProjectIndex(root, user_agents=user)
    ix.scan()
    ix.problems()  # finds what Claude Code registers
    return ix


def test_claude_codes_estimate_counts_utf16_units_and_rounds_halves_up():
    assert budget.js_length("a😀") == 3  # an emoji is two UTF-16 units, as JavaScript counts
    assert [budget.tokens(n) for n in (0, 1, 2, 5, 6, 7)] == [0, 0, 1, 1, 2, 2]
    # "name: description": 4 + 2 + 12 = 18 units → Math.round(4.5) = 5
    assert budget.Agent("abcd", "project", Path("x"), 12).tokens == 5


def test_totals_shares_and_largest_first(tmp_path):
    agent(tmp_path / ".claude/agents/small.md", "small", "x" * 34)  # 40 units: 10 tokens
    agent(tmp_path / ".claude/agents/large.md", "large", "y" * 114)  # 120 units: 30 tokens
    agent(tmp_path / ".claude/agents/nameless.md", None, "z" * 400)  # documentation: not listed
    agent(tmp_path / ".github/agents/other.agent.md", "other", "w" * 400)  # not Claude Code's
    b = budget.budget(indexed(tmp_path).agents)
    assert [(a.name, a.tokens) for a in b.agents] == [("large", 30), ("small", 10)]
    assert b.total == 40 and not b.over
    assert [b.share(a) for a in b.agents] == [0.75, 0.25]


def test_a_project_agent_counts_once_over_the_users_and_plugins_are_prefixed(tmp_path):
    user = tmp_path / "home/.claude/agents"
    agent(user / "reviewer.md", "reviewer", "user copy " * 20)
    mine = agent(tmp_path / "p/.claude/agents/reviewer.md", "reviewer", "project copy")
    plugin = tmp_path / "p/tools"
    (plugin / ".claude-plugin").mkdir(parents=True)
    (plugin / ".claude-plugin/plugin.json").write_text('{"name": "tools"}')
    agent(plugin / "agents/reviewer.md", "reviewer", "plugin copy")
    agents = indexed(tmp_path / "p", user).agents
    names = {(a.name, a.scope) for a in agents}
    assert names == {("reviewer", "project"), ("tools:reviewer", "plugin")}
    assert next(a.path for a in agents if a.scope == "project") == mine


def test_the_text_in_the_editor_overrides_what_is_saved(tmp_path):
    path = agent(tmp_path / ".claude/agents/a.md", "a", "short")
    listed = skill(tmp_path / ".claude", "s", "short")
    ix = indexed(tmp_path)
    editing = {
        path: AgentFile.from_text(f"---\nname: a\ndescription: {'d' * 4_000}\n---\n", path),
        listed: AgentFile.from_text(f"---\ndescription: {'d' * 2_000}\n---\n", listed),
    }
    (a,), (s,) = budget.edited(ix.agents, ix.skills, editing)
    assert a.length == 4_000 and a.tokens == 1_001
    assert (s.name, s.length) == ("s", 2_000)


def test_what_registers_is_the_inventorys_verdict(tmp_path):
    """Where the index alone would count a file, Claude Code's rules decide."""
    agents = tmp_path / ".claude/agents"
    agent(agents / "ok.md", "ok", "listed")
    agent(agents / "long.md", "n" * 257, "a name over 256 characters is refused")
    (agents / "late.md").write_text("\n---\nname: late\ndescription: after a blank line\n---\n")
    agent(agents / "a.md", "twin", "first of two")
    agent(agents / "b.md", "twin", "the last in path order wins")
    plugin = tmp_path / "tools"
    (plugin / ".claude-plugin").mkdir(parents=True)
    (plugin / ".claude-plugin/plugin.json").write_text('{"name": "tools"}')
    agent(plugin / "agents/review/deep.md", "deep", "a subfolder is part of its name")
    conditional = skill(tmp_path / ".claude", "cond", "held back")
    conditional.write_text('---\ndescription: held back\npaths: "src/**"\n---\n')
    skill(tmp_path / ".claude", "plain", "listed")
    ix = indexed(tmp_path)
    assert {(a.name, a.path.name) for a in ix.agents} == {
        ("ok", "ok.md"),
        ("twin", "b.md"),
        ("tools:review:deep", "deep.md"),
    }
    assert [s.name for s in ix.skills] == ["plain"]


def test_past_the_limit_the_largest_agent_gets_a_warning(tmp_path):
    for i in range(8):  # 8 × ≈2,000 tokens
        agent(tmp_path / f".claude/agents/a{i}.md", f"a{i}", "d" * (7_990 + i * 4))
    ix = indexed(tmp_path)
    (found,) = [p for p in ix.problems() if p.code == "AQ420"]
    assert found.severity == "warning" and found.path.name == "a7.md" and found.line == 2
    assert "over Claude Code's 15,000-token limit" in found.message and "'a7'" in found.message
    assert len(found.others) == 5


def test_under_the_limit_no_warning(tmp_path):
    agent(tmp_path / ".claude/agents/a.md", "a", "d" * 59_000)  # ≈14,750 tokens
    assert not [p for p in indexed(tmp_path).problems() if p.code == "AQ420"]


def test_a_skill_past_the_cap_counts_description_and_when_to_use(tmp_path):
    home = tmp_path / ".claude"
    at_cap = skill(home, "fits", "d" * 1_000, "w" * 533)  # 1,000 + 3 + 533 = 1,536
    over = skill(home, "long", "d" * 1_000, "w" * 534)
    ix = indexed(tmp_path)
    found = [p for p in ix.problems() if p.code == "AQ421"]
    assert [(p.path, p.severity) for p in found] == [(over, "warning")]
    assert "1,537 characters" in found[0].message and "1,536" in found[0].message
    assert found[0].line == 3  # its description, below its name
    b = budget.budget([], ix.skills)
    assert [(s.name, s.length) for s in b.skills] == [("long", 1_537), ("fits", 1_536)]
    assert [s.path for s in b.skills_over] == [over] and at_cap.exists()
    assert b.warns and not b.over


def test_plugin_and_user_skills_are_found_beside_their_agents(tmp_path):
    user = tmp_path / "home/.claude/agents"
    agent(user / "u.md", "u", "user")
    plugin = tmp_path / "p/tools"
    (plugin / ".claude-plugin").mkdir(parents=True)
    (plugin / ".claude-plugin/plugin.json").write_text('{"name": "tools"}')
    agent(plugin / "agents/r.md", "r", "plugin")
    paths = [skill(user.parent, "mine", "m"), skill(plugin, "theirs", "t")]
    ix = indexed(tmp_path / "p", user)
    assert sorted(s.path for s in ix.skills) == sorted(paths)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is absent")
def test_the_wshobson_plugins_pass_the_limit():
    ix = indexed(CORPUS / "wshobson__agents")
    b = budget.budget(ix.agents)
    assert len(b.agents) > 150 and b.over
    assert [a.tokens for a in b.agents] == sorted((a.tokens for a in b.agents), reverse=True)
    assert [p.code for p in ix.problems()].count("AQ420") == 1
