"""The preview HTML (core/render/): card, transcripts, anchors,
safety, odd input, and the block cache."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentquill import resources_dir
from agentquill.core.render import DARK, LIGHT, render_html, render_parts
from agentquill.core.render import markdown as rm

PLANNER = """\
---
name: migration-planner
description: |
  Use this agent when a database or API migration needs a **step-by-step plan**.

  <example>
  Context: The team is moving from MySQL to PostgreSQL
  user: "Plan our move from MySQL to Postgres"
  assistant: "I'll use the migration-planner agent to draft a phased plan."
  <commentary>
  A cross-engine move needs ordering, dual writes and a rollback path.
  </commentary>
  </example>

  <example>
  Context: An API version is being retired
  user: "We need to sunset v1 of the orders API"
  assistant: "Let me use the migration-planner agent to schedule the deprecation."
  <commentary>
  Retiring an API version is a migration of its clients.
  </commentary>
  </example>

  <example>
  Context: A column rename touches many services
  user: "Rename customer_id to account_id everywhere"
  assistant: "I'll use the migration-planner agent to sequence the rename safely."
  </example>
tools: Read, Grep, Glob, Bash, mcp__tracker__create_ticket
model: sonnet
color: purple
permissionMode: plan
---

You are a migration planner. You turn risky changes into small, reversible steps.

**Your Core Responsibilities:**

1. **Inventory**
   - List every reader and writer of the data
   - Note the owners of each service

2. **Sequencing**
   - Order steps so each can be rolled back
   - Prefer expand, migrate, contract

## Example script
```python
def plan(steps: list[str]) -> dict[str, int]:
    return {step: n for n, step in enumerate(steps, 1)}
```

## Checklist
- [ ] Backups verified
"""


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line of ``text`` that starts with ``needle``."""
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith(needle):
            return n
    raise AssertionError(needle)


def anchor_before(text: str, needle: str) -> int:
    """The source line of the last block anchor before ``needle`` in the preview of ``text``."""
    head, parts, tail, lines = render_parts(text)
    html = head + "".join(parts) + tail
    html = html[: html.index(needle)]
    return lines[re.findall(r'<a name="(b-[^"]+)"></a>', html)[-1]]


# --- header card -------------------------------------------------------------------------------


def test_header_card():
    html = render_html(PLANNER)
    assert html.startswith("<html><head><style>") and html.endswith("</body></html>")
    assert '<p class="name">' in html and "migration-planner</p>" in html
    assert LIGHT.colors["purple"] in html
    assert 'model&nbsp;<span class="value">sonnet</span>' in html
    for tool in ("Read", "Grep", "Glob", "Bash", "mcp__tracker__create_ticket"):
        assert f'<span style="background-color: {LIGHT.chip};">&nbsp;{tool}&nbsp;</span>' in html
    assert 'permissionMode&nbsp;<span class="value">plan</span>' in html
    assert "not valid YAML" not in html


def test_header_without_optional_fields():
    html = render_html("---\nname: bare\ndescription: Does things.\n---\nBody.\n")
    assert "bare</p>" in html
    assert "all (inherited)" in html  # no tools key: Claude Code gives every tool
    assert LIGHT.muted in html  # no colour: a neutral swatch
    html = render_html("---\ndescription: x\ntools: []\n---\n")
    assert "(no name)" in html and "none listed" in html
    skill = "---\nallowed-tools: Read, Grep\n---\nSteps.\n"
    html = render_html(skill, kind="skill")
    assert "tools <span" not in html  # a skill's allowed-tools adds to every tool
    assert 'allowed-tools&nbsp;<span class="value">Read, Grep</span>' in html
    assert "(named after its folder)" in html and "(no name)" in render_html(skill)


def test_the_header_shows_the_name_claude_code_gives_by_path():
    command = "---\ndescription: Ship it\n---\nDeploy.\n"
    assert "/sub:nest</p>" in render_html(command, kind="command", called="sub:nest")
    skill = "---\nname: other\ndescription: x\n---\n"
    html = render_html(skill, kind="skill", called="deploy")
    assert "deploy <span" in html and "(its name “other” is not used)" in html
    style = "---\ndescription: Short answers\n---\n"
    assert "terse</p>" in render_html(style, kind="output-style", called="terse")
    named = "---\nname: Terse\ndescription: x\n---\n"
    assert "Terse</p>" in render_html(named, kind="output-style", called="terse")


