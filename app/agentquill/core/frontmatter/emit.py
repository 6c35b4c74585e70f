"""YAML text for one value, in a chosen style.

Each emitter returns the value's text (``None`` when the style cannot hold the value).
Block styles return whole lines, each ending with ``nl``; inline styles return one line
without a break. The caller verifies every emitted edit by re-parsing, so an emitter may be
optimistic, never wrong without being caught.
"""

from __future__ import annotations

import io
import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

from .model import STR_TAG

_DOUBLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


# Compiled on first use: their Unicode ranges take milliseconds to compile, and the app's
# start-up shows values without writing any.
@cache
def _non_printable() -> re.Pattern[str]:
    """Outside YAML's printable set (§5.1), or the breaks and tab quoted styles escape anyway;
    NEL, LS and PS too, which PyYAML reads as line breaks (and folds) wherever they stand."""
    return re.compile(
        "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
        "\U00010000-\U0010ffff]"
    )


@cache
def _other_escape() -> re.Pattern[str]:
    """What a double-quoted string escapes besides :data:`_DOUBLE_ESCAPES` (NEL, LS and PS
    among them: written as they are, PyYAML would read them back as line breaks)."""
    return re.compile(
        "[^\n\t\r\x00\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
        "\U00010000-\U0010ffff]"
    )


BLOCK_SCALAR_STYLES = ("literal", "folded")


# PyYAML loads with the first value written: the app's start-up shows values without writing.
@cache
def _analyzer() -> yaml.emitter.Emitter:
    import yaml

    return yaml.emitter.Emitter(io.StringIO())


@cache
def _resolver() -> yaml.resolver.Resolver:
    import yaml

    return yaml.resolver.Resolver()


def _resolves_to_str(s: str) -> bool:
    import yaml

    return _resolver().resolve(yaml.ScalarNode, s, (True, False)) == STR_TAG


def plain(s: str) -> str | None:
    """``s`` unquoted, when YAML reads it back as the same string on one line."""
    if not s or s != s.strip() or "\n" in s or "\r" in s or _non_printable().search(s):
        return None
    analysis = _analyzer().analyze_scalar(s)
    if not analysis.allow_block_plain or analysis.multiline or not _resolves_to_str(s):
        return None
    return s


def single(s: str) -> str | None:
    """``'s'`` for one-line text without characters that need escapes."""
    if "\n" in s or "\r" in s or _non_printable().search(s):
        return None
    return "'" + s.replace("'", "''") + "'"


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch in _DOUBLE_ESCAPES:
        return _DOUBLE_ESCAPES[ch]
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def double(s: str) -> str:
    """``"s"`` with YAML escapes: holds any string on one line."""
    for ch, escaped in _DOUBLE_ESCAPES.items():  # the backslash first; a call each, not a
        s = s.replace(ch, escaped)  # call per character (5 MB of tabs: 1.7 -> 0.05 s)
    return '"' + _other_escape().sub(_escape, s) + '"'


def inline_str(s: str) -> str:
    """The simplest one-line form: plain, else single-quoted, else double-quoted."""
    return plain(s) or single(s) or double(s)


def _block_parts(s: str) -> tuple[list[str], str] | None:
    """(content lines, chomping indicator) for a block scalar holding ``s``."""
    if "\r" in s or _non_printable().search(s) or not s.strip():
        return None
    content = s.rstrip("\n")
    trailing = len(s) - len(content)
    chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    return content.split("\n") + [""] * max(0, trailing - 1), chomp


def _indent_lines(lines: list[str], indent: int, nl: str) -> str:
    pad = " " * indent
    return "".join((pad + line if line else "") + nl for line in lines)


def _indicator(lines: list[str], indent: int) -> str:
    first = next((line for line in lines if line.strip()), "")
    return str(indent) if first[:1] in (" ", "\t") else ""


