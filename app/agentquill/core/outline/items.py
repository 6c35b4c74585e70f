"""List-item edits on a body outline: add, remove, rename and move items.

Addresses and guarantees are those of :mod:`.model`.
Ordered lists are renumbered only when they were sequential (n, n+1, …) before the edit, and
only their number tokens change. A moved item keeps its text; only its marker (to match the
list it joins) and the indentation of its lines (to match the new depth) may change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import Edit
from .editing import body_newline, check_line, commit, cut_last, item_list, own, put_after, shape
from .model import Item, ItemAddress, Outline, OutlineError, parse
from .scan import content_end_before, next_content_start, stop_of

_MARKER = re.compile(r"[-*+]|\d{1,9}[.)]")
_PIECES = re.compile(r"[^\n]*\n|[^\n]+")
_NEW = object()  # stands for the item being added, in renumbering


def _siblings(o: Outline, address: ItemAddress, skip: Item | None = None):
    """The item array an address indexes into (its last index), and its parent item."""
    sp, ip = address
    if not ip:
        raise OutlineError("an item path needs at least one index")
    items, parent = o.items_at(sp), None
    for i in ip[:-1]:
        items = [x for x in items if x is not skip]
        if not 0 <= i < len(items):
            raise OutlineError(f"no item at {address}")
        parent = items[i]
        items = parent.children
    return items, parent


def _list(items: Sequence[Item], it: Item) -> list[Item]:
    return [x for x in items if x.list_no == it.list_no]


def _list_sep(body: str, lst: Sequence[Item], skip: Item | None = None) -> str | None:
    """The blank lines between two adjacent items of a list (not ``skip``), or None."""
    for a, b in zip(lst, lst[1:], strict=False):
        if skip is not a and skip is not b:
            return body[stop_of(body, a.content_end) : b.span[0]]
    return None


def _house_sep(body: str, o: Outline, nested: bool, ordered: bool) -> str:
    """Blank lines between items in the first list elsewhere at the same depth (top level or
    nested), preferring one of the same type (numbered or bulleted); none by default."""
    found: list[tuple[bool, str]] = []
    todo = [(x, False) for x in [o.items] + [s.items for _, s in o.walk()]]
    while todo:
        items, deep = todo.pop(0)
        for no in dict.fromkeys(x.list_no for x in items):
            lst = [x for x in items if x.list_no == no]
            if deep == nested and len(lst) > 1:
                found.append(((lst[0].number is not None) != ordered, _list_sep(body, lst)))
        todo.extend((x.children, True) for x in items)
    return min(found, key=lambda f: f[0])[1] if found else ""


def _renumber(
    body: str, before: Sequence[Item], after: list, mine: object
) -> tuple[list, int | None]:
    """Number-token edits for ``after`` when ``before`` was sequential; ``mine``'s number.
    A number that gets wider or narrower (``9.`` → ``10.``) moves the item's other lines by
    as much, so that what was nested in it stays nested."""
    nums = [x.number for x in before]
    if not nums or None in nums or nums != list(range(nums[0], nums[0] + len(nums))):
        return [], None
    edits, number = [], None
    for n, x in enumerate(after, nums[0]):
        if x is mine:
            number = n
        elif x.number != n:
            edits.append(Edit(x.marker_span[0], x.marker_span[1] - 1, str(n)))
            edits += _shift_lines(body, x, len(str(n)) - len(str(x.number)))
    return edits, number


def _shift_lines(body: str, it: Item, delta: int) -> list[Edit]:
    """Edits moving the lines of ``it`` after its first one, those indented to its content,
    by ``delta`` columns (spaces added or taken away)."""
    edits = []
    start = body.find("\n", it.span[0], it.content_end) + 1
    while 0 < start < it.content_end:
        end = body.find("\n", start, it.content_end)
        line = body[start : it.content_end if end < 0 else end]
        indent = len(line) - len(line.lstrip(" "))
        if delta and line.strip() and indent >= it.content_indent:
            edits.append(
                Edit(start, start, " " * delta) if delta > 0 else Edit(start, start - delta, "")
            )
        start = end + 1
    return edits


def _token(base: Item, keep: bool, number: int | None) -> str:
    """``base``'s marker, with ``number`` (or ``base``'s own when not ``keep``)."""
    if base.number is None or (keep and number is None):
        return base.marker
    return f"{base.number if number is None else number}{base.marker[-1]}"


def _cut(body: str, lst: Sequence[Item], it: Item) -> Edit:
    """Delete an item and the blank lines that separated it from its list or text."""
    i = lst.index(it)
    if i + 1 < len(lst):
        return Edit(it.span[0], lst[i + 1].span[0], "")
    return cut_last(body, it.span[0], it.content_end)


def _place(body, o, address, prev, nxt, parent, core, t, sep, ordered):
    """The insertion of the item text ``core`` between ``prev`` and ``nxt``."""
    if nxt is not None:
        return Edit(nxt.span[0], nxt.span[0], core + t + sep)
    if prev is not None:
        return put_after(body, prev.content_end, core, t, sep)
    if parent is not None:  # first child of an item
        return put_after(body, parent.content_end, core, t, _house_sep(body, o, True, ordered))
    sp = address[0]
    y = content_end_before(body, o.section(sp).content_span[1] if sp else o.preamble[1])
    if y is None:  # an empty preamble: before the first section
        x = next_content_start(body, 0)
        return Edit(x, x, core + t + (t if x < len(body) else ""))
    return put_after(body, y, core, t, t)


def _kind(marker: str) -> str:
    """What tells lists apart: the bullet character, or the delimiter after a number."""
    return marker[-1] if marker[0].isdigit() else marker


def _neighbours(
    sibs: Sequence[Item], k: int, kind: str, join: str | None = None
) -> tuple[Item | None, Item | None]:
    """The items before and after index ``k``; at a boundary between two lists, an item
    joins the list ``join`` names ("previous" or "next"), else the previous list when only
    it is of the item's kind, else the next."""
    prev, nxt = (sibs[k - 1] if k else None), (sibs[k] if k < len(sibs) else None)
    if prev is None or nxt is None or prev.list_no == nxt.list_no:
        return prev, nxt
    if join is None:
        join = "previous" if _kind(prev.marker) == kind != _kind(nxt.marker) else "next"
    return (prev, None) if join == "previous" else (prev, nxt)


