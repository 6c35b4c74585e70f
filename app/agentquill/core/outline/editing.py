"""Helpers the section and item operations share: the outline's shape, checked commits, cuts and
insertions of whole lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..text import Edit, EditError, apply_edits
from .model import (
    Item,
    ItemAddress,
    Outline,
    OutlineError,
    Section,
    SectionPath,
    parse,
    read_edited,
)
from .scan import content_end_before, next_content_start, stop_of


def body_newline(body: str) -> str:
    """The line break for new lines: CRLF when most of the body's line breaks are CRLF."""
    return "\r\n" if body.count("\r\n") * 2 > body.count("\n") else "\n"


def check_line(value: str | None, what: str) -> None:
    if value is not None and ("\n" in value or "\r" in value):
        raise OutlineError(f"{what} cannot contain a line break")


_SHAPES: dict[str, list] = {}  # the last shape's top-level sections, by their text


def shape(o: Outline, body: str) -> list:
    """What edits must preserve: kinds, titles and nesting of sections and items.

    A top-level section's shape depends on its text alone, so the last shape's are reused
    and shared: compare shapes with ``==`` (shared parts compare by identity) and change
    one only through :func:`sec_list`, :func:`item_list` and :func:`own`, which copy
    what the caller may then change.
    """
    global _SHAPES
    known, _SHAPES = _SHAPES, {}
    secs = []
    for sec in o.sections:
        text = body[sec.span[0] : sec.span[1]]
        shape = _SHAPES[text] = known.get(text) or _sec_shape(sec)
        secs.append(shape)
    return [_items_shape(o.items), secs]


def _items_shape(items: Sequence[Item]) -> list:  # title, text, children
    return [[x[2], x[3], _items_shape(x[5]) if x[5] else []] for x in items]


def _sec_shape(sec: Section) -> list:  # kind, title, items, subsections
    return [sec.kind, sec.title, _items_shape(sec.items), [_sec_shape(c) for c in sec.children]]


def sec_list(shape: list, parent: SectionPath) -> list:
    """The sections under ``parent`` in ``shape``, which the caller may change."""
    shape[1] = lst = list(shape[1])
    for i in parent:
        entry = own(lst, i)
        entry[3] = lst = list(entry[3])
    return lst


def item_list(shape: list, address: ItemAddress) -> list:
    """The items holding the item at ``address`` in ``shape``, which the caller may change."""
    sp, ip = address
    if sp:
        entry = own(sec_list(shape, sp[:-1]), sp[-1])
        entry[2] = lst = list(entry[2])
    else:
        shape[0] = lst = list(shape[0])
    for i in ip[:-1]:
        entry = own(lst, i)
        entry[2] = lst = list(entry[2])
    return lst


def own(lst: list, k: int) -> list:
    """Entry ``k`` of a list from :func:`sec_list` or :func:`item_list`, copied so that
    the caller may change it."""
    entry = lst[k] = list(lst[k])
    return entry


def commit(body: str, edits: list[Edit], check: Callable[[list], bool]) -> list[Edit]:
    """Apply, re-parse and check the result; the edits, trimmed and merged, or ``[]``."""
    try:
        new = apply_edits(body, edits)
        read_edited(body, edits, new)
        ok = check(shape(parse(new), new))
    except (EditError, IndexError) as exc:
        raise OutlineError(f"cannot edit there: {exc}") from None
    if not ok:
        raise OutlineError("the result would not read as asked; nothing changed")
    if new == body:
        return []
    merged: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if merged and merged[-1].end == e.start:
            e = Edit(merged[-1].start, e.end, merged.pop().text + e.text)
        merged.append(e)
    trimmed = (e.trimmed(body) for e in merged)
    return [e for e in trimmed if not e.empty]


def sep_before(body: str, start: int, nl: str) -> str:
    """The blank lines between the previous non-blank line and ``start`` (one when none)."""
    p = content_end_before(body, start)
    return nl if p is None else body[stop_of(body, p) : start]


def put_after(body: str, y: int, core: str, t: str, sep: str) -> Edit:
    """Insert the block ``core`` after the line ending at ``y``, ``sep`` blank lines apart."""
    z = stop_of(body, y)
    return Edit(z, z, sep + core + t) if z > y else Edit(y, y, t + sep + core)


def cut_last(body: str, start: int, cend: int) -> Edit:
    """Delete a block (``start`` to its text's end ``cend``) that nothing follows in its list
    or body, with the blank lines before it; undone by :func:`put_after`."""
    p = content_end_before(body, start)
    if p is None:
        return Edit(start, next_content_start(body, stop_of(body, cend)), "")
    if stop_of(body, cend) > cend:
        return Edit(stop_of(body, p), stop_of(body, cend), "")
    return Edit(p, cend, "")


def insert(body: str, x: int, core: str, t: str, sep: str) -> Edit:
    """Insert the block ``core`` at the line start ``x`` (at the end when ``x`` is the end)."""
    if x < len(body):
        return Edit(x, x, core + t + sep)
    y = content_end_before(body, len(body))
    return Edit(x, x, core + t) if y is None else put_after(body, y, core, t, sep)


def cut(body: str, start: int, end: int) -> Edit:
    """Delete the block from ``start`` to ``end`` (the next block's start, or the end)."""
    if end < len(body):
        return Edit(start, end, "")
    return cut_last(body, start, content_end_before(body, end))


# ---------------------------------------------------------------- sections
