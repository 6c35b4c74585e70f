"""New-agent templates: each lints without errors in its dialect and reads back its inputs."""

from __future__ import annotations

import pytest

from agentquill.core import dialects, examples, outline
from agentquill.core.agentfile import AgentFile
from agentquill.core.frontmatter import claude_verdict, parse
from agentquill.core.lint import Severity, lint
from agentquill.core.project.templates import (
    DESCRIPTION_TO_FILL,
    TEMPLATES,
    slug,
    starter_frontmatter,
    title_of,
)

DESCRIPTIONS = ["", 'Handles: the "tricky" cases #1 - and more', "First line.\nSecond line."]
ALL = sorted(TEMPLATES)


def agent_for(template_id: str, name: str, description: str) -> AgentFile:
    t = TEMPLATES[template_id]
    path = f"/project/{t.folder}/{t.file_name(name)}"
    return AgentFile.from_text(t.text(name, description), path, t.dialect)


@pytest.mark.parametrize("description", DESCRIPTIONS)
@pytest.mark.parametrize("template_id", ALL)
def test_every_template_lints_clean_in_its_dialect(template_id, description):
    t = TEMPLATES[template_id]
    agent = agent_for(template_id, t.default_name, description)
    found = [(d.code, d.message) for d in lint(agent) if d.severity is not Severity.INFO]
    expected = [("AQ310",)] if template_id == "blank" else []  # a blank agent has no prompt yet
    assert [f[:1] for f in found] == expected, found
    if t.dialect.startswith("claude"):
        assert claude_verdict(agent.text).parses


@pytest.mark.parametrize("template_id", ALL)
def test_name_and_description_read_back(template_id):
    t = TEMPLATES[template_id]
    parsed = parse(t.text("billing-auditor", "Audits invoices: totals, taxes."))
    assert parsed.frontmatter.tier == "yaml"
    if t.dialect == dialects.RULE:  # no description field: it opens the rule's text
        assert parsed.body.lstrip().startswith("# Billing Auditor\n\nAudits invoices: totals")
        return
    assert parsed.value("description").startswith("Audits invoices: totals, taxes.")
    if "name" in dialects.get(t.dialect).required_keys or parsed.get("name") is not None:
        assert parsed.value("name") == "billing-auditor"


def test_dialects_and_file_names():
    by_dialect = {t.dialect for t in TEMPLATES.values()}
    assert {"claude-code", "claude-plugin", "copilot", "opencode", "gemini"} <= by_dialect
    assert TEMPLATES["copilot"].file_name("x") == "x.agent.md"
    assert TEMPLATES["gemini"].file_name("x") == "x.md"
    assert TEMPLATES["skill"].file_name("x") == "x/SKILL.md"
    assert {"skill", "command", "output-style", "rule"} <= {
        dialects.get(t.dialect).kind for t in TEMPLATES.values()
    }
    for t in TEMPLATES.values():
        detected = dialects.detect(f"/p/{t.folder}/{t.file_name('abc')}")
        if t.dialect != "claude-plugin":  # a plugin folder is known by its manifest
            assert detected.id == t.dialect, t.id


def test_specialist_follows_the_seed_shape():
    text = TEMPLATES["specialist"].text("data-migrator")
    parsed = parse(text)
    found = examples.parse(parsed.value("description"))
    assert 2 <= len(found.examples) <= 3
    assert all("data-migrator" in e.example.turns[-1].text for e in found.examples)
    headings = [s.title for s in outline.parse(parsed.body).sections]
    for label in ("Core Responsibilities", "Process", "Quality Standards", "Output Format"):
        assert any(label in h for h in headings), headings
    assert "1. **Main Area**" in parsed.body


def test_reviewer_has_examples_and_read_only_tools():
    parsed = parse(TEMPLATES["reviewer"].text("code-reviewer"))
    assert len(examples.parse(parsed.value("description")).examples) == 2
    assert "Write" not in parsed.value("tools") and "Edit" not in parsed.value("tools")


def test_title_of():
    assert title_of("api-designer") == "Api Designer"
    assert title_of("log_reader") == "Log Reader"


@pytest.mark.parametrize("dialect_id", sorted(dialects.DIALECTS))
def test_starter_frontmatter_is_valid_and_has_what_the_dialect_requires(dialect_id):
    dialect = dialects.get(dialect_id)
    path = f"/project/x/My Agent{dialect.file_suffix}"
    text = starter_frontmatter(dialect_id, "My Agent")
    agent = AgentFile.from_text(text, path, dialect_id)
    assert agent.parsed.frontmatter.tier == "yaml"
    assert set(dialect.required_keys) <= {f.key for f in agent.parsed.frontmatter.fields}
    if "description" in dialect.fields and dialect.kind != "eval":
        assert agent.parsed.value("description") == DESCRIPTION_TO_FILL
    errors = [d.code for d in lint(agent) if d.severity is Severity.ERROR]
    # an eval prompt is its body, which the user writes below the frontmatter
    assert errors == (["AQ514"] if dialect_id == dialects.EVAL_PROMPT else []), errors
    if "name" in dialect.required_keys:
        assert agent.parsed.value("name") == "my-agent"
        assert dialect.name_re.match("my-agent")


@pytest.mark.parametrize(
    ("stem", "dialect_id", "name"),
    [
        ("API  Reviewer!", dialects.CLAUDE_CODE, "api-reviewer"),
        ("log_reader", dialects.CLAUDE_CODE, "log-reader"),
        ("log_reader", dialects.GEMINI, "log_reader"),
        ("日本", dialects.CLAUDE_CODE, "new-agent"),
    ],
)
def test_slug_gives_a_name_the_dialect_accepts(stem, dialect_id, name):
    dialect = dialects.get(dialect_id)
    assert slug(stem, dialect) == name
    assert dialect.name_re.match(name)