def test_the_card_names_the_first_other_fields_and_counts_the_rest():
    keys = "".join(f"k{i}: v\n" for i in range(5_000))
    html = render_html(f"---\nname: many\n{keys}---\nBody.\n")
    assert 'k59&nbsp;<span class="value">v</span>' in html and "k60&nbsp;" not in html
    assert '<span class="muted">4,940 more</span>' in html


def test_header_values_are_escaped():
    text = '---\nname: "<script>alert(1)</script>"\ncolor: "red\\" onload=\\"x"\n'
    text += "tools: <b>Read</b>, Grep\nmodel: <i>opus</i>\nextra: <img src=http://e/x>\n---\n"
    html = render_html(text)
    assert "<script" not in html and "<img" not in html and "<i>opus" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Read&lt;/b&gt;" in html.replace("\u2060", "")
    assert 'onload="' not in html


def test_hex_colour_and_opencode_tools():
    text = "---\nname: oc\ncolor: '#12ab34'\ntools:\n  read: true\n  bash: false\n---\n"
    html = render_html(text)
    assert 'bgcolor="#12ab34"' in html
    assert "&nbsp;read&nbsp;" in html and "&nbsp;bash:\u2060&nbsp;off&nbsp;" in html


def test_chips_break_only_between_chips():
    """A line may break between two chips, never inside one ("MultiE / dit")."""
    html = render_html("---\nname: t\ntools: MultiEdit, Bash(git log:*), mcp__a-b__c\n---\n")
    chips = re.findall(r"<span style=\"background-color: [^\"]+;\">(.*?)</span>", html)
    assert [c.replace("\u2060", "").replace("&nbsp;", " ") for c in chips] == [
        " MultiEdit ", " Bash(git log:*) ", " mcp__a-b__c ",
    ]  # fmt: skip
    assert all(not re.search(r"[^\w\s;&\u2060]\w", c) for c in chips)  # a joiner after "-", "(" …
    assert "</span>&nbsp; <span" in html  # the space a line breaks at


def test_a_list_of_maps_is_a_small_table_not_a_python_repr():
    text = (
        "---\nname: scout\nservices:\n  - name: Gemini API\n    url: https://g.example\n"
        "  - name: Status\n    notes: checked\nlimits: {daily: 5, nested: {a: [1, 2]}}\n---\n"
    )
    html = render_html(text)
    assert "{'" not in html and "'}" not in html
    assert '<p class="records">services</p>' in html
    assert "<tr><th>name</th><th>url</th><th>notes</th></tr>" in html
    assert "<tr><td>Gemini API</td><td>https://g.example</td><td></td></tr>" in html
    assert "<tr><td>Status</td><td></td><td>checked</td></tr>" in html
    assert 'limits&nbsp;<span class="value">{daily: 5, nested: {a: [1, 2]}}</span>' in html


def test_a_long_list_of_maps_shows_its_first_rows_and_counts_the_rest():
    rows = "".join(f"  - id: r{i}\n" for i in range(20))
    html = render_html(f"---\nname: many\nitems:\n{rows}---\n")
    assert "<td>r7</td>" in html and "<td>r8</td>" not in html
    assert '<span class="muted">12 more</span>' in html


# --- description and examples ------------------------------------------------------------------


def test_examples_are_transcripts_with_anchors():
    html = render_html(PLANNER)
    anchors = [html.index(f'<a name="example-{i}"></a>') for i in range(3)]
    assert anchors == sorted(anchors)
    assert html.index('<a name="description"></a>') < anchors[0]
    assert "<strong>step-by-step plan</strong>" in html[: anchors[0]]
    first = html[anchors[0] : anchors[1]]
    assert '<p class="context">The team is moving from MySQL to PostgreSQL</p>' in first
    user = first.index(f'<td bgcolor="{LIGHT.user}"><span class="role">User</span>')
    assistant = first.index(f'<td bgcolor="{LIGHT.assistant}"><span class="role">Assistant')
    assert user < first.index("Plan our move") < assistant
    # the user bubble sits right (spacer first), the assistant's left (spacer last)
    assert first[:user].endswith('<td width="18%"></td>')
    assert first[assistant:].split("</td>", 1)[1].startswith('<td width="18%"></td>')
    assert "A cross-engine move needs ordering" in first and 'class="note"' in first
    third = html[anchors[2] : html.index('<a name="body"></a>')]
    assert "sequence the rename safely" in third and 'class="note"' not in third


