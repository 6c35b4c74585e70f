"""The Examples pane: the description's intro and its ``<example>`` blocks as cards.

Public: ``pane.ExamplesEditor``.
"""
