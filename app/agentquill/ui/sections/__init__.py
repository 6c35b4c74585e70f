"""The Sections pane: the body's headings and list items as a tree that edits the text.

Public: ``pane.SectionsEditor``.
"""
