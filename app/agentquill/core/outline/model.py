"""Body outline: sections and list items of an agent body, and minimal edits to them.

Works on the BODY string (the markdown after the frontmatter); every span is ``(start, end)``
offsets into it. Parsing follows CommonMark where it matters (fences, list indentation,
lazy lines, setext underlines) and adds the agent-file convention of bold-label lines.

Sections start at an ATX heading (``##``), a setext heading (text over ``===``/``---``), or a
line that is entirely ``**Label:**``, ``**Label**:`` or ``**Label**``. Levels: ATX = number of
``#``; setext = 1 (``=``) or 2 (``-``); bold label = one deeper than the nearest preceding
ATX/setext heading (1 when there is none). Sections nest by level; a bold-label section never
has subsections: it ends at the next section of any kind. Text before the first section is
the preamble. Titles exclude syntax: the ``#`` marks, the ``**`` and a label's colon.

Paths: a section path is a tuple of indexes, ``(2,)`` the third top-level section and
``(2, 0)`` its first subsection; ``()`` is the preamble, which holds items but is not itself
a section. An item address is ``(section_path, item_path)``: ``item_path`` indexes the
container's top-level items (all its lists, in order), then their children, so
``((0,), (1, 2))`` is the third sub-item of the second item of the first section. The
destination of ``add_*``/``move_*`` is the address the node has AFTER the edit, so
``move_x(body2, dst, src)`` undoes ``move_x(body, src, dst)`` (for an item, passing
``join=side(body, src)``), except where an item's address cannot say what its old place was.
An address counts a container's items across all its lists, so the last place of a list and
the first of the next list are one address: an item moved there joins the list ``join`` names,
else the next list (unless only the previous one is of its marker's kind). An item that was a
list of its own, or whose list is left with one item (no spacing to copy) or whose container
is left empty, comes back in the house style; blank lines of an unevenly spaced list stay where they
are; a list numbered out of sequence that the move makes sequential is renumbered on the way
back. ``tests/core/test_outline.py`` checks that random moves come back outside these cases.

Every operation returns minimal, non-overlapping ``Edit``s (``[]`` for a no-op), re-parses
the result and raises :class:`OutlineError` rather than return an edit that would change the
outline other than as asked. New lines use the body's newline (CRLF when most lines do).
Outlines are immutable (named tuples) and ``parse`` is cached per body, so views and edits
share one parse; the body of an edit is read again only around the edit. The operations live
in :mod:`.sections` and :mod:`.items`; this module holds the outline and its reading.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..text import Edit, common_length
from .scan import (
    Line,
    bold_head,
    scan,
    split_lines,
)

SectionPath = tuple[int, ...]
ItemAddress = tuple[SectionPath, SectionPath]


class OutlineError(ValueError):
    """A path that names nothing, or an edit whose result would not read as requested."""


class Item(NamedTuple):
    """A list item: ``1. **Title**: text`` with its continuation lines and nested items.

    ``title`` is the leading bold part (None without one), ``text`` the rest of the first line
    after it and its colon; ``span`` covers the item's lines up to its last non-blank line.
    ``list_no`` tells lists apart within one container (items separated by other text).
    """

    marker: str
    number: int | None
    title: str | None
    text: str
    span: tuple[int, int]
    children: tuple[Item, ...] = ()
    list_no: int = 0
    marker_span: tuple[int, int] = (0, 0)
    title_span: tuple[int, int] | None = None
    text_span: tuple[int, int] = (0, 0)
    colon: str = ""  # "inside" for **T:**, "outside" for **T**:, else ""
    content_start: int = 0  # first offset after the marker and its spaces
    content_end: int = 0  # end of the last line, before its line break
    content_indent: int = 0  # column where continuation lines must start
    head_end: int = 0  # just after the bold title (and its colon)


class Section(NamedTuple):
    """A heading and everything up to the next section of the same or a higher level.

    ``heading_span`` covers the heading line(s) with their line break; ``content_span`` the
    section's own text (up to its first subsection); ``items`` the lists in that own text.
    """

    title: str
    level: int
    kind: str  # "atx" | "setext" | "bold"
    span: tuple[int, int]
    heading_span: tuple[int, int]
    title_span: tuple[int, int]
    content_span: tuple[int, int] = (0, 0)
    items: Sequence[Item] = ()  # a tuple, or one moved when first read
    children: tuple[Section, ...] = ()
    colon: str = ""
    underline_span: tuple[int, int] | None = None


@dataclass(frozen=True, eq=False, slots=True)
class Outline:
    """Preamble span and items, then the top-level sections. Outlines are immutable."""

    preamble: tuple[int, int]
    items: tuple[Item, ...]
    sections: tuple[Section, ...]

    def walk(self) -> Iterator[tuple[SectionPath, Section]]:
        """Every section with its path, in document order."""
        todo = [((i,), s) for i, s in enumerate(self.sections)][::-1]
        while todo:
            path, sec = todo.pop()
            yield path, sec
            todo.extend([((*path, i), c) for i, c in enumerate(sec.children)][::-1])

    def section(self, path: SectionPath) -> Section:
        sec, secs = None, self.sections
        for i in path:
            if not 0 <= i < len(secs):
                raise OutlineError(f"no section at {path}")
            sec = secs[i]
            secs = sec.children
        if sec is None:
            raise OutlineError("the empty path is the preamble, not a section")
        return sec

    def items_at(self, section_path: SectionPath) -> tuple[Item, ...]:
        """The items of a section's own text, or of the preamble for ``()``."""
        return self.section(section_path).items if section_path else self.items

    def item(self, address: ItemAddress) -> Item:
        items, it = self.items_at(address[0]), None
        for i in address[1]:
            if not 0 <= i < len(items):
                raise OutlineError(f"no item at {address}")
            it = items[i]
            items = it.children
        if it is None:
            raise OutlineError("an item path needs at least one index")
        return it