def literal(s: str, indent: int, nl: str, key_column: int = 0) -> str | None:
    """``|`` block: header line + content lines at ``indent``."""
    parts = _block_parts(s)
    if parts is None:
        return None
    lines, chomp = parts
    header = "|" + _indicator(lines, indent - key_column) + chomp
    return header + nl + _indent_lines(lines, indent, nl)


def folded(s: str, indent: int, nl: str, key_column: int = 0) -> str | None:
    """``>`` block: each run of k line breaks is written as k + 1 (lines are not wrapped)."""
    parts = _block_parts(s)
    if parts is None:
        return None
    lines, chomp = parts
    content = s.rstrip("\n")
    if content.startswith("\n") or any(line[:1] in (" ", "\t") for line in content.split("\n")):
        return None
    source = re.sub(r"\n+", lambda m: "\n" * (len(m.group(0)) + 1), content).split("\n")
    keep_blank = len(lines) - len(content.split("\n"))
    return ">" + chomp + nl + _indent_lines(source + [""] * keep_blank, indent, nl)


def refolded(raw: str, indent: int, nl: str) -> str | None:
    """A plain scalar written over several lines (``raw``, as in the source) as a ``>-`` block
    with the same lines: a YAML plain scalar and a folded block fold lines alike (a break is a
    space, each blank line a break), so it reads as the same value, still readable; None for
    one line, or a line a block cannot hold."""
    lines = [line.strip() for line in raw.strip().splitlines()]
    if len(lines) < 2 or any(_non_printable().search(line) for line in lines):
        return None
    return ">-" + nl + _indent_lines(lines, indent, nl)


def scalar(value: Any) -> str:
    """A non-string scalar (bool, int, float, None) as YAML writes it."""
    if value is None:
        return ""
    import yaml

    return yaml.safe_dump(value, default_flow_style=True).split("\n", 1)[0]


def flow_seq(items: list[Any], quote: str = "", padded: bool = False) -> str | None:
    """``[a, b]``; ``quote`` is the items' quote character as found (``"``, ``'`` or none)."""
    texts = []
    for item in items:
        if isinstance(item, (list, dict)):
            return None
        if not isinstance(item, str):
            texts.append(scalar(item) or "null")
        elif quote == '"':
            texts.append(double(item))
        elif quote == "'":
            texts.append(single(item) or double(item))
        else:
            texts.append(_flow_plain(item) or single(item) or double(item))
    if not texts:
        return "[]"
    inner = ", ".join(texts)
    return f"[ {inner} ]" if padded else f"[{inner}]"


def _flow_plain(s: str) -> str | None:
    p = plain(s)
    if p is None or not _analyzer().analyze_scalar(s).allow_flow_plain:
        return None
    return p


def block_seq(items: list[Any], indent: int, nl: str) -> str:
    """``- item`` lines at ``indent`` (nested values through PyYAML's dumper)."""
    if any(isinstance(item, (list, dict)) for item in items):
        return dump_block(items, indent, nl)
    pad = " " * indent
    return "".join(
        f"{pad}- {inline_str(item) if isinstance(item, str) else scalar(item) or 'null'}{nl}"
        for item in items
    )


def dump_block(value: Any, indent: int, nl: str) -> str:
    """A block mapping or sequence through PyYAML, shifted right by ``indent``."""
    import yaml

    dumped = yaml.safe_dump(
        value, default_flow_style=False, sort_keys=False, allow_unicode=True, width=10**9
    )
    pad = " " * indent
    return "".join((pad + line if line else "") + nl for line in dumped.rstrip("\n").split("\n"))


def flow_map(value: dict[Any, Any]) -> str:
    """``{a: 1, b: 2}`` on one line."""
    import yaml

    return yaml.safe_dump(
        value, default_flow_style=True, sort_keys=False, allow_unicode=True, width=10**9
    ).rstrip("\n")


def key(name: str) -> str:
    """A mapping key: plain when it can be, else double-quoted."""
    return _flow_plain(name) or double(name)
