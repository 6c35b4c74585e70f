"""A folder of agents: the project tree dock, its index in the background, its problems.

Public: ``session.ProjectSession``, ``dock.ProjectTree`` (the Project dock's content, made when
the dock first shows), ``problems.ProjectProblemsView``.
"""
