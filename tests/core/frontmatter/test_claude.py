"""Claude Code's frontmatter reading, pinned by cases checked against the real Claude Code.

Each case below was run through `claude plugin validate` (Claude Code 2.1.332, via
../shared/tools/claude-oracle); the expected verdict is what it said.
"""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentquill.core import frontmatter
from agentquill.core.frontmatter import claude as recovery
from agentquill.core.frontmatter import nodes
from agentquill.core.frontmatter.claude import claude_verdict, fold_plain, quote_problematic

PARSES = {
    "colon in a single-line value": "description: Use when: you need it\n",
    "literal backslash-n": "description: Use it\\n\\n<example>\\nuser: hi\\n</example>\n",
    "value starting with *": "description: *important* agent\n",
    "value starting with @": "description: @foo agent\n",
    "value starting with a backtick": "description: `foo` agent\n",
    "value starting with %": "description: %foo agent\n",
    "unknown tag": "description: !foo bar\n",
    "anchor": "description: &anchor foo\n",
    "colon and comment": "description: a: b # c\n",
    "open single quote with colon": "description: 'foo: bar\n",
    "quoted part then colon": 'description: "a: b" and: c\n',
    "uppercase key with colon": "Description: a: b\ndescription: d\n",
    "duplicate keys": "description: d\nmodel: opus\nmodel: sonnet\n",
    "tab indentation": "description: d\ntools:\n\t- a\n",
    "indented plain continuation": "description: Use this\n  agent when\n\n  foo\nmodel: opus\n",
    "dashes end the block early, hiding a broken line": "description: foo---\nbad: [x\n",
    "dashes mid-line end the block early": "description: foo --- bar\nbad: [x\n",
    "comment inside a flow list": "description: d\ntools: [a,\n  # x\n  b]\n",
}
FAILS = {
    "unindented continuation": "description: Use this agent when foo\nmore text here\nmodel: x\n",
    "indented continuation with colon": "description: Use this when foo\n  more: text\nmodel: x\n",
    "quoted then trailing text": 'description: "quoted" trailing\n',
    "digits in the key of a recovered line": "key1: a: b\ndescription: d\n",
    "space in the key of a recovered line": "description: d\nmy key: a: b\n",
    "nested colon (recovery is top-level only)": "description: d\nhooks:\n  x: a: b\n",
    "colon at the end of a value": "description: Examples:\n",
    "list item with colons": "description: d\ntools:\n  - a: b: c\n",
    "question mark start": "description: ? foo\n",
    "recovery quotes a block header": "description: foo: bar\ntools: |\n  Read\n",
    "dashes in a comment inside a flow list": (
        "description: d\nargs: [\n  'x',\n  # ---\n  'y'\n]\n"
    ),
    "dashes inside a quoted string": 'description: "foo ---\n  bar"\n',
}


def doc(frontmatter: str, newline: str = "\n") -> str:
    return ("---\nname: probe\n" + frontmatter + "---\n\nBody text.\n").replace("\n", newline)


@pytest.mark.parametrize("case", PARSES)
def test_claude_parses(case):
    assert claude_verdict(doc(PARSES[case])).parses


@pytest.mark.parametrize("case", FAILS)
def test_claude_fails(case):
    verdict = claude_verdict(doc(FAILS[case]))
    assert not verdict.parses and verdict.line >= 2


def test_crlf_disables_claude_code_recovery():
    assert claude_verdict(doc("description: plain\n", "\r\n")).parses
    assert not claude_verdict(doc("description: Use when: you need it\n", "\r\n")).parses
    assert not claude_verdict(doc("description: *star* thing\n", "\r\n")).parses


def test_no_frontmatter_and_scalar_frontmatter_parse():
    assert claude_verdict("Just text\n").parses
    assert claude_verdict("---\njust a string\n---\nBody.\n").parses


def test_cut_is_reported():
    text = doc("description: foo --- bar\n")
    assert claude_verdict(text).cut_at == text.index("--- bar")


def test_quote_problematic_matches_claude_code():
    out, lines = quote_problematic('description: say "hi": \\n now\nmodel: opus\n  x: a: b')
    assert out.split("\n")[0] == 'description: "say \\"hi\\": \\\\n now"'
    assert out.split("\n")[1:] == ["model: opus", "  x: a: b"]
    assert [ln.quoted is not None for ln in lines] == [True, False, False]


