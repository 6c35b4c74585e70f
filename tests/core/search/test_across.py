"""Find and replace across files: what is searched, what is written, and what is left alone."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentquill.core.search import (
    Query,
    Skipped,
    Written,
    replace_in_file,
    restore,
    search_files,
)
from agentquill.core.text import BOM

AGENT = "---\nname: api-reviewer\ndescription: Reviews the api.\n---\n\nUse the api-reviewer.\n"


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_search_reads_files_and_prefers_open_texts(tmp_path: Path) -> None:
    one = write(tmp_path, "one.md", AGENT.encode())
    two = write(tmp_path, "two.md", AGENT.encode())
    bad = write(tmp_path, "bad.md", b"---\nname: \xff\n---\n")
    found = search_files([one, two, bad], Query("api-reviewer").compile(), {two: "edited"})
    assert [(f.key, [m.line for m in f.matches]) for f in found.files] == [(one, [2, 6])]
    assert found.skipped == [Skipped(bad, "Not valid UTF-8 at line 2, column 7")]
    assert (found.searched, found.count) == (3, 2)


def test_replace_keeps_crlf_and_bom_and_can_be_put_back(tmp_path: Path) -> None:
    data = BOM + AGENT.replace("\n", "\r\n").encode()
    path = write(tmp_path, "a.md", data)
    query = Query("api-reviewer")
    (hits,) = search_files([path], query.compile()).files
    written = replace_in_file(path, query, "code-reviewer", hits.matches)
    assert isinstance(written, Written)
    assert path.read_bytes() == data.replace(b"api-reviewer", b"code-reviewer")
    assert restore(written) is None
    assert path.read_bytes() == data


def test_a_file_changed_since_the_search_is_left_alone(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", AGENT.encode())
    query = Query("api-reviewer")
    (hits,) = search_files([path], query.compile()).files
    path.write_text("---\nname: x\n---\napi-reviewer moved\n")
    skipped = replace_in_file(path, query, "y", hits.matches)
    assert skipped == Skipped(path, "The file changed since the search: search again")
    assert path.read_text() == "---\nname: x\n---\napi-reviewer moved\n"


def test_a_replace_that_breaks_the_frontmatter_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", AGENT.encode())
    query = Query("api-reviewer")
    (hits,) = search_files([path], query.compile()).files
    result = replace_in_file(path, query, "a: b: c", hits.matches)
    assert isinstance(result, Skipped) and "frontmatter" in result.reason
    assert path.read_bytes() == AGENT.encode()


def test_restore_leaves_a_file_changed_after_the_replace(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", AGENT.encode())
    query = Query("api")
    (hits,) = search_files([path], query.compile()).files
    written = replace_in_file(path, query, "web", hits.matches)
    path.write_text("mine now")
    assert isinstance(restore(written), Skipped)
    assert path.read_text() == "mine now"


breaks = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["api", "x", " ", "api-x"]), max_size=12), breaks, st.booleans())
def test_replace_changes_the_matches_only(
    tmp_path: Path, words: list[str], newline: str, bom: bool
) -> None:
    text = f"---{newline}name: n{newline}---{newline}{' '.join(words)}{newline}"
    data = (BOM if bom else b"") + text.encode()
    path = write(tmp_path, "p.md", data)
    query = Query("api")
    found = search_files([path], query.compile())
    if not found.files:
        return
    result = replace_in_file(path, query, "web", found.files[0].matches)
    assert isinstance(result, Written)
    assert path.read_bytes() == data.replace(b"api", b"web")


def test_a_replacement_holding_another_line_break_is_refused(tmp_path: Path) -> None:
    data = b"---\r\nname: n\r\n---\r\none two\r\n"
    path = write(tmp_path, "crlf.md", data)
    query = Query("one two")
    (hits,) = search_files([path], query.compile()).files
    result = replace_in_file(path, query, "one\rtwo", hits.matches)  # would read back as a new line
    assert isinstance(result, Skipped) and "line break" in result.reason
    assert path.read_bytes() == data
