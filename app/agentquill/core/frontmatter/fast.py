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
import sys

from .model import Field

# a top-level ``key: rest-of-line`` line, its line break included
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|(?=\n))([^\n]*)\n")
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
_AFTER_QUOTE = re.compile(r"(?: +(?:#.*)?)?")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# the complement of YAML's printable set, tab included: a small positive class is fast
# (NEL, LS and PS too: PyYAML breaks lines at them, where this reader reads one line)
_NON_PRINTABLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_ASCII_CONTROL = bytes((*range(0x0A), *range(0x0B, 0x20), 0x7F))  # its ASCII characters
# what YAML reads back from a numeric escape must itself be allowed in a value
_NON_PRINTABLE_VALUE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(" *")
_NEXT_CONTENT = re.compile(r"(?: *\n)*")  # blank lines up to the next line with content
#: the first characters of a plain scalar PyYAML may read as other than text (its implicit
#: resolvers' keys): only such a scalar needs PyYAML, which a simple file then never loads
_IMPLICIT = frozenset("!&*-+.0123456789<=~yYnNtTfFoO")
#: all a plain scalar starting with a letter can be besides text: PyYAML's bools and nulls
YAML_WORDS = frozenset(
    "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF".split()
    + ["null", "Null", "NULL"]
)


@functools.cache
def _resolvers() -> dict[str, tuple]:
    """First character → (tag, regex) of the implicit types a plain scalar starting with it
    may be."""
    import yaml

    return {k: tuple(v) for k, v in yaml.resolver.Resolver.yaml_implicit_resolvers.items() if k}


def read(text: str, start: int, end: int) -> list[Field] | None:
    """The fields of ``text[start:end]``, or None when it is not simple enough for this reader."""
    source = text[start:end]
    if not _printable(source):  # also rules out \r and \t
        return None
    fields, stop = _read(source, start)
    return fields if stop == len(source) else None


def read_prefix(text: str, start: int, end: int) -> tuple[list[Field], int]:
    """The fields this reader reads from ``start`` on, up to the first line it does not take,
    and the offset of that line (``end`` when it took all): what PyYAML reads of those lines
    alone, as :func:`read` promises for a whole block."""
    bad = _NON_PRINTABLE.search(text, start, end)
    if bad is not None:
        end = text.rfind("\n", start, bad.start()) + 1 or start
    fields, stop = _read(text[start:end], start)
    return fields, start + stop


def _read(source: str, start: int) -> tuple[list[Field], int]:
    """(the fields read from ``source``, the index where reading stopped: its length when it
    read all). ``start`` is where ``source`` begins in the document."""
    fields: list[Field] = []
    pos, size = 0, len(source)
    key_line = _KEY_LINE.match
    while pos < size:
        line_start = pos
        m = key_line(source, pos)
        if m is None:
            nl = source.find("\n", pos)
            line = source[pos:nl]
            if nl >= 0 and (not line.strip() or line[0] == "#"):  # blank, top-level comment
                pos = nl + 1
                continue
            return fields, line_start
        key, rest = m.groups()
        at = start + pos
        v0 = start + m.start(2)
        if rest[:1] == "|":
            field, pos = _literal(source, start, pos, m, rest)
            if field is None:
                return fields, line_start
            fields.append(field)
            continue
        pos = m.end()
        if source[pos : pos + 1] in (" ", "\n") and _continues(source, pos):
            return fields, line_start
        if not rest:
            if m.start(2) > m.end(1) + 1:  # spaces after the colon, then nothing
                return fields, line_start
            fields.append(Field(key, None, (at, at + len(key)), (v0, v0), "empty"))
            continue
        if rest[0] in "\"'[":
            field = _quoted_or_flow(key, (at, at + len(key)), v0, rest)
            if field is None:
                return fields, line_start
            fields.append(field)
            continue
        comment = rest.find(" #")
        text = (rest if comment < 0 else rest[:comment]).rstrip(" ")
        if not text or text[0] in _INDICATORS or ": " in text or text[-1] == ":":
            return fields, line_start
        value = _typed(text) if text[0] in _IMPLICIT else text
        fields.append(Field(key, value, (at, at + len(key)), (v0, v0 + len(text)), "plain"))
    return fields, size


def _printable(source: str) -> bool:
    """No character of ``_NON_PRINTABLE`` in ``source`` (faster scans than the regex's)."""
    if source.isascii():
        return len(source.encode().translate(None, _ASCII_CONTROL)) == len(source)
    # every character of _NON_PRINTABLE is one Python calls unprintable: rule those out first
    return source.replace("\n", "").isprintable() or not _NON_PRINTABLE.search(source)


def _continues(source: str, at: int) -> bool:
    """The next line with content (from a blank or indented line at ``at``) is indented: a
    multi-line value, left to PyYAML."""
    at = _NEXT_CONTENT.match(source, at).end()
    return source[at : at + 1] == " "


def _quoted_or_flow(key: str, key_span: tuple[int, int], v0: int, rest: str) -> Field | None:
    """A one-line quoted scalar or flow list of scalars, starting at ``rest[0]``."""
    if rest[0] == "[":
        items, end = _flow_list(rest)
        if items is None or not _AFTER_QUOTE.fullmatch(rest, end):
            return None
        return Field(key, items, key_span, (v0, v0 + end), "flow-seq")
    end = _quote_end(rest)
    value = _unquote(rest[:end]) if end > 0 else None
    if value is None or not _AFTER_QUOTE.fullmatch(rest, end):
        return None
    style = "double" if rest[0] == '"' else "single"
    return Field(key, value, key_span, (v0, v0 + end), style)


