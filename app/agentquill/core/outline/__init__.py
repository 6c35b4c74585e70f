"""The outline of an agent's body: its sections and list items, and minimal edits to them.

The face other packages use: the names below (see :mod:`.model` for paths, addresses and the
guarantees every operation keeps) and :mod:`.templates` (the section templates offered to add).
Inside: :mod:`.scan` (lines and blocks, CommonMark where it matters), :mod:`.editing` (what the
section and item operations share).
"""

from .items import add_item, move_item, remove_item, rename_item, side
from .model import Item, ItemAddress, Outline, OutlineError, Section, SectionPath, forget, parse
from .scan import bold_head
from .sections import add_section, move_section, remove_section, rename_section

__all__ = [
    "Item",
    "ItemAddress",
    "Outline",
    "OutlineError",
    "Section",
    "SectionPath",
    "add_item",
    "add_section",
    "bold_head",
    "forget",
    "move_item",
    "move_section",
    "parse",
    "remove_item",
    "remove_section",
    "rename_item",
    "rename_section",
    "side",
    "templates",
]
