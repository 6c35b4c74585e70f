"""The YAML frontmatter block: where it is, and its top-level fields with their spans.

Reading goes in three tiers, so every real file opens with its fields:

1. ``yaml``: the block is valid YAML (PyYAML ``compose``; each node carries its marks).
2. ``recovered``: Claude Code's own recovery (quote single-line values that hold YAML
   specials) makes it parse; see :mod:`agentquill.core.recovery`.
3. ``tolerant``: a line-based reading, field by field, for what neither accepts (for
   example an unindented multi-line description).

Offsets are indexes into the whole document text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import recovery, simple_yaml
from .text import line_col, line_start

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_OPEN = re.compile(r"---[ \t]*\r?\n")
# a closing line, found by the line break before it: a literal prefix the regex engine
# searches fast, where ``^`` in MULTILINE mode tries every position
_CLOSE = re.compile(r"\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")

STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True, slots=True)
class Problem:
    """A YAML error at a place in the document (1-based line and column)."""

    message: str
    offset: int
    line: int
    column: int

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


@dataclass(slots=True)
class Field:
    """One top-level ``key: value`` of the frontmatter."""

    key: str
    value: Any
    key_span: tuple[int, int]
    value_span: tuple[int, int]
    #: plain, single, double, literal, folded, flow-seq, block-seq, flow-map, block-map,
    #: empty, or invalid (a value only the tolerant reader could read)
    style: str
    #: column of a block scalar's content or a block collection's first item
    indent: int = 0
    #: the header of a block scalar (``|-``, ``>2``) as written
    header: str = ""
    #: the field parses as YAML on its own (false for recovered and tolerant fields)
    valid: bool = True


@dataclass(slots=True)
class Frontmatter:
    """The block between the ``---`` lines and what was read from it."""

    start: int  # start of the YAML text (after the opening line)
    end: int  # end of the YAML text (start of the closing line)
    body_start: int  # just after the closing line
    fields: list[Field] = field(default_factory=list)
    tier: str = "yaml"  # yaml | recovered | tolerant
    error: Problem | None = None  # the strict YAML error, when there is one
    not_mapping: str | None = None  # the YAML type when the block is not a mapping
    #: (the fields list, its length, first field by key) as of the last :meth:`get`
    _first: tuple[list[Field], int, dict[str, Field]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def get(self, key: str) -> Field | None:
        """The first field named ``key`` (looked up, not searched: converting an agent asks
        for each of its fields)."""
        first = self._first
        if first is None or first[0] is not self.fields or first[1] != len(self.fields):
            by_key: dict[str, Field] = {}
            for f in self.fields:
                by_key.setdefault(f.key, f)
            self._first = first = (self.fields, len(self.fields), by_key)
        return first[2].get(key)

    def values(self) -> dict[str, Any]:
        """Key → value (a later duplicate wins, as in YAML loaders)."""
        return {f.key: f.value for f in self.fields}


@dataclass(slots=True)
class Parsed:
    """A document split into frontmatter (or none) and body."""

    text: str
    frontmatter: Frontmatter | None
    #: the opening ``---`` line has no closing line
    unterminated: bool = False

    @property
    def body_start(self) -> int:
        return self.frontmatter.body_start if self.frontmatter else 0

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def fields(self) -> list[Field]:
        return self.frontmatter.fields if self.frontmatter else []

    def get(self, key: str) -> Field | None:
        return self.frontmatter.get(key) if self.frontmatter else None

    def value(self, key: str, default: Any = None) -> Any:
        f = self.get(key)
        return default if f is None else f.value


def locate(text: str) -> tuple[int, int, int] | None:
    """(yaml start, yaml end, body start) of the frontmatter block, or None."""
    m = _OPEN.match(text)
    if not m:
        return None
    start = m.end()
    close = _CLOSE.search(text, start - 1)  # from the opening line's break: the block may be empty
    if not close:
        return None
    return start, close.start() + 1, close.end()


def parse(text: str) -> Parsed:
    """Split ``text`` and read its frontmatter. Never raises."""
    where = locate(text)
    if where is None:
        return Parsed(text, None, unterminated=_OPEN.match(text) is not None)
    start, end, body_start = where
    simple = simple_yaml.read(text, start, end)
    if simple is not None:
        return Parsed(text, Frontmatter(start, end, body_start, simple))
    return Parsed(text, _read_with_pyyaml(Frontmatter(start, end, body_start), text))


#: bounds on what a frontmatter may ask of the reader. The corpus's 1,171 real agent files nest
#: 7 deep at most (counting each mapping, sequence and scalar) and hold at most 95 values; these
#: bounds stop a 1 KB file from recursing the stack away (nesting) or taking a gigabyte
#: (aliases of aliases: 9 lines of 9 make 9^9 values).
MAX_DEPTH = 64
MAX_NODES = 100_000


class TooBig(yaml.MarkedYAMLError):
    """Frontmatter beyond :data:`MAX_DEPTH` or :data:`MAX_NODES`: read like invalid YAML."""


def _read_with_pyyaml(fm: Frontmatter, text: str) -> Frontmatter:
    source = text[fm.start : fm.end]
    try:
        node = compose(source)
    except yaml.YAMLError as exc:
        fm.error = _problem(text, fm.start, exc)
        _read_fallback(fm, text)
        return fm
    _read_node(fm, text, node)
    return fm


def compose(source: str) -> yaml.Node | None:
    """The node graph of ``source``, once it is known to be within the bounds (every reader
    of frontmatter YAML composes through here: the bounds hold only if none goes around)."""
    try:
        node = yaml.compose(source, Loader=_Loader)
    except RecursionError:
        raise TooBig(problem=f"the frontmatter nests deeper than {MAX_DEPTH}") from None
    _check_bounds(node)
    return node


def _check_bounds(root: yaml.Node | None) -> None:
    """Walk the graph as construction would (through aliases), without recursion: raise
    :class:`TooBig` past the depth or node bounds, or for an alias inside itself."""
    if root is None:
        return
    count, stack = 0, [(root, 1, frozenset())]
    while stack:
        node, depth, above = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            raise TooBig(
                problem=f"the frontmatter nests deeper than {MAX_DEPTH}",
                problem_mark=node.start_mark,
            )
        if count > MAX_NODES:
            raise TooBig(
                problem=f"the frontmatter expands to more than {MAX_NODES:,} values "
                "(aliases that repeat aliases)",
                problem_mark=node.start_mark,
            )
        if isinstance(node, yaml.ScalarNode):
            continue
        if id(node) in above:
            raise TooBig(
                problem="an alias refers to a value that holds it", problem_mark=node.start_mark
            )
        inner = above | {id(node)}
        children = (
            node.value
            if isinstance(node, yaml.SequenceNode)
            else [part for pair in node.value for part in pair]
        )
        stack.extend((child, depth + 1, inner) for child in children)


def _read_node(fm: Frontmatter, text: str, node: yaml.Node | None) -> None:
    if node is None:
        return
    if not isinstance(node, yaml.MappingNode):
        fm.not_mapping = "list" if isinstance(node, yaml.SequenceNode) else "text"
        return
    offset = fm.start
    fm.fields = fields_of(node, text, lambda index: index + offset)


def fields_of(node: yaml.MappingNode, text: str, pos: Callable[[int], int]) -> list[Field]:
    """Fields of a composed mapping; ``pos`` maps a mark index to an offset in ``text``."""
    fields = []
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(construct(key_node))
        k0, k1 = pos(key_node.start_mark.index), pos(key_node.end_mark.index)
        v0, v1 = pos(value_node.start_mark.index), pos(value_node.end_mark.index)
        style, indent, header = _style(value_node, text, v0, v1)
        if style in ("literal", "folded"):
            v1 = _trim_block_end(text, v0, v1, header, _block_indent(text, k0, indent, header))
        elif style in ("block-seq", "block-map"):
            v1 = _trim_block_end(text, v0, v1, header)
        fields.append(Field(key, construct(value_node), (k0, k1), (v0, v1), style, indent, header))
    return fields


def _style(node: yaml.Node, text: str, v0: int, v1: int) -> tuple[str, int, str]:
    """(style, indent, header) of a value node."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            header_end = text.find("\n", v0)
            header = text[v0 : header_end if header_end >= 0 else v1].split("#")[0].rstrip()
            indent = _first_content_indent(text, header_end + 1, v1)
            return ("literal" if node.style == "|" else "folded"), indent, header
        if v0 == v1:
            return "empty", 0, ""
        return {"'": "single", '"': "double"}.get(node.style or "", "plain"), 0, ""
    kind = "seq" if isinstance(node, yaml.SequenceNode) else "map"
    if node.flow_style:
        return f"flow-{kind}", 0, ""
    return f"block-{kind}", node.start_mark.column, ""


