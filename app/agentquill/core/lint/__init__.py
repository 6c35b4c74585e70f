"""Lint: what is wrong with an agent file, said as Claude Code would see it, with fixes.

The face other packages use: the names below and :mod:`.crosslint` (the rules across the files
of a project: duplicate names, a file that shadows another). Inside: :mod:`.rules` (the rules
of one file).
"""

from .rules import RULES, Diagnostic, Fix, Rule, Severity, fixes, lint, name_problems

__all__ = [
    "RULES",
    "Diagnostic",
    "Fix",
    "Rule",
    "Severity",
    "crosslint",
    "fixes",
    "lint",
    "name_problems",
]