def test_each_later_example_starts_after_a_line_of_text():
    """Not after the previous one's last bubble (a table): the preview can then re-parse one
    example alone. The line takes no room: ``line-height: 0%``."""
    _, parts, _, _ = render_parts(PLANNER)
    captions = [i for i, part in enumerate(parts) if '<a name="example-' in part]
    assert len(captions) == 3
    for i in captions[1:]:
        assert parts[i - 1].startswith('<p style="line-height: 0%;') and "&nbsp;" in parts[i - 1]


def test_literal_newlines_in_description():
    text = (
        "---\nname: api-tester\ndescription: Use this agent for contract tests.\\n\\nSecond "
        'line.\\n\\n<example>\\nContext: New endpoint\\nuser: "Test /orders"\\nassistant: '
        '"I will."\\n</example>\n---\n'
    )
    html = render_html(text)
    assert "\\n" not in html
    assert "Use this agent for contract tests.</p>" in html and "<p>Second line.</p>" in html
    assert '<a name="example-0"></a>' in html and "Test /orders" in html


def test_description_line_breaks_are_kept():
    html = render_html("---\nname: a\ndescription: |\n  One\n  Two\n---\n")
    assert "One<br />" in html


# --- body and line anchors ---------------------------------------------------------------------


def test_line_anchors_point_at_source_lines():
    def check(needle, line_start):
        assert anchor_before(PLANNER, needle) == line_of(PLANNER, line_start)

    check("Example script</h2>", "## Example script")
    check("Checklist</h2>", "## Checklist")
    check("Your Core Responsibilities:", "**Your Core")
    check("Inventory", "1. **Inventory")
    check('<span class="hl-k">def', "```python")
    check("You are a migration", "You are a migration")
    # the loose list (blank line between items) is one block: no anchor inside it
    check("Sequencing", "1. **Inventory")


def test_block_anchors_do_not_change_when_lines_shift():
    _, before, _, _ = render_parts(PLANNER)
    shifted = PLANNER.replace("You are a migration", "Intro line.\n\nYou are a migration", 1)
    _, after, _, lines = render_parts(shifted)
    assert set(before) - set(after) == set()  # every old part is still there, unchanged
    assert len(after) == len(before) + 1
    assert sorted(lines.values()) == sorted(set(lines.values()))


def test_body_markdown():
    html = render_html(PLANNER)
    assert "<ol>" in html and "<li>List every reader and writer of the data</li>" in html
    assert '<table class="code"' in html and '<span class="hl-k">def</span>' in html
    assert ".hl-k {" in html  # token colours come with the document
    assert render_html(PLANNER, dark=True) != html


def test_nested_lists_at_github_indentation():
    html = rm.render_body("1. **A**\n   - x\n   - y\n2. **B**\n   - z\n")
    assert re.sub(r"<a name[^>]*></a>", "", html).replace("\n", "") == (
        "<ol><li><strong>A</strong><ul><li>x</li><li>y</li></ul></li>"
        "<li><strong>B</strong><ul><li>z</li></ul></li></ol>"
    )


def test_fence_inside_a_list_item():
    html = rm.render_body("1. Install:\n   ```bash\n   npm install\n   ```\n2. Run it\n")
    assert html.count("<ol>") == 1 and "npm" in html and "```" not in html
    assert html.index('<table class="code"') < html.index("Run it")


