"""Field operations on the frontmatter, each returning minimal, verified edits.

``set_value``, ``add_key``, ``remove_key``, ``rename_key`` and ``repair`` take the document
text and return a list of :class:`~agentquill.core.text.Edit` (``rewrite``, for the roundtrip
check, writes a field anew with its own value). Every candidate edit is applied
to a copy and re-read: the touched field must hold exactly the requested value, every other
field must be unchanged, the body untouched, and the block no less readable (by YAML and by
Claude Code) than before. A candidate that fails is never returned; when none passes, the
operation raises :class:`EditRefused`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from ..text import Edit, EditError, apply_edits, detect_newline, line_start, next_line_start
from . import emit
from .claude import claude_verdict
from .model import Field, Parsed
from .reader import parse

_TIER_RANK = {"yaml": 0, "recovered": 1, "tolerant": 2}
_BLOCK_STYLES = ("literal", "folded", "block-seq", "block-map")


class EditRefused(ValueError):
    """No edit could be verified to do exactly what was asked."""


def same(a: Any, b: Any) -> bool:
    """Equal values of the same types (``True`` is not ``1``; NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def same_pairs(a: list[tuple[str, Any]], b: list[tuple[str, Any]]) -> bool:
    """The same (key, value) pairs in the same order, values by :func:`same`."""
    return len(a) == len(b) and all(
        k1 == k2 and same(v1, v2) for (k1, v1), (k2, v2) in zip(a, b, strict=True)
    )


def _newline(text: str, at: int) -> str:
    """The line break used by the line containing ``at`` (for new lines written there)."""
    nl = text.find("\n", at)
    if nl > 0 and text[nl - 1] == "\r":
        return "\r\n"
    if nl < 0:
        return detect_newline(text).preferred
    return "\n"


def _colon_end(text: str, f: Field) -> int:
    return text.index(":", f.key_span[1]) + 1


def _house_indent(parsed: Parsed, styles: tuple[str, ...], default: int) -> int:
    for f in parsed.fields:
        if f.style in styles and f.valid:
            return f.indent
    return default


def _candidates(
    value: Any, f: Field | None, parsed: Parsed, nl: str, source: str = ""
) -> Iterator[tuple[str, bool]]:
    """(text, is_block) renderings of ``value``, the field's own style first; ``source``, the
    text of a broken value written over several lines, is first written anew with its lines."""
    style = f.style if f is not None and f.valid else ""
    indent = f.indent if style in _BLOCK_STYLES and f is not None else 0
    if isinstance(value, str):

        def scalar_indent() -> int:  # only for a block: it looks through every field
            return indent or _house_indent(parsed, emit.BLOCK_SCALAR_STYLES, 2)

        by_style = {
            "plain": lambda: emit.plain(value),
            "single": lambda: emit.single(value),
            "double": lambda: emit.double(value),
            "literal": lambda: emit.literal(value, scalar_indent(), nl),
            "folded": lambda: emit.folded(value, scalar_indent(), nl),
            "refolded": lambda: emit.refolded(source, scalar_indent(), nl),
        }
        order = ["literal", "double"] if "\n" in value else ["plain", "single", "double"]
        if "'" in value and emit.double(value) == f'"{value}"':
            order.remove("double")  # "it's" reads better than 'it''s'
            order.insert(1, "double")
        if "\n" in source:
            order.insert(0, "refolded")
        if style in by_style:
            order.insert(0, style)
        for name in dict.fromkeys(order):
            text = by_style[name]()
            if text is not None:
                yield text, name in (*emit.BLOCK_SCALAR_STYLES, "refolded")
    elif isinstance(value, list):
        seq_indent = indent if style == "block-seq" else _house_indent(parsed, ("block-seq",), 2)
        if style == "flow-seq" and f is not None:
            yield from _flow_seq_candidates(value, f, parsed.text)
        if not value:
            yield "[]", False
        yield emit.block_seq(value, seq_indent, nl), True
        flow = emit.flow_seq(value)
        if flow is not None:
            yield flow, False
    elif isinstance(value, dict):
        if style == "flow-map" or not value:
            yield emit.flow_map(value), False
        yield emit.dump_block(value, indent if style == "block-map" else 2, nl), True
        yield emit.flow_map(value), False
    else:
        yield emit.scalar(value), False


def _flow_seq_candidates(value: list[Any], f: Field, text: str) -> Iterator[tuple[str, bool]]:
    source = text[f.value_span[0] : f.value_span[1]]
    inner = source[1:-1].strip()
    quote = inner[:1] if inner[:1] in ("'", '"') else ""
    padded = source.startswith("[ ") and source.endswith(" ]")
    flow = emit.flow_seq(value, quote, padded)
    if flow is not None:
        yield flow, False


def _render(text: str, f: Field, rendered: str, is_block: bool) -> Edit:
    """An edit writing ``rendered`` as the value of field ``f``: from its colon to its end."""
    start, end = _colon_end(text, f), f.value_span[1]
    ends_line = end > start and text[end - 1] == "\n"
    if is_block and not rendered.startswith(("|", ">")):  # a collection on the next lines
        value_line = line_start(text, f.value_span[0])
        gap = text[start:value_line] if value_line > start else _newline(text, start)
        body = gap + rendered
    else:
        body = " " + rendered if rendered else ""
    if not ends_line and body.endswith("\n"):
        body = body[:-2] if body.endswith("\r\n") else body[:-1]
    elif ends_line and not body.endswith("\n"):
        body += _newline(text, end - 1)
    return Edit(start, end, body)


def _field_text(key: str, rendered: str, is_block: bool, nl: str) -> str:
    """A whole new ``key: value`` line (or lines)."""
    head = emit.key(key) + ":"
    if is_block and not rendered.startswith(("|", ">")):
        return head + nl + rendered
    if is_block:
        return f"{head} {rendered}"
    return f"{head} {rendered}{nl}" if rendered else head + nl


def _pairs(parsed: Parsed) -> list[tuple[str, Any]]:
    return [(f.key, f.value) for f in parsed.fields]


def _check(
    old: Parsed,
    new_text: str,
    expected: list[tuple[str, Any]],
    touched: str | None,
    new: Parsed | None = None,
) -> bool:
    """The new text (``new``: its parse, when the caller has it) reads as ``expected``, the body
    is untouched and nothing got less readable."""
    new = parse(new_text) if new is None else new
    if new.frontmatter is None or old.body != new.body:
        return False
    if not same_pairs(_pairs(new), expected):
        return False
    old_rank = _TIER_RANK[old.frontmatter.tier] if old.frontmatter else 0
    if _TIER_RANK[new.frontmatter.tier] > old_rank:
        return False
    if touched is not None and not all(f.valid for f in new.fields if f.key == touched):
        return False
    return claude_verdict(new_text, new).parses or not claude_verdict(old.text, old).parses


def _first_verified(
    text: str, old: Parsed, edits: Iterator[Edit], expected: list[tuple[str, Any]], key: str
) -> list[Edit]:
    for edit in edits:
        try:
            edit = edit.trimmed(text)
            new_text = apply_edits(text, [edit])
        except EditError:  # a value with no span of its own to replace (an alias): not this way
            continue
        if _check(old, new_text, expected, key):
            return [] if edit.empty else [edit]
    raise EditRefused(f"could not write {key!r} without changing other fields")


def _index(parsed: Parsed, key: str) -> int:
    for i, f in enumerate(parsed.fields):
        if f.key == key:
            return i
    raise KeyError(key)


def _set_field(text: str, parsed: Parsed, i: int, value: Any, keep_style: bool) -> list[Edit]:
    f = parsed.fields[i]
    expected = _pairs(parsed)
    expected[i] = (f.key, value)
    nl = _newline(text, f.key_span[0])
    source = "" if keep_style else _broken_source(text, f)
    renderings = _candidates(value, f if keep_style else None, parsed, nl, source)
    edits = (_render(text, f, rendered, is_block) for rendered, is_block in renderings)
    return _first_verified(text, parsed, edits, expected, f.key)


def set_value(text: str, key: str, value: Any, parsed: Parsed | None = None) -> list[Edit]:
    """Edits that make field ``key`` hold ``value`` (added at the end when missing).

    ``parsed`` is the text's parse, when the caller has it. A duplicated key: the first field
    of that name (the one the form shows).
    """
    parsed = parse(text) if parsed is None else parsed
    if parsed.get(key) is None:
        return add_key(text, key, value, parsed=parsed)
    i = _index(parsed, key)
    if same(parsed.fields[i].value, value):
        return []  # even for a field only the tolerant reader reads: see repair()
    return _set_field(text, parsed, i, value, keep_style=True)


def add_key(
    text: str, key: str, value: Any, after: str | None = None, parsed: Parsed | None = None
) -> list[Edit]:
    """Edits that add ``key: value`` after field ``after`` (default: last), or a new block."""
    parsed = parse(text) if parsed is None else parsed
    if parsed.frontmatter is None:
        if parsed.unterminated:
            raise EditRefused("the frontmatter has no closing '---' line")
        nl = detect_newline(text).preferred
        opening = "---" + nl
        (edit,) = _added(opening + "---" + nl + text, key, value, after)
        return [Edit(0, 0, opening + edit.text + "---" + nl)]
    if parsed.get(key) is not None:
        raise EditRefused(f"{key!r} is already set")
    return _added(text, key, value, after, parsed)


def _added(
    text: str, key: str, value: Any, after: str | None, parsed: Parsed | None = None
) -> list[Edit]:
    parsed = parse(text) if parsed is None else parsed
    fm = parsed.frontmatter
    assert fm is not None
    if after is not None and parsed.get(after) is not None:
        i = _index(parsed, after) + 1
        at = min(_field_lines(text, parsed.fields[i - 1])[1], fm.end)
    else:
        i, at = len(parsed.fields), fm.end
    nl = _newline(text, max(at - 1, 0))
    expected = _pairs(parsed)
    expected.insert(i, (key, value))
    edits = (
        Edit(at, at, _field_text(key, rendered, is_block, nl))
        for rendered, is_block in _candidates(value, None, parsed, nl)
    )
    return _first_verified(text, parsed, edits, expected, key)


def rewrite(text: str, parsed: Parsed, i: int) -> list[Edit]:
    """Edits that write field ``i`` of ``parsed`` (the text's parse) anew with its own value, in
    its own style where that style holds it: ``[]`` where the writer writes it as it is found
    (known without reading the text again), else a verified rewriting (:class:`EditRefused`
    when none reads back as the same value)."""
    edit = _first_writing(text, parsed, i, keep_style=True)
    if text[edit.start : edit.end] == edit.text:
        return []
    return _set_field(text, parsed, i, parsed.fields[i].value, keep_style=True)


def rewrite_together(text: str, parsed: Parsed, indexes: list[int]) -> list[Edit] | None:
    """Edits that write the fields ``indexes`` anew as :func:`rewrite` writes each, all at once
    with one check that the result reads as the same values; None when it does not (then
    :func:`rewrite` each, to learn which). One parse, where a check per field is one each."""
    return _together(text, parsed, indexes, keep_style=True)


def _first_writing(text: str, parsed: Parsed, i: int, keep_style: bool) -> Edit:
    """The edit that writes field ``i`` with its own value in the writer's first choice."""
    f = parsed.fields[i]
    nl = _newline(text, f.key_span[0])
    source = "" if keep_style else _broken_source(text, f)
    rendered, is_block = next(_candidates(f.value, f if keep_style else None, parsed, nl, source))
    return _render(text, f, rendered, is_block)


def _broken_source(text: str, f: Field) -> str:
    """The source of a value no YAML reader reads (read as a folded plain scalar), else ''."""
    return text[f.value_span[0] : f.value_span[1]] if f.style == "invalid" else ""


def _field_lines(text: str, f: Field) -> tuple[int, int]:
    """The lines a field occupies, from its key's line to the end of its value."""
    end = f.value_span[1]
    end = end if end > 0 and text[end - 1] == "\n" else next_line_start(text, end)
    return line_start(text, f.key_span[0]), end


def remove_key(text: str, key: str, parsed: Parsed | None = None) -> list[Edit]:
    """Edits that delete field ``key`` and its lines (``parsed``: as for :func:`set_value`)."""
    parsed = parse(text) if parsed is None else parsed
    if parsed.get(key) is None:
        return []
    i = _index(parsed, key)
    start, end = _field_lines(text, parsed.fields[i])
    expected = _pairs(parsed)
    del expected[i]
    return _first_verified(text, parsed, iter([Edit(start, end, "")]), expected, key)


def remove_together(text: str, keys: list[str], parsed: Parsed | None = None) -> list[Edit] | None:
    """Edits that delete the fields ``keys`` (each named once; the first of a key written twice,
    as :func:`remove_key` takes) all at once, with one check that every other field reads as it
    did; None when that does not hold (then :func:`remove_key` each, each verified)."""
    parsed = parse(text) if parsed is None else parsed
    gone = set(keys)
    spans, expected = [], []
    for f in parsed.fields:
        if f.key in gone:
            if f.value_span[0] < f.key_span[1]:  # an alias: its node lies at the anchor
                return None
            spans.append(_field_lines(text, f))
            gone.discard(f.key)
        else:
            expected.append((f.key, f.value))
    if len(keys) < 2 or len(spans) != len(keys):
        return None
    edits = [Edit(start, end, "") for start, end in spans]
    try:
        new_text = apply_edits(text, edits)
    except EditError:  # a value with no lines of its own (an alias to an anchor above)
        return None
    anchors = set(ANCHOR.findall("".join(text[start:end] for start, end in spans)))
    if anchors and anchors & set(ALIAS.findall(new_text)):
        return None  # an anchor the fields left use: known without reading the text again
    return edits if _check(parsed, new_text, expected, None) else None


#: an anchor (``&name``) or an alias (``*name``) in YAML text, by name, where a token starts
ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&([^\s,\[\]{}]+)")
ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*([^\s,\[\]{}]+)")


def rename_key(text: str, old: str, new: str, parsed: Parsed | None = None) -> list[Edit]:
    """Edits that rename field ``old`` to ``new``, keeping its value text (``parsed``: as for
    :func:`set_value`)."""
    parsed = parse(text) if parsed is None else parsed
    if old == new or parsed.get(old) is None:
        return []
    if parsed.get(new) is not None:
        raise EditRefused(f"{new!r} is already set")
    i = _index(parsed, old)
    f = parsed.fields[i]
    expected = _pairs(parsed)
    expected[i] = (new, f.value)
    edit = Edit(f.key_span[0], f.key_span[1], emit.key(new))
    return _first_verified(text, parsed, iter([edit]), expected, new)


def repair(text: str, parsed: Parsed | None = None) -> list[Edit]:
    """Edits that rewrite every field YAML cannot read as valid YAML with the same value.

    All at once in each field's first writing, with one check of the result; field by field,
    each verified, when that does not read back (a check per field: seconds for thousands).
    """
    parsed = parse(text) if parsed is None else parsed
    broken = [i for i, f in enumerate(parsed.fields) if not f.valid]
    together = _repair_together(text, parsed, broken)
    if together is not None:
        return together
    edits: list[Edit] = []
    current, current_parsed = text, parsed
    for i in reversed(broken):  # from the end, so earlier offsets stay put
        value = current_parsed.fields[i].value
        edits += _set_field(current, current_parsed, i, value, keep_style=False)
        current = apply_edits(text, edits)
        current_parsed = parse(current)
    if broken and (current_parsed.frontmatter is None or current_parsed.frontmatter.tier != "yaml"):
        raise EditRefused("the frontmatter has problems beyond its field values")
    return sorted(edits, key=lambda e: e.start)


def _repair_together(text: str, parsed: Parsed, broken: list[int]) -> list[Edit] | None:
    """``repair``'s edits made together, or None when they do not read back as they should."""
    if len(broken) < 2:
        return None
    return _together(text, parsed, broken, keep_style=False, valid_yaml=True)


def _together(
    text: str, parsed: Parsed, indexes: list[int], keep_style: bool, valid_yaml: bool = False
) -> list[Edit] | None:
    """Each field of ``indexes`` written in its first writing, all at once, when that reads as
    the same values (and, for ``valid_yaml``, as valid YAML in every field); else None."""
    try:
        edits = [_first_writing(text, parsed, i, keep_style).trimmed(text) for i in indexes]
        edits = [e for e in edits if not e.empty]
        new_text = apply_edits(text, edits)
    except (EditError, StopIteration):
        return None
    if not edits and not valid_yaml:
        return []  # each is written as it stands: nothing to read back
    new = parse(new_text)
    if valid_yaml and (
        new.frontmatter is None
        or new.frontmatter.tier != "yaml"
        or not all(f.valid for f in new.fields)
    ):
        return None
    if not _check(parsed, new_text, _pairs(parsed), None, new):
        return None
    return sorted(edits, key=lambda e: e.start)
