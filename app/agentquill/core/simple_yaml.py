"""A fast reader for the simple frontmatter most agent files have.

Top-level ``key: value`` lines whose values are one-line plain or quoted scalars, one-line
flow lists of those, or literal block scalars (``|``, ``|-``, ``|+``), with blank lines and
top-level comments between them, are read here without PyYAML.
Anything else (collections, folded blocks, multi-line plain scalars, tabs, indented comments)
returns ``None`` and the caller uses PyYAML. The fields are exactly those the PyYAML path
gives; a test holds the two paths equal over generated documents and the corpus.
"""

from __future__ import annotations

import functools
import re

import yaml

from . import frontmatter as fm

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
# unrolled loops: a run of plain characters, then (escape + run)*; fast on long strings
_DOUBLE = re.compile(r'"([^"\\\x00-\x1f\x7f]*(?:\\[^\x00-\x1f][^"\\\x00-\x1f\x7f]*)*)"')
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
    "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_FLOW_ITEM = re.compile(
    r""" *("(?:[^"\\\x00-\x1f\x7f]|\\[^\x00-\x1f])*"|'(?:[^'\x00-\x1f\x7f]|'')*'"""
    r"""|[^\s,\[\]{}#'"][^,\[\]{}#]*?) *(,|\])"""
)
_SINGLE = re.compile(r"'([^'\x00-\x1f\x7f]*(?:''[^'\x00-\x1f\x7f]*)*)'")
_AFTER_QUOTE = re.compile(r"(?: +(?:#.*)?)?")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# the complement of YAML's printable set, tab included: a small positive class is fast
_NON_PRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
# what YAML reads back from an escape must itself be allowed in a value
_NON_PRINTABLE_VALUE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(" *")
_NEXT_CONTENT = re.compile(r"(?: *\n)*")  # blank lines up to the next line with content
_RESOLVER = yaml.resolver.Resolver()
_TYPED_STARTS = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k)


def read(text: str, start: int, end: int) -> list[fm.Field] | None:
    """The fields of ``text[start:end]``, or None when it is not simple enough for this reader."""
    source = text[start:end]
    if _NON_PRINTABLE.search(source):  # also rules out \r and \t
        return None
    fields: list[fm.Field] = []
    pos = 0
    while pos < len(source):  # the block ends with a line break, so every line has one
        nl = source.index("\n", pos)
        line = source[pos:nl]
        if not line.strip() or line[0] == "#":  # blank lines and top-level comments
            pos = nl + 1
            continue
        m = _KEY.match(line)
        if m is None:
            return None
        rest = line[m.end() :]
        if rest.startswith("|"):
            field, pos = _literal(source, start, pos, nl, m, rest)
        else:
            field = None if _continues(source, nl + 1) else _inline(start + pos, m, rest, line)
            pos = nl + 1
        if field is None:
            return None
        fields.append(field)
    return fields


def _continues(source: str, at: int) -> bool:
    """The next line with content is indented: a multi-line value, left to PyYAML."""
    if source[at : at + 1] not in (" ", "\n"):  # the usual case: the next key
        return False
    at = _NEXT_CONTENT.match(source, at).end()
    return source[at : at + 1] == " "


def _inline(at: int, m: re.Match[str], rest: str, line: str) -> fm.Field | None:
    key = m.group(1)
    key_span = (at, at + len(key))
    v0 = at + m.end()
    if not rest:
        return None if line.endswith(" ") else fm.Field(key, None, key_span, (v0, v0), "empty")
    if rest[0] in "\"'":
        q = (_DOUBLE if rest[0] == '"' else _SINGLE).match(rest)
        value = _unquote(q.group(0)) if q else None
        if value is None or not _AFTER_QUOTE.fullmatch(rest, q.end()):
            return None
        style = "double" if rest[0] == '"' else "single"
        return fm.Field(key, value, key_span, (v0, v0 + q.end()), style)
    if rest[0] == "[":
        items, end = _flow_list(rest)
        if items is None or not _AFTER_QUOTE.fullmatch(rest, end):
            return None
        return fm.Field(key, items, key_span, (v0, v0 + end), "flow-seq")
    comment = rest.find(" #")
    text = (rest if comment < 0 else rest[:comment]).rstrip(" ")
    if not text or text[0] in _INDICATORS or ": " in text or text.endswith(":"):
        return None
    return fm.Field(key, _typed(text), key_span, (v0, v0 + len(text)), "plain")


