"""Lint: what is wrong with an agent file, said as Claude Code would see it, with fixes.

The face other packages use: the names below. Inside: :mod:`.rules` (the rules of one file and
the table of every rule; the rules across a project's files run in
:mod:`agentquill.core.project.crosslint`).
"""

from .rules import (
    CHARS_PER_TOKEN,
    RULES,
    Diagnostic,
    Fix,
    Rule,
    Severity,
    fixes,
    lint,
    name_problems,
)

__all__ = [
    "CHARS_PER_TOKEN",
    "RULES",
    "Diagnostic",
    "Fix",
    "Rule",
    "Severity",
    "fixes",
    "lint",
    "name_problems",
]
