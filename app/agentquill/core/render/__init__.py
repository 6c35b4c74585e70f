"""The preview: an agent file as HTML, drawn from the same text the editor holds.

The face other packages use: the names below and :mod:`.markdown` (a body's blocks as HTML,
each cached, so an edit renders only the blocks it touches). Inside: :mod:`.page` (the page:
header card, examples, body) and :mod:`.code` (highlighted code blocks).
"""

from .page import DARK, LIGHT, Palette, render_html, render_parts

__all__ = ["DARK", "LIGHT", "Palette", "markdown", "render_html", "render_parts"]
