"""A fast reader for the simple frontmatter most agent files have.

Top-level ``key: value`` lines whose values are one-line plain or quoted scalars (without
escapes), or literal block scalars (``|``, ``|-``, ``|+``), are read here without PyYAML.
Anything else (comments, collections, folded blocks, escapes, multi-line plain scalars, tabs)
returns ``None`` and the caller uses PyYAML. The fields are exactly those the PyYAML path
gives; a test holds the two paths equal over generated documents and the corpus.
"""

from __future__ import annotations

import re

import yaml

from . import frontmatter as fm

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
_DOUBLE = re.compile(r'"([^"\\\x00-\x1f\x7f]*)"')
_SINGLE = re.compile(r"'((?:[^'\x00-\x1f\x7f]|'')*)'")
_AFTER_QUOTE = re.compile(r"(?: +(?:#.*)?)?")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NON_PRINTABLE = re.compile(
    "[^\x0a\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_RESOLVER = yaml.resolver.Resolver()


def read(text: str, start: int, end: int) -> list[fm.Field] | None:
    """The fields of ``text[start:end]``, or None when it is not simple enough for this reader."""
    source = text[start:end]
    if _NON_PRINTABLE.search(source):  # also rules out \r and \t
        return None
    lines = source.split("\n")
    lines.pop()  # the block ends with a line break: the last piece is empty
    offsets = []
    pos = start
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    fields: list[fm.Field] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        m = _KEY.match(line)
        if m is None:
            return None
        rest = line[m.end() :]
        if rest.startswith("|"):
            field, i = _literal(lines, offsets, i, m, rest)
        else:
            field = None if _continues(lines, i) else _inline(offsets[i], m, rest, line)
            i += 1
        if field is None:
            return None
        fields.append(field)
    return fields


def _continues(lines: list[str], i: int) -> bool:
    """The next non-blank line is indented: a multi-line value, left to PyYAML."""
    for line in lines[i + 1 :]:
        if line.strip():
            return line[0] == " "
    return False


def _inline(at: int, m: re.Match[str], rest: str, line: str) -> fm.Field | None:
    key = m.group(1)
    key_span = (at, at + len(key))
    v0 = at + m.end()
    if not rest:
        return None if line.endswith(" ") else fm.Field(key, None, key_span, (v0, v0), "empty")
    if rest[0] in "\"'":
        q = (_DOUBLE if rest[0] == '"' else _SINGLE).match(rest)
        if q is None or not _AFTER_QUOTE.fullmatch(rest, q.end()):
            return None
        value = q.group(1) if rest[0] == '"' else q.group(1).replace("''", "'")
        style = "double" if rest[0] == '"' else "single"
        return fm.Field(key, value, key_span, (v0, v0 + q.end()), style)
    comment = rest.find(" #")
    text = (rest if comment < 0 else rest[:comment]).rstrip(" ")
    if not text or text[0] in _INDICATORS or ": " in text or text.endswith(":"):
        return None
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    value = text if tag == fm.STR_TAG else fm.construct(yaml.ScalarNode(tag, text))
    return fm.Field(key, value, key_span, (v0, v0 + len(text)), "plain")


def _literal(
    lines: list[str], offsets: list[int], i: int, m: re.Match[str], rest: str
) -> tuple[fm.Field | None, int]:
    """A ``|`` block scalar starting on line ``i``; (None, i) when not simple."""
    if rest not in ("|", "|-", "|+"):
        return None, i
    k = i + 1
    indent = 0
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k < len(lines):
        indent = len(lines[k]) - len(lines[k].lstrip(" "))
    if indent == 0:
        return None, i
    prefix = " " * indent
    content: list[str] = []
    last = i
    k = i + 1
    while k < len(lines):
        line = lines[k]
        if line.strip():
            if not line.startswith(prefix):
                break
            last = k
        elif len(line) > indent:  # spaces beyond the indent on a blank line: left to PyYAML
            return None, i
        content.append(line[indent:])
        k += 1
    if rest == "|+" and k < len(lines) and lines[k].startswith("#"):
        return None, i
    body = content[: last - i]
    trailing = len(content) - len(body)
    value = "\n".join(body) + {"|": "\n", "|-": "", "|+": "\n" * (trailing + 1)}[rest]
    end_line = k - 1 if rest == "|+" else last
    end = offsets[end_line] + len(lines[end_line]) + 1
    key = m.group(1)
    at = offsets[i]
    span = (at + m.end(), end)
    return fm.Field(key, value, (at, at + len(key)), span, "literal", indent, rest), k
