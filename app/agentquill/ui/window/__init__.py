"""The main window: tabs, menus, docks and the file lifecycle around the editors.

Public: ``main_window.MainWindow``. ``agent_actions`` holds the Agent menu's commands.
"""