# ---------------------------------------------------------------- parsing


@functools.lru_cache(maxsize=8)
def parse(body: str) -> Outline:
    """The outline of ``body`` (immutable, so cached and shared per body). Never raises.

    Re-reads only the sections an edit touched, when the body is an edit of the one parsed
    last: the rest is shifted from that parse (see :func:`_reread`).
    """
    global _last
    last = _last
    flat = _reread(last[0], last[1], body) if last is not None else None
    if flat is None:
        flat = _read_until(body, split_lines(body), -1, None)
    _last = (body, flat)
    pre, heads, owned = flat
    return _build(body, pre, heads, owned)


def forget() -> None:
    """Drop the outlines kept for the next reads. A long body's outline is hundreds of
    thousands of objects, which every full garbage collection walks (5 MB: about 0.1 s each
    time), so a view that no longer shows one lets it go."""
    global _last
    parse.cache_clear()
    _last = None


class _Flat(NamedTuple):
    """A body read as a flat list: the preamble's items, then each heading (``(kind, level,
    title, start, heading end, title start, title end, colon, underline)``, level 0 for a
    bold label) with the items of the text up to the next heading."""

    pre: list[Item]
    heads: list[tuple]
    owned: list[list[Item]]


_last: tuple[str, _Flat] | None = None  # the body read last, for the next read to start from


def _build(body: str, pre: list[Item], heads: list[tuple], owned: list[list[Item]]) -> Outline:
    """The outline of a flat read: levels of bold labels, then sections nested by level."""
    levels, enclosing = [], 0
    for h in heads:
        if h[0] == "bold":
            levels.append(enclosing + 1)
        else:
            levels.append(h[1])
            enclosing = h[1]
    ends, kids, roots, stack = [len(body)] * len(heads), [[] for _ in heads], [], []
    for i, h in enumerate(heads):
        while stack and (heads[stack[-1]][0] == "bold" or levels[stack[-1]] >= levels[i]):
            ends[stack.pop()] = h[3]
        (kids[stack[-1]] if stack else roots).append(i)
        stack.append(i)
    built: list[Section | None] = [None] * len(heads)
    for i in reversed(range(len(heads))):
        kind, _, title, start, hend, a, b, colon, underline = heads[i]
        children = tuple(built[k] for k in kids[i])
        own = (hend, children[0].span[0] if children else ends[i])
        built[i] = Section(
            title, levels[i], kind, (start, ends[i]), (start, hend), (a, b), own,
            _Moved.frozen(owned[i]), children, colon, underline,
        )  # fmt: skip
    preamble = (0, heads[0][3] if heads else len(body))
    return Outline(preamble, tuple(pre), tuple(built[i] for i in roots))


