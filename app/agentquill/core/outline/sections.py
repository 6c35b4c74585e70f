"""Section operations: rename, add, remove and move a section with its subsections and items."""

from __future__ import annotations

import re

from ..text import Edit
from .editing import body_newline, check_line, commit, cut, insert, own, sec_list, sep_before, shape
from .model import OutlineError, SectionPath, parse
from .scan import content_end_before, next_content_start, stop_of


def rename_section(body: str, path: SectionPath, title: str) -> list[Edit]:
    """Retitle a section in its own syntax; a setext underline as long as the title stays so."""
    o = parse(body)
    sec = o.section(path)
    if title == sec.title:
        return []
    check_line(title, "a title")
    a, b = sec.title_span
    edits = [Edit(a, b, " " + title if a == b and body[a - 1 : a] == "#" else title)]
    u = sec.underline_span
    if u and u[1] - u[0] == len(sec.title):
        edits.append(Edit(u[0], u[1], body[u[0]] * max(1, len(title))))
    expected = shape(o, body)
    own(sec_list(expected, path[:-1]), path[-1])[1] = title
    return commit(body, edits, expected.__eq__)


def _heading_text(kind: str, level: int, title: str, colon: str, nl: str) -> str:
    if kind == "atx" and 1 <= level <= 6:
        return "#" * level + " " + title
    if kind == "setext" and level in (1, 2):
        return title + nl + "=-"[level - 1] * max(1, len(title))
    if kind == "bold":
        return {"inside": f"**{title}:**", "outside": f"**{title}**:"}.get(colon, f"**{title}**")
    raise OutlineError(f"no {kind!r} heading at level {level}")


def add_section(
    body: str, path: SectionPath, title: str, content: str = "", kind: str | None = None
) -> list[Edit]:
    """Insert a section so that it gets ``path``, with ``content`` under its heading.

    Style comes from the neighbouring sibling (before, else after): kind (unless ``kind``),
    level, a bold label's colon, blank lines after the heading and between sections.
    Without siblings: ``##`` (or one level below the parent), one blank line around.
    """
    check_line(title, "a title")
    o, nl = parse(body), body_newline(body)
    if not path:
        raise OutlineError("a section path needs at least one index")
    parent = o.section(path[:-1]) if len(path) > 1 else None
    sibs = parent.children if parent else o.sections
    k = path[-1]
    if not 0 <= k <= len(sibs):
        raise OutlineError(f"no place {path} for a section")
    near = sibs[k - 1] if k else (sibs[0] if sibs else None)
    kind = kind or (near.kind if near else "atx")
    level = near.level if near else (parent.level + 1 if parent else 2)
    colon = near.colon if near and near.kind == "bold" else "inside"
    core = _heading_text(kind, level, title, colon, nl)
    text = content.strip("\r\n")
    if text:
        h = near.heading_span[1] if near else len(body)
        n = next_content_start(body, h)
        gap = body[h:n] if n < len(body) else nl
        core += nl + gap + nl.join(re.split(r"\r?\n", text))
    sep = sep_before(body, near.span[0], nl) if near else nl
    x = sibs[k].span[0] if k < len(sibs) else (parent.span[1] if parent else len(body))
    original = shape(o, body)

    def check(shape: list) -> bool:
        got = sec_list(shape, path[:-1])
        if k >= len(got) or got[k][:2] != [kind, title]:
            return False
        got.pop(k)
        return shape == original

    return commit(body, [insert(body, x, core, nl, sep)], check)


def remove_section(body: str, path: SectionPath) -> list[Edit]:
    """Delete a section with its subsections, and the blank lines that separated it."""
    o = parse(body)
    sec = o.section(path)
    expected = shape(o, body)
    sec_list(expected, path[:-1]).pop(path[-1])
    return commit(body, [cut(body, *sec.span)], expected.__eq__)


def move_section(body: str, src: SectionPath, dst: SectionPath) -> list[Edit]:
    """Move a section (text verbatim, subsections included) so that it gets the path ``dst``.

    Only blank-line separation is fixed. The heading keeps its syntax and level, so ``dst``
    must be a place where that level fits (else :class:`OutlineError`).
    """
    o, nl = parse(body), body_newline(body)
    sec = o.section(src)
    if tuple(src) == tuple(dst):
        return []
    if not dst:
        raise OutlineError("a section path needs at least one index")
    expected = shape(o, body)
    node = sec_list(expected, src[:-1]).pop(src[-1])
    parent, sibs = None, [s for s in o.sections if s is not sec]
    for i in dst[:-1]:
        if not 0 <= i < len(sibs):
            raise OutlineError(f"no place {dst} for a section")
        parent = sibs[i]
        sibs = [c for c in parent.children if c is not sec]
    k = dst[-1]
    if not 0 <= k <= len(sibs):
        raise OutlineError(f"no place {dst} for a section")
    sec_list(expected, dst[:-1]).insert(k, node)
    x = sibs[k].span[0] if k < len(sibs) else (parent.span[1] if parent else len(body))
    start, end = sec.span
    cend = content_end_before(body, end)
    stop = stop_of(body, cend)
    sep = body[stop:end] if end < len(body) else sep_before(body, start, nl)
    block = insert(body, x, body[start:cend], body[cend:stop] or nl, sep)
    return commit(body, [cut(body, start, end), block], expected.__eq__)