def test_fold_plain():
    assert fold_plain("a\n  b\n\n c\n") == "a b\nc"


def _recovered(text: str) -> list[tuple] | None:
    block = frontmatter.locate(text)
    if block is None:
        return None
    fields = recovery.recover(text, block[0], block[1])
    if fields is None:
        return None
    return [
        (f.key, f.value, f.key_span, f.value_span, f.style, f.indent, f.header, f.valid)
        for f in fields
    ]


def test_fast_reader_path_of_recovery_equals_pyyaml(corpus, monkeypatch):
    """Recovered fields read by the fast reader are those PyYAML gives for the quoted text."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in corpus]
    texts += [f"---\n{source}---\nbody\n" for source in PARSES.values()]
    fast = [_recovered(t) for t in texts]
    monkeypatch.setattr(recovery, "_simple_fields", lambda source, pos: None)
    slow = [_recovered(t) for t in texts]
    assert sum(f is not None for f in fast) > 20
    assert fast == slow


_CLAUDE_LINE = re.compile(r"([a-zA-Z_-]+):\s+([^\r\n\u2028\u2029]+)")  # as Claude Code has it


@given(st.text(alphabet="ab-:_ \t\r\u2028\x0b\x85\"'#x", max_size=12))
def test_simple_line_is_claude_codes_pattern(line):
    """The two-step reading matches where the pattern does, with the same value (the pattern
    itself backtracks quadratically: 0.28 s on a key and 8,000 spaces before a CR)."""
    m = _CLAUDE_LINE.fullmatch(line)
    assert recovery._simple_line(line) == (m and (m.group(1), m.start(2)))


#: chunks the tolerant reader meets: simple, nested, block scalars with their blank lines,
#: anchors and aliases across fields, and broken ones that only the chunk itself can hold
_CHUNKS = [
    "k{}: v\n",
    "k{}: |+\n  kept\n\n",
    "k{}:\n  a: 1\n  b: [x, y]\n",
    "k{}: &a{} value\n",
    "k{}: *a{}\n",
    "k{}: [open\n",
    'k{}: "open\n',
    "k{}: say: hi\n",
    "k{}: x\n# a comment\n\n",
    "k{}: a\n  b\n",
    "k{}: @at\n",
    "k{}: {{a: 1}}\n",
    "k{}:\n- item\n",
    "k{}: ...\n...\n",
    "k{}: x\nuser: prose line\n",
    "k{}: |\n  lit\n\n",
    "k{}: |-\n  a\n  b\n",
    "k{}: x\n  # an indented comment\n",
    "k{}: a\u2028b\n",
    "k{}: \tx\n",
    "K{}: a capital key joins the field above\n",
    "k{}: 'it''s'\n",
]


def _fields_chunk_by_chunk(text: str, start: int, end: int) -> list:
    return [f for c in recovery._chunks(text, start, end) for f in recovery._read_chunk(text, *c)]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_CHUNKS), min_size=1, max_size=12))
def test_tolerant_fields_read_as_chunk_by_chunk(chunks):
    """Reading runs of chunks together gives exactly the fields each chunk gives alone."""
    text = "---\n" + "".join(c.format(i, i % 3) for i, c in enumerate(chunks)) + "---\nbody\n"
    start, end, _ = frontmatter.locate(text)
    assert recovery.tolerant_fields(text, start, end) == _fields_chunk_by_chunk(text, start, end)


def test_tolerant_reading_of_many_fields_parses_few_times(monkeypatch):
    """10,000 fields and one broken one: a handful of YAML parses, not one per field (each
    read of such a file took 0.3 s, and an edit reads the file several times)."""
    text = "---\n" + "".join(f"k{i}: v{i}\n" for i in range(10_000)) + "x: &a\n  - *a\n---\n"
    composed = []
    monkeypatch.setattr(  # every reader composes through nodes.compose
        nodes, "compose", lambda s, real=frontmatter.compose: composed.append(s) or real(s)
    )
    parsed = frontmatter.parse(text)
    assert parsed.frontmatter.tier == "tolerant"
    assert len(parsed.fields) == 10_001 and parsed.get("k9999").value == "v9999"
    assert len(composed) < 20
