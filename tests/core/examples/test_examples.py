"""<example> blocks in descriptions (FORMATS.md §2.4, §1.6): parse, render, edit."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentquill.core import frontmatter
from agentquill.core.examples import (
    Example,
    Style,
    Turn,
    description_edits,
    insert_example,
    move_example,
    parse,
    remove_example,
    render_example,
    replace_example,
    set_intro,
)
from agentquill.core.frontmatter import parse as parse_file
from agentquill.core.text import apply_edits

# --- fixtures: one agent per encoding ----------------------------------------------------------

BLOCK = """\
Use this agent when a release needs to be planned, cut or announced. Examples:

<example>
Context: The team merged the last feature for version 2.4
user: "We're ready to ship 2.4, can you prepare the release?"
assistant: "I'll use the release-manager agent to draft the changelog and tag the release."
<commentary>
Cutting a release is the core task of the release-manager agent.
</commentary>
</example>

<example>
Context: A hotfix was merged into the stable branch
user: "Ship the hotfix for the login bug"
assistant: "Let me use the release-manager agent to prepare a patch release."
<commentary>
Patch releases follow the same checklist,
so the release-manager agent applies.
</commentary>
assistant: "The release-manager agent will now bump the patch version."
</example>

<example>
Context: The user asks about the schedule
user: "When is the next release due?"
assistant: "I'll use the release-manager agent to check the release calendar."
<commentary>
Release planning questions also trigger the agent.
</commentary>
</example>

