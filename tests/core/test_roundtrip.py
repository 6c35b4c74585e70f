"""`roundtrip`'s checks: no false failures (duplicate keys, characters Python's splitlines
takes for line breaks), one read of the file, and a check that can still fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentquill.core import frontmatter, roundtrip
from agentquill.core.frontmatter import fields

# what str.splitlines() breaks at besides "\n"; edit offsets count only "\n"
SPLITLINES_BREAKS = ["\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def check(text: str) -> roundtrip.Result:
    return roundtrip.check_bytes(text.encode(), Path("agent.md"))


@pytest.mark.parametrize("ch", SPLITLINES_BREAKS, ids=[hex(ord(c)) for c in SPLITLINES_BREAKS])
@pytest.mark.parametrize(
    "template",
    [
        "---\nname: a\ndescription: one{ch}two\ntools: Read\n---\nBody{ch}line\n",
        '---\nname: a\ndescription: "one{ch}two"\nmodel: sonnet\n---\nBody\n',
        "---\nname: a\n# c{ch}x\ndescription: d\ntools: Read\n---\nB\n",
        "---\nname: a\ndescription: d\n---\nBody{ch}line\n\n## S{ch}x\n\n- a{ch}\n",
    ],
    ids=["plain value", "quoted value", "comment", "body"],
)
def test_characters_splitlines_breaks_at_are_not_line_breaks(template, ch):
    result = check(template.format(ch=ch))
    assert result.ok, result.failures


@pytest.mark.parametrize(
    "text",
    [
        "---\nname: a\ndescription: d\nname: b\n---\nBody\n",
        "---\nname: a\nmodel: haiku\ndescription: d\nmodel: sonnet\n---\nBody\n",
        "---\nname: a\ndescription: one\nmodel: haiku\ndescription: two\n---\nBody\n",
    ],
    ids=["name", "model", "description"],
)
def test_a_duplicate_key_is_checked_through_its_first_field(text):
    result = check(text)
    assert result.ok, result.failures


def test_fields_are_checked_with_one_read_of_the_file(monkeypatch):
    """Not a read per field: 2,000 keys are read as often as 2."""
    reads = []

    def counting(text):
        reads.append(len(text))
        return parse(text)

    parse = frontmatter.parse
    monkeypatch.setattr(roundtrip, "parse", counting)
    monkeypatch.setattr(fields, "parse", counting)
    counts = []
    for n in (2, 2_000):
        reads.clear()
        head = "---\nname: a\ndescription: An agent.\n"
        assert check(head + "".join(f"k{i}: v\n" for i in range(n)) + "---\nBody.\n").ok
        counts.append(len(reads))
    assert counts[0] == counts[1] <= 5


def test_a_field_the_writer_cannot_write_again_is_a_failure(monkeypatch):
    def wrong(value, f, parsed, nl, source=""):
        yield "not the value", False

    monkeypatch.setattr(fields, "_candidates", wrong)
    result = check("---\nname: a\ndescription: d\n---\nBody\n")
    assert any(
        f.startswith("(b) 'name' cannot be written again: edit refused") for f in result.failures
    )


def test_a_field_tied_to_others_by_an_anchor_is_left_as_it_is():
    """The writer will not write an anchored value alone (its aliases would change); setting
    it to its own value still changes nothing."""
    text = "---\nname: a\nbase: &b\n  x: 1\nother: *b\n---\nBody text here.\n"
    assert check(text).ok


def test_a_field_written_otherwise_than_found_is_written_again_verified():
    text = '---\nname: "a\\x41"\ndescription: >\n  one\n  two\n---\nBody\n'
    parsed = frontmatter.parse(text)
    assert fields.rewrite(text, parsed, 0) == [fields.Edit(12, 16, "A")]
    assert check(text).ok
