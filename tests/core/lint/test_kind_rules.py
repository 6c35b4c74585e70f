"""Lint of skills, commands, output styles and rules (AQ5xx, and the shared key checks)."""

import json
import subprocess

import pytest

from agentquill.core.agentfile import AgentFile
from agentquill.core.lint import SKILL_LISTING_CHARS, lint
from support import ROOT

CLAUDE_LOAD = ROOT.parent / "shared" / "tools" / "claude-load"

SKILL = "/p/.claude/skills/review/SKILL.md"
COMMAND = "/p/.claude/commands/deploy.md"
STYLE = "/p/.claude/output-styles/terse.md"
PLUGIN_STYLE = "/m/plugins/kit/output-styles/terse.md"
RULE = "/p/.claude/rules/python.md"


def codes(frontmatter: str, path: str, body: str = "Do the careful thing, step by step.\n"):
    found: dict[str, list] = {}
    for d in lint(AgentFile.from_text("---\n" + frontmatter + "---\n" + body, path)):
        found.setdefault(d.code, []).append(d)
    return found


def test_a_plain_skill_is_clean():
    fm = (
        "name: review\ndescription: Reviews a diff for bugs.\nwhen_to_use: Before a merge.\n"
        "allowed-tools: Read, Grep, Bash(git diff:*)\ncontext: fork\nagent: Explore\n"
        "effort: high\nlicense: MIT\nmetadata:\n  version: 1.0\npaths:\n  - src/**\n"
    )
    assert codes(fm, SKILL) == {}


def test_skill_name_follows_the_standard_not_the_file_name():
    assert set(codes("name: Review_It\ndescription: Reviews.\n", SKILL)) == {"AQ203", "AQ505"}
    assert "AQ204" in codes(f"name: {'a' * 65}\ndescription: Reviews.\n", SKILL)
    (renamed,) = codes("name: other\ndescription: Reviews.\n", SKILL)["AQ505"]
    assert "registers this skill as 'review'" in renamed.message and renamed.line == 2
    assert codes("name: other\ndescription: Reviews.\n", COMMAND) == {}


def test_agent_fields_are_unknown_in_a_skill_with_a_suggestion():
    (d,) = codes("description: Reviews.\ntools: Read\n", SKILL)["AQ210"]
    assert "Claude Code skill" in d.message and "'allowed-tools'" in d.message and d.fix


def test_values_are_checked_by_their_schema():
    found = codes("description: Reviews.\ncontext: forked\nuser-invocable: maybe\n", SKILL)
    assert [d.key for d in found["AQ212"]] == ["context"]
    assert [d.key for d in found["AQ211"]] == ["user-invocable"]


def test_unknown_tools_in_allowed_tools_including_space_separated_lists():
    found = codes("description: Reviews.\nallowed-tools: Read Grpe\n", SKILL)
    assert [d.message for d in found["AQ221"]] == ["'Grpe' is not a known Claude Code tool"]


def test_listing_cap_counts_description_and_when_to_use():
    half = "x" * (SKILL_LISTING_CHARS // 2)
    assert "AQ500" not in codes(f"description: {half}\nwhen_to_use: {half}\n", SKILL)
    (d,) = codes(f"description: {half}\nwhen_to_use: {half}yy\n", SKILL)["AQ500"]
    assert "1,538 characters" in d.message


def test_missing_description_and_empty_body():
    found = codes("argument-hint: '[env]'\n", COMMAND, body="")
    assert set(found) == {"AQ502"}  # Claude Code describes it by its first line
    assert "prompt the command sends" in found["AQ502"][0].message
    assert "AQ501" not in codes("keep-coding-instructions: true\n", STYLE)  # optional there
    (d,) = codes("name: review\n", SKILL)["AQ501"]
    assert d.severity.value == "warning" and "never to Claude" in d.message


def test_command_name_is_not_compared_with_the_file_name():
    assert codes("name: Deploy it\ndescription: Deploys.\n", COMMAND) == {}


def test_force_for_plugin_only_in_plugins():
    assert "AQ503" in codes("description: Terse.\nforce-for-plugin: true\n", STYLE)
    assert codes("description: Terse.\nforce-for-plugin: true\n", PLUGIN_STYLE) == {}


def test_agent_without_fork():
    (d,) = codes("description: Reviews.\nagent: Explore\n", SKILL)["AQ504"]
    assert d.key == "agent"


def test_rules_take_paths():
    assert codes("paths:\n  - '**/*.py'\n", RULE) == {}
    (d,) = codes("globs: '**/*.py'\n", RULE)["AQ210"]
    assert "did you mean 'paths'" in d.message


def test_agents_keep_their_rules():
    found = codes("name: other\ndescription: Reviews code for bugs.\n", "/p/.claude/agents/x.md")
    assert "AQ205" in found


def test_frontmatter_is_optional_except_for_skills():
    plain = "Deploy the app to staging.\n"
    assert lint(AgentFile.from_text(plain, COMMAND)) == []
    assert lint(AgentFile.from_text(plain, RULE)) == []
    assert [d.code for d in lint(AgentFile.from_text(plain, SKILL))] == ["AQ501"]
    assert [d.code for d in lint(AgentFile.from_text("---\nx: 1\n", COMMAND))] == ["AQ103"]


def test_claude_code_reads_argument_hint_and_version_as_text_whatever_yaml_typed():
    """Its parser reads them with ``String(x)``: the docs' own ``argument-hint: [env]``."""
    assert codes("description: Deploys.\nargument-hint: [env]\nversion: 1.2\n", COMMAND) == {}
    assert codes("description: Reviews.\nversion: 2\nwhen_to_use: 3\n", SKILL) == {}
    found = codes("description: Deploys.\nargument-hint: {env: prod}\n", COMMAND)
    assert [d.key for d in found["AQ211"]] == ["argument-hint"]


def test_switches_of_skills_commands_and_styles_take_the_words_claude_code_reads():
    for word in ("'true'", "'false'", "'Yes'", "'off'", "1", "0"):
        assert codes(f"description: Terse.\nkeep-coding-instructions: {word}\n", STYLE) == {}
        assert codes(f"description: Reviews.\nuser-invocable: {word}\n", SKILL) == {}
    found = codes("description: Terse.\nkeep-coding-instructions: 'sure'\n", STYLE)
    assert [d.key for d in found["AQ211"]] == ["keep-coding-instructions"]
    assert "AQ211" in codes("description: Reviews.\nbackground: 2\n", SKILL)


@pytest.mark.skipif(not CLAUDE_LOAD.is_file(), reason="claude-load is not installed")
def test_the_switch_words_are_the_ones_claude_code_reads(tmp_path):
    """A skill hidden with 'off', 'no' or 0 is not in Claude Code's / menu; 'yes' and 'on'
    leave it there: the lint accepts all of them as switches."""
    words = {"hide-off": "'off'", "hide-no": "'no'", "hide-0": "0", "show-yes": "yes"}
    words["show-on"] = "'ON'"
    for name, word in words.items():
        path = tmp_path / ".claude" / "skills" / name / "SKILL.md"
        path.parent.mkdir(parents=True)
        path.write_text(f"---\ndescription: Reviews.\nuser-invocable: {word}\n---\nDo it.\n")
        assert "AQ211" not in {d.code for d in lint(AgentFile.read(path))}
    run = subprocess.run(
        [str(CLAUDE_LOAD), str(tmp_path)], capture_output=True, text=True, timeout=600
    )
    if run.returncode == 2:
        pytest.skip(run.stderr.strip())
    assert json.loads(run.stdout)["skills"] == ["show-on", "show-yes"]
