"""The outline of an edited body, read from the previous body's read, is the fresh read."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentquill.core import outline
from agentquill.core.outline import model
from agentquill.core.text import Edit, apply_edits

FAST = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])

# Lines that open, close, continue or interrupt blocks: what a re-read must get right.
PIECES = [
    "## Setup\n", "Title\n", "=====\n", "-----\n", "**Checks:**\n", "**Notes**\n", "# Top\n",
    "### Deep\n", "```\n", "~~~~\n", "<div>\n", "* * *\n", "\n", "\n", "text goes on\n",
    "1. **Plan**: first\n", "2. Second\n", "10) tenth\n", "- bullet\n", "+ plus\n",
    "   - nested\n", "    - deeper\n", "     indented text\n", "\tTabbed\n", "**a**: b\n",
    "## Closed ##\n", "Windows line\r\n", "- [ ] task\n",
]  # fmt: skip

BODY = (
    "Intro line.\n\n- lead item\n\n## One\n\n1. **A**: a\n   - a1\n2. **B**\n\n"
    "**Label:**\n\n- x\n- y\n\nSetext\n------\n\n```\n## not a heading\n```\n\n"
    "### Three\n\n* star\n\n+ plus\n\n## Four\n\ntext\n"
)


def fresh(body: str) -> outline.Outline:
    """The outline read from scratch."""
    outline.parse.cache_clear()
    model._last = None
    return outline.parse(body)


def reread(before: str, after: str) -> outline.Outline:
    """The outline of ``after`` read from the read of ``before``."""
    fresh(before)
    outline.parse.cache_clear()
    return outline.parse(after)


def same(a: outline.Outline, b: outline.Outline) -> bool:
    return (a.preamble, a.items, a.sections) == (b.preamble, b.items, b.sections)


bodies = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@st.composite
def edited(draw, body: st.SearchStrategy[str] = bodies):
    """A body and the same body with up to three pieces replaced."""
    text = draw(body)
    edits, pos = [], 0
    for _ in range(draw(st.integers(1, 3))):
        if pos > len(text):
            break
        start = draw(st.integers(pos, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        new = draw(st.sampled_from(["", *PIECES, "x", "#", "  ", "\n"]))
        edits.append(Edit(start, end, new))
        pos = end + 1
    return text, edits


@FAST
@given(edited())
def test_reread_after_any_edit_is_the_fresh_read(case):
    text, edits = case
    after = apply_edits(text, edits)
    assert same(reread(text, after), fresh(after))


@FAST
@given(edited(st.just(BODY)))
def test_read_of_each_edit_is_the_fresh_read(case):
    text, edits = case
    after = apply_edits(text, edits)
    fresh(text)
    model.read_edited(text, edits, after)  # each edit a change of its own
    outline.parse.cache_clear()
    assert same(outline.parse(after), fresh(after))


@pytest.mark.parametrize(
    "op, args",
    [
        (outline.move_section, ((0,), (2,))),
        (outline.move_section, ((2,), (0,))),
        (outline.move_item, (((0,), (1,)), ((1, 0), (0,)))),
        (outline.rename_item, (((0,), (0,)), "A much longer title", None)),
        (outline.remove_section, ((1,),)),
        (outline.add_item, (((), (0,)), "new lead item")),
    ],
)
def test_operations_leave_the_fresh_read(op, args):
    fresh(BODY)
    after = apply_edits(BODY, op(BODY, *args))
    assert same(outline.parse(after), fresh(after))
