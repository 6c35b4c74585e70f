"""Reading stream-json lines: the real init line and not-logged-in run of Claude Code 2.1.332
(recorded offline with an empty HOME, temporary paths replaced), and a signed-in transcript
and the run of an agent (``try-run.jsonl``: tool calls, a failed one, a markdown answer) written
to the Agent SDK's documented shapes. Every recorded line is held to that shape, so a
stand-in that replays them says what the real binary would."""

from __future__ import annotations

import json

import pytest

from agentquill.core import claude
from claude_stand_in import RECORDED

TRANSCRIPTS = ("signed-out.jsonl", "signed-in.jsonl", "try-run.jsonl")
#: the keys each message has (Agent SDK: SDKSystemMessage init, SDKAssistantMessage,
#: SDKUserMessage, SDKResultMessage), as Claude Code 2.1.332 prints them
SHAPES = {
    ("system", "init"): {
        *("session_id", "uuid", "cwd", "tools", "mcp_servers", "model", "permissionMode"),
        *("slash_commands", "apiKeySource", "claude_code_version", "output_style"),
        *("agents", "skills", "plugins"),
    },
    ("assistant", ""): {"message", "parent_tool_use_id", "session_id", "uuid"},
    ("user", ""): {"message", "parent_tool_use_id", "session_id", "uuid"},
    ("result", "success"): {
        *("duration_ms", "duration_api_ms", "is_error", "num_turns", "result", "session_id"),
        *("total_cost_usd", "usage", "modelUsage", "permission_denials", "uuid"),
    },
}
BLOCKS = {
    "text": {"text"},
    "tool_use": {"id", "name", "input"},
    "tool_result": {"tool_use_id", "content"},
}


def lines(name: str) -> list[str]:
    return (RECORDED / name).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("name", TRANSCRIPTS)
def test_every_recorded_line_has_the_sdk_shape(name):
    kinds = []
    for line in lines(name):
        message = json.loads(line)
        kind = (message["type"], message.get("subtype", ""))
        assert SHAPES[kind] <= message.keys(), (kind, SHAPES[kind] - message.keys())
        if kind[0] in ("assistant", "user"):
            assert message["message"]["role"] == kind[0]
            for block in message["message"]["content"]:
                assert BLOCKS[block["type"]] <= block.keys()
        kinds.append(kind)
    assert kinds[0] == ("system", "init") and kinds[-1][0] == "result"


def test_the_real_init_line_says_what_claude_code_registered():
    init = claude.parse_line(lines("signed-out.jsonl")[0])
    assert isinstance(init, claude.Init)
    assert init.version == "2.1.332"
    assert init.model and init.cwd == "/project"
    assert {"general-purpose", "Explore", "Plan"} <= set(init.agents)
    assert "code-review" in init.skills and "agents" in init.slash_commands
    assert {"Bash", "Read", "Edit"} <= set(init.tools)
    assert all(p.path == "builtin" for p in init.plugins) and init.plugins
    assert init.api_key_source == "none"


def test_the_real_signed_out_run_ends_in_an_api_error():
    outcome = claude.read_run("\n".join(lines("signed-out.jsonl")), "", 1)
    assert outcome.problem == ""  # it ran as it should: the answer is the refusal
    said = outcome.messages[1]
    assert isinstance(said, claude.Assistant)
    assert said.text == claude.NOT_LOGGED_IN and said.error == claude.AUTHENTICATION_FAILED
    result = outcome.result
    assert result.is_error and result.terminal_reason == "api_error"
    assert result.text == claude.NOT_LOGGED_IN and result.num_turns == 1
    assert outcome.signed_out and outcome.signed_in is False


def test_a_signed_in_run_reads_as_turns_tools_and_a_result():
    outcome = claude.read_run("\n".join(lines("signed-in.jsonl")) + "\n\n", "", 0)
    assert outcome.problem == "" and outcome.signed_in is True
    _, asked, answered, said, result = outcome.messages
    assert asked.tool_uses == (claude.ToolUse("toolu_01", "Glob", {"pattern": "**/*.py"}),)
    assert asked.text == "I'll look at the project first." and asked.error is None
    assert answered.results == (claude.ToolResult("toolu_01", "app/main.py\napp/models.py", False),)
    assert "**two**" in said.text
    assert (result.num_turns, result.duration_ms, result.terminal_reason) == (2, 5230, "completed")
    assert result.total_cost_usd == pytest.approx(0.0213) and result.tokens == 1520 + 86 + 11200


def test_the_agent_run_pairs_every_tool_call_with_its_result():
    outcome = claude.read_run("\n".join(lines("try-run.jsonl")), "", 0)
    assert outcome.problem == "" and outcome.init.version == "2.1.332"
    uses = [u for m in outcome.messages if isinstance(m, claude.Assistant) for u in m.tool_uses]
    results = [r for m in outcome.messages if isinstance(m, claude.User) for r in m.results]
    assert [u.name for u in uses] == ["Read", "Grep"]
    assert [r.tool_use_id for r in results] == [u.id for u in uses]
    assert [r.is_error for r in results] == [False, True]
    assert outcome.result.num_turns == 3 and outcome.result.text.startswith("## Review")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"type": "assistant", "message"', "not JSON"),
        ("[1, 2]", "no type"),
        ('{"subtype": "init"}', "no type"),
        ("Error: something broke", "not JSON"),
    ],
)
def test_a_malformed_line_is_a_typed_message(line, reason):
    read = claude.parse_line(line)
    assert isinstance(read, claude.Malformed) and reason in read.reason and read.line == line


def test_odd_values_read_as_empty_not_as_errors():
    read = claude.parse_line(
        '{"type": "result", "num_turns": "2", "usage": [], "total_cost_usd": null, "is_error": 1}'
    )
    assert (read.num_turns, read.usage, read.total_cost_usd, read.is_error) == (0, {}, 0.0, False)
    other = claude.parse_line('{"type": "system", "subtype": "status", "status": "compacting"}')
    assert other == claude.Other("system", "status", {})
    assert claude.parse_line('{"type": "assistant", "message": null}').text == ""


def test_a_run_without_a_result_or_with_a_stray_line_has_a_problem():
    crashed = claude.read_run(lines("signed-out.jsonl")[0], "Segmentation fault\n", 139)
    assert crashed.problem == "Claude Code exited with status 139: Segmentation fault"
    assert crashed.init is not None and crashed.signed_in is None
    rejected = claude.read_run("", "Error: Invalid --agents configuration:\nx.prompt: bad\n", 1)
    assert rejected.problem == "Claude Code exited with status 1: x.prompt: bad"
    stray = claude.read_run("\n".join([*lines("signed-in.jsonl"), "oops"]), "", 0)
    assert stray.problem.endswith("not a message: oops") and stray.result is not None