def side(body: str, address: ItemAddress) -> str | None:
    """Which list an item at a boundary of two lists is in: "previous" when it is the last
    of its list and another list follows, "next" when it is the first and another precedes,
    else None. Pass it as ``join`` to move the item back to where it was."""
    o = parse(body)
    sibs = _siblings(o, address)[0]
    i = address[1][-1]
    it = sibs[i]
    if (
        i + 1 < len(sibs)
        and sibs[i + 1].list_no != it.list_no
        and i
        and (sibs[i - 1].list_no == it.list_no)
    ):
        return "previous"
    if (
        i
        and sibs[i - 1].list_no != it.list_no
        and i + 1 < len(sibs)
        and (sibs[i + 1].list_no == it.list_no)
    ):
        return "next"
    return None


def _reindent(body: str, it: Item, indent: str | None, token: str) -> str:
    """The item's text with marker ``token`` at ``indent``, its other lines shifted to match."""
    core = body[it.span[0] : it.content_end]
    old = body[it.span[0] : it.marker_span[0]]
    ind = old if indent is None else indent
    delta = len(ind) + len(token) - len(old) - (it.marker_span[1] - it.marker_span[0])
    first, *rest = _PIECES.findall(core)
    out = [ind + token + first[it.marker_span[1] - it.span[0] :]]
    for ln in rest:
        if ln.strip() and delta > 0:
            ln = " " * delta + ln
        elif ln.strip() and delta < 0:
            ln = ln[min(-delta, len(ln) - len(ln.lstrip(" "))) :]
        out.append(ln)
    return "".join(out)


def _item_head(title: str | None, colon: str, text: str) -> str:
    if title is None:
        return text
    bold = f"**{title}:**" if colon == "inside" else f"**{title}**" + (":" if colon else "")
    return bold + (" " + text if text else "")


def add_item(
    body: str, address: ItemAddress, text: str = "", title: str | None = None, marker: str = "-"
) -> list[Edit]:
    """Insert an item so that it gets ``address``: ``**title**`` (if given) then ``text``.

    It joins the list of the item it lands before (else after), in that list's style: marker,
    number, indent, spacing, a bold title's colon and the blank lines between items. A new
    list (no sibling items) uses ``marker``.
    """
    check_line(text, "item text")
    check_line(title, "an item title")
    if not _MARKER.fullmatch(marker):
        raise OutlineError(f"not a list marker: {marker!r}")
    o, nl = parse(body), body_newline(body)
    raw, parent = _siblings(o, address)
    k = address[1][-1]
    if not 0 <= k <= len(raw):
        raise OutlineError(f"no place {address} for an item")
    prev, nxt = _neighbours(raw, k, _kind(marker))
    ref = nxt if nxt is not None else prev
    edits, indent, gap, sep = [], " " * parent.content_indent if parent else "", " ", nl
    if ref is not None:
        lst = _list(raw, ref)
        pos = lst.index(nxt) if nxt is not None else len(lst)
        edits, number = _renumber(body, lst, [*lst[:pos], _NEW, *lst[pos:]], _NEW)
        marker = _token(ref, False, number)
        indent = body[ref.span[0] : ref.marker_span[0]]
        gap = body[ref.marker_span[1] : ref.content_start] or " "
        sep = _list_sep(body, lst)
        sep = (
            _house_sep(body, o, parent is not None, ref.number is not None) if sep is None else sep
        )
    colon = next((x.colon for x in raw if x.title is not None), "")
    head = _item_head(title or None, colon, text)
    core = indent + marker + (gap + head if head else "")
    edits.append(_place(body, o, address, prev, nxt, parent, core, nl, sep, marker[0].isdigit()))
    expected = shape(o, body)
    item_list(expected, address).insert(k, [title or None, text.strip(), []])
    return commit(body, edits, expected.__eq__)


