"""The user's own Claude Code at work in the editor: a run streamed into a pane, agents
generated and improved by it, and what it registers for the open project.

Found and probed by ``ui.window.claude`` (the status item); everything here runs only when that
says Claude Code is ready, and through ``core.claude`` (arguments, messages, ``--agents`` JSON).
"""
