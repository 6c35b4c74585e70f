"""Find and replace: the find bar under a tab's Source pane, and Find in Project.

Public: ``controller.FindController`` (the window's find commands), ``bar.FindBar``,
``results.ResultsPanel``.
"""
