"""The YAML frontmatter at the top of an agent file: read losslessly, edited minimally.

Reading goes in three tiers, so every real file opens with its fields: valid YAML; Claude
Code's own recovery (:mod:`.claude`); and field by field for what neither accepts.

The face other packages use: the names below, and the modules :mod:`.fields` (verified edits
of one field: ``set_value``, ``add_key``, ``rename_key``, ``remove_key``, ``repair``) and
:mod:`.emit` (YAML text for a value). Inside: :mod:`.model` (the data), :mod:`.reader`
(``parse``), :mod:`.fast` (the fast reader of simple YAML), :mod:`.nodes` (PyYAML's node graph
within bounds).
"""

from typing import Any

from .claude import ClaudeVerdict, claude_verdict
from .fast import YAML_WORDS
from .model import Field, Frontmatter, Parsed, Problem, locate
from .reader import parse


def __getattr__(name: str) -> Any:
    """``compose`` and ``construct``, from :mod:`.nodes` when first asked for: PyYAML loads
    only when a frontmatter needs it, not with every start of the app."""
    if name in ("compose", "construct"):
        from . import nodes

        return getattr(nodes, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "YAML_WORDS",
    "ClaudeVerdict",
    "Field",
    "Frontmatter",
    "Parsed",
    "Problem",
    "claude_verdict",
    "compose",
    "construct",
    "emit",
    "fields",
    "locate",
    "parse",
]
