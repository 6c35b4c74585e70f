"""An agent buffer as ``--agents`` JSON: the shape Claude Code 2.1.332 accepts (lists for
tools, description and prompt strings); the real binary registering it is in test_run."""

from __future__ import annotations

import json

import pytest

from agentquill.core import claude
from agentquill.core.agentfile import AgentFile
from support import SEED


def test_the_seed_becomes_one_definition():
    agent = AgentFile.read(SEED)
    defined = json.loads(claude.agents_json(agent))
    ((name, body),) = defined.items()
    assert name == "backend-developer"
    assert body["description"] == agent.parsed.value("description")
    assert body["prompt"] == agent.parsed.body.strip() and body["prompt"]
    assert all(isinstance(t, str) for t in body.get("tools", []))


def test_fields_are_converted_to_what_a_definition_takes():
    text = (
        "---\nname: rev\ndescription: Reviews\ntools: Read, Grep, Bash(git diff:*)\n"
        "disallowedTools: [Write]\nmodel: sonnet\nmaxTurns: 3\ncolor: blue\nunknown: x\n---\n\n"
        "You review.\n"
    )
    assert claude.definition(AgentFile.from_text(text)) == (
        "rev",
        {
            "description": "Reviews",
            "prompt": "You review.",
            "tools": ["Read", "Grep", "Bash(git diff:*)"],
            "disallowedTools": ["Write"],
            "model": "sonnet",
            "maxTurns": 3,
            "color": "blue",
        },
    )


def test_a_nameless_agent_takes_its_files_stem():
    agent = AgentFile.from_text("---\ndescription: D\n---\nBody\n", "/x/my-helper.md")
    assert claude.definition(agent)[0] == "my-helper"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Just text\n", "no frontmatter"),
        ("---\nname: a\n---\nBody\n", "a has no description"),
        ("---\ndescription: D\n---\nBody\n", "no name"),
    ],
)
def test_what_cannot_be_an_agent_says_why(text, said):
    with pytest.raises(claude.NotAnAgent, match=said):
        claude.definition(AgentFile.from_text(text))
