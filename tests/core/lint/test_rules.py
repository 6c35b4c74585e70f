from agentquill.core.agentfile import AgentFile
from agentquill.core.dialects import tool_names
from agentquill.core.lint import CHARS_PER_TOKEN, RULES, Severity, lint
from agentquill.core.text import apply_edits
from support import FIXTURES


def codes(
    text: str, path: str = ".claude/agents/probe.md", target: str | None = None
) -> dict[str, list]:
    found: dict[str, list] = {}
    for d in lint(AgentFile.from_text(text, path), target):
        found.setdefault(d.code, []).append(d)
    return found


def agent(frontmatter: str, body: str = "You are a careful reviewer of pull requests.\n") -> str:
    return "---\n" + frontmatter + "---\n\n" + body


def test_clean_fixture_has_no_warnings():
    found = lint(AgentFile.read(FIXTURES / "release-manager.md"))
    assert [d for d in found if d.severity is not Severity.INFO] == []


def test_claude_parse_error_has_place_and_repair_fix():
    text = (FIXTURES / "unindented-description.md").read_text()
    (d,) = codes(text, ".claude/agents/doc-writer.md")["AQ100"]
    assert d.severity is Severity.ERROR and d.line == 3
    fixed = apply_edits(text, d.fix.edits())
    assert "AQ100" not in codes(fixed) and "AQ101" not in codes(fixed)


def test_recoverable_yaml_is_a_warning():
    found = codes((FIXTURES / "colon-description.md").read_text())
    assert "AQ101" in found and "AQ100" not in found


def test_required_fields_and_names():
    found = codes(agent("description: Reviews code carefully for bugs\n"))
    assert found["AQ200"][0].key == "name"
    assert "AQ202" in codes(agent("name: my:agent\ndescription: Reviews code for bugs\n"))
    assert "AQ203" in codes(agent("name: My_Agent\ndescription: Reviews code for bugs\n"))
    assert "AQ205" in codes(agent("name: other\ndescription: Reviews code for bugs\n"))


def test_unknown_keys_suggest_the_right_one():
    (d,) = codes(agent("name: probe\ndescription: Reviews code for bugs\nallowed-tools: Read\n"))[
        "AQ210"
    ]
    assert "did you mean 'tools'" in d.message and d.fix is not None and not d.fix.safe


def test_values_types_and_enums():
    found = codes(
        agent(
            "name: probe\ndescription: Reviews code for bugs\nmodel: gpt-4\ncolor: magenta\n"
            "maxTurns: -1\nbackground: maybe\npermissionMode: yolo\nisolation: docker\n"
        )
    )
    assert {"AQ213", "AQ214", "AQ211", "AQ212"} <= found.keys()
    assert any(d.severity is Severity.ERROR for d in found["AQ212"])  # isolation


def test_tools_rules():
    found = codes(
        agent(
            "name: probe\ndescription: Reviews code for bugs\ntools: [Read, Grpe]\n"
            "disallowedTools: Read\n"
        )
    )
    assert {"AQ221", "AQ222"} <= found.keys()
    text = agent('name: probe\ndescription: Reviews code for bugs\ntools: ["Read", "Grep"]\n')
    assert "AQ220" not in codes(text)  # 2.1.332 reads lists
    (d,) = codes(text, target="2.1.100")["AQ220"]
    assert "tools: Read, Grep\n" in apply_edits(text, d.fix.edits())


def test_an_empty_tools_list_is_left_alone():
    """``tools: []`` says "no tools" plainly; no warning, so ``fix`` never rewrites it."""
    found = codes(agent("name: probe\ndescription: Reviews code for bugs\ntools: []\n"))
    assert "AQ220" not in found


def test_hooks_empty_list_and_plugin_ignored_fields():
    text = agent("name: probe\ndescription: Reviews code for bugs\nhooks: []\n")
    (d,) = codes(text)["AQ224"]
    assert "hooks: {}" in apply_edits(text, d.fix.edits())
    plugin = agent("name: probe\ndescription: Reviews code for bugs\npermissionMode: plan\n")
    assert "AQ225" in codes(plugin, "plugins/p/agents/probe.md")


def test_description_rules():
    many = "".join(f"<example>e{i}</example>" for i in range(8))
    assert "AQ301" in codes(agent(f"name: probe\ndescription: Use it. {many}\n"))
    assert "AQ302" in codes(agent("name: probe\ndescription: Use it. <example> open\n"))
    assert "AQ230" in codes((FIXTURES / "escaped-newlines.md").read_text())


def test_structure_rules():
    assert "AQ104" in codes("Just markdown\n")
    (plain,) = codes("Just markdown\n")["AQ104"]
    (plugin,) = codes("Just markdown\n", "plugins/kit/agents/probe.md")["AQ104"]
    assert "not an agent" in plain.message and "still loads" in plugin.message  # claude-load
    assert "AQ103" in codes("---\nname: x\n")
    assert "AQ105" in codes("---\n- a\n---\nYou are a reviewer of code.\n")
    assert "AQ106" in codes(
        "---\nname: probe\ndescription: Reviews code\n...\nBody text here ok.\n"
    )
    assert "AQ102" in codes(agent("name: probe\ndescription: a --- b\n"))
    assert "AQ310" in codes(agent("name: probe\ndescription: Reviews code for bugs\n", ""))


def test_every_diagnostic_code_is_registered():
    for path in FIXTURES.rglob("*.md"):
        for d in lint(AgentFile.read(path)):
            assert d.code in RULES and d.line >= 1 and d.column >= 1


def test_tool_names():
    assert tool_names("Read, Agent(a, b), mcp__x__*") == ["Read", "Agent(a, b)", "mcp__x__*"]
    assert tool_names('["Read", "Grep"]') == ["Read", "Grep"]
    assert tool_names(["Read", " Grep "]) == ["Read", "Grep"]


def test_a_prompt_that_crowds_the_context_is_a_warning():
    """AQ312 at the token estimate's thresholds: 2,500 for the description, which every turn
    carries, and 25,000 for the body; the message says how many tokens it estimates."""
    limit = CHARS_PER_TOKEN * 2_500
    small = codes(agent(f"name: big\ndescription: {'d' * (limit + 3)}\n"))
    big = codes(agent(f"name: big\ndescription: {'d' * (limit + 4)}\n"))
    assert "AQ312" not in small
    (d,) = big["AQ312"]
    assert d.key == "description" and d.severity is Severity.WARNING
    assert "≈2,501 tokens" in d.message and "every turn" in d.message
    head = "name: big\ndescription: Reviews code for bugs in pull requests\n"
    body_limit = CHARS_PER_TOKEN * 25_000
    assert "AQ312" not in codes(agent(head, "x" * (body_limit + 2)))  # the blank line counts
    (d,) = codes(agent(head, "x" * (body_limit + 3)))["AQ312"]
    assert d.key is None and d.line == 5 and "system prompt" in d.message