def _first_content_indent(text: str, start: int, end: int) -> int:
    for line in text[start:end].split("\n"):
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return 0


def _block_indent(text: str, k0: int, indent: int, header: str) -> int:
    """The indent of a block scalar's lines: its header's indicator past the key's column, else
    its first content line's (0 when it has none)."""
    digits = [c for c in header if c.isdigit()]
    return k0 - line_start(text, k0) + int(digits[0]) if digits else indent


_SPACES_LINE = re.compile(r"( *)\r?\n")


def _trim_block_end(text: str, v0: int, v1: int, header: str, indent: int = 0) -> int:
    """End a block value after its last content line (blank lines after it are not its own).

    In a block scalar (``indent`` > 0), a line of more spaces than its indent is content:
    the spaces past the indent are part of the value."""
    if "+" in header:
        return v1
    content_end = v0 + len(text[v0:v1].rstrip())
    nl = text.find("\n", content_end, v1)
    if nl < 0:
        return v1
    end = at = nl + 1
    while indent and (m := _SPACES_LINE.match(text, at, v1)):
        at = m.end()
        end = at if len(m.group(1)) > indent else end
    return end


def construct(node: yaml.Node) -> Any:
    """The Python value of a composed node (strings fast; other tags via SafeConstructor)."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == STR_TAG:
            return node.value
        try:
            value = _CONSTRUCTOR.construct_object(node, deep=True)
        except Exception:  # PyYAML's constructors fail in many ways
            # an unknown tag or a value it cannot be (2001-13-45; !!timestamp yesterday, an
            # AttributeError in PyYAML; an empty !!int, an IndexError): the text
            return node.value
        if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
            return node.value  # Python cannot even print it (a 5,000-digit hex number)
        return value
    if isinstance(node, yaml.SequenceNode):
        return [construct(item) for item in node.value]
    result: dict[Any, Any] = {}
    for k, v in node.value:
        key = construct(k)
        try:
            result[key] = construct(v)
        except TypeError:  # an unhashable key
            result[str(key)] = construct(v)
    return result


class _Constructor(yaml.constructor.SafeConstructor):
    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        self.constructed_objects.clear()
        return super().construct_object(node, deep=deep)


_CONSTRUCTOR = _Constructor()
_MAX_INT_BITS = 14_000  # about the 4,300 digits past which Python refuses to print an int


def _problem(text: str, offset: int, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    message = (
        " ".join(
            part for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part
        )
        or str(exc).splitlines()[0]
    )
    where = offset + (mark.index if mark is not None else 0)
    where = min(where, len(text))
    line, col = line_col(text, where)
    return Problem(message, where, line, col)


def _read_fallback(fm: Frontmatter, text: str) -> None:
    """Read invalid YAML: Claude Code's recovery first, then field by field."""
    recovered = recovery.recover(text, fm.start, fm.end)
    if recovered is not None:
        fm.tier = "recovered"
        fm.fields = recovered
        return
    fm.tier = "tolerant"
    fm.fields = recovery.tolerant_fields(text, fm.start, fm.end)