@pytest.mark.parametrize(
    ("body", "starts"),
    [
        ("# Title\nText right after\n\nMore", [1, 2, 4]),
        ("Intro:\n1. one\n2. two", [1, 2]),  # a list interrupts a paragraph
        ("1. a\n   - b\n\n2. c\n\n   more c\n\nAfter", [1, 8]),  # a loose list is one block
        ("- a\n  ```\n  # not a heading\n  ```\n- b", [1]),  # a fence in an item
        ("```\n# not a heading\n\nstill code\n```\nafter", [1, 6]),
        ("Title\n=====\nText", [1, 3]),  # setext heading
        ("> quote\n\n> more quote\n\nText", [1, 5]),  # blank-separated quotes merge
        ("Para\n\n    code\n\n    more code\nText", [1, 3, 6]),
        ("Text\n***\nText", [1, 2, 3]),
        ("\n\n  \nText", [4]),
        ("", []),
    ],
)
def test_split_blocks(body, starts):
    assert [b.line for b in rm.split_blocks(body)] == starts
    assert [b.line for b in rm.split_blocks(body, 10)] == [n + 9 for n in starts]


def test_split_blocks_keeps_text():
    body = "# A\r\nText\r\n\r\n- x\r\n- y\r\n"
    blocks = rm.split_blocks(body)
    assert [b.text for b in blocks] == ["# A", "Text", "- x\r\n- y"]


MD_LINES = st.sampled_from(
    ["", "text", "# Head", "Title", "===", "---", "- item", "  - sub", "  more", "1. one",
     "2) two", "    code", "```", "```py", "~~~", "  ```", "> quote", "***", "<div>", "\tx",
     "**Bold:**", "text\r"]
)  # fmt: skip
MD_BODY = st.lists(MD_LINES, max_size=30).map("\n".join)


@settings(max_examples=300)
@given(MD_BODY, st.data())
def test_split_after_an_edit_equals_a_fresh_split(before, data):
    """The split of an edit re-scans only around it; it must equal a split from scratch.
    Edits replace a stretch of text, or swap two (a moved block)."""
    a = data.draw(st.integers(0, len(before)))
    b = data.draw(st.integers(a, len(before)))
    if data.draw(st.booleans()):
        c = data.draw(st.integers(b, len(before)))
        after = before[:a] + before[b:c] + before[a:b] + before[c:]
    else:
        after = before[:a] + data.draw(MD_BODY) + before[b:]
    rm.split_blocks(before)
    edited = rm.split_blocks(after, 3)
    kept = rm._last_split
    rm._last_split = ("", [])
    assert edited == rm.split_blocks(after, 3)
    assert kept == rm._last_split


def test_unchanged_pieces_find_a_moved_block():
    old = "# A\n\none\n\n# B\n\ntwo\n\n# C\n"
    moved = "# B\n\ntwo\n\n# A\n\none\n\n# C\n"  # the tail gives back its blank line
    assert rm._unchanged(old, moved) == [(0, 0, 0), (0, 10, 10), (10, 20, 0), (20, 24, 20)]
    edited = "# A\n\none\n\n# Bee\n\ntwo\n\n# C\n"  # whole lines around the change
    assert rm._unchanged(old, edited) == [(0, 10, 0), (16, 26, 14)]
    almost = "# B\n\ntwo\n\n# A\n\nOne\n\n# C\n"  # moved, then changed: no swap
    assert rm._unchanged(old, almost) == [(0, 0, 0), (19, 24, 19)]


def test_normalize_lists():
    lines = ["1) a", "   - b", "     c", "   lazy", "2. d", "", "   e", "", "text"]
    assert rm.normalize_lists(lines) == [
        "1. a", "    - b", "        c", "        lazy", "2. d", "", "    e", "", "text"
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Plain text > with a quote sign\nand a second line.",
        "## A heading",
        "### Heading with trailing spaces   ",
        "Über naïve façade — ünïcødé",
    ],
)
def test_plain_blocks_match_python_markdown(text):
    assert rm.plain_html(text) is not None
    assert rm.plain_html(text) == rm._convert(text)


@given(st.text(alphabet="ab #>*_`[]!&<|-=1.\n\t\\~", max_size=40))
@settings(max_examples=150)
def test_plain_fast_path_is_exact(text):
    text = text.strip("\n").rstrip()
    fast = rm.plain_html(text) if text and not text[0].isspace() else None
    if fast is not None:
        assert fast == rm._convert(text)