def _reread(old: str, flat: _Flat, body: str, regions: list | None = None) -> _Flat | None:
    """The flat read of ``body`` from that of ``old``; None when they differ too much.

    ``regions`` are where they differ: sorted, disjoint ``(start, end, length)``, old's text
    from ``start`` to ``end`` being ``length`` characters of ``body`` (found by comparing the
    two when not given). The scan is in a known state at the first line of a heading (no open
    paragraph, no list), and what it makes of the lines from there on depends only on those
    lines. So around each change ``body`` is scanned from the last heading whose first line
    is unchanged, up to the first heading of ``old`` after the change; when ``body``'s scan
    finds that same heading there, ``old``'s read holds on from it, shifted by the change in
    length (and in the count of lists before it), up to the next change.
    """
    if body == old:
        return flat
    if regions is None:
        n = min(len(old), len(body))
        p = common_length(old, body, n, 1)
        tail = len(old) - common_length(old, body, n - p, -1)
        regions = [(p, tail, len(body) - len(old) + tail - p)]
    pre, heads, owned = flat
    starts = [h[3] for h in heads]
    out_pre, out_heads, out_owned = pre, [], []
    done, shift, lists, k = 0, 0, 0, 0  # old heads[done:] are still to add, moved by these
    while k < len(regions):
        a = regions[k][0]
        r = bisect.bisect_right(starts, a) - 1
        while r >= done and not 0 <= old.find("\n", starts[r], a) < a:
            r -= 1  # its first line (with its break) must be unchanged
        if r < done and done:
            return None
        k, e, grow = k + 1, regions[k][1], regions[k][2] - regions[k][1] + a
        while True:  # the heading to meet again, and the old text up to the line after it
            s = bisect.bisect_left(starts, e)
            end = old.find("\n", heads[s][4]) + 1 if s < len(heads) else 0
            end = end or len(old)
            if k == len(regions) or regions[k][0] >= end:
                break
            e, grow, k = regions[k][1], grow + regions[k][2] - regions[k][1] + regions[k][0], k + 1
        stop = max(r, done)
        _add(heads[done:stop], owned[done:stop], shift, lists, out_heads, out_owned)
        if r < 0:
            out_pre = []
        start = starts[r] + shift if r >= 0 else 0
        list_no = _lists_before(out_pre, out_owned, len(out_owned))
        meet = _shift_head(heads[s], shift + grow) if s < len(heads) else None
        lines = split_lines(body, start, end + shift + grow if end < len(old) else None)
        window = _read_until(body, lines, list_no, meet)
        if window is None:
            return None
        lead, new_heads, new_owned = window
        if lead and out_owned:
            out_owned[-1] = [*out_owned[-1], *lead]
        elif lead:
            out_pre = out_pre + lead
        out_heads += new_heads
        out_owned += new_owned
        if meet is None:
            return _Flat(out_pre, out_heads, out_owned)
        shift += grow
        lists = _lists_before(out_pre, out_owned, len(out_owned)) - _lists_before(pre, owned, s)
        done = s
    _add(heads[done:], owned[done:], shift, lists, out_heads, out_owned)
    return _Flat(out_pre, out_heads, out_owned)


def _read_until(body: str, lines: list[Line], list_no: int, meet: tuple | None) -> _Flat | None:
    """The flat read of ``lines`` up to the heading ``meet`` (to the end when None); None
    when the scan does not find that very heading where it starts."""
    read = _Flat([], [], [])
    target = read.pre
    for ev in scan(lines, 0, len(lines), 0, True, list_no):
        if ev[0] == "item":
            target.append(_item(body, lines, ev, 0))
            continue
        _, kind, first, last, level, title, a, b, colon, under = ev
        head = (kind, level, title, lines[first].start, lines[last].stop, a, b, colon, under)
        if meet is not None and head[3] == meet[3]:
            return read if head == meet else None
        read.heads.append(head)
        read.owned.append([])
        target = read.owned[-1]
    return read if meet is None else None


def _add(heads: list, owned: list, shift: int, lists: int, to_heads: list, to_owned: list):
    """Add headings and their items to a flat read, moved by ``shift`` characters and
    ``lists`` list numbers."""
    if not shift and not lists:
        to_heads += heads
        to_owned += owned
        return
    to_heads += [_shift_head(h, shift) for h in heads]
    to_owned += [_Moved.of(own, shift, lists) if own else own for own in owned]


