"""What a frontmatter block is: where it lies in the text, and its top-level fields with their
spans (offsets are indexes into the whole document text)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..text import Edit

#: the tag of a YAML string
STR_TAG = "tag:yaml.org,2002:str"

_OPEN = re.compile(r"---[ \t]*\r?\n")
# a closing line, found by the line break before it: a literal prefix the regex engine
# searches fast, where ``^`` in MULTILINE mode tries every position
_CLOSE = re.compile(r"\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")


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

    def body_edits(self, edits: list[Edit]) -> list[Edit]:
        """Edits of :attr:`body` as edits of the whole text."""
        return [e.shifted(self.body_start) for e in edits]

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


def opens(text: str) -> bool:
    """Whether ``text`` starts with an opening ``---`` line."""
    return _OPEN.match(text) is not None
