"""The Form pane: one widget per known field, and the Other fields table.

Public: ``view.FormView``; ``field_editors`` holds the widget for each field type.
"""
