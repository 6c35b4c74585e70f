"""Text basics: strict decoding, newline style, and minimal edits.

Offsets everywhere in the core are indexes into the decoded ``str`` (code points), with the
BOM removed; ``FileText.encode`` puts the BOM back, so bytes round-trip exactly.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

BOM = codecs.BOM_UTF8


class Newline(str, Enum):
    """The newline style of a text, as found (never converted)."""

    NONE = ""
    LF = "\n"
    CRLF = "\r\n"
    MIXED = "mixed"

    @property
    def preferred(self) -> str:
        """The sequence to use for new lines: CRLF only for a CRLF file."""
        return "\r\n" if self is Newline.CRLF else "\n"


class DecodeError(ValueError):
    """Bytes that are not valid UTF-8: where the first bad byte is (offset, line, column)."""

    def __init__(self, offset: int, line: int, column: int, reason: str):
        self.offset, self.line, self.column, self.reason = offset, line, column, reason
        super().__init__(
            f"not valid UTF-8 at line {line}, column {column} (byte {offset}): {reason}"
        )


class EditError(ValueError):
    """Edits that overlap or fall outside the text."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``text``."""

    start: int
    end: int
    text: str

    def shifted(self, delta: int) -> Edit:
        """The same edit with both offsets moved by ``delta``."""
        return Edit(self.start + delta, self.end + delta, self.text)

    @property
    def empty(self) -> bool:
        """Replaces nothing with nothing."""
        return self.start == self.end and not self.text

    def trimmed(self, text: str) -> Edit:
        """The same change, leaving out the head and tail of ``text`` it would not alter."""
        old, new = text[self.start : self.end], self.text
        limit = min(len(old), len(new))
        head = common_length(old, new, limit, 1)
        tail = common_length(old, new, limit - head, -1)
        return Edit(self.start + head, self.end - tail, new[head : len(new) - tail])


@dataclass(frozen=True, slots=True)
class FileText:
    """Decoded file content: the text, whether a BOM preceded it, and its newline style."""

    text: str
    bom: bool = False

    @property
    def newline(self) -> Newline:
        return detect_newline(self.text)

    def encode(self) -> bytes:
        """The exact bytes: BOM (if read) + UTF-8 text."""
        data = self.text.encode("utf-8")
        return BOM + data if self.bom else data


def decode(data: bytes) -> FileText:
    """Decode UTF-8 strictly, keeping the BOM as a flag. Raises :class:`DecodeError`."""
    bom = data.startswith(BOM)
    raw = data[len(BOM) :] if bom else data
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(BOM) if bom else 0)
        before = data[:offset]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
        raise DecodeError(offset, line, column, exc.reason) from None
    return FileText(text, bom)


def detect_newline(text: str) -> Newline:
    """LF, CRLF, MIXED, or NONE for a text without line breaks."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    if crlf and lf:
        return Newline.MIXED
    if crlf:
        return Newline.CRLF
    return Newline.LF if lf else Newline.NONE


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (any order) and return the new text."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    parts: list[str] = []
    pos = 0
    for edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            raise EditError(f"edit {edit.start}..{edit.end} outside text of length {len(text)}")
        if edit.start < pos:
            raise EditError(f"edit at {edit.start} overlaps the previous edit ending at {pos}")
        parts.append(text[pos : edit.start])
        parts.append(edit.text)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``: by bisection over the line starts of
    a long text (kept for the last one asked about: lint asks once per finding, and 50,000
    findings counted from the start took seconds), by counting in a short one or near the
    start (the frontmatter's findings in a 5 MB agent need no index of its 140,000 lines)."""
    if len(text) < _INDEXED or offset < _INDEXED:
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
    global _line_starts
    indexed, starts = _line_starts
    if indexed is not text:
        starts = [0, *(m.end() for m in re.finditer("\n", text))]
        _line_starts = (text, starts)
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


_INDEXED = 32_768  # from this length on, line_col bisects
_line_starts: tuple[str, list[int]] = ("", [0])


def line_start(text: str, offset: int) -> int:
    """Offset of the start of the line containing ``offset``."""
    return text.rfind("\n", 0, offset) + 1


def next_line_start(text: str, offset: int) -> int:
    """Offset just after the line break that ends the line containing ``offset`` (or len)."""
    nl = text.find("\n", offset)
    return len(text) if nl < 0 else nl + 1


def common_length(a: str, b: str, limit: int, step: int) -> int:
    """How many characters ``a`` and ``b`` share at their start (``step`` 1) or end (-1), at
    most ``limit``."""
    k, size = 0, 4096
    while size:
        while k + size <= limit and (
            a[k : k + size] == b[k : k + size]
            if step > 0
            else a[len(a) - k - size : len(a) - k] == b[len(b) - k - size : len(b) - k]
        ):
            k += size
        size //= 8
    return k


_BREAKS = ("\r\n", "\r", "\n", "\u2028", "\u2029")


def split_breaks(text: str) -> tuple[str, list[str]]:
    """``text`` with every line break as ``\\n``, and each line's original break ('' at the end).

    Qt's text documents keep only ``\\n``; ``join_breaks`` restores the originals on save.
    """
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return text, []
    lines, breaks = [], []
    pos = 0
    for m in _BREAK_RE.finditer(text):
        lines.append(text[pos : m.start()])
        breaks.append(m.group(0))
        pos = m.end()
    lines.append(text[pos:])
    return "\n".join(lines), breaks


def join_breaks(text: str, original: str, breaks: list[str]) -> str:
    """Put back the original line breaks on ``text`` (an edited ``original``, both ``\\n`` only).

    Unchanged lines keep their own break; new or changed lines take the file's usual one.
    """
    if not breaks:
        return text
    old_lines, new_lines = original.split("\n"), text.split("\n")
    usual = max(set(breaks), key=breaks.count)
    if text == original:
        ends = breaks
    else:
        ends = [usual] * (len(new_lines) - 1)
        import difflib  # here: a file of mixed line breaks is rare, and start-up is not

        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, a0, a1, b0, _ in matcher.get_opcodes():
            if tag == "equal":
                for k in range(a1 - a0):
                    if b0 + k < len(ends) and a0 + k < len(breaks):
                        ends[b0 + k] = breaks[a0 + k]
    out = []
    for i, line in enumerate(new_lines):
        out.append(line)
        if i < len(ends):
            out.append(ends[i])
    return "".join(out)


_BREAK_RE = re.compile("|".join(map(re.escape, _BREAKS)))
