"""The PySide6 desktop app: every pane is a view of one open file's text buffer and edits it
through core edits.

Packages: ``window`` (main window, menus, file lifecycle), ``editor`` (the buffer and its
source, preview and problems views), ``form``, ``examples``, ``sections`` (the structured
panes), ``project`` (a folder of agents), ``dialogs``. Modules here serve them all: ``app``
(start-up), ``settings``, ``theme``, ``intent`` (what the user meant by a wheel or key),
``timers``.
"""
