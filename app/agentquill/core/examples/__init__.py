"""An agent's ``description`` read as intro prose, ``<example>`` blocks and trailing prose, and
minimal edits of them.

The face other packages use: the names below. Inside: :mod:`.model` (the parts, their three
encodings, the house style), :mod:`.edits` (rendering and edits), :mod:`.checks` (edits checked
to read back as written, as the Examples pane makes them).
"""

from .checks import RefusedChange, description_edits, intro_edits, replace_edits, written
from .edits import (
    insert_example,
    move_example,
    remove_example,
    render_example,
    replace_example,
    set_intro,
)
from .model import DEFAULT_STYLE, ROLES, Example, Examples, ParsedExample, Style, Turn, parse

__all__ = [
    "DEFAULT_STYLE",
    "ROLES",
    "Example",
    "Examples",
    "ParsedExample",
    "RefusedChange",
    "Style",
    "Turn",
    "description_edits",
    "insert_example",
    "intro_edits",
    "move_example",
    "parse",
    "remove_example",
    "render_example",
    "replace_edits",
    "replace_example",
    "set_intro",
    "written",
]
