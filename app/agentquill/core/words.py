"""Counted nouns in messages (the app's and the command line's): "1 file", "2 files", never
"2 file(s)"."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """'1 file', '2 files', '3 matches', '1,204 agents'."""
    ending = "" if count == 1 else "es" if noun.endswith(("ch", "sh", "s", "x")) else "s"
    return f"{count:,} {noun}{ending}"
