"""The Form pane: a widget per known field, and the Other fields table.

Public: ``view.FormView``; ``field_editors`` holds the widget for each field type;
``disclosure`` the "More fields" row the fields a file does not set wait under.
"""