#: a double-quoted scalar: the "unrolled loop" form, linear however many escapes it holds
_DOUBLE_QUOTED = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
#: past this many escapes a value is left to PyYAML's C reader, which unescapes far faster
_MANY_ESCAPES = 1000


def _quote_end(rest: str) -> int:
    """Where the quoted scalar opening ``rest`` ends (after its closing quote), or -1 (the
    caller has ruled out control characters)."""
    if rest[0] == '"':
        q = rest.find('"', 1)
        if q < 0 or rest[q - 1] != "\\":  # no backslash before the first quote: it closes
            return q if q < 0 else q + 1  # (5 MB of escapes: 0.2 s through the expression)
        m = _DOUBLE_QUOTED.match(rest)
        return m.end() if m else -1
    i = 1
    while True:  # '' is a quote inside the scalar
        q = rest.find("'", i)
        if q < 0 or rest[q + 1 : q + 2] != "'":
            return q if q < 0 else q + 1
        i = q + 2


def _typed(text: str) -> object:
    """A plain scalar's value: text, or the bool, number or null it resolves to (as PyYAML's
    resolver would; only a scalar starting with one of ``_IMPLICIT`` can)."""
    if text[0].isalpha() and text not in YAML_WORDS:
        return text
    import yaml

    from .nodes import construct

    for tag, pattern in _resolvers().get(text[0], ()):
        if pattern.match(text):
            return construct(yaml.ScalarNode(tag, text))
    return text


def _unquote(quoted: str) -> str | None:
    """The value of a one-line quoted scalar, or None for an escape YAML rejects (or for more
    escapes than this reader turns quickly)."""
    inner = quoted[1:-1]
    if quoted[0] == "'":
        return inner.replace("''", "'")
    escapes = inner.count("\\")
    if not escapes:
        return inner
    if escapes > _MANY_ESCAPES:
        return None
    bad = False

    def unescape(m: re.Match[str]) -> str:
        nonlocal bad
        code = m.group(1)
        if len(code) > 1:
            point = int(code[1:], 16)
            if point > sys.maxunicode:  # "\U00110000": no such character; PyYAML says why
                bad = True
                return ""
            char = chr(point)
            bad = bad or _NON_PRINTABLE_VALUE.match(char) is not None
            return char
        if code not in _ESCAPES:
            bad = True
            return ""
        return _ESCAPES[code]

    value = _ESCAPE.sub(unescape, inner)  # the other characters were checked by read()
    return None if bad else value


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
            items.append(_typed(token) if token[0] in _IMPLICIT else token)
        pos = m.end()
        if m.group(2) == "]":
            return items, pos


def _literal(
    source: str, offset: int, pos: int, m: re.Match[str], rest: str
) -> tuple[Field | None, int]:
    """A ``|`` block scalar whose header line ``m`` matched at ``pos``; (None, pos) if not
    simple."""
    if rest not in ("|", "|-", "|+"):
        return None, pos
    nl = m.end() - 1
    lead = _NEXT_CONTENT.match(source, nl + 1)
    indent = _SPACES.match(source, lead.end()).end() - lead.end()
    if indent == 0 or lead.end() + indent >= len(source) or " " * (indent + 1) in lead.group(0):
        return None, pos
    block_end = _block_pattern(indent).match(source, nl + 1).end()
    block = source[nl + 1 : block_end]
    content_end = nl + 1 + len(block.rstrip())
    if _overlong_blank(indent).search(source, nl, block_end) or (
        rest == "|+" and source.startswith("#", block_end)
    ):
        return None, pos
    last_break = source.index("\n", content_end)
    body = _dedent(indent).sub("\n", source[nl:last_break])[1:]  # from the header's break
    trailing = source.count("\n", last_break + 1, block_end)
    value = body + {"|": "\n", "|-": "", "|+": "\n" * (trailing + 1)}[rest]
    end = block_end if rest == "|+" else last_break + 1
    key = m.group(1)
    at = offset + pos
    span = (offset + m.start(2), offset + end)
    return Field(key, value, (at, at + len(key)), span, "literal", indent, rest), end


@functools.lru_cache(maxsize=16)
def _block_pattern(indent: int) -> re.Pattern[str]:
    """Lines that belong to a block indented by ``indent``: content at it, or blank."""
    return re.compile(rf"(?: {{{indent}}}[^\n]*\n| *\n)*")


@functools.lru_cache(maxsize=16)
def _overlong_blank(indent: int) -> re.Pattern[str]:
    """A blank line with spaces beyond the indent: YAML's rules there are left to PyYAML.

    Searched from the line break before the block: a pattern that starts with a literal
    character is searched fast, one with ``^`` is tried at every position."""
    return re.compile(rf"\n {{{indent + 1},}}\n")


@functools.lru_cache(maxsize=16)
def _dedent(indent: int) -> re.Pattern[str]:
    """The indent after a line break (as for ``_overlong_blank``, a literal first)."""
    return re.compile(rf"\n {{0,{indent}}}")
