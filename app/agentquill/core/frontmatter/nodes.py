"""PyYAML's node graph of a frontmatter, within bounds, and the fields and values read from it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from ..text import line_col, line_start
from .model import STR_TAG, Field, Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: bounds on what a frontmatter may ask of the reader. The corpus's 1,171 real agent files nest
#: 7 deep at most (counting each mapping, sequence and scalar) and hold at most 95 values; these
#: bounds stop a 1 KB file from recursing the stack away (nesting) or taking a gigabyte
#: (aliases of aliases: 9 lines of 9 make 9^9 values).
MAX_DEPTH = 64
MAX_NODES = 100_000


class TooBig(yaml.MarkedYAMLError):
    """Frontmatter beyond :data:`MAX_DEPTH` or :data:`MAX_NODES`: read like invalid YAML."""


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


def problem(text: str, offset: int, exc: yaml.YAMLError) -> Problem:
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