def remove_item(body: str, address: ItemAddress) -> list[Edit]:
    """Delete an item with its sub-items and continuation lines."""
    o = parse(body)
    it = o.item(address)
    lst = _list(_siblings(o, address)[0], it)
    edits = _renumber(body, lst, [x for x in lst if x is not it], None)[0]
    edits.append(_cut(body, lst, it))
    expected = shape(o, body)
    item_list(expected, address).pop(address[1][-1])
    return commit(body, edits, expected.__eq__)


def rename_item(
    body: str, address: ItemAddress, title: str | None = None, text: str | None = None
) -> list[Edit]:
    """Change an item's bold title and/or its text (None: unchanged; title "": no bold)."""
    check_line(text, "item text")
    check_line(title, "an item title")
    o = parse(body)
    it = o.item(address)
    new_title = it.title if title is None else (title or None)
    new_text = it.text if text is None else text
    if (new_title, new_text) == (it.title, it.text):
        return []
    cs, (a, b) = it.content_start, it.text_span
    pad = "" if body[it.head_end - 1 : it.head_end] in (" ", "\t") else " "
    if (new_title is None) != (it.title is None):
        raw = _siblings(o, address)[0]
        colon = it.colon or next((x.colon for x in raw if x.title is not None), "")
        head = _item_head(new_title, colon, new_text)
        if head:
            edits = [Edit(cs, b, (pad if cs == it.marker_span[1] else "") + head)]
        else:  # nothing left after the marker: no trailing space either
            edits = [Edit(it.marker_span[1], b, "")]
    else:
        edits = []
        if new_title != it.title:
            edits.append(Edit(*it.title_span, new_title))
        if new_text != it.text and it.text and new_text:
            edits.append(Edit(a, b, new_text))
        elif new_text != it.text:
            edits.append(Edit(it.head_end, b, pad + new_text if new_text else ""))
    expected = shape(o, body)
    own(item_list(expected, address), address[1][-1])[:2] = [new_title, new_text]
    return commit(body, edits, expected.__eq__)


def move_item(body: str, src: ItemAddress, dst: ItemAddress, join: str | None = None) -> list[Edit]:
    """Move an item (with its sub-items) so that it gets the address ``dst``.

    Within a list, across lists and sections, and across depths: the marker follows the list
    it joins and its lines are re-indented by the change in marker column. Where ``dst`` is
    the boundary of two lists, ``join`` ("previous" or "next") says which one; the move back
    passes ``side(body, src)``, so that an item that was the last of its list returns there.
    """
    o, nl = parse(body), body_newline(body)
    it = o.item(src)
    if (tuple(src[0]), tuple(src[1])) == (tuple(dst[0]), tuple(dst[1])):
        return []
    src_raw = _siblings(o, src)[0]
    raw, parent = _siblings(o, dst, skip=it)
    sibs = [x for x in raw if x is not it]
    k = dst[1][-1]
    if not 0 <= k <= len(sibs):
        raise OutlineError(f"no place {dst} for an item")
    prev, nxt = _neighbours(sibs, k, _kind(it.marker), join)
    ref = nxt if nxt is not None else prev
    src_list = _list(src_raw, it)
    same = ref is not None and raw is src_raw and ref.list_no == it.list_no
    edits, number, sep = [], None, None
    if ref is not None:
        before = [x for x in raw if x.list_no == ref.list_no]
        rest = [x for x in before if x is not it]
        pos = rest.index(nxt) if nxt is not None else len(rest)
        edits, number = _renumber(body, before, [*rest[:pos], it, *rest[pos:]], it)
        sep = _list_sep(body, before, it)
    if not same:
        edits += _renumber(body, src_list, [x for x in src_list if x is not it], None)[0]
    indent = None
    if not same:
        indent = body[ref.span[0] : ref.marker_span[0]] if ref else ""
        indent = " " * parent.content_indent if ref is None and parent else indent
    if ref is None:  # a new list: a numbered one starts at 1
        token = it.marker if it.number is None else "1" + it.marker[-1]
    else:
        token = _token(it if same else ref, same, number)
    core = _reindent(body, it, indent, token)
    t = body[it.content_end : stop_of(body, it.content_end)] or nl
    nested = parent is not None
    if sep is None and (len(src[1]) > 1) == nested:  # the source list's spacing, same depth
        sep = _list_sep(body, src_list)
    ordered = token[0].isdigit()
    sep = _house_sep(body, o, nested, ordered) if sep is None else sep
    edits += [
        _cut(body, src_list, it),
        _place(body, o, dst, prev, nxt, parent, core, t, sep, ordered),
    ]
    expected = shape(o, body)
    node = item_list(expected, src).pop(src[1][-1])
    item_list(expected, dst).insert(k, node)
    return commit(body, edits, expected.__eq__)