def _typed(text: str) -> object:
    """A plain scalar's value: text, or the bool, number or null it resolves to."""
    if text[0] not in _TYPED_STARTS:  # only these can resolve to bool, int, float, null…
        return text
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    return text if tag == fm.STR_TAG else fm.construct(yaml.ScalarNode(tag, text))


def _unquote(quoted: str) -> str | None:
    """The value of a one-line quoted scalar, or None for an escape YAML rejects."""
    inner = quoted[1:-1]
    if quoted[0] == "'":
        return inner.replace("''", "'")
    if "\\" not in inner:
        return inner
    bad = False

    def unescape(m: re.Match[str]) -> str:
        nonlocal bad
        code = m.group(1)
        if len(code) > 1:
            return chr(int(code[1:], 16))
        if code not in _ESCAPES:
            bad = True
            return ""
        return _ESCAPES[code]

    value = _ESCAPE.sub(unescape, inner)
    return None if bad or _NON_PRINTABLE_VALUE.search(value) else value


def _flow_list(rest: str) -> tuple[list[object] | None, int]:
    """Items of a one-line ``[a, 'b', "c"]`` of scalars, and where it ends."""
    if re.match(r"\[ *\]", rest):
        return [], rest.index("]") + 1
    items: list[object] = []
    pos = 1
    while True:
        m = _FLOW_ITEM.match(rest, pos)
        if m is None:
            return None, 0
        token = m.group(1)
        if token[0] in "\"'":
            value = _unquote(token)
            if value is None:
                return None, 0
            items.append(value)
        elif token[0] in _INDICATORS or ": " in token or token.endswith(":"):
            return None, 0
        else:
            items.append(_typed(token))
        pos = m.end()
        if m.group(2) == "]":
            return items, pos


def _literal(
    source: str, offset: int, pos: int, nl: int, m: re.Match[str], rest: str
) -> tuple[fm.Field | None, int]:
    """A ``|`` block scalar with its header on ``source[pos:nl]``; (None, pos) if not simple."""
    if rest not in ("|", "|-", "|+"):
        return None, pos
    lead = _NEXT_CONTENT.match(source, nl + 1)
    indent = _SPACES.match(source, lead.end()).end() - lead.end()
    if indent == 0 or lead.end() + indent >= len(source) or " " * (indent + 1) in lead.group(0):
        return None, pos
    block_end = _block_pattern(indent).match(source, nl + 1).end()
    block = source[nl + 1 : block_end]
    content_end = nl + 1 + len(block.rstrip())
    if _overlong_blank(indent).search(block) or (
        rest == "|+" and source.startswith("#", block_end)
    ):
        return None, pos
    last_break = source.index("\n", content_end)
    body = _dedent(indent).sub("", source[nl + 1 : last_break])
    trailing = source.count("\n", last_break + 1, block_end)
    value = body + {"|": "\n", "|-": "", "|+": "\n" * (trailing + 1)}[rest]
    end = block_end if rest == "|+" else last_break + 1
    key = m.group(1)
    at = offset + pos
    span = (at + m.end(), offset + end)
    return fm.Field(key, value, (at, at + len(key)), span, "literal", indent, rest), end


@functools.lru_cache(maxsize=16)
def _block_pattern(indent: int) -> re.Pattern[str]:
    """Lines that belong to a block indented by ``indent``: content at it, or blank."""
    return re.compile(rf"(?: {{{indent}}}[^\n]*\n| *\n)*")


@functools.lru_cache(maxsize=16)
def _overlong_blank(indent: int) -> re.Pattern[str]:
    """A blank line with spaces beyond the indent: YAML's rules there are left to PyYAML."""
    return re.compile(rf"(?m)^ {{{indent + 1},}}$")


@functools.lru_cache(maxsize=16)
def _dedent(indent: int) -> re.Pattern[str]:
    return re.compile(rf"(?m)^ {{0,{indent}}}")