def read_edited(body: str, edits: list[Edit], new: str) -> None:
    """Read ``new``, made from ``body`` by ``edits``, from ``body``'s read (when it is the
    last one), for the next :func:`parse` to take up: each edit is a change of its own."""
    global _last
    last = _last
    if last is None or last[0] != body or new == body:
        return
    regions = [(e.start, e.end, len(e.text)) for e in sorted(edits, key=lambda e: e.start)]
    flat = _reread(body, last[1], new, regions)
    if flat is not None:
        _last = (new, flat)


def _lists_before(pre: list[Item], owned: list[list[Item]], k: int) -> int:
    """The number of the last list before heading ``k`` (-1 when there is none)."""
    for items in reversed([pre, *owned[:k]]):
        if items:
            return items[-1].list_no
    return -1


def _shift_head(h: tuple, d: int) -> tuple:
    kind, level, title, start, hend, a, b, colon, u = h
    u = None if u is None else (u[0] + d, u[1] + d)
    return (kind, level, title, start + d, hend + d, a + d, b + d, colon, u)


def _shift_item(it: Item, d: int, lists: int) -> Item:
    """``it`` moved by ``d`` characters and ``lists`` list numbers (its children keep theirs)."""
    marker, number, title, text, sp, kids, no, ms, ts, tx, colon, cs, ce, ci, he = it
    if kids:
        kids = tuple([_shift_item(k, d, 0) for k in kids])
    return _new(
        Item,
        (
            marker, number, title, text, (sp[0] + d, sp[1] + d), kids, no + lists,
            (ms[0] + d, ms[1] + d), None if ts is None else (ts[0] + d, ts[1] + d),
            (tx[0] + d, tx[1] + d), colon, cs + d, ce + d, ci, he + d,
        ),
    )  # fmt: skip


class _Moved(Sequence):
    """A section's items moved by ``d`` characters and ``lists`` list numbers, moved when
    first read: a change moves every section after it, and most are never read (views and
    checks reuse what they made of an unchanged section's text)."""

    __slots__ = ("_base", "_d", "_lists", "_items")

    def __init__(self, base: Sequence[Item], d: int, lists: int):
        self._base, self._d, self._lists = base, d, lists
        self._items: tuple[Item, ...] | None = None

    @classmethod
    def of(cls, items: Sequence[Item], d: int, lists: int) -> _Moved:
        if isinstance(items, _Moved) and items._items is None:
            return cls(items._base, items._d + d, items._lists + lists)
        return cls(items, d, lists)

    @staticmethod
    def frozen(items: Sequence[Item]) -> Sequence[Item]:
        """``items`` as a section holds them: a tuple, or still to be moved."""
        return items if isinstance(items, _Moved) else tuple(items)

    def _moved(self) -> tuple[Item, ...]:
        if self._items is None:
            d, lists = self._d, self._lists
            self._items = tuple([_shift_item(it, d, lists) for it in self._base])
        return self._items

    def __len__(self) -> int:
        return len(self._base)

    def __getitem__(self, index):
        return self._moved()[index]

    def __iter__(self):
        return iter(self._moved())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self._moved() == tuple(other)

    def __hash__(self) -> int:
        return hash(self._moved())

    def __repr__(self) -> str:
        return repr(self._moved())


def _item(body: str, lines: list[Line], ev: tuple, depth: int) -> Item:
    _, i, last, m, indent, list_no = ev
    ln, end = lines[i], lines[last]
    start = ln.start
    lead, tok, digits = m.group(1, 2, 3)
    ms, cs = start + len(lead), start + m.end()
    content = ln.text[m.end() :]
    head = bold_head(content) if content[:2] == "**" else None
    if head is None:
        title, colon, p, title_span = None, "", 0, None
    else:
        title, colon, p = head
        title_span = (cs + 2, cs + 2 + len(title))
    rest = content[p:]
    ta, tb = cs + p + len(rest) - len(rest.lstrip()), cs + len(content.rstrip())
    if tb <= ta:
        ta = tb = cs + p
    children = ()
    if depth < 40 and last > i:
        subs = scan(lines, i + 1, last + 1, indent, False)
        children = tuple([_item(body, lines, e, depth + 1) for e in subs if e[0] == "item"])
    return _new(
        Item,
        (
            tok, int(digits) if digits else None, title, body[ta:tb], (start, end.stop),
            children, list_no, (ms, ms + len(tok)), title_span, (ta, tb), colon, cs, end.end,
            indent, cs + p,
        ),
    )  # fmt: skip


_new = tuple.__new__  # builds an Item from all its fields without the keyword machinery


# ---------------------------------------------------------------- shared edit helpers
