"""Repair writes a value broken over several lines as a ``>-`` block with the same lines: it
reads as the very value it read before (by PyYAML, by our reader, and Claude Code can parse
it), and stays readable, not one long quoted line."""

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from agentquill.core.frontmatter import claude_verdict, emit, parse
from agentquill.core.frontmatter.claude import fold_plain
from agentquill.core.frontmatter.fields import repair
from agentquill.core.text import apply_edits, decode
from support import corpus_files

LINES = [
    "Use this agent when an API needs review: routes, schemas, errors.",
    "It checks 'breaking' changes and names them.",
    "",
    "<example>",
    "user: review the orders API",
    "assistant: I'll use the api-reviewer agent.",
    "</example>",
]


def broken(lines: list[str]) -> str:
    body = "\n".join(f"  {line}" if line else "" for line in lines[1:])
    return f"---\nname: api-reviewer\ndescription: {lines[0]}\n{body}\nmodel: opus\n---\nBody\n"


def frontmatter_values(text: str) -> dict:
    fm = parse(text).frontmatter
    return yaml.safe_load(text[fm.start : fm.end])


def test_a_long_broken_description_keeps_its_lines_in_a_folded_block():
    text = broken(LINES)
    before = parse(text).value("description")
    out = apply_edits(text, repair(text))
    assert out.split("---\n")[1].splitlines()[1:9] == ["description: >-"] + [
        f"  {line}" if line else "" for line in LINES
    ]
    assert "''" not in out
    assert frontmatter_values(out)["description"] == before == fold_plain("\n".join(LINES))
    assert parse(out).frontmatter.tier == "yaml"
    assert claude_verdict(out).parses and not claude_verdict(text).parses


def test_a_one_line_value_with_apostrophes_is_double_quoted_not_escaped():
    text = "---\nname: x\ndescription: Triggers on: 'GDPR', 'CCPA'\n---\n"
    out = apply_edits(text, repair(text))
    assert "description: \"Triggers on: 'GDPR', 'CCPA'\"\n" in out


def test_refolded_needs_several_lines():
    assert emit.refolded("one line: only", 2, "\n") is None
    assert emit.refolded("a\n\n  b", 2, "\n") == ">-\n  a\n\n  b\n"


WORD = st.text(st.sampled_from("abcxyz:'\"#-<>[]{}|,.!?`%@&* "), min_size=1, max_size=12)
LINE = st.lists(WORD, min_size=1, max_size=6).map(" ".join).map(str.strip).filter(bool)


@settings(max_examples=150, deadline=None)
@given(
    first=LINE,
    rest=st.lists(st.one_of(LINE, st.just("")), min_size=1, max_size=8),
)
def test_repaired_values_read_back_the_same_everywhere(first, rest):
    """Whatever the lines hold, a repaired broken value reads as it did, or is left alone."""
    text = broken([f"Reviews: {first}", *rest, "end"])
    parsed = parse(text)
    field = parsed.get("description")
    if field is None or field.valid or [f.key for f in parsed.fields][-1] != "model":
        return  # the lines made another shape of frontmatter: not what this test is about
    out = apply_edits(text, repair(text, parsed))
    after = parse(out)
    assert after.frontmatter.tier == "yaml"
    assert after.value("description") == field.value
    assert frontmatter_values(out)["description"] == field.value
    assert claude_verdict(out, after).parses


CORPUS_BROKEN = [
    p
    for p in corpus_files()
    if p.suffix == ".md" and any(not f.valid for f in parse(decode(p.read_bytes()).text).fields)
]


@pytest.mark.skipif(not CORPUS_BROKEN, reason="the shared corpus is absent")
def test_corpus_files_that_need_repair_read_the_same_after_it():
    blocks = 0
    for path in CORPUS_BROKEN:
        text = decode(path.read_bytes()).text
        before = parse(text)
        out = apply_edits(text, repair(text, before))
        after = parse(out)
        assert after.frontmatter.tier == "yaml", path
        assert after.frontmatter.values() == before.frontmatter.values(), path
        assert claude_verdict(out, after).parses, path
        blocks += "description: >-" in out
    assert blocks >= 2
