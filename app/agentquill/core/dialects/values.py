"""Reading values every dialect shares the shape of: a list of tool names, comma lists."""

from __future__ import annotations

import operator
from typing import Any

_TOOL_TRIM = " \t\n\"'[]"  # spaces, quotes and brackets of JSON-style lists in a string
_TRIM_TOOL = operator.methodcaller("strip", _TOOL_TRIM)


def tool_names(value: Any) -> list[str]:
    """Tool names from a comma string, a YAML list, or a JSON-style string list."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if not isinstance(value, str):
        return []
    if "(" not in value:
        return list(filter(None, map(_TRIM_TOOL, value.split(","))))  # no Python frame
    names = split_commas(value, "()")  # Agent(a, b) is one entry
    return [n.strip(_TOOL_TRIM) for n in names if n.strip(_TOOL_TRIM)]


def split_commas(text: str, brackets: str) -> list[str]:
    """``text`` split on the commas outside the ``brackets`` pair (e.g. ``"{}"``), unstripped."""
    opening, closing = brackets
    names, depth, current = [], 0, ""
    for ch in text:
        if ch == "," and depth == 0:
            names.append(current)
            current = ""
            continue
        depth += (ch == opening) - (ch == closing)
        current += ch
    names.append(current)
    return names
