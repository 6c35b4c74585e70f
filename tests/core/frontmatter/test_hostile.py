"""Frontmatter that a typo or an attacker makes: read without an exception, in bounded work.

Each case crashed, recursed away or took a gigabyte before (issue 14's fuzz run); now a value
YAML cannot construct reads as its text, and input beyond the reader's bounds is a problem on
the file, like invalid YAML.
"""

from __future__ import annotations

import json

import pytest

from agentquill.core import frontmatter
from agentquill.core.agentfile import AgentFile
from agentquill.core.frontmatter import fast as simple_yaml
from agentquill.core.lint import lint
from agentquill.core.text import line_col


def agent(extra: str) -> str:
    return f"---\nname: test-agent\ndescription: A test agent.\n{extra}---\nBody text.\n"


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("created: 2001-13-45", "2001-13-45"),
        ("created: 2001-02-30", "2001-02-30"),
        ("created: 2001-12-14 99:99:99", "2001-12-14 99:99:99"),
        ("x: !!float xyz", "xyz"),
        ("x: !!bool maybe", "maybe"),
        ("x: !!timestamp yesterday", "yesterday"),
        ("x: !!int", ""),
        ("x: !!float", ""),
        ("x: " + "9" * 4301, "9" * 4301),
        ("x: 0x" + "f" * 5000, "0x" + "f" * 5000),
    ],
)
def test_a_value_yaml_cannot_construct_reads_as_its_text(line, text):
    parsed = frontmatter.parse(agent(line + "\n"))
    assert parsed.frontmatter.error is None
    assert parsed.value(line.split(":")[0]) == text
    json.dumps(parsed.value(line.split(":")[0]))  # show --json prints it


BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9 if prev else ['x'] * 9)}]\n"
    for prev, name in zip([None, *"abcdefgh"], "abcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ("x: " + "[" * 495 + "]" * 495 + "\n", "nests deeper than 64"),
        ("".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v: 1\n", "nests"),
        ("x: &a [*a]\n", "an alias refers to a value that holds it"),
        (BOMB, "expands to more than 100,000 values"),
    ],
)
def test_input_beyond_the_bounds_is_a_problem_not_an_exception(extra, problem):
    text = agent(extra)
    parsed = frontmatter.parse(text)
    assert problem in parsed.frontmatter.error.message
    assert parsed.value("name") == "test-agent"  # read as invalid YAML is: what can be read
    found = lint(AgentFile.from_text(text, "test-agent.md"))
    assert any(problem in d.message for d in found)


def test_real_frontmatter_is_far_inside_the_bounds():
    nested = "x: " + "[" * 32 + "]" * 32 + "\n"
    assert frontmatter.parse(agent(nested)).frontmatter.error is None


def test_an_escape_past_the_last_character_is_yaml_s_error_not_a_crash():
    text = agent('x: "\\U00110000"\n')
    where = frontmatter.locate(text)
    assert simple_yaml.read(text, where[0], where[1]) is None  # left to PyYAML, which refuses
    assert frontmatter.parse(text).frontmatter.error is not None


def test_a_value_of_many_escapes_reads_as_yaml_reads_it():
    value = 'a\\tb\\\\c\\"d\\u00e9' * 400
    parsed = frontmatter.parse(agent(f'x: "{value}"\n'))
    assert parsed.value("x") == 'a\tb\\c"dé' * 400


@pytest.mark.parametrize("size", [10, 40_000, 200_000])
def test_line_col_is_the_count_of_breaks_before(size):
    text = ("word\n" * size)[:size] + "tail"
    for offset in {0, 1, size // 3, size - 1, size, len(text)}:
        before = text[:offset]
        assert line_col(text, offset) == (before.count("\n") + 1, offset - before.rfind("\n"))


def test_claude_code_s_recovery_reads_within_the_same_bounds():
    # a line only the recovery reads (an unquoted "when:") sent an alias bomb around the
    # bounds, through the recovery's own compose: 6^12 values, a MemoryError (issue 14's fuzz
    # run); 6^8 here, so that a regression costs seconds, not the machine
    bomb = "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 6 if i else ['lol'] * 6)}]\n" for i in range(9)
    )
    text = agent(bomb + "summary: Use it when: the code is big\n")
    parsed = frontmatter.parse(text)
    assert parsed.frontmatter.error is not None
    assert parsed.value("name") == "test-agent"
    assert not isinstance(parsed.value("a8"), list)  # read as text, not expanded
    lint(AgentFile.from_text(text, "test-agent.md"))
