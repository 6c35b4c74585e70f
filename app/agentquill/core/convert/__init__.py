"""Converting an agent file between dialects (Claude Code, Copilot, OpenCode, Gemini CLI), with a
report of what was mapped, changed or dropped.

The face other packages use: the names below. Inside: :mod:`.agent` (a whole file, through
Claude Code as the hub), :mod:`.rules` (the rules per field), :mod:`.vocabulary` (tool, model
and colour names across dialects).
"""

from .agent import TARGETS, Conversion, agents_json, convert, family, stem, to_json
from .rules import CLAUDE, ConvertError, Entry, slug

__all__ = [
    "CLAUDE",
    "TARGETS",
    "Conversion",
    "ConvertError",
    "Entry",
    "agents_json",
    "convert",
    "family",
    "slug",
    "stem",
    "to_json",
]
