"""The agent-file formats of each tool (Claude Code and its plugins, GitHub Copilot, OpenCode,
Gemini CLI): their fields and values, and which one a file is written in.

The face other packages use: the names below. Inside: :mod:`.registry` (dialects and
detection), :mod:`.schemas` (the field tables), :mod:`.values` (tool-name lists),
:mod:`.kinds` (skills, commands, output styles, rules and eval case files: the other files
Claude Code loads, as dialects whose ``kind`` is not ``agent``).
"""

from .kinds import COMMAND, EVAL_GRADER, EVAL_PROMPT, KINDS, OUTPUT_STYLE, RULE, SKILL
from .registry import (
    ALL_KNOWN_KEYS,
    CLAUDE_CODE,
    CLAUDE_PLUGIN,
    COPILOT,
    COPILOT_CHATMODE,
    DIALECTS,
    GEMINI,
    OPENCODE,
    Dialect,
    FieldSpec,
    FieldType,
    clear_cache,
    detect,
    dialect_for_keys,
    dialect_for_path,
    get,
)
from .schemas import MAX_OBSERVERS
from .values import split_commas, tool_names

__all__ = [
    "ALL_KNOWN_KEYS",
    "CLAUDE_CODE",
    "CLAUDE_PLUGIN",
    "COMMAND",
    "COPILOT",
    "COPILOT_CHATMODE",
    "DIALECTS",
    "EVAL_GRADER",
    "EVAL_PROMPT",
    "GEMINI",
    "KINDS",
    "MAX_OBSERVERS",
    "OPENCODE",
    "OUTPUT_STYLE",
    "RULE",
    "SKILL",
    "Dialect",
    "FieldSpec",
    "FieldType",
    "clear_cache",
    "detect",
    "dialect_for_keys",
    "dialect_for_path",
    "get",
    "split_commas",
    "tool_names",
]
