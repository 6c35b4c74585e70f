"""What the sections tree shows, and where a drop or a move puts a node (no widgets here).

A :class:`Node` is one row: the preamble (when it holds items), a section, or a list item.
Built nodes hold no address, so a section whose text is unchanged keeps its very node when
it moves; :func:`walk` and the tree give *located* nodes, which carry their outline address.
A node's ``key`` names it by titles rather than position, so the tree can keep a row
expanded or selected while the rows around it move.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ...core.outline import Item, ItemAddress, Outline, Section, SectionPath, bold_head

PREAMBLE, SECTION, ITEM = "preamble", "section", "item"
ABOVE, BELOW, ON, END = "above", "below", "on", "end"


class Node(NamedTuple):
    """One row of the tree. ``address`` is a section path or an item address in a located
    node, None in a built one."""

    kind: str
    address: SectionPath | ItemAddress | None
    key: tuple[str, ...]
    title: str | None  # a section's title, an item's bold title
    text: str  # an item's text after its title; a section's first line of text
    marker: str  # an item's list marker; for a section, its heading syntax
    edit: str  # what inline editing starts from
    colon: str = ""
    counts: tuple[int, int] = (0, 0)  # child items, child sections
    children: tuple[Node, ...] = ()

    @property
    def row(self) -> Node:
        """The node without its children: what one row of the tree holds."""
        return _new(Node, (*self[:9], ())) if self.children else self

    def at(self, address: SectionPath | ItemAddress) -> Node:
        """This row (without children) located at ``address``."""
        return _new(Node, (self[0], address, *self[2:9], ()))

    @property
    def looks(self) -> tuple:
        """What a row shows of the node."""
        return (self.kind, self.title, self.text, self.marker, self.edit, self.colon, self.counts)


_new = tuple.__new__  # a Node from all its fields, without the keyword machinery


def build(body: str, outline: Outline, known: dict[str, Node] | None = None) -> tuple[Node, ...]:
    """The rows of ``outline``: the preamble's items (if any), then the sections.

    ``known`` maps the text of each top-level section of an earlier build to its node. A
    section whose text is there reuses that node wherever it now is (a built node depends
    only on its text), and ``known`` is left holding this build's sections.
    """
    built: dict[str, Node] = {}
    roots = []
    for sec in outline.sections:
        text = body[sec.span[0] : sec.span[1]]
        node = known.get(text) if known else None
        if node is None:
            node = _section(body, sec, ())
        built[text] = node
        roots.append(node)
    roots = tuple(roots)
    if known is not None:
        known.clear()
        known.update(built)
    if not outline.items:
        return roots
    items = tuple(_item(body, it, _PREAMBLE_KEY) for it in outline.items)
    counts = (len(items), 0)
    return (
        Node(PREAMBLE, None, _PREAMBLE_KEY, "Introduction", "", "", "", "", counts, items),
        *roots,
    )


_PREAMBLE_KEY = ("¶",)


def _section(body: str, sec: Section, parent: tuple[str, ...]) -> Node:
    key = (*parent, "§" + sec.title)
    items = tuple(_item(body, it, key) for it in sec.items)
    subs = tuple(_section(body, s, key) for s in sec.children)
    marker = "**" if sec.kind == "bold" else "#" * sec.level
    counts = (len(items), len(subs))
    a, b = sec.content_span
    text = next((ln.strip() for ln in body[a:b].splitlines() if ln.strip()), "")
    return Node(
        SECTION, None, key, sec.title, text, marker, sec.title, sec.colon, counts, items + subs
    )


def _item_key(it: Item) -> str:
    return "•" + (it.text if it.title is None else it.title)


def _item(body: str, it: Item, parent: tuple[str, ...]) -> Node:
    key = (*parent, _item_key(it))
    kids = tuple(_item(body, c, key) for c in it.children)
    edit = body[it.content_start : max(it.text_span[1], it.head_end)]
    counts = (len(kids), 0)
    return Node(ITEM, None, key, it.title, it.text, it.marker, edit, it.colon, counts, kids)


def key_at(outline: Outline, kind: str, address) -> tuple[str, ...]:
    """The key of the node of ``kind`` at ``address``, as :func:`build` gives it."""
    if kind == PREAMBLE:
        return _PREAMBLE_KEY
    sp, ip = (address, ()) if kind == SECTION else address
    key = tuple("§" + outline.section(sp[: n + 1]).title for n in range(len(sp)))
    key = key or _PREAMBLE_KEY
    return key + tuple(_item_key(outline.item((sp, ip[: n + 1]))) for n in range(len(ip)))


def start_of(outline: Outline, node: Node) -> int:
    """The body offset of a section's heading or an item's first line (0: the preamble)."""
    if node.kind == SECTION:
        return outline.section(node.address).heading_span[0]
    return outline.item(node.address).span[0] if node.kind == ITEM else 0


def walk(nodes: tuple[Node, ...]) -> Iterator[Node]:
    """Every node of a build, located, in document order."""
    top = 0
    for node in nodes:
        if node.kind == PREAMBLE:
            yield node.at(())
            yield from _walk_items(node.children, (), ())
        else:
            yield from _walk_section(node, (top,))
            top += 1


def _walk_section(node: Node, path: SectionPath) -> Iterator[Node]:
    yield node.at(path)
    items = node.counts[0]
    yield from _walk_items(node.children[:items], path, ())
    for i, sub in enumerate(node.children[items:]):
        yield from _walk_section(sub, (*path, i))


def _walk_items(nodes: tuple[Node, ...], sp: SectionPath, parent: SectionPath) -> Iterator[Node]:
    for i, node in enumerate(nodes):
        ip = (*parent, i)
        yield node.at((sp, ip))
        yield from _walk_items(node.children, sp, ip)


def split_head(value: str) -> tuple[str, str]:
    """An edited item head (``**Title**: text``) as ``(title, text)``; title "" for none."""
    value = value.strip()
    head = bold_head(value) if value.startswith("**") else None
    if head is None:
        return "", value
    return head[0], value[head[2] :].strip()


# ---------------------------------------------------------------- where nodes go


def _without(path: SectionPath, src: SectionPath) -> SectionPath | None:
    """``path`` (an index or an insertion point among the original nodes) once ``src`` is
    taken out; None when ``path`` lies inside ``src``."""
    n = len(src) - 1
    if len(path) <= n or tuple(path[:n]) != tuple(src[:n]) or path[n] < src[n]:
        return tuple(path)
    if path[n] == src[n] and len(path) > n + 1:
        return None
    return (*path[:n], path[n] - 1, *path[n + 1 :]) if path[n] > src[n] else tuple(path)


def with_node(path: SectionPath, src: SectionPath) -> SectionPath:
    """The original path of a node given by its path once ``src`` is taken out (the inverse
    of :func:`_without` for nodes outside ``src``)."""
    n = len(src) - 1
    if len(path) <= n or tuple(path[:n]) != tuple(src[:n]) or path[n] < src[n]:
        return tuple(path)
    return (*path[:n], path[n] + 1, *path[n + 1 :])


def drop_target(outline: Outline, node: Node, target: Node | None, where: str):
    """The address ``node`` moves to when dropped ``where`` (ABOVE, BELOW, ON a ``target``,
    or at the END of the tree), in the form ``move_section``/``move_item`` take; None when
    it cannot go there. Items go among items or into a section; sections among sections."""
    if node.kind == SECTION:
        if where == END or target is None:
            return _without((len(outline.sections),), node.address)
        if target.kind != SECTION:
            return None
        tp = target.address
        if where == ON:
            dst = (*tp, len(outline.section(tp).children))
        else:
            dst = (*tp[:-1], tp[-1] + (where == BELOW))
        if tuple(tp[: len(node.address)]) == tuple(node.address):
            return None  # into itself
        return _without(dst, node.address)
    if node.kind != ITEM or target is None or where == END:
        return None
    sp, ip = node.address
    if target.kind == ITEM:
        tsp, tip = target.address
        if where == ON:
            dst = (*tip, len(outline.item(target.address).children))
        else:
            dst = (*tip[:-1], tip[-1] + (where == BELOW))
    elif where == ABOVE:
        return None
    else:
        tsp = target.address
        dst = (len(outline.items_at(tsp)),) if where == ON else (0,)
    if tuple(tsp) != tuple(sp):
        return (tsp, dst)
    moved = _without(dst, ip)
    return None if moved is None else (tsp, moved)


def step_target(outline: Outline, node: Node, step: str):
    """Where ``up``/``down`` (among siblings) or ``in``/``out`` (items only: under the item
    above / after the parent item) moves ``node``; None at a boundary."""
    vertical = step in ("up", "down")
    if node.kind == SECTION and vertical:
        path = node.address
        sibs = outline.section(path[:-1]).children if len(path) > 1 else outline.sections
        k = path[-1] + (1 if step == "down" else -1)
        return (*path[:-1], k) if 0 <= k < len(sibs) else None
    if node.kind != ITEM:
        return None
    sp, ip = node.address
    sibs = outline.item((sp, ip[:-1])).children if len(ip) > 1 else outline.items_at(sp)
    k = ip[-1]
    if vertical:
        k += 1 if step == "down" else -1
        return (sp, (*ip[:-1], k)) if 0 <= k < len(sibs) else None
    if step == "in":
        return (sp, (*ip[:-1], k - 1, len(sibs[k - 1].children))) if k else None
    return (sp, (*ip[:-2], ip[-2] + 1)) if len(ip) > 1 else None
