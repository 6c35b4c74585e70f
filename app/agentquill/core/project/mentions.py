"""Where an agent's description names the agent itself, and the edit that follows a new name.

A rename or a duplicate gives an agent a new name, but its examples still say "I'll use the
api-reviewer agent". :func:`find` lists those mentions (whole names only: ``api-reviewer`` in
``api-reviewer-v2`` is another agent) and the one verified edit of the ``description`` field
that replaces them. Only the description is looked at: it is where Claude Code reads the
examples; the prompt below the frontmatter is the user's to word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..frontmatter import Parsed, fields, parse
from ..text import Edit


@dataclass(frozen=True)
class Mentions:
    """The mentions of ``old`` in a description, and the edits that make them ``new``."""

    old: str
    new: str
    count: int
    lines: list[tuple[str, str]]  # each whole line with a mention: as it reads, as it will
    edits: list[Edit]


def _pattern(name: str) -> re.Pattern[str]:
    """``name`` as a whole name: not inside a longer word or hyphenated name (a group, which
    :func:`split` keeps)."""
    return re.compile(rf"(?<![\w-])({re.escape(name)})(?![\w-])")


def split(line: str, name: str) -> list[str]:
    """``line`` cut around the whole-name mentions of ``name``: text, name, text, …, text
    (so a view can emphasise the odd pieces)."""
    return _pattern(name).split(line)


def find(text: str, old: str, new: str, parsed: Parsed | None = None) -> Mentions | None:
    """The mentions of ``old`` in the description of ``text`` and the edits that rename them
    ``new``; None when there are none, or the field cannot be written with them renamed."""
    parsed = parse(text) if parsed is None else parsed
    description = parsed.value("description")
    if not old or old == new or not isinstance(description, str):
        return None
    pattern = _pattern(old)
    count = len(pattern.findall(description))
    if not count:
        return None
    lines = []
    for line in description.splitlines():
        if pattern.search(line):
            lines.append((line.strip(), pattern.sub(new, line).strip()))
    try:
        edits = fields.set_value(text, "description", pattern.sub(new, description), parsed)
    except fields.EditRefused:
        return None
    return Mentions(old, new, count, lines, edits)
