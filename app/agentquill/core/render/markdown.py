"""Markdown → HTML fragments for the preview: python-markdown, split into blocks, cached, safe.

The body is split into its top-level blocks (:func:`split_blocks`, the idea of ReText's
mdx_posmap done by splitting): each block knows its source line, is rendered on its own and
cached by its text, so a keystroke re-renders one block and a line anchor goes at the start of
each block. A block's HTML does not depend on its line or on the theme (code colours are CSS
classes), so blocks shifted by an edit above them or shown in the other theme stay cached.

Agent files are written for GitHub, so the input is nudged towards CommonMark before
python-markdown sees it: fences may be indented (inside list items) and are highlighted with
pygments; nested list content is re-indented to python-markdown's 4-space grid; a list may
interrupt a paragraph. Raw HTML is shown as text except a few harmless inline tags; images
become links, so QTextBrowser never loads anything.
"""

from __future__ import annotations

import bisect
import html
import re
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from html import escape
from typing import NamedTuple

from ..text import common_length
from .code import code_block

_FENCE = re.compile(r"(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_MARKER = re.compile(r"(?P<marker>[-*+]|(?P<num>\d{1,9})[.)])(?P<space>[ \t]+|$)")
_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_EMPTY_BLOCK = re.compile(r"<(h[1-6]|p)>\s*</\1>\s*")
_HR = re.compile(r"(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_MAYBE_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.M)
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")
_REF_DEF = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*\S")
_LEADING_TAGS = re.compile(
    r"(?:\s*<(?:p|h[1-6]|ol|ul|li|blockquote|table|thead|tbody|tr|th|td|pre)\b[^>]*>)*"
)
_SAFE_SCHEMES = ("http:", "https:", "mailto:", "#")
_URL_DROPS = re.compile(r"[\t\n\r]")  # what a URL parser removes from inside a link
_LOOK_CLOSER = frozenset("#-*_+0123456789>=`~ \t\r") | {""}  # first characters


class Block(NamedTuple):
    """A top-level markdown block: its first line (1-based, in the whole document) and text."""

    line: int
    text: str


# --- splitting -----------------------------------------------------------------------------


def _fence(line: str) -> re.Match | None:
    m = _FENCE.match(line)
    if m and m["fence"][0] == "`" and "`" in m["info"]:
        return None
    return m


def _closes(fence: str, line: str) -> bool:
    s = line.strip()
    return len(s) >= len(fence) and s.startswith(fence) and s == s[0] * len(s)


def _starts(kind: str | None, line: str, gap: bool) -> str | None:
    """The kind of top-level block ``line`` starts, or None when it continues ``kind``."""
    stripped = line.lstrip(" \t")
    indent = len(line) - len(stripped)
    if indent:
        if kind in ("list", "code") or not gap:
            return None
        if indent >= 4:
            return "code"
        return "list" if _MARKER.match(stripped) else "para"
    if _HEADING.match(line):
        return "heading"
    if not gap and kind == "para" and _UNDERLINE.match(line):
        return None  # a setext underline
    if _HR.match(line):
        return "hr"
    m = _MARKER.match(line)
    if m:
        if kind == "list":
            return None
        interrupts = kind in ("para", "quote") and m["num"] in (None, "1")
        return "list" if gap or interrupts else None
    if line.startswith(">"):
        if kind == "quote":
            return None
        return "quote" if gap or kind == "para" else None
    return "para" if gap or kind == "code" else None


def _plain_indented(raw: str) -> bool:
    return not raw.isspace() and "``" not in raw and "~~" not in raw


# A block start: its line index and offset, and the scan's state before that line (the kind
# of block open, and whether the line before ended one). No fence is open at a block start.
_Start = tuple[int, int, "str | None", bool]
_last_split: tuple[str, list[_Start]] = ("", [])  # the body split last, for the next split


def split_blocks(body: str, first_line: int = 1) -> list[Block]:
    """The top-level blocks of ``body``, whose first line is line ``first_line``.

    When ``body`` is an edit of the body split last, only the lines around the change are
    scanned again (see :func:`_resplit`)."""
    global _last_split
    starts = _resplit(*_last_split, body)
    _last_split = (body, starts)
    ends = [offset for _, offset, *_ in starts[1:]] + [len(body)]
    return [
        Block(first_line + i, body[offset:end].rstrip())
        for (i, offset, *_), end in zip(starts, ends, strict=False)
    ]


def _resplit(old: str, old_starts: list[_Start], body: str) -> list[_Start]:
    """The block starts of ``body`` from those of ``old``.

    ``body`` is read as pieces of ``old`` (:func:`_unchanged`) and changed text between them.
    The scan goes through the changed text; on meeting, inside a piece, a block start that
    ``old`` has there in the same state, it takes ``old``'s starts in that piece as they are,
    and scans again from the last of them (whose block may run past the piece)."""
    if body == old:
        return old_starts
    pieces = _unchanged(old, body)
    piece_starts = [p[0] for p in pieces]
    offsets = [s[1] for s in old_starts]

    def meet(offset: int, kind: str | None, gap: bool) -> tuple[int, int, int] | None:
        """``(first, last, shift)``: the old starts ``first`` (at ``offset``, in this state)
        up to ``last`` (excluded) hold here, moved by ``shift``; None when fewer than two."""
        new_start, new_end, old_start = pieces[bisect.bisect_right(piece_starts, offset) - 1]
        shift = new_start - old_start
        first = bisect.bisect_left(offsets, offset - shift)
        if offset >= new_end or first == len(offsets) or offsets[first] != offset - shift:
            return None
        if old_starts[first][2:] != (kind, gap):
            return None
        last = bisect.bisect_left(offsets, new_end - shift) - 1  # its state is known here
        return (first, last, shift) if last > first else None

    starts: list[_Start] = []
    i, pos, kind, gap = 0, 0, None, True
    while True:
        found, met = _scan(body, i, pos, kind, gap, meet)
        starts += found
        if met is None:
            return starts
        (first, last, shift), lines = met
        lines -= old_starts[first][0]
        starts += [(s[0] + lines, s[1] + shift, s[2], s[3]) for s in old_starts[first:last]]
        i, pos, kind, gap = old_starts[last]
        i, pos = i + lines, pos + shift


def _unchanged(old: str, body: str) -> list[tuple[int, int, int]]:
    """``(start, end, old start)`` of the pieces of ``body`` that are text of ``old``, in
    order: the common head and tail (whole lines), and, when the text between is ``old``'s
    with two parts swapped (a block moved), those two parts."""
    n = min(len(old), len(body))
    head = common_length(old, body, n, 1)
    head = old.rfind("\n", 0, head) + 1
    end = len(old) - common_length(old, body, n - head, -1)  # where old's tail starts
    if end and old[end - 1] != "\n":
        end = old.find("\n", end) + 1 or len(old)
    shift = len(body) - len(old)
    k, stop = _swap(old, body, head, end)
    if not k:
        return [(0, head, 0), (end + shift, len(body), end)]
    moved = stop - head - k  # body's text from head is old's [head + k, stop), then [head, k)
    swapped = [(head, head + moved, head + k), (head + moved, stop + shift, head)]
    return [(0, head, 0), *swapped, (stop + shift, len(body), stop)]


def _swap(old: str, body: str, head: int, end: int, tries: int = 8) -> tuple[int, int]:
    """``(k, stop)`` when ``body[head:]`` starts with ``old[head + k:stop]`` followed by
    ``old[head:head + k]`` (a block moved up, or the block above it moved down); ``(0, end)``
    when it does not. ``old`` and ``body`` differ from ``head`` to ``end``, and ``stop`` may
    lie past ``end``: both blocks often end alike (with blank lines, a closing line), and the
    common tail then holds the end of the moved block."""
    shift = len(body) - len(old)
    was, now = old[head:end], body[head : end + shift]
    if len(was) != len(now) or len(was) < 2:
        return 0, end
    probe = now[: min(64, now.find("\n") + 1 or len(now))]  # the first line of the block
    top = was[: min(64, was.find("\n") + 1 or len(was))]  # and of the text it passed
    k = 0
    for _ in range(tries):
        k = was.find(probe, k + 1)
        if k < 0:
            break
        moved = len(was) - k
        if not now.startswith(was[k:]):
            continue
        stolen = now.find(top, moved) - moved  # the block's end, taken by the tail
        stop = end + stolen
        if stolen >= 0 and body[head : stop + shift] == old[head + k : stop] + old[head : head + k]:
            return k, stop
    return 0, end


def _scan(body: str, i: int, pos: int, kind: str | None, gap: bool, meet: Callable):
    """The block starts of ``body`` from line ``i`` at offset ``pos``, in state ``kind`` and
    ``gap``, and None; or, when ``meet(offset, kind, gap)`` at a block start says what holds
    from there, the starts before it and ``(what meet said, the start's line index)``."""
    starts: list[_Start] = []
    fence: str | None = None
    size = len(body)
    while pos <= size:
        end = body.find("\n", pos)
        end = size if end < 0 else end
        raw, offset, pos = body[pos:end], pos, end + 1
        first, m = raw[:1], None
        if fence is None and first not in _LOOK_CLOSER:  # the common case: a text line
            new = "para" if gap or kind == "code" else None
        elif first == " " and kind == "list" and fence is None and _plain_indented(raw):
            new = None  # list content: the other common case
        else:
            line = raw.rstrip("\r")
            if fence is not None:
                if _closes(fence, line):
                    fence, gap = None, True
                i += 1
                continue
            if not line.strip():
                gap = True
                i += 1
                continue
            m = _fence(line) if "``" in line or "~~" in line else None
            if m:
                fence = m["fence"]
                new = None if m["indent"] and kind == "list" else "fence"
            else:
                new = _starts(kind, line, gap)
        if new is not None or kind is None:
            holds = meet(offset, kind, gap)
            if holds is not None:
                return starts, (holds, i)
            starts.append((i, offset, kind, gap))
            kind = new or "para"
        gap = new in ("heading", "hr") or (
            new is None and kind == "para" and not m and _UNDERLINE.match(raw) is not None
        )
        i += 1
    return starts, None


def reference_definitions(body: str) -> str:
    """Link reference definitions (``[id]: url``) anywhere in ``body``: each block needs them."""
    if "]:" not in body:
        return ""
    return "\n".join(ln for ln in body.split("\n") if _REF_DEF.match(ln))


# --- python-markdown set-up (imported on first use) ----------------------------------------

_TRIGGERS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "aq_tags": ("<",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "nl": ("\n",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}
_SAFE_TAGS = "b|i|em|strong|u|s|del|ins|sub|sup|kbd|code|small|var|samp|cite|dfn|tt"


def _build(nl2br: bool):
    """A python-markdown instance with our fences, list nudging and safety."""
    import markdown
    from markdown.extensions.nl2br import Nl2BrExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.inlinepatterns import InlineProcessor
    from markdown.preprocessors import Preprocessor
    from markdown.treeprocessors import Treeprocessor

    class Fences(Preprocessor):
        """Fenced code at any indentation → a highlighted table in the HTML stash."""

        def run(self, lines: list[str]) -> list[str]:
            text = "\n".join(lines)
            if "``" not in text and "~~" not in text:
                return normalize_lists(lines) if _MAYBE_LIST.search(text) else lines
            out: list[str] = []
            i = 0
            while i < len(lines):
                m = _fence(lines[i]) if "``" in lines[i] or "~~" in lines[i] else None
                if not m:
                    out.append(lines[i])
                    i += 1
                    continue
                j = i + 1
                while j < len(lines) and not _closes(m["fence"], lines[j]):
                    j += 1
                code = "\n".join(_dedent(ln, len(m["indent"])) for ln in lines[i + 1 : j])
                stash = self.md.htmlStash.store(code_block(code, m["info"]))
                out += ["", m["indent"] + stash, ""]
                i = j + 1
            return normalize_lists(out)

    class SafeTags(InlineProcessor):
        """``<br>`` and a few inline tags without attributes become elements."""

        def handleMatch(self, m, data):  # noqa: N802 - python-markdown's API
            from xml.etree.ElementTree import Element

            el = Element(m.group(1).lower() if m.group(1) else "br")
            el.text = m.group(2)
            return el, m.start(0), m.end(0)

    class Safety(Treeprocessor):
        """Images → links; only web, mail and in-page links; tables get borders."""

        def run(self, root):
            for el in root.iter():
                if el.tag == "img":
                    src, alt = el.get("src", ""), el.get("alt", "") or "image"
                    el.tag, el.text = "a", f"[image: {alt}]"
                    el.attrib = {"href": src}
                if el.tag == "a":
                    href = _safe_href(el.get("href", ""))
                    if href is None:
                        el.attrib.pop("href", None)
                    else:
                        el.set("href", href)
                elif el.tag == "table":
                    el.attrib.update(
                        {"class": "md", "border": "1", "cellspacing": "0", "cellpadding": "5"}
                    )

    # instances, not names: a name costs a scan of every installed package's entry points
    extensions = [TableExtension(), SaneListExtension()] + ([Nl2BrExtension()] if nl2br else [])
    md = markdown.Markdown(extensions=extensions, lazy_ol=False)
    md.preprocessors.deregister("html_block")
    md.preprocessors.register(Fences(md), "aq_fences", 25)
    md.inlinePatterns.deregister("html")
    # the content stops at another opening of its tag: each opening is then scanned up to the
    # next one at most, where ``.+?`` alone scanned to the end for every unclosed ``<b>``
    tags = rf"<br\s*/?>|<({_SAFE_TAGS})>((?:(?!<\1>).)+?)</\1>"
    md.inlinePatterns.register(SafeTags(tags, md), "aq_tags", 175)
    md.inlinePatterns["aq_tags"].compiled_re = re.compile(tags, re.I | re.S)
    md.treeprocessors.register(Safety(md), "aq_safety", 15)
    md.aq_patterns = {}  # trigger set → inline patterns (see _convert)
    return md


def _safe_href(href: str) -> str | None:
    """``href`` as the page will read it, or None when it names a scheme other than web, mail
    or in-page.

    Checked after entities are decoded (``javascript&#58;…`` is ``javascript:…`` to Qt), to a
    fixed point so ``&amp;#58;`` cannot decode once more after the check, and without the
    spaces and controls a URL parser ignores.
    """
    for _ in range(8):
        decoded = html.unescape(href)
        if decoded == href:
            break
        href = decoded
    else:
        return None
    href = _URL_DROPS.sub("", href).strip("\x00 \x0b\x0c")
    scheme = re.split(r"[/?#]", href, maxsplit=1)[0]
    return href if ":" not in scheme or href.lower().startswith(_SAFE_SCHEMES) else None


def _dedent(line: str, n: int) -> str:
    strip = len(line) - len(line.lstrip(" "))
    return line[min(n, strip) :]


def normalize_lists(lines: list[str]) -> list[str]:
    """Re-indent list items' content (CommonMark columns) to python-markdown's 4-space grid."""
    out: list[str] = []
    stack: list[tuple[int, int]] = []  # open items: (content column in source, in output)
    blank = True
    for line in lines:
        stripped = line.lstrip(" ")
        if not stripped:
            out.append(line)
            blank = True
            continue
        indent = len(line) - len(stripped)
        m = _MARKER.match(stripped) if not _HR.match(stripped) else None
        if m and (stack or indent < 4):
            while stack and indent < stack[-1][0]:
                stack.pop()
            base = stack[-1][1] if stack else 0
            space = len(m["space"])
            src = indent + len(m["marker"]) + (space if 1 <= space <= 4 else 1)
            stack.append((src, base + 4))
            marker = m["marker"].replace(")", ".")
            line = f"{' ' * base}{marker} {stripped[m.end() :]}".rstrip()
        elif stack:
            while blank and stack and indent < stack[-1][0]:
                stack.pop()
            if stack:
                src, dst = stack[-1]
                line = " " * (dst + max(indent - src, 0)) + stripped
        out.append(line)
        blank = False
    return out


#: quotes and lists opened on one line (``- - - x``, ``> > > x``): past this many the rest
#: reads as text, since python-markdown nests a block for each and reads the whole line again
#: at each (a 200 KB line of ``- `` took the preview 3.7 s, of ``> `` 6.5 s)
_MAX_CHAIN = 8
_DEEP = re.compile(
    rf"^[ \t]*(?:(?:>|(?:[-*+]|\d{{1,9}}[.)])[ \t])[ \t]*){{{_MAX_CHAIN}}}"
    r"(?:(?=>|[-*+][ \t])|\d{1,9}(?=[.)][ \t]))",
    re.M,
)


def _cut_deep(text: str) -> tuple[str, int]:
    """``text`` with the marker that would open block :data:`_MAX_CHAIN` + 1 on a line escaped
    (``\\>``, ``\\-``, ``1\\.``), and how many were."""

    def cut(m: re.Match[str]) -> str:
        end = text.find("\n", m.end())
        if _HR.match(text[m.start() : len(text) if end < 0 else end].strip()):
            return m[0]  # ``- - - - - - - - - -`` is a rule, not lists
        return m[0] + "\\"

    return _DEEP.subn(cut, text)


_local = threading.local()


def _markdown(nl2br: bool):
    mds = getattr(_local, "mds", None)
    if mds is None:
        mds = _local.mds = {}
    if nl2br not in mds:
        mds[nl2br] = _build(nl2br)
    return mds[nl2br]


#: python-markdown copies the text for each inline match it makes, and reads it again for
#: each link: its time grows with the count of markup characters (of links) times the length.
#: Past these products (~0.25 s, ~0.6 s) a block shows as plain text: 200 KB of ``\\`` took
#: 5 s, 10 KB of ``[a](b)`` 4.6 s. The corpus's largest are 5.6e6 and 5e4.
_INLINE_BUDGET = 1_000_000_000
_LINK_BUDGET = 2_000_000
_INLINE_MARKS = ("\\", "`", "*", "_", "<", "&", "[")


def _too_costly(text: str, nl2br: bool) -> bool:
    """Whether python-markdown's inline work on ``text`` is past the budgets. Each list item
    is a text of its own to it, so the cost is summed item by item."""
    if len(text) < 2000:
        return False
    marks = links = 0
    for item in _ITEM_START.split(text):
        n = sum(map(item.count, _INLINE_MARKS)) + (item.count("\n") if nl2br else 0)
        marks += n * len(item)
        links += item.count("](") * len(item)
    return marks > _INLINE_BUDGET or links > _LINK_BUDGET


_ITEM_START = re.compile(r"\n(?=[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t])")


def _plain_paragraph(text: str) -> str:
    return f"<p>{escape(text, quote=False).replace(chr(10), '<br />' + chr(10))}</p>"


def _convert(text: str, nl2br: bool = False) -> str:
    """``text`` → HTML, trying only the inline patterns whose trigger characters occur."""
    if _too_costly(text, nl2br):
        return _plain_paragraph(text)
    md = _markdown(nl2br)
    text, cut = _cut_deep(text)
    wanted = tuple(n for n, ts in _TRIGGERS.items() if any(t in text for t in ts))
    if cut and "escape" not in wanted:
        wanted += ("escape",)
    patterns = md.aq_patterns.get(wanted)
    if patterns is None:
        reg = md.inlinePatterns
        names = sorted((n for n in wanted if n in reg), key=reg.get_index_for_name)
        patterns = md.aq_patterns[wanted] = [reg[n] for n in names]
    md.treeprocessors["inline"].inlinePatterns = patterns
    return md.reset().convert(text)


# --- rendering with a cache ----------------------------------------------------------------

#: (block text, reference definitions) → (the part shown: the block's HTML with its anchor
#: inserted at the position given, and the anchor's name; None for a block that shows nothing
#: and "" for one that shows nothing but counts as a block)
_CACHE: OrderedDict[tuple[str, str], tuple[str | None, int, str | None]] = OrderedDict()
_CACHE_SIZE = 8192
_lock = threading.Lock()


def clear_cache() -> None:
    """Forget every cached block (for tests and benchmarks)."""
    with _lock:
        _CACHE.clear()


_NOT_PLAIN = re.compile(r"[`\\<\[!&*_\t\r|\x02\x03#]|  \n|^[ >=+\-\d~]", re.M)
_PLAIN_HEADING = re.compile(r"(#{1,6})[ \t]+([^`\\<\[!&*_\t\r\n|\x02\x03#]+?)[ \t]*")


def plain_html(text: str) -> str | None:
    """The HTML python-markdown makes of a heading or paragraph without any markup, made
    directly (a third of all blocks; each python-markdown call costs ~0.1 ms)."""
    if text.startswith("#"):
        m = _PLAIN_HEADING.fullmatch(text)
        if m is None:
            return None
        n = len(m[1])
        return f"<h{n}>{m[2].replace('>', '&gt;')}</h{n}>"
    if _NOT_PLAIN.search(text):
        return None
    return f"<p>{text.replace('>', '&gt;')}</p>"


def _block_html(text: str, refs: str) -> tuple[str | None, int, str | None]:
    """What :data:`_CACHE` holds for a block."""
    key = (text, refs)
    with _lock:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    out = plain_html(text)
    if out is None:
        out = _convert(f"{text}\n\n{refs}" if refs else text)
    pos = _LEADING_TAGS.match(out).end()
    if _EMPTY_BLOCK.fullmatch(out):
        value = (None, pos, None)
    elif out.startswith("<hr") or not out:  # Qt drops an anchor in a rule
        value = (f"{out}\n" if out else "", pos, None)
    else:
        name = f"b-{zlib.crc32(text.encode()):08x}"
        value = (f'{out[:pos]}<a name="{name}"></a>{out[pos:]}\n', pos, name)
    with _lock:
        _CACHE[key] = value
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


def render_body(body: str, first_line: int = 1) -> str:
    """HTML of ``body`` with an anchor at the start of each top-level block (see
    :func:`render_body_parts`)."""
    return "".join(render_body_parts(body, first_line)[0])


def render_body_parts(body: str, first_line: int = 1) -> tuple[list[str], dict[str, int]]:
    """One HTML string per top-level block, and each block anchor's 1-based source line.

    An anchor is named after its block's text (``b-<crc32>``; a repeat adds the crc32 of the
    block before it, then a count), not its line or its place among repeats, so an edit that
    shifts or moves blocks leaves the other blocks' HTML the same and the preview can keep
    them. It sits inside the block's first tag, so Qt makes no empty paragraph;
    a horizontal rule gets none (Qt drops it there). An empty heading (``#``) shows nothing
    and is left out: Qt would drop it and hand its anchor to the next block."""
    refs = reference_definitions(body)
    parts: list[str] = []
    lines: dict[str, int] = {}
    previous = ""
    for line, text in split_blocks(body, first_line):
        part, pos, name = _block_html(text, refs)
        if part is None:
            continue
        if name is not None:
            if name in lines:  # a repeat is told apart by the block before it, then a count
                anchor = f'<a name="{name}"></a>'
                name = base = f"{name}-{zlib.crc32(previous.encode()):08x}"
                repeat = 1
                while name in lines:
                    repeat += 1
                    name = f"{base}-{repeat}"
                part = f'{part[:pos]}<a name="{name}"></a>{part[pos + len(anchor) :]}'
            lines[name] = line
        if part:
            parts.append(part)
        previous = text
    return parts, lines


@lru_cache(maxsize=512)
def render_prose(text: str) -> str:
    """Markdown with line breaks kept (descriptions), without line anchors."""
    return _convert(text, nl2br=True)
