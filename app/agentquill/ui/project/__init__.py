"""A folder of agents: the project tree dock, its index in the background, its problems.

Public: ``session.ProjectSession``, ``dock.ProjectDock``, ``problems.ProjectProblemsView``.
"""
