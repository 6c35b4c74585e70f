"""Rendering an example in a description's house style, and minimal edits of the examples and
the intro (unchanged examples keep their exact text)."""

from __future__ import annotations

from ..text import Edit
from .model import (
    ASSISTANTS,
    DEFAULT_STYLE,
    QUOTES,
    ROLES,
    Example,
    Examples,
    Style,
    Turn,
    encode,
    parse,
)

# --- rendering ---------------------------------------------------------------------------------


def render_example(example: Example, style: Style = DEFAULT_STYLE) -> str:
    """``<example>…</example>`` in ``style``: context, turns up to the first assistant turn,
    extra lines (first of all when inline), commentary, the remaining turns. Context and
    unquoted texts are one line; an inline style writes every line break as a space."""
    br = " " if style.inline else "\n" + style.indent

    def flat(text: str) -> str:
        return text.replace("\n", br)

    parts = []
    if example.context:
        context = example.context.replace("\n", " ")
        parts.append(f"<context>{flat(context)}</context>" if style.tags else f"Context: {context}")
    extra = [s for line in example.extra.split("\n") if (s := line.strip())]
    if extra and style.inline:
        parts.insert(0, " ".join(extra))
    turns = [_render_turn(turn, style, flat) for turn in example.turns]
    slot = next(
        (i + 1 for i, t in enumerate(example.turns) if t.role.lower() in ASSISTANTS),
        len(turns),
    )
    parts += turns[:slot]
    if extra and not style.inline:
        parts += extra
    if example.commentary:
        if style.commentary_block and not style.inline:
            parts.append(f"<commentary>{br}{flat(example.commentary)}{br}</commentary>")
        else:
            parts.append(f"<commentary>{flat(example.commentary)}</commentary>")
    parts += turns[slot:]
    text = f"<example>{style.open}{style.join.join(parts)}{style.close}</example>"
    return encode(text, style.newline)


def _render_turn(turn: Turn, style: Style, flat) -> str:
    role, text = turn.role, turn.text
    if style.tags and role.lower() in ROLES:
        return f"<{role}>{flat(text)}</{role}>"
    quote = style.quote
    ambiguous = not text or "\n" in text or text[0] in QUOTES or text[-1] in QUOTES
    if not quote and (ambiguous or role.lower() not in ROLES):
        quote = '"'  # else the text would not read back the same
    return f"{role}: {quote}{flat(text)}{quote}"


# --- operations --------------------------------------------------------------------------------


def replace_example(description: str, index: int, example: Example) -> list[Edit]:
    """Replace example ``index``; [] when ``example`` equals the parsed one."""
    doc = parse(description)
    old = doc.examples[_check(index, len(doc.examples))]
    if old.example == example:
        return []
    return _minimal_edit(description, *old.span, render_example(example, doc.style))


def insert_example(description: str, index: int, example: Example) -> list[Edit]:
    """Insert ``example`` so that it becomes example ``index`` (0 … count)."""
    doc = parse(description)
    found = doc.examples
    _check(index, len(found) + 1)
    text = render_example(example, doc.style)
    gap = encode(doc.style.gap, doc.style.newline)
    if not found:
        at = doc.intro_span[1]
        return [Edit(at, at, (gap if at else "") + text)]
    if index < len(found):
        at = found[index].span[0]
        return [Edit(at, at, text + gap)]
    at = found[-1].span[1]
    return [Edit(at, at, gap + text)]


def remove_example(description: str, index: int) -> list[Edit]:
    """Remove example ``index`` with one separator (the following one, or the preceding one
    for the last example)."""
    doc = parse(description)
    start, end, _ = _cut(description, doc, _check(index, len(doc.examples)))
    return [Edit(start, end, "")]


def move_example(description: str, src: int, dst: int) -> list[Edit]:
    """Move example ``src`` to position ``dst``; its text and its separator move verbatim."""
    doc = parse(description)
    found = doc.examples
    _check(src, len(found))
    _check(dst, len(found))
    if src == dst:
        return []
    start, end, gap = _cut(description, doc, src)
    text = description[slice(*found[src].span)]
    others = found[:src] + found[src + 1 :]
    if dst < len(others):
        insert = Edit(others[dst].span[0], others[dst].span[0], text + gap)
    else:
        insert = Edit(others[-1].span[1], others[-1].span[1], gap + text)
    return [Edit(start, end, ""), insert]


def set_intro(description: str, intro: str) -> list[Edit]:
    """Replace the prose before the first example (all of it when there is none). Trailing
    whitespace is dropped: the separator before the first example stays as it is."""
    doc = parse(description)
    intro = intro.rstrip()
    if intro == doc.intro:
        return []
    text = encode(intro, doc.style.newline)
    start, end = doc.intro_span
    if doc.examples and not intro:
        return [Edit(0, doc.examples[0].span[0], "")]
    if doc.examples and not end:  # no intro yet: it takes the place of what precedes the first
        gap = encode(doc.style.gap, doc.style.newline)
        return _minimal_edit(description, 0, doc.examples[0].span[0], text + gap)
    return _minimal_edit(description, start, end, text)


def _check(index: int, count: int) -> int:
    if not 0 <= index < count:
        raise IndexError(f"example index {index} out of range 0..{count - 1}")
    return index


def _cut(description: str, doc: Examples, index: int) -> tuple[int, int, str]:
    """The range that removes example ``index`` and one separator, and that separator."""
    found = doc.examples
    start, end = found[index].span
    if len(found) == 1:
        if doc.intro_span[1]:
            return doc.intro_span[1], end, description[doc.intro_span[1] : start]
        if doc.outro_span[0] == len(description):  # only white space after it: that stays,
            return start, end, ""  # as it was before insert_example put the example there
        return start, doc.outro_span[0], description[end : doc.outro_span[0]]
    if index + 1 < len(found):
        after = found[index + 1].span[0]
        return start, after, description[end:after]
    before = found[index - 1].span[1]
    return before, end, description[before:start]


def _minimal_edit(text: str, start: int, end: int, new: str) -> list[Edit]:
    """One edit replacing ``text[start:end]`` with ``new``, trimmed to the part that differs."""
    edit = Edit(start, end, new).trimmed(text)
    return [] if edit.empty else [edit]
