"""An agent's own name in its description: found as a whole name, renamed in one verified
edit of the field, whatever style the description is written in."""

import re

from hypothesis import given
from hypothesis import strategies as st

from agentquill.core.frontmatter import parse
from agentquill.core.project import mentions
from agentquill.core.text import apply_edits

AGENT = (
    "---\nname: api-reviewer\ndescription: |\n"
    "  Use the api-reviewer agent when an API changes.\n"
    "  <example>\n  user: check the orders API\n"
    "  assistant: I'll use the api-reviewer agent (not api-reviewer-v2).\n"
    "  </example>\nmodel: opus\n---\nYou are api-reviewer.\n"
)


def test_whole_names_in_the_description_are_found_and_renamed():
    found = mentions.find(AGENT, "api-reviewer", "contract-checker")
    assert found.count == 2
    assert found.lines == [
        (
            "Use the api-reviewer agent when an API changes.",
            "Use the contract-checker agent when an API changes.",
        ),
        (
            "assistant: I'll use the api-reviewer agent (not api-reviewer-v2).",
            "assistant: I'll use the contract-checker agent (not api-reviewer-v2).",
        ),
    ]
    after = apply_edits(AGENT, found.edits)
    assert after == AGENT.replace("the api-reviewer agent", "the contract-checker agent")
    assert after.endswith("You are api-reviewer.\n")  # the prompt is the user's to word
    assert parse(after).value("name") == "api-reviewer"  # the rename sets it, not this


def test_nothing_to_do_is_none():
    assert mentions.find(AGENT, "planner", "x") is None
    assert mentions.find(AGENT, "api-reviewer", "api-reviewer") is None
    assert mentions.find("---\nname: a\n---\n", "a", "b") is None
    assert mentions.find(AGENT, "api", "web") is None  # only inside a longer name


def test_long_lines_are_given_whole_and_split_around_the_name():
    long = "x " * 80 + "then use a-b now, not a-b-c " + "y " * 80
    (line,) = mentions.find(f"---\nname: a\ndescription: {long}\n---\n", "a-b", "c-d").lines
    assert line == (long.strip(), long.strip().replace("use a-b", "use c-d"))
    assert mentions.split("use a-b now, not a-b-c; a-b", "a-b") == [
        "use ",
        "a-b",
        " now, not a-b-c; ",
        "a-b",
        "",
    ]


NAME = st.from_regex(r"[a-z]{2,6}(-[a-z]{2,6}){0,2}", fullmatch=True)
QUOTED = st.sampled_from(["{}", "'{}'", '"{}"', "|\n  {}", ">\n  {}"])


@given(old=NAME, new=NAME, style=QUOTED, around=st.sampled_from(["I'll use the {} agent", "{}:"]))
def test_renamed_mentions_read_back_in_every_style(old, new, style, around):
    said = around.format(old)
    value = '"' + said + '"' if style == '"{}"' else style.format(said.replace("'", "''"))
    if style[0] in "|>":
        value = style.format(said)
    text = f"---\nname: {old}\ndescription: {value}\n---\nBody\n"
    before = parse(text).value("description")
    expected = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, before)
    found = mentions.find(text, old, new)
    if expected == before:
        assert found is None
    else:
        assert parse(apply_edits(text, found.edits)).value("description") == expected
        assert found.count == 1
