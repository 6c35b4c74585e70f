"""Find and replace in one text: the query's pattern, its matches, and the edits replacing them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentquill.core.search import PatternError, Query, find_all, replace_edits
from agentquill.core.text import apply_edits

TEXT = "name: api-reviewer\nWorld and world, worldly.\n  Use the world agent\n"


def spans(text: str, query: Query) -> list[str]:
    return [text[m.start : m.end] for m in find_all(text, query.compile())]


def test_toggles_narrow_the_matches() -> None:
    assert spans(TEXT, Query("world")) == ["World", "world", "world", "world"]
    assert spans(TEXT, Query("world", case=True)) == ["world", "world", "world"]
    assert spans(TEXT, Query("world", word=True)) == ["World", "world", "world"]
    assert spans(TEXT, Query(r"w\w+ld", regex=True, case=True)) == ["world", "world", "world"]
    assert spans(TEXT, Query("a.i")) == []  # a plain query is literal


def test_a_match_knows_its_line_column_and_context() -> None:
    third = find_all(TEXT, Query("world", case=True).compile())[2]
    assert (third.line, third.column) == (3, 11)
    assert third.context == "Use the world agent"  # indentation trimmed
    assert third.context[slice(*third.span)] == "world"


def test_context_of_a_long_line_is_clipped_around_the_match() -> None:
    text = "x" * 5000 + " needle " + "y" * 5000
    (found,) = find_all(text, Query("needle").compile())
    assert len(found.context) < 200
    assert found.context.startswith("…") and found.context.endswith("…")
    assert found.context[slice(*found.span)] == "needle"


def test_a_bad_regex_says_what_is_wrong_where() -> None:
    with pytest.raises(PatternError, match=r"^Bad pattern: missing \), unterminated subpattern"):
        Query("(ab", regex=True).compile()
    with pytest.raises(PatternError, match="at position 3"):
        Query("abc)", regex=True, word=True).compile()  # counted in what the user typed


def test_a_bad_replacement_is_refused_before_anything_changes() -> None:
    query = Query("(a)", regex=True)
    with pytest.raises(PatternError, match="invalid group reference 2"):
        query.check_replacement(query.compile(), r"\2")
    query.check_replacement(query.compile(), r"<\1>")


def test_empty_matches_are_skipped() -> None:
    assert find_all("a\nb\n", Query("^", regex=True).compile()) == []
    assert spans("baaa b", Query("a*", regex=True)) == ["aaa"]


def test_regex_replacement_fills_in_groups_with_minimal_edits() -> None:
    text = "model: sonnet\nmodel: opus\n"
    edits = replace_edits(text, Query(r"model: (\w+)", regex=True), r"model: \1-4")
    assert apply_edits(text, edits) == "model: sonnet-4\nmodel: opus-4\n"
    assert [e.text for e in edits] == ["-4", "-4"]  # only what changes
    assert replace_edits(text, Query("opus"), "opus") == []  # nothing to change


words = st.text(alphabet="abcAB \n-", max_size=60)
needles = st.text(alphabet="abAB", min_size=1, max_size=3)


replacements = st.text(alphabet="xyz \n", min_size=1, max_size=4)


@given(words, needles, replacements, st.booleans(), st.booleans())
def test_replace_all_leaves_no_match_and_touches_only_matches(
    text: str, needle: str, new: str, case: bool, word: bool
) -> None:
    query = Query(needle, case=case, word=word)
    matches = find_all(text, query.compile())
    edits = replace_edits(text, query, new, matches)
    result = apply_edits(text, edits)
    if not word:  # the replacement holds no needle letter; only word edges can move
        assert find_all(result, query.compile()) == []
    for edit in edits:
        assert any(m.start <= edit.start <= edit.end <= m.end for m in matches)
    pieces, cursor = [], 0
    for m in matches:
        pieces.append(text[cursor : m.start])
        pieces.append(new)
        cursor = m.end
    assert result == "".join(pieces) + text[cursor:]


@given(st.text(max_size=40), st.text(min_size=1, max_size=5), st.booleans(), st.booleans())
def test_matches_are_what_python_finds(text: str, needle: str, case: bool, regex: bool) -> None:
    query = Query(needle, case=case, regex=regex)
    try:
        pattern = query.compile()
    except PatternError:
        return
    expected = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    found = find_all(text, pattern)
    assert [(m.start, m.end) for m in found] == expected
    for m in found:
        assert text.count("\n", 0, m.start) + 1 == m.line
        assert m.context[slice(*m.span)] in text[m.start : m.end]
