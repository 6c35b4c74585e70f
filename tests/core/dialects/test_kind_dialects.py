"""Skills, commands, output styles and rules as dialects: where they are recognised, and
their fields (the keys of Claude Code 2.1.332's schemas for each kind)."""

import pytest

from agentquill.core import dialects
from agentquill.core.dialects import COMMAND, OUTPUT_STYLE, RULE, SKILL, detect, get


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/p/.claude/skills/review/SKILL.md", SKILL),
        ("/home/u/.claude/skills/review/SKILL.md", SKILL),
        ("/m/plugins/tools/skills/review/SKILL.md", SKILL),
        ("/p/.claude/commands/deploy.md", COMMAND),
        ("/p/.claude/commands/frontend/build.md", COMMAND),
        ("/m/plugins/tools/commands/deploy.md", COMMAND),
        ("/p/.claude/output-styles/terse.md", OUTPUT_STYLE),
        ("/m/plugins/tools/output-styles/terse.md", OUTPUT_STYLE),
        ("/p/.claude/rules/python.md", RULE),
        ("/p/.claude/rules/lang/python.md", RULE),
        # not these kinds: agents stay agents, other tools' and plain folders are not claimed
        ("/p/.claude/agents/reviewer.md", dialects.CLAUDE_CODE),
        ("/m/plugins/tools/agents/reviewer.md", dialects.CLAUDE_PLUGIN),
        ("/p/.opencode/commands/deploy.md", dialects.OPENCODE),
        ("/p/docs/commands/deploy.md", dialects.CLAUDE_CODE),
        ("/p/docs/rules/style.md", dialects.CLAUDE_CODE),
        ("/p/.claude/skills/review/notes.md", dialects.CLAUDE_CODE),
        ("/p/.claude/output-styles/old/terse.md", dialects.CLAUDE_CODE),
    ],
)
def test_detection_by_path(path, expected):
    assert detect(path).id == expected


def test_a_folder_with_a_plugin_manifest_is_a_plugin_root(tmp_path):
    (tmp_path / "kit" / ".claude-plugin").mkdir(parents=True)
    (tmp_path / "kit" / ".claude-plugin" / "plugin.json").write_text('{"name": "kit"}')
    dialects.clear_cache()
    assert detect(tmp_path / "kit" / "commands" / "go.md").id == COMMAND
    assert detect(tmp_path / "loose" / "commands" / "go.md").id == dialects.CLAUDE_CODE


def test_each_kind_has_its_fields():
    skill = get(SKILL)
    assert skill.kind == "skill" and skill.required_keys == ()
    assert {"name", "description", "license", "compatibility", "metadata", "allowed-tools"} <= (
        skill.keys
    )  # the Agent Skills standard
    assert {
        "when_to_use", "argument-hint", "arguments", "disable-model-invocation",
        "user-invocable", "disallowed-tools", "model", "effort", "context", "agent", "hooks",
        "paths", "shell",
    } <= skill.keys  # fmt: skip
    assert skill.spec("context").allowed == ("inline", "fork")
    command = get(COMMAND)
    assert "when_to_use" not in command.keys and "paths" not in command.keys
    assert {"description", "argument-hint", "allowed-tools", "model"} <= command.keys
    assert get(OUTPUT_STYLE).keys == {
        "name", "description", "keep-coding-instructions", "force-for-plugin",
    }  # fmt: skip
    assert get(RULE).keys == {"paths"}
    assert {d.kind for d in dialects.DIALECTS.values()} == set(dialects.KINDS)


def test_near_misses_point_at_the_kind_keys():
    assert get(SKILL).suggest_key("allowedTools") == "allowed-tools"
    assert get(SKILL).suggest_key("tools") == "allowed-tools"
    assert get(RULE).suggest_key("globs") == "paths"


def test_no_corpus_agent_is_taken_for_another_kind(corpus):
    """The corpus holds agents only (no SKILL.md, commands/ or output-styles/ in it): the
    kind detection must leave every one of them an agent."""
    others = [p for p in corpus if detect(p).kind != "agent"]
    assert others == []