# --- safety ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "javascript&#58;alert(1)",  # Qt decodes the entity after our check
        "javascript&#x3A;alert(1)",
        "javascript&amp;#58;alert(1)",  # decodes twice
        "java&#115;cript:alert(1)",
        " javascript:alert(1)",
        "jav\tascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
    ],
)
def test_links_are_checked_as_the_page_reads_them(link):
    html = render_html(f"---\nname: x\n---\n[click]({link})\n")
    assert "<a>click</a>" in html


def test_safe_links_keep_their_target():
    html = render_html("---\nname: x\n---\n[q](https://a.example/?q=1&r=2) [f](#top) [d](a&b)\n")
    assert '<a href="https://a.example/?q=1&amp;r=2">q</a>' in html
    assert '<a href="#top">f</a>' in html and '<a href="a&amp;b">d</a>' in html


def test_remote_resources_and_script_are_neutralised():
    body = (
        "<script>alert(1)</script>\n\n"
        '<div onclick="x()"><img src="http://evil.example/a.png"></div>\n\n'
        "Inline <img src=https://e.example/i.png> and <iframe src=//e.example></iframe>.\n\n"
        "![diagram](https://example.com/d.png) and ![local](pic.png)\n\n"
        "[click](javascript:alert(1)) [web](https://example.com) [rel](docs/a.md)\n\n"
        "<kbd>Ctrl</kbd>+<KBD>S</KBD>, H<sub>2</sub>O<br>next <b onclick=x>no</b>\n"
    )
    html = render_html("---\nname: x\n---\n" + body)
    low = html.lower()
    assert "<script" not in low and "<img" not in low and "<iframe" not in low
    assert "<div" not in low and "javascript:" not in re.sub(r">[^<]*<", "><", low)
    assert re.search(r"\ssrc=", re.sub(r">[^<]*<", "><", low)) is None
    assert '<a href="https://example.com/d.png">[image: diagram]</a>' in html
    assert '<a href="pic.png">[image: local]</a>' in html
    assert '<a href="https://example.com">web</a>' in html
    assert "<a>click</a>" in html
    assert "<kbd>Ctrl</kbd>+<kbd>S</kbd>" in html and "<sub>2</sub>" in html
    assert re.search(r"<br />\s*next", html) and "&lt;b onclick=x&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- odd input ---------------------------------------------------------------------------------


def test_invalid_yaml_renders_with_a_warning():
    text = "---\nname: schema-checker\ndescription: Use when: a schema changed\ntools: [Read\n---\n"
    text += "You check schemas.\n"
    html = render_html(text)
    assert 'class="warn"' in html and "not valid YAML" in html
    assert "schema-checker" in html and "You check schemas." in html


def test_no_frontmatter_and_unterminated():
    text = "# Just markdown\n\nText\n"
    assert "No frontmatter" in render_html(text)
    assert anchor_before(text, "Just markdown") == 1 and anchor_before(text, "Text</p>") == 3
    html = render_html("---\nname: x\n\nno closing line\n")
    assert "no closing" in html and 'class="warn"' in html


@pytest.mark.parametrize(
    "text",
    ["", "---", "---\n---\n", "---\n- a\n- b\n---\nx", "```", "- ```\n  x", "\x00\ufeff", ">\n>"],
)
def test_degenerate_documents(text):
    assert render_html(text).endswith("</body></html>")
    assert render_html(text, dark=True).endswith("</body></html>")


@given(st.text(alphabet="-:#>*_`[]()!<>/&|=~1. \n\t\\abcx\"'", max_size=300))
@settings(max_examples=100)
def test_any_text_renders(text):
    assert render_html(text).endswith("</body></html>")
    assert render_html("---\nname: x\n---\n" + text).endswith("</body></html>")


def test_no_anchor_at_a_rule():
    parts, lines = rm.render_body_parts("a\n\n---\n\nb")
    assert sorted(lines.values()) == [1, 5] and "<hr />" in "".join(parts)


def test_dark_theme_colours():
    html = render_html(PLANNER, dark=True)
    assert f"background-color: {DARK.bg}" in html and f"color: {DARK.fg}" in html
    assert DARK.colors["purple"] in html and LIGHT.colors["purple"] not in html


def test_every_corpus_file_renders(corpus):
    start = time.perf_counter()
    for path in corpus:
        html = render_html(path.read_text("utf-8", errors="replace"))
        assert html.endswith("</body></html>"), path
        assert "<script" not in html.lower(), path
    print(f"rendered {len(corpus)} corpus files in {time.perf_counter() - start:.1f} s")


