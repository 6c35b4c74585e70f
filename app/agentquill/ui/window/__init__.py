"""The main window and its controllers: tabs, menus, docks and the lifecycles around them.

Public: ``main_window.MainWindow``. Its parts: ``actions`` (every action and menu, in one
table), ``files`` (open, save, close, changes on disk), ``projects`` (the open project),
``agent_actions`` (the Agent menu's commands), ``prompts`` (every question), ``status``.
"""
