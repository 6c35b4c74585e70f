"""Improve an open agent: each answer becomes hunks of minimal edits that apply against the
buffer as it is, in any order and any subset, and refuse when their text has changed."""

from __future__ import annotations

import itertools
import json

import pytest

from agentquill.core import examples
from agentquill.core.claude import generate, improve
from agentquill.core.frontmatter import parse
from agentquill.core.text import apply_edits
from claude_stand_in import RECORDED
from support import ROOT

AGENT = ROOT / "resources" / "examples" / ".claude" / "agents" / "api-reviewer.md"
TEXT = AGENT.read_text(encoding="utf-8")


def recorded(ask: str) -> dict:
    lines = (RECORDED / f"improve-{ask}.jsonl").read_text().splitlines()
    return json.loads(lines[-1])["structured_output"]


def proposal(ask: str, text: str = TEXT, value=None) -> improve.Proposal:
    return improve.propose(improve.ASKS[ask], text, recorded(ask) if value is None else value)


def accept(p: improve.Proposal, order, text: str = TEXT) -> str:
    for i in order:
        text = apply_edits(text, p.accept(i, text))
    return text


def changed_lines(before: str, after: str) -> set[str]:
    return set(before.splitlines()) ^ set(after.splitlines())


def test_the_prompt_is_our_instruction_then_the_file():
    said = improve.prompt(improve.ASKS["prompt"], TEXT)
    instruction, _, rest = said.partition("\n\n")
    assert instruction.startswith("Tighten the system prompt") and len(instruction) < 300
    assert rest == f"<agent-file>\n{TEXT}</agent-file>"


def test_improve_description_edits_only_its_prose():
    p = proposal("description")
    (hunk,) = p.hunks
    assert hunk.before.startswith("Use this agent when an HTTP API needs")
    assert hunk.after == recorded("description")["description"]
    after = accept(p, [0])
    assert changed_lines(TEXT, after) == {
        "  " + hunk.before,
        "  " + hunk.after,
    }
    read = examples.parse(parse(after).value("description"))
    assert read.intro == hunk.after and len(read.examples) == 3


def test_write_examples_adds_each_as_a_hunk_in_the_house_style():
    p = proposal("examples")
    assert [h.title for h in p.hunks] == ["Example 1", "Example 2"]
    assert p.hunks[0].after.startswith("<example>\nContext: A webhook endpoint")
    after = accept(p, [1])  # the second only
    found = examples.parse(parse(after).value("description")).examples
    assert [e.example.context for e in found][-1].startswith("Claude has just generated")
    assert len(found) == 4
    assert parse(after).body == parse(TEXT).body


def test_tighten_prompt_hunks_apply_in_any_order_and_subset():
    p = proposal("prompt")
    assert [h.title for h in p.hunks] == ["Prompt, line 37", "Prompt, lines 58–59"]
    wanted = recorded("prompt")["prompt"]
    for order in itertools.permutations(range(2)):
        q = proposal("prompt")
        assert parse(accept(q, order)).body.strip() == wanted.strip()
    only_second = accept(proposal("prompt"), [1])
    assert "2. List findings by severity, with concrete" in only_second
    assert "You are a senior API reviewer. You read" in only_second
    assert parse(only_second).value("description") == parse(TEXT).value("description")


def test_a_hunk_whose_text_changed_is_refused():
    p = proposal("prompt")
    edited = TEXT.replace("1. Read the change and", "1. Read the diff and")
    with pytest.raises(improve.Stale):
        p.accept(1, edited)
    q = proposal("description")
    with pytest.raises(improve.Stale):
        q.accept(0, TEXT.replace("design or security review", "review"))


@pytest.mark.parametrize(
    ("ask", "value", "said"),
    [
        ("description", {"description": 3}, "The answer's 'description' is a number, not text"),
        ("description", {}, "The answer has no 'description'"),
        ("description", {"description": " "}, "The answer's 'description' is empty"),
        ("prompt", {"prompt": TEXT[TEXT.index("You are") :]}, "Claude Code proposed no change"),
        ("examples", {"examples": []}, "Claude Code proposed no change"),
        ("examples", {"examples": {"x": 1}}, "The answer's 'examples' is an object, not a list"),
        (
            "description",
            {"description": "Use it <example>now</example>"},
            "The description cannot be written as given",
        ),
        ("prompt", "x", "The answer is str, not an object"),
    ],
)
def test_an_answer_that_does_not_fit_is_refused(ask, value, said):
    with pytest.raises(generate.BadAnswer) as refused:
        proposal(ask, value=value)
    assert str(refused.value).startswith(said)


def test_examples_need_a_description_to_live_in():
    bare = "---\nname: x\n---\n\nBody\n"
    with pytest.raises(generate.BadAnswer, match="no description to hold examples"):
        proposal("examples", bare)
    p = proposal("description", bare, {"description": "When to use x: always."})
    after = accept(p, [0], bare)
    assert parse(after).value("description") == "When to use x: always."