Use it for releases only, not for ordinary commits."""

EX0, EX1, EX2 = (
    BLOCK[m.start() : m.end()] for m in re.finditer("<example>.*?</example>", BLOCK, re.S)
)

ONE_LINE = (
    "Use this agent to write or update user documentation. Examples: "
    "<example>Context: A new CLI flag was added. user: 'Document the new --dry-run flag' "
    "assistant: 'I'll use the docs-writer agent to add the flag to the CLI reference.' "
    "<commentary>New options need reference docs.</commentary></example> "
    "<example>Context: The README is out of date. user: 'Our README still says Python 3.8' "
    "assistant: 'Let me use the docs-writer agent to refresh the README.' "
    "<commentary>Keeping the README accurate is a docs task.</commentary></example>"
)

LITERAL = (
    "Use this agent when a database schema change needs review. Examples:\\n\\n"
    '<example>\\nContext: A migration adds a column\\nuser: "Review migration 0042"\\n'
    'assistant: "I\'ll use the schema-auditor agent to check the migration."\\n'
    "<commentary>\\nSchema changes must be audited before merge.\\n</commentary>\\n</example>\\n\\n"
    '<example>\\nContext: An index is dropped\\nuser: "Is it safe to drop idx_orders_user?"\\n'
    'assistant: "Let me use the schema-auditor agent to find the queries that use it."\\n'
    "<commentary>\\nIndex changes affect query plans.\\n</commentary>\\n</example>"
)

NEW = Example(
    context="A tag was pushed by mistake",
    turns=[Turn("user", "Delete the v2.5 tag"), Turn("assistant", "I'll use the agent.")],
    commentary="Tag cleanup is release work.",
)


def edited(text: str, edits) -> str:
    return apply_edits(text, edits)


# --- parsing -----------------------------------------------------------------------------------


def test_parse_block_style():
    doc = parse(BLOCK)
    assert doc.intro == (
        "Use this agent when a release needs to be planned, cut or announced. Examples:"
    )
    assert doc.outro == "Use it for releases only, not for ordinary commits."
    assert [BLOCK[slice(*p.span)] for p in doc.examples] == [EX0, EX1, EX2]
    first = doc.examples[0].example
    assert first == Example(
        context="The team merged the last feature for version 2.4",
        turns=[
            Turn("user", "We're ready to ship 2.4, can you prepare the release?"),
            Turn(
                "assistant",
                "I'll use the release-manager agent to draft the changelog and tag the release.",
            ),
        ],
        commentary="Cutting a release is the core task of the release-manager agent.",
    )
    second = doc.examples[1].example
    assert second.commentary == (
        "Patch releases follow the same checklist,\nso the release-manager agent applies."
    )
    assert [t.role for t in second.turns] == ["user", "assistant", "assistant"]
    assert doc.style == Style()  # the seed's style is the default


def test_parse_one_line_style():
    doc = parse(ONE_LINE)
    assert doc.intro == "Use this agent to write or update user documentation. Examples:"
    assert doc.outro == ""
    assert [p.example for p in doc.examples] == [
        Example(
            "A new CLI flag was added.",
            [
                Turn("user", "Document the new --dry-run flag"),
                Turn(
                    "assistant",
                    "I'll use the docs-writer agent to add the flag to the CLI reference.",
                ),
            ],
            "New options need reference docs.",
        ),
        Example(
            "The README is out of date.",
            [
                Turn("user", "Our README still says Python 3.8"),
                Turn("assistant", "Let me use the docs-writer agent to refresh the README."),
            ],
            "Keeping the README accurate is a docs task.",
        ),
    ]
    style = doc.style
    assert (style.newline, style.open, style.join, style.close, style.quote) == (
        "\n",
        "",
        " ",
        "",
        "'",
    )
    assert style.inline and style.gap == " "


def test_parse_literal_newline_style():
    doc = parse(LITERAL)
    assert doc.style == Style(newline="\\n")
    assert doc.intro == "Use this agent when a database schema change needs review. Examples:"
    assert [p.example.context for p in doc.examples] == [
        "A migration adds a column",
        "An index is dropped",
    ]
    assert doc.examples[0].example.turns[1] == Turn(
        "assistant", "I'll use the schema-auditor agent to check the migration."
    )
    assert doc.examples[1].example.commentary == "Index changes affect query plans."
    start, end = doc.examples[1].span
    assert LITERAL[start:end].startswith("<example>\\nContext: An index")
    assert LITERAL[start:end].endswith("</commentary>\\n</example>")


def test_parse_variants_inside_examples():
    text = (
        "Intro.\n"
        "- <example>\n"
        "  <context>Someone asks</context>\n"
        "  User: Explain the build\n"
        "  Daisy: 'Me too'\n"
        "  <tool call omitted>\n"
        "  assistant: plain answer\n"
        "  <commentary>One line.</commentary>\n"
        "</example>\n"
        "- <example> <user_request>Audit it</user_request> "
        "<commentary>Tags only.</commentary> </example>"
    )
    doc = parse(text)
    assert doc.intro == "Intro."
    first, second = (p.example for p in doc.examples)
    assert first == Example(
        context="Someone asks",
        turns=[
            Turn("User", "Explain the build"),
            Turn("Daisy", "Me too"),
            Turn("assistant", "plain answer"),
        ],
        commentary="One line.",
        extra="<tool call omitted>",
    )
    assert second == Example(turns=[Turn("user_request", "Audit it")], commentary="Tags only.")
    assert doc.style.gap == "\n- "
    assert doc.style.indent == "  "


def test_compact_layout_and_quote_inside_text():
    text = (
        'Intro. <example>Context: c\nuser: "say "hi" now"\nassistant: "ok"\n'
        "<commentary>why</commentary></example><example>Context: d\nuser: 'x'</example>"
    )
    doc = parse(text)
    assert doc.examples[0].example.turns[0].text == 'say "hi" now'
    style = doc.style
    assert (style.open, style.join, style.close, style.gap) == ("", "\n", "", "")
    assert not style.commentary_block
    first = doc.examples[0]
    assert render_example(first.example, style) == text[slice(*first.span)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no examples at all",
        "<example>",
        "</example>",
        "a <example> b <example> c </example> d </example>",
        "<example><commentary>open only</example>",
        '<example>user: \'unterminated\nassistant: "x"</example>',
        "<example>user:</example>",
        "<example>\n</example>",
        "<example>Context:</example>\\n",
        'x\\n<example>user: "\\n</example>',
        "<example><commentary></commentary><commentary>b</commentary></example>",
    ],
)
def test_malformed_never_raises(text):
    doc = parse(text)
    for index, parsed in enumerate(doc.examples):
        assert replace_example(text, index, parsed.example) == []


def test_unbalanced_and_nested_tags():
    doc = parse("a <example>lost <example>user: x</example> b </example> c")
    assert len(doc.examples) == 1
    assert doc.examples[0].example.turns == [Turn("user", "x")]
    assert doc.intro == "a <example>lost"
    assert doc.outro == "b </example> c"


def test_no_examples():
    doc = parse("Use this agent for reviews.\n\n")
    assert doc.examples == [] and doc.intro == "Use this agent for reviews." and doc.outro == ""
    assert doc.style == Style()
    assert parse("one\\ntwo").style.newline == "\\n"


# --- rendering ---------------------------------------------------------------------------------


def test_render_default_style():
    assert render_example(NEW) == (
        "<example>\n"
        "Context: A tag was pushed by mistake\n"
        'user: "Delete the v2.5 tag"\n'
        'assistant: "I\'ll use the agent."\n'
        "<commentary>\n"
        "Tag cleanup is release work.\n"
        "</commentary>\n"
        "</example>"
    )


def test_render_commentary_before_second_assistant_turn_and_extra():
    example = Example(
        "c",
        [Turn("user", "u"), Turn("assistant", "a1"), Turn("assistant", "a2")],
        "why",
        "<tool call omitted>",
    )
    style = Style(newline="\\n", open="\n  ", join="\n  ", quote="", commentary_block=False)
    assert render_example(example, style) == (
        "<example>\\n  Context: c\\n  user: u\\n  assistant: a1\\n  <tool call omitted>"
        "\\n  <commentary>why</commentary>\\n  assistant: a2\\n</example>"
    )


def test_render_unquoted_keeps_texts_readable_back():
    style = Style(quote="")
    example = Example(turns=[Turn("user", '"quoted" start'), Turn("assistant", "")])
    rendered = render_example(example, style)
    assert 'user: ""quoted" start"' in rendered and 'assistant: ""' in rendered
    assert parse(rendered).examples[0].example == example


def test_render_tags_style():
    style = Style(open=" ", join=" ", close=" ", tags=True)
    example = Example("c", [Turn("user", "u")], "why")
    assert render_example(example, style) == (
        "<example> <context>c</context> <user>u</user> <commentary>why</commentary> </example>"
    )


# --- operations --------------------------------------------------------------------------------


def test_replace_same_example_is_a_no_op():
    for text in (BLOCK, ONE_LINE, LITERAL):
        for index, parsed in enumerate(parse(text).examples):
            assert replace_example(text, index, parsed.example) == []


def test_replace_block():
    found = parse(BLOCK).examples[2].example  # shared by all who parse BLOCK: not changed
    example = replace(found, turns=[Turn("user", "When is 2.5 due?"), *found.turns[1:]])
    edits = replace_example(BLOCK, 2, example)
    assert edited(BLOCK, edits) == BLOCK.replace(
        "When is the next release due?", "When is 2.5 due?"
    )
    assert len(edits) == 1 and len(edits[0].text) < 20  # only the changed words


def test_replace_renders_in_house_style():
    result = edited(ONE_LINE, replace_example(ONE_LINE, 1, NEW))
    assert result == ONE_LINE[: ONE_LINE.index("<example>Context: The README")] + (
        "<example>Context: A tag was pushed by mistake user: 'Delete the v2.5 tag' "
        "assistant: 'I'll use the agent.' <commentary>Tag cleanup is release work.</commentary>"
        "</example>"
    )


def test_insert_block():
    rendered = render_example(NEW)
    assert edited(BLOCK, insert_example(BLOCK, 0, NEW)) == BLOCK.replace(
        EX0, rendered + "\n\n" + EX0
    )
    assert edited(BLOCK, insert_example(BLOCK, 1, NEW)) == BLOCK.replace(
        EX1, rendered + "\n\n" + EX1
    )
    assert edited(BLOCK, insert_example(BLOCK, 3, NEW)) == BLOCK.replace(
        EX2, EX2 + "\n\n" + rendered
    )


def test_insert_into_bullet_list_with_indent():
    text = 'Intro:\n- <example>\n  user: "a"\n</example>\n- <example>\n  user: "b"\n</example>'
    new = Example(turns=[Turn("user", "c")], commentary="why\nso")
    assert edited(text, insert_example(text, 0, new)) == text.replace(
        "Intro:\n- ",
        'Intro:\n- <example>\n  user: "c"\n  <commentary>\n  why\n  so\n'
        "  </commentary>\n</example>\n- ",
    )


def test_insert_literal():
    result = edited(LITERAL, insert_example(LITERAL, 2, NEW))
    assert result == LITERAL + (
        "\\n\\n<example>\\nContext: A tag was pushed by mistake\\n"
        'user: "Delete the v2.5 tag"\\nassistant: "I\'ll use the agent."\\n'
        "<commentary>\\nTag cleanup is release work.\\n</commentary>\\n</example>"
    )
    assert "\n" not in result


def test_insert_into_description_without_examples():
    assert edited("Reviews code.\n", insert_example("Reviews code.\n", 0, NEW)) == (
        "Reviews code.\n\n" + render_example(NEW) + "\n"
    )
    assert edited("", insert_example("", 0, NEW)) == render_example(NEW)
    literal = "Reviews code.\\nAlways."
    assert edited(literal, insert_example(literal, 0, NEW)) == (
        literal + "\\n\\n" + render_example(NEW, Style(newline="\\n"))
    )


def test_remove_block():
    assert edited(BLOCK, remove_example(BLOCK, 0)) == BLOCK.replace(EX0 + "\n\n", "")
    assert edited(BLOCK, remove_example(BLOCK, 1)) == BLOCK.replace(EX1 + "\n\n", "")
    assert edited(BLOCK, remove_example(BLOCK, 2)) == BLOCK.replace("\n\n" + EX2, "")


def test_remove_the_only_example():
    text = 'Intro.\n\n<example>\nuser: "x"\n</example>\n\nOutro.'
    assert edited(text, remove_example(text, 0)) == "Intro.\n\nOutro."
    text = "<example>user: 'x'</example> Outro."
    assert edited(text, remove_example(text, 0)) == "Outro."


def test_move_block():
    blocks = "\n\n".join((EX0, EX1, EX2))
    assert edited(BLOCK, move_example(BLOCK, 0, 2)) == BLOCK.replace(
        blocks, "\n\n".join((EX1, EX2, EX0))
    )
    assert edited(BLOCK, move_example(BLOCK, 2, 1)) == BLOCK.replace(
        blocks, "\n\n".join((EX0, EX2, EX1))
    )
    edits = move_example(BLOCK, 1, 0)
    assert [e.text for e in edits] == ["", EX1 + "\n\n"]  # the moved text, verbatim
    assert move_example(BLOCK, 1, 1) == []


@pytest.mark.parametrize("text", [BLOCK, ONE_LINE, LITERAL])
def test_move_and_back_restores(text):
    count = len(parse(text).examples)
    for src in range(count):
        for dst in range(count):
            moved = edited(text, move_example(text, src, dst))
            order = [text[slice(*p.span)] for p in parse(text).examples]
            order.insert(dst, order.pop(src))
            assert [moved[slice(*p.span)] for p in parse(moved).examples] == order
            assert edited(moved, move_example(moved, dst, src)) == text


@pytest.mark.parametrize("text", [BLOCK, ONE_LINE, LITERAL])
def test_remove_then_insert_restores(text):
    for index, parsed in enumerate(parse(text).examples):
        removed = edited(text, remove_example(text, index))
        assert edited(removed, insert_example(removed, index, parsed.example)) == text


def test_set_intro():
    assert edited(BLOCK, set_intro(BLOCK, "Use for releases.\n")) == BLOCK.replace(
        "Use this agent when a release needs to be planned, cut or announced. Examples:",
        "Use for releases.",
    )
    assert set_intro(BLOCK, parse(BLOCK).intro) == []
    assert edited(LITERAL, set_intro(LITERAL, "Audits schemas.\nExamples:")).startswith(
        "Audits schemas.\\nExamples:\\n\\n<example>"
    )
    bare = "<example>user: 'x'</example> <example>user: 'y'</example>"
    assert edited(bare, set_intro(bare, "Intro:")) == "Intro: " + bare
    assert edited("Intro: " + bare, set_intro("Intro: " + bare, "")) == bare
    assert edited("old\n", set_intro("old\n", "new")) == "new\n"


def test_index_errors():
    with pytest.raises(IndexError):
        replace_example(BLOCK, 3, NEW)
    with pytest.raises(IndexError):
        insert_example(BLOCK, 4, NEW)
    with pytest.raises(IndexError):
        remove_example("", 0)
    with pytest.raises(IndexError):
        move_example(BLOCK, 0, -1)


# --- properties --------------------------------------------------------------------------------

STYLES = [
    Style(),
    Style(newline="\\n"),
    Style(open="\n  ", join="\n  ", close="\n", gap="\n- "),
    Style(open="", join=" ", close="", quote="'", commentary_block=False, gap=" "),
    Style(open=" ", join=" ", close=" ", tags=True, gap="\n"),
    Style(quote="", commentary_block=False, gap="\n"),
    Style(open="", join="\n", close="", commentary_block=False, gap=""),
    Style(newline="\\n", open="\n  ", join="\n  ", quote="'", gap="\n"),
]

words = st.text("abcdefghijklmnopqrstuvwxyzABC0123456789", min_size=1, max_size=8)
line = (
    st.lists(words, min_size=1, max_size=6)
    .map(" ".join)
    .flatmap(lambda text: st.sampled_from(["", ".", "?", "!"]).map(lambda end: text + end))
)


@st.composite
def examples(draw, style: Style):
    multi = st.lists(line, min_size=1, max_size=3).map("\n".join)
    example = Example(
        context=draw(st.one_of(st.just(""), line)),
        turns=[
            Turn(draw(st.sampled_from(["user", "assistant", "human"])), draw(line))
            for _ in range(draw(st.integers(1, 3)))
        ],
        # a one-line style, or one without a <commentary> block, holds a one-line commentary
        commentary=draw(
            st.one_of(st.just(""), line if style.inline or not style.commentary_block else multi)
        ),
        extra=draw(st.sampled_from(["", "<tool call omitted>", "(runs the tool)"])),
    )
    return example


@st.composite
def descriptions(draw):
    style = draw(st.sampled_from(STYLES))
    found = draw(st.lists(examples(style), min_size=1, max_size=4))
    intro = draw(st.one_of(st.just(""), line.map(lambda text: text + " Examples:")))
    outro = draw(st.one_of(st.just(""), line))
    body = style.gap.join(render_example(e, style).replace("\\n", "\n") for e in found)
    text = (intro + style.gap if intro else "") + body + ("\n\n" + outro if outro else "")
    if style.newline == "\\n":
        text = text.replace("\n", "\\n")
    return text, style, found, intro, outro


def texts_of(text: str) -> list[str]:
    return [text[slice(*p.span)] for p in parse(text).examples]


FAST = settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(descriptions())
def test_generated_descriptions_parse_back(case):
    text, style, found, intro, outro = case
    doc = parse(text)
    assert [p.example for p in doc.examples] == found
    assert (doc.intro, doc.outro) == (intro, outro)
    assert doc.style.newline == style.newline
    # The detected house style writes every example exactly as it is.
    assert [render_example(p.example, doc.style) for p in doc.examples] == texts_of(text)


@FAST
@given(descriptions(), st.data())
def test_operations_keep_other_examples(case, data):
    text, style, found, _, _ = case
    doc, old = parse(text), texts_of(text)
    count = len(found)
    op = data.draw(st.sampled_from(["replace", "insert", "remove", "move"]))
    new = data.draw(examples(style))
    if op == "replace":
        index = data.draw(st.integers(0, count - 1))
        result = edited(text, replace_example(text, index, new))
        expected = old[:index] + [None] + old[index + 1 :]
        found = found[:index] + [new] + found[index + 1 :]
    elif op == "insert":
        index = data.draw(st.integers(0, count))
        result = edited(text, insert_example(text, index, new))
        expected = old[:index] + [None] + old[index:]
        found = found[:index] + [new] + found[index:]
    elif op == "remove":
        index = data.draw(st.integers(0, count - 1))
        result = edited(text, remove_example(text, index))
        expected = old[:index] + old[index + 1 :]
        found = found[:index] + found[index + 1 :]
    else:
        src, dst = data.draw(st.integers(0, count - 1)), data.draw(st.integers(0, count - 1))
        result = edited(text, move_example(text, src, dst))
        expected, found = list(old), list(found)
        expected.insert(dst, expected.pop(src))
        found.insert(dst, found.pop(src))
    after = parse(result)
    assert [p.example for p in after.examples] == found
    got = texts_of(result)
    assert [g for g, e in zip(got, expected, strict=True) if e is not None] == [
        e for e in expected if e is not None
    ]
    if found:
        assert after.intro == doc.intro
    if style.newline == "\\n":
        assert "\n" not in result


fragments = st.sampled_from(
    [
        "<example>",
        "</example>",
        "<commentary>",
        "</commentary>",
        "<context>",
        "</context>",
        "<user>",
        "</user>",
        "Context: ",
        "user: ",
        "assistant: ",
        "Daisy: ",
        "'",
        '"',
        "\n",
        "\\n",
        " ",
        "  ",
        "- ",
        "\t",
        "\r\n",
        "<user_request>",
        "</user_request>",
        "x",
        "word",
    ]
)
junk = st.one_of(st.text(max_size=80), st.lists(fragments, max_size=30).map("".join))


@settings(max_examples=100)
@given(junk, st.data())
def test_arbitrary_text_never_raises(text, data):
    doc = parse(text)
    count = len(doc.examples)
    for index, parsed in enumerate(doc.examples):
        assert replace_example(text, index, parsed.example) == []
    tags = re.findall("</?example>", text)
    balanced = tags == ["<example>", "</example>"] * count  # no stray tag to pair up anew
    inserted = edited(text, insert_example(text, data.draw(st.integers(0, count)), NEW))
    assert len(parse(inserted).examples) == count + 1 or not balanced
    assert parse(edited(text, set_intro(text, "New intro"))).intro == "New intro"
    if count:
        removed = edited(text, remove_example(text, data.draw(st.integers(0, count - 1))))
        assert len(parse(removed).examples) == count - 1 or not balanced
        assert parse(edited(text, replace_example(text, 0, NEW))).examples[0].example == NEW
        src, dst = data.draw(st.integers(0, count - 1)), data.draw(st.integers(0, count - 1))
        moved = edited(text, move_example(text, src, dst))
        assert len(parse(moved).examples) == count


# --- the real-world corpus ---------------------------------------------------------------------

_FRONTMATTER = re.compile(r"\A\ufeff?---\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M)
_ONE_LINE_DESCRIPTION = re.compile(r"^description:[ \t]*(.*?)[ \t]*\r?$", re.M)


def corpus_description(path) -> str | None:
    """The decoded description, or for frontmatter PyYAML rejects, the raw one-line value."""
    match = _FRONTMATTER.match(path.read_text(encoding="utf-8", errors="replace"))
    if not match or "<example>" not in match.group(1):
        return None
    try:
        data = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        line = _ONE_LINE_DESCRIPTION.search(match.group(1))
        return line.group(1) if line else None
    value = data.get("description") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def test_corpus_descriptions(corpus):
    styles = {"block": 0, "one-line": 0, "literal": 0}
    exact = total = 0
    for path in corpus:
        text = corpus_description(path)
        if not text or "<example>" not in text:
            continue
        doc = parse(text)
        styles[
            "literal" if doc.style.newline == "\\n" else "one-line" if "\n" not in text else "block"
        ] += 1
        tags = re.findall("</?example>", text)
        if tags == ["<example>", "</example>"] * (len(tags) // 2):
            assert len(doc.examples) == len(tags) // 2, path
        for index, parsed in enumerate(doc.examples):
            assert replace_example(text, index, parsed.example) == [], path
            rendered = render_example(parsed.example, doc.style)
            assert parse(rendered).examples[0].example == parsed.example, path
            exact += rendered == text[slice(*parsed.span)]
            total += 1
    assert total and exact / total > 0.95  # the house style reproduces nearly every example
    print(styles, f"{exact}/{total} examples re-rendered exactly")


# --- undo: remove_example after insert_example gives the description back --------------------


@pytest.mark.parametrize("description", ["", " ", "\n", "  \n ", "\\n", "Intro.", "Intro. \n"])
def test_remove_example_undoes_insert_example_around_white_space(description):
    inserted = edited(description, insert_example(description, 0, NEW))
    assert edited(inserted, remove_example(inserted, 0)) == description


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(descriptions().map(lambda case: case[0]), junk, st.text(" \n\t", max_size=6)),
    st.lists(st.tuples(st.integers(0, 5), st.sampled_from(STYLES)), min_size=1, max_size=4),
    st.data(),
)
def test_random_sequences_remove_example_undoes_insert_example(text, steps, data):
    """Each step inserts an example at a random place, checks that removing it gives the
    description back, and keeps it."""
    for where, style in steps:
        count = len(parse(text).examples)
        index = min(where, count)
        example = data.draw(examples(style))
        inserted = edited(text, insert_example(text, index, example))
        if len(parse(inserted).examples) != count + 1:
            return  # a stray tag in junk pairs up with the new one: no longer the same examples
        assert edited(inserted, remove_example(inserted, index)) == text
        text = inserted


def test_corpus_remove_example_undoes_insert_example(corpus):
    rng = random.Random(14)
    checked = 0
    for path in corpus:
        text = frontmatter.parse(path.read_text(encoding="utf-8", errors="replace")).value(
            "description"
        )
        if not isinstance(text, str):
            continue
        count = len(parse(text).examples)
        index = rng.randint(0, count)
        inserted = edited(text, insert_example(text, index, NEW))
        if len(parse(inserted).examples) != count + 1:
            continue
        assert edited(inserted, remove_example(inserted, index)) == text, path.name
        checked += 1
    assert checked > 1000


def test_description_edits_write_the_field_once_and_only_it():
    text = "---\nname: a\ndescription: Intro. <example>user: hi</example>\ncolor: red\n---\nBody\n"
    parsed = parse_file(text)
    file_edits, new = description_edits(text, parsed, lambda d: set_intro(d, "New intro. "))
    after = apply_edits(text, file_edits)
    assert new.startswith("New intro.") and parse_file(after).value("description") == new
    assert after.startswith("---\nname: a\n") and after.endswith("color: red\n---\nBody\n")
    assert description_edits(text, parsed, lambda d: []) == ([], parsed.value("description"))
    listed = "---\ndescription: [a]\n---\n"
    assert description_edits(listed, parse_file(listed), lambda d: []) is None
