"""Line-level markdown block scanning for the body outline (see :mod:`.model`).

Recognizes just what the outline needs: code fences (``` and ~~~, any length, any indent;
nothing inside is parsed), ATX/setext headings and bold-label lines (top level only), thematic
breaks, HTML blocks (left as text up to the next blank line) and list items with their
CommonMark extent (indented continuation lines, lazy paragraph lines, nested blocks).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?:^|[ \t])#+$")
_INNER = r"(?![\s*])((?:(?!\*\*).)*?[^\s*])"
_BOLD_LINE = re.compile(r" {0,3}\*\*" + _INNER + r"\*\*(:?)[ \t]*$")
_BOLD_HEAD = re.compile(r"\*\*" + _INNER + r"\*\*(:?)")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_HR = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_MARKER = re.compile(r"([ \t]*)([-*+]|(\d{1,9})[.)])([ \t]+|$)")
_HTML = re.compile(r" {0,3}<(?:[A-Za-z][\w-]*|/[A-Za-z]|!--|\?|!\[CDATA\[)")


class Line(NamedTuple):
    """A line: ``start``, ``end`` (before the line break), ``stop`` (after it), ``text``,
    ``ind`` (columns of indentation) and ``c`` (its first non-blank character, "" if blank)."""

    start: int
    end: int
    stop: int
    text: str
    ind: int
    c: str


def split_lines(body: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Lines split at ``\\n`` only; a ``\\r`` before it belongs to the line break. Only those
    from the line start ``start`` up to ``end`` (a line start too) when given."""
    out: list[Line] = []
    add, new = out.append, tuple.__new__
    pos, n, crlf = start, len(body), "\r" in body
    pieces = body[start:end].split("\n")
    if end is not None and end < n:
        pieces.pop()  # what follows the window's last line break: not a line of the window
    for raw in pieces:
        size = len(raw)
        stop = pos + size + 1
        if stop > n:
            if not raw:
                break
            stop = n
        text = raw[:-1] if crlf and raw[-1:] == "\r" and stop > pos + size else raw
        rest = text.lstrip(" \t")
        k = len(text) - len(rest)
        ind = k if not k or "\t" not in text[:k] else indent_of(text)
        c = rest[0] if rest and not rest.isspace() else ""
        add(new(Line, (pos, pos + len(text), stop, text, ind, c)))
        pos = stop
    return out


def indent_of(s: str) -> int:
    """Columns of leading whitespace (tabs to multiples of 4)."""
    n = 0
    for ch in s:
        if ch == " ":
            n += 1
        elif ch == "\t":
            n += 4 - n % 4
        else:
            break
    return n


def label(inner: str, outside: str) -> tuple[str, str]:
    """Title and colon placement of a bold label's inner text."""
    if inner.endswith(":"):
        return inner[:-1].rstrip(), "inside"
    return inner, "outside" if outside else ""


def bold_head(s: str) -> tuple[str, str, int] | None:
    """``(title, colon, end)`` when ``s`` starts with ``**Title**`` (or ``**Title:**``…)."""
    m = _BOLD_HEAD.match(s)
    if not m:
        return None
    title, colon = label(m.group(1), m.group(2))
    return title, colon, m.end()


def is_fence(s: str) -> bool:
    m = _FENCE.match(s)
    return bool(m) and not (m.group(1)[0] == "`" and "`" in m.group(2))


def fence_end(lines: list[Line], i: int, hi: int) -> int:
    """Index of the line closing the fence opened at ``i`` (or ``hi - 1`` when unclosed)."""
    mark = _FENCE.match(lines[i].text).group(1)
    close = re.compile(r"[ \t]*" + re.escape(mark[0]) + f"{{{len(mark)},}}[ \t]*$")
    for j in range(i + 1, hi):
        if close.match(lines[j].text):
            return j
    return hi - 1


_INTERRUPT = frozenset("#`~*-_+0123456789")
_SPECIAL = _INTERRUPT | set("=<")


def _interrupts(ln: Line) -> bool:
    """Whether a non-blank line ends a paragraph rather than continuing it lazily."""
    s, c = ln.text, ln.c
    if c in "-*+0123456789" and _MARKER.match(s):  # the usual case: the next list item
        return True
    if c == "#":
        return bool(_ATX.match(s))
    if c in "`~":
        return is_fence(s)
    return c in "*-_" and bool(
        (s.count(c) >= 3 and _HR.match(s)) or (c == "*" and _BOLD_LINE.match(s))
    )


def _item_end(lines: list[Line], i: int, hi: int, indent: int, lazy: bool) -> int:
    """Index of the last non-blank line of the list item starting at ``i``."""
    last, j = i, i + 1
    while j < hi:
        ln = lines[j]
        if not ln.c:
            lazy = False
        elif ln.ind >= indent:
            if ln.c in "`~" and is_fence(ln.text):
                j = fence_end(lines, j, hi)
                lazy = False
            else:
                lazy = True
            last = j
        elif lazy and not _interrupts(ln):
            last = j
        else:
            break
        j += 1
    return last


