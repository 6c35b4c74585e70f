import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentquill.core.text import (
    BOM,
    DecodeError,
    Edit,
    EditError,
    FileText,
    Newline,
    apply_edits,
    decode,
    detect_newline,
    line_col,
)


def test_bom_is_kept_as_a_flag():
    doc = decode(BOM + b"---\nname: x\n---\n")
    assert doc.bom and doc.text.startswith("---")
    assert doc.encode() == BOM + b"---\nname: x\n---\n"


def test_invalid_utf8_reports_offset_line_and_column():
    with pytest.raises(DecodeError) as info:
        decode(b"---\nname: caf\xe9\n---\n")
    assert (info.value.offset, info.value.line, info.value.column) == (13, 2, 10)
    assert "line 2, column 10" in str(info.value)


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("a\nb\n", Newline.LF),
        ("a\r\nb\r\n", Newline.CRLF),
        ("a\r\nb\n", Newline.MIXED),
        ("a", Newline.NONE),
    ],
)
def test_newline_detection(text, style):
    assert detect_newline(text) is style


def test_edits_apply_in_any_order_and_reject_overlap():
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, "A")]) == "AbcdEf"
    with pytest.raises(EditError):
        apply_edits("abcdef", [Edit(0, 3, ""), Edit(2, 4, "")])
    with pytest.raises(EditError):
        apply_edits("abc", [Edit(2, 9, "")])


def test_line_col_is_one_based():
    assert line_col("ab\ncd", 4) == (2, 2)


@given(st.binary(max_size=300))
def test_decode_never_crashes_and_round_trips(data):
    try:
        doc = decode(data)
    except DecodeError as exc:
        assert 0 <= exc.offset < len(data)
        return
    assert doc.encode() == data


@given(st.text(max_size=60), st.data())
def test_disjoint_edits_equal_sequential_application(text, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6, unique=True)))
    pairs = list(zip(cuts[::2], cuts[1::2], strict=False))
    edits = [Edit(a, b, data.draw(st.text(max_size=5))) for a, b in pairs]
    expected = text
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        expected = expected[: e.start] + e.text + expected[e.end :]
    assert apply_edits(text, edits) == expected
    assert FileText(text).encode() == text.encode()
