"""One open file: its text buffer and the views every pane shares.

Public: ``document.AgentDocument`` (the one buffer of a file, edited only through core
edits), ``tab.EditorTab`` (the panes of one file), ``source_view.SourceView``,
``preview.PreviewView`` and ``PreviewRenderer``, ``problems.ProblemsView``.
"""
