"""The YAML frontmatter block: where it is, and its top-level fields with their spans.

Reading goes in three tiers, so every real file opens with its fields:

1. ``yaml``: the block is valid YAML (PyYAML ``compose``; each node carries its marks).
2. ``recovered``: Claude Code's own recovery (quote single-line values that hold YAML
   specials) makes it parse; see :mod:`.claude`.
3. ``tolerant``: a line-based reading, field by field, for what neither accepts (for
   example an unindented multi-line description).

Offsets are indexes into the whole document text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import claude, fast
from .model import Frontmatter, Parsed, locate, opens

if TYPE_CHECKING:
    import yaml


def parse(text: str) -> Parsed:
    """Split ``text`` and read its frontmatter. Never raises."""
    where = locate(text)
    if where is None:
        return Parsed(text, None, unterminated=opens(text))
    start, end, body_start = where
    simple = fast.read(text, start, end)
    if simple is not None:
        return Parsed(text, Frontmatter(start, end, body_start, simple))
    return Parsed(text, read_with_pyyaml(Frontmatter(start, end, body_start), text))


def read_with_pyyaml(fm: Frontmatter, text: str) -> Frontmatter:
    """Read ``fm``'s block with PyYAML (the path for what the fast reader does not take, so
    a simple file opens without loading PyYAML)."""
    import yaml

    from .nodes import compose, problem

    source = text[fm.start : fm.end]
    try:
        node = compose(source)
    except yaml.YAMLError as exc:
        fm.error = problem(text, fm.start, exc)
        _read_fallback(fm, text)
        return fm
    _read_node(fm, text, node)
    return fm


def _read_node(fm: Frontmatter, text: str, node: yaml.Node | None) -> None:
    import yaml

    from .nodes import fields_of

    if node is None:
        return
    if not isinstance(node, yaml.MappingNode):
        fm.not_mapping = "list" if isinstance(node, yaml.SequenceNode) else "text"
        return
    offset = fm.start
    fm.fields = fields_of(node, text, lambda index: index + offset)


def _read_fallback(fm: Frontmatter, text: str) -> None:
    """Read invalid YAML: Claude Code's recovery first, then field by field."""
    recovered = claude.recover(text, fm.start, fm.end)
    if recovered is not None:
        fm.tier = "recovered"
        fm.fields = recovered
        return
    fm.tier = "tolerant"
    fm.fields = claude.tolerant_fields(text, fm.start, fm.end)