def _heading(lines: list[Line], i: int, hi: int, para: int | None) -> tuple | None:
    """``(kind, first, last, level, title, title_start, title_end, colon, underline)``."""
    ln = lines[i]
    s = ln.text
    m = _SETEXT.match(s) if para is not None and ln.c in "=-" else None
    if m:
        first, prev = lines[para], lines[i - 1]
        a = first.start + len(first.text) - len(first.text.lstrip())
        b = max(a, prev.start + len(prev.text.rstrip()))
        title = " ".join(x.text.strip() for x in lines[para:i])
        ua = ln.start + len(s) - len(s.lstrip())
        under = (ua, ln.start + len(s.rstrip()))
        return ("setext", para, i, 1 if m.group(1)[0] == "=" else 2, title, a, b, "", under)
    m = _ATX.match(s) if ln.c == "#" else None
    if m:
        a, b = m.end(), max(m.end(), len(s.rstrip()))
        close = _ATX_CLOSE.search(s, a, b)
        if close:
            b = a + len(s[a : close.start()].rstrip())
        return ("atx", i, i, len(m.group(1)), s[a:b], ln.start + a, ln.start + b, "", None)
    m = _BOLD_LINE.match(s) if ln.c == "*" else None
    if m and not (i + 1 < hi and lines[i + 1].c in "=-" and _SETEXT.match(lines[i + 1].text)):
        title, colon = label(m.group(1), m.group(2))
        a = ln.start + m.start(1)
        return ("bold", i, i, 0, title, a, a + len(title), colon, None)
    return None


def scan(
    lines: list[Line], lo: int, hi: int, base: int, top: bool, list_no: int = -1
) -> list[tuple]:
    """Block events in ``lines[lo:hi]`` whose container content starts at column ``base``.

    ``("head", kind, first, last, level, title, a, b, colon, underline)`` (only when ``top``)
    and ``("item", first, last, marker_match, content_indent, list_no)``; list numbers
    continue from ``list_no``.
    """
    events: list[tuple] = []
    i, para, key = lo, None, None
    while i < hi:
        ln = lines[i]
        c, s = ln.c, ln.text
        if not c:
            para, i = None, i + 1
            continue
        if c in "`~" and is_fence(s):
            i, para, key = fence_end(lines, i, hi) + 1, None, None
            continue
        if ln.ind - base <= 3 and c in _SPECIAL:
            head = _heading(lines, i, hi, para) if top else None
            if head:
                events.append(("head", *head))
                i, para, key = head[2] + 1, None, None
                continue
            if c in "*-_" and s.count(c) >= 3 and _HR.match(s):
                i, para, key = i + 1, None, None
                continue
            m = _MARKER.match(s) if c in "-*+0123456789" else None
            if m:
                lead, tok, digits, space = m.groups()
                text = s[m.end() :]
                filled = bool(text) and not text.isspace()
                width = (indent_of(lead) if "\t" in lead else len(lead)) + len(tok)
                gap = indent_of(" " * width + space) - width if "\t" in space else len(space)
                indent = width + (gap if 1 <= gap <= 4 and filled else 1)
                this = tok[-1] if digits else tok
                if this != key:
                    list_no, key = list_no + 1, this
                last = _item_end(lines, i, hi, indent, filled)
                events.append(("item", i, last, m, indent, list_no))
                i, para = last + 1, None
                continue
            if para is None and c == "<" and _HTML.match(s):
                while i < hi and lines[i].c:
                    i += 1
                key = None
                continue
        if para is None and ln.ind - base <= 3:
            para = i
        key = None
        i += 1
    return events


def stop_of(body: str, end: int) -> int:
    """Offset after the line break at ``end`` (a line's end), or ``end`` at the end of text."""
    if body.startswith("\r\n", end):
        return end + 2
    return end + 1 if body.startswith("\n", end) else end


def content_end_before(body: str, pos: int) -> int | None:
    """End (before its line break) of the last non-blank line before the line start ``pos``."""
    k = len(body[:pos].rstrip())
    if k == 0:
        return None
    nl = body.find("\n", k)
    if nl < 0:
        return len(body)
    return nl - 1 if body[nl - 1] == "\r" and nl - 1 >= k else nl


def next_content_start(body: str, pos: int) -> int:
    """Start of the first non-blank line at or after the line start ``pos`` (or the end)."""
    k = len(body) - len(body[pos:].lstrip())
    if k >= len(body):
        return len(body)
    return max(pos, body.rfind("\n", 0, k) + 1)
