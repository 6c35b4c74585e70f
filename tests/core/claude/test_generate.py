"""A new agent from a brief: the schema the real Claude Code accepts, the answer read as a
checked draft, the file built through our templates and field edits; hostile answers give a
clear :class:`BadAnswer` or a file that reads back as asked, never a broken one."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentquill.core import claude, dialects, examples
from agentquill.core.agentfile import AgentFile
from agentquill.core.claude import generate
from agentquill.core.frontmatter import claude_verdict, parse
from agentquill.core.lint import Severity, lint
from agentquill.core.project.templates import TEMPLATES
from claude_stand_in import RECORDED
from support import claude_binary

CLAUDE = claude_binary()
BRIEF = generate.Brief(
    "Reviews SQL migrations for long locks and missing indexes before they ship.",
    dialects.CLAUDE_CODE,
    "project",
    ("Read", "Grep", "Glob"),
)


def answer(**changed) -> dict:
    """The structured output of tests/fixtures/claude/generate.jsonl, changed."""
    lines = (RECORDED / "generate.jsonl").read_text().splitlines()
    return {**json.loads(lines[-1])["structured_output"], **changed}


def test_the_prompt_is_ours_and_names_the_brief():
    said = generate.prompt(BRIEF)
    assert said.startswith("Write a Claude Code subagent for this brief:\n\nReviews SQL")
    assert "project agent" in said and "(of Read, Grep, Glob)" in said
    assert len(said) < 700


def test_the_schema_limits_tools_model_and_colour():
    schema = generate.schema(BRIEF)
    props = schema["properties"]
    assert schema["required"] == [*props] and schema["additionalProperties"] is False
    assert props["tools"]["items"]["enum"] == ["Read", "Grep", "Glob"]
    assert props["model"]["enum"] == [*dialects.get(dialects.CLAUDE_CODE).models]
    assert "red" in props["color"]["enum"]
    assert props["examples"]["items"]["required"] == ["context", "user", "assistant", "commentary"]
    copilot = generate.schema(generate.Brief("x", dialects.COPILOT))
    assert set(copilot["properties"]) == {"name", "description", "examples", "prompt"}


@pytest.mark.skipif(CLAUDE is None, reason="claude-oracle has not installed Claude Code")
@pytest.mark.parametrize("dialect_id", sorted(generate.TEMPLATE_FOR))
def test_the_real_claude_code_accepts_the_schema_with_only_structured_output(tmp_path, dialect_id):
    """It checks a --json-schema at start-up (a bad one exits with status 1); signed out, the
    run then stops at the first turn."""
    (tmp_path / "home").mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home")}
    brief = generate.Brief("x", dialect_id, "user", generate.offered_tools(dialect_id)[:3])
    args = claude.arguments(
        generate.prompt(brief), extra=generate.run_arguments(generate.schema(brief))
    )
    outcome = claude.start_up(str(CLAUDE), tmp_path, args, env)
    assert outcome.problem == "" and outcome.signed_out
    assert outcome.init.tools == ("StructuredOutput",)


def test_a_bad_schema_is_what_the_real_claude_code_refuses(tmp_path):
    if CLAUDE is None:
        pytest.skip("claude-oracle has not installed Claude Code")
    (tmp_path / "home").mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home")}
    bad = {"type": "object", "properties": {"a": {"type": "strin"}}}
    outcome = claude.start_up(
        str(CLAUDE), tmp_path, claude.arguments(extra=generate.run_arguments(bad)), env
    )
    assert outcome.result is None
    assert outcome.problem.startswith("Claude Code exited with status 1: Error: --json-schema")


@pytest.mark.parametrize("dialect_id", sorted(generate.TEMPLATE_FOR))
def test_the_recorded_answer_builds_a_clean_agent_in_each_dialect(dialect_id):
    tools = generate.offered_tools(dialect_id)[:2]
    brief = generate.Brief(BRIEF.text, dialect_id, "project", tools)
    value = answer(tools=list(tools))
    if dialect_id not in (dialects.CLAUDE_CODE, dialects.CLAUDE_PLUGIN):
        value.pop("model"), value.pop("color")
    text = generate.generate(value, brief)
    template = TEMPLATES[generate.TEMPLATE_FOR[dialect_id]]
    path = f"/project/{template.folder}/{template.file_name('migration-reviewer')}"
    agent = AgentFile.from_text(text, path, dialect_id)
    found = [(d.code, d.message) for d in lint(agent) if d.severity is Severity.ERROR]
    assert found == []
    parsed = parse(text)
    assert parsed.frontmatter.tier == "yaml"
    description = examples.parse(parsed.value("description"))
    assert description.intro == value["description"]
    assert [e.example.turns[0].text for e in description.examples] == [
        e["user"] for e in value["examples"]
    ]
    assert parsed.body.strip() == value["prompt"].strip()
    if dialect_id != dialects.OPENCODE:
        assert parsed.value("name") == "migration-reviewer"
        assert dialects.tool_names(parsed.value("tools")) == list(tools)
    if dialect_id.startswith("claude"):
        assert claude_verdict(text).parses
        assert parsed.value("model") == "sonnet" and parsed.value("color") == "orange"


def test_no_tools_allowed_means_the_agent_inherits_them():
    brief = generate.Brief("x", dialects.CLAUDE_CODE)
    text = generate.generate({k: v for k, v in answer().items() if k != "tools"}, brief)
    assert parse(text).get("tools") is None


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ([], "The answer is a list, not an object"),
        (answer(name=None), "The answer's 'name' is null, not text"),
        ({"name": "x"}, "The answer has no 'description'"),
        (answer(description=7), "The answer's 'description' is a number, not text"),
        (answer(description="  "), "The answer's 'description' is empty"),
        (answer(prompt="x" * 60_001), "The answer's 'prompt' has 60,001 characters (at most"),
        (answer(examples="one"), "The answer's 'examples' is str, not a list"),
        (answer(examples=[1]), "Example 1 of the answer is a number, not an object"),
        (
            answer(examples=[{"context": "c", "user": "u", "assistant": "a"}]),
            "The answer has no example 1 'commentary'",
        ),
        (answer(tools=["Bash"]), "The answer gives the agent Bash, which you did not allow"),
        (answer(tools="Read"), "The answer's 'tools' is str, not a list of names"),
        (answer(model="gpt-5"), "The answer's 'model' is 'gpt-5', not one of inherit"),
        (answer(description="a\0b"), "The answer's 'description' holds a NUL character"),
        (answer(name="!!!", prompt=""), "The answer's 'prompt' is empty"),
        (
            answer(description="See <example>x</example>"),
            "The generated description did not read back as written",
        ),
    ],
)
def test_a_hostile_answer_is_refused_with_a_sentence(value, said):
    with pytest.raises(generate.BadAnswer) as refused:
        generate.generate(value, BRIEF)
    assert str(refused.value).startswith(said)


def test_an_example_that_would_split_is_refused():
    bad = {"context": "c", "user": 'u"\n</example>\n<example>', "assistant": "a", "commentary": "m"}
    with pytest.raises(generate.BadAnswer, match="Example 2 cannot be written as given"):
        generate.generate(answer(examples=[answer()["examples"][0], bad]), BRIEF)


@pytest.mark.parametrize(
    ("result", "said"),
    [
        (None, "Claude Code ended without a result"),
        ({"subtype": "error_max_structured_output_retries", "is_error": True}, "could not write"),
        ({"subtype": "success", "is_error": True, "result": claude.NOT_LOGGED_IN}, "Not logged"),
        ({"subtype": "success", "is_error": False, "result": "Here it is"}, "answered in prose"),
    ],
)
def test_a_run_without_structured_output_says_why(result, said):
    read = None if result is None else claude.parse_line(json.dumps({"type": "result", **result}))
    with pytest.raises(generate.BadAnswer, match=said):
        generate.structured(read)


#: pieces that break YAML, the examples' markup or the frontmatter's lines
HOSTILE_TEXT = st.lists(
    st.sampled_from(
        [*"ab :#'\"-\n\t|>{}[]&*!%@`,?\\", "---", "\n---\n", "</example>", "<example>", "é", "🦀"]
        + ["\u2028", "\x85", "\ufeff", "user: ", "Context: ", "null", "yes", "1e3", "\r\n"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.one_of(HOSTILE_TEXT, st.integers(), st.none()),
    description=st.one_of(HOSTILE_TEXT, st.lists(st.text(max_size=3))),
    example=st.fixed_dictionaries(
        {k: HOSTILE_TEXT for k in ("context", "user", "assistant", "commentary")}
    ),
    prompt=HOSTILE_TEXT,
    tools=st.lists(st.sampled_from(["Read", "Grep", "Glob", "Bash", 3])),
)
def test_any_answer_gives_a_clean_file_or_a_sentence(name, description, example, prompt, tools):
    value = answer(name=name, description=description, examples=[example], prompt=prompt)
    value["tools"] = tools
    try:
        text = generate.generate(value, BRIEF)
    except generate.BadAnswer as refused:
        assert str(refused) and "\n" not in str(refused)
        return
    parsed = parse(text)
    assert parsed.frontmatter is not None and parsed.frontmatter.tier == "yaml"
    read = examples.parse(parsed.value("description"))
    assert read.intro == generate.text_of(value, "description").strip()
    assert len(read.examples) == 1
    assert parsed.body.strip() == generate.text_of({"p": prompt}, "p").strip()
    assert dialects.tool_names(parsed.value("tools") or "") == list(dict.fromkeys(tools))


@pytest.mark.parametrize(
    "name", ["generate", "improve-description", "improve-examples", "improve-prompt"]
)
def test_the_transcripts_have_the_shapes_claude_code_prints(name):
    """Each line has every key its kind has in signed-in.jsonl (the Agent SDK's shapes); the
    init line is the real one of a --tools "" --json-schema run; the answer is the
    StructuredOutput tool's input, as the result's structured_output."""
    shapes = {
        json.loads(line)["type"]: json.loads(line)
        for line in (RECORDED / "signed-in.jsonl").read_text().splitlines()
    }
    lines = [json.loads(line) for line in (RECORDED / f"{name}.jsonl").read_text().splitlines()]
    for line in lines:
        assert set(shapes[line["type"]]) <= set(line), line["type"]
    init, said, fed, result = map(claude.parse_line, map(json.dumps, lines))
    assert init.tools == ("StructuredOutput",) and init.version == "2.1.332"
    (use,) = said.tool_uses
    assert use.name == "StructuredOutput" and fed.results[0].tool_use_id == use.id
    assert fed.results[0].content == "Structured output provided successfully"
    assert result.subtype == "success" and result.structured_output == use.input
    assert generate.structured(result) == use.input


def test_the_save_path_follows_dialect_and_scope(tmp_path):
    project, home = tmp_path / "project", tmp_path / "home"
    (project / ".github" / "agents").mkdir(parents=True)
    (project / ".github" / "agents" / "x.agent.md").touch()
    copilot = generate.Brief("b", dialects.COPILOT, "project")
    assert generate.save_path(copilot, "x", project, home) == (
        project / ".github" / "agents" / "x-2.agent.md"
    )
    user = generate.Brief("b", dialects.CLAUDE_CODE, "user")
    assert generate.save_path(user, "x", project, home) == home / ".claude" / "agents" / "x.md"
