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

#: characters shown either side of a mention in a long line
CONTEXT = 50


@dataclass(frozen=True)
class Mentions:
    """The mentions of ``old`` in a description, and the edits that make them ``new``."""

    old: str
    new: str
    count: int
    lines: list[tuple[str, str]]  # each line with a mention: as it reads, as it will read
    edits: list[Edit]


def _pattern(name: str) -> re.Pattern[str]:
    """``name`` as a whole name: not inside a longer word or hyphenated name."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


def _excerpt(line: str, at: int) -> str:
    start, end = max(0, at - CONTEXT), at + CONTEXT
    return ("…" if start else "") + line[start:end].strip() + ("…" if end < len(line) else "")


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
        found = pattern.search(line)
        if found:
            renamed = pattern.sub(new, line)
            lines.append((_excerpt(line, found.start()), _excerpt(renamed, found.start())))
    try:
        edits = fields.set_value(text, "description", pattern.sub(new, description), parsed)
    except fields.EditRefused:
        return None
    return Mentions(old, new, count, lines, edits)
