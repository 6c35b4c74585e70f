"""Lint: what is wrong with an agent file, said as Claude Code would see it, with fixes.

The face other packages use: the names below. Inside: :mod:`.rules` (the rules of one file and
the table of every rule), :mod:`.kinds` (skills, commands, output styles and rules, and the
``lint`` that picks the rules of a file's kind); the rules across a project's files run in
:mod:`agentquill.core.project.crosslint`.
"""

from .kinds import SKILL_LISTING_CHARS, lint
from .rules import (
    CHARS_PER_TOKEN,
    RULES,
    Diagnostic,
    Fix,
    Rule,
    Severity,
    fixes,
    name_problems,
)

__all__ = [
    "CHARS_PER_TOKEN",
    "RULES",
    "SKILL_LISTING_CHARS",
    "Diagnostic",
    "Fix",
    "Rule",
    "Severity",
    "fixes",
    "lint",
    "name_problems",
]