# --- cache and laziness ------------------------------------------------------------------------

SNIPPETS = ["\n", "\n\n", "# ", "- ", "1. ", "   ", "```", "**", "`", "> ", "x", "|", "---"]


@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 6), st.sampled_from(SNIPPETS)),
                min_size=1, max_size=4), st.booleans())  # fmt: skip
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
def test_cache_gives_the_cold_render(edits, dark):
    text = PLANNER
    render_html(text, dark=dark)  # the cache now holds the original's blocks
    for pos, cut, insert in edits:
        pos = pos % (len(text) + 1)
        text = text[:pos] + insert + text[pos + cut :]
        warm = render_html(text, dark=dark)
    rm.clear_cache()
    rm.render_prose.cache_clear()
    assert render_html(text, dark=dark) == warm


def test_markdown_and_pygments_are_imported_lazily():
    code = (
        "import sys, agentquill.core.render\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('markdown', 'pygments', 'PySide6')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_resources_dir_holds_the_stylesheet():
    assert (resources_dir() / "preview" / "preview.css").is_file()


def test_description_and_example_anchors_point_at_their_lines():
    text = (
        "---\nname: a\ndescription: |\n  Use it.\n  <example>\n  user: hi\n  </example>\n"
        "  <example>\n  user: yo\n  </example>\n---\n\nBody text.\n"
    )
    lines = render_parts(text)[3]
    assert (lines["description"], lines["example-0"], lines["example-1"]) == (3, 5, 8)
    assert lines["body"] == 12


def test_repeated_blocks_keep_their_anchors_when_a_block_moves():
    before = "A\n\nSame.\n\nB\n\nSame.\n\nC\n"
    after = "C\n\nA\n\nSame.\n\nB\n\nSame.\n"
    assert set(rm.render_body_parts(after)[1]) == set(rm.render_body_parts(before)[1])


@pytest.mark.parametrize(
    "line",
    [
        "- " * 100_000 + "x",  # a list in a list … on one line: 3.7 s (issue 14's fuzz run)
        "<b>" * 60_000,  # each unclosed <b> was scanned to the end of the line
        "\\" * 200_000,  # an inline match copies the text: 5 s
        "[a](b) " * 1_500,  # each link read the text again: 4.6 s for 10 KB
        "  " + "> " * 100_000,  # a quote in a quote …, each read whole again: 6.5 s
    ],
    ids=["list markers", "unclosed tags", "escapes", "links", "quote markers"],
)
def test_the_preview_of_a_hostile_line_takes_bounded_time(line):
    rm.clear_cache()
    rm.render_prose.cache_clear()
    text = f"---\nname: a\ndescription: |\n  {line[:50_000]}\n---\n{line}\n"
    start = time.process_time()
    html = render_html(text)
    assert time.process_time() - start < 1.5
    assert "<a" in html


def test_list_markers_past_eight_on_one_line_read_as_text():
    html = rm.render_body("- " * 10 + "y\n\n" + "1. " * 10 + "z")
    assert html.count("<ul>") == 8 and "></a>- - y</li>" in html
    assert html.count("<ol>") == 8 and "<li>1. 1. z</li>" in html
    assert rm.render_body("- - - x").count("<ul>") == 3  # CommonMark's nesting below that


def test_quote_markers_past_eight_in_a_row_read_as_text():
    html = rm.render_body("> " * 10 + "y")
    assert html.count("<blockquote>") == 8 and "&gt; &gt; y</p>" in html
    html = rm.render_body("- > " * 5 + "z")  # lists and quotes count together
    assert html.count("<blockquote>") + html.count("<ul>") == 8 and "- &gt; z</p>" in html
    assert rm.render_body("> > > x").count("<blockquote>") == 3


def test_a_block_past_the_inline_budget_shows_as_plain_text():
    html = rm.render_body("[a](b) " * 1_500)
    assert "<a href" not in html and "[a](b)" in html
    links = "".join(f"- [Page {i}](https://example.com/{i})\n" for i in range(3_000))
    assert rm.render_body(links).count("<a href") == 3_000  # each item is read alone
