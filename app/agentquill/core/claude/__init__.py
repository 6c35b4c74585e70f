"""Claude Code itself: finding the user's ``claude``, running it headless, and reading what it
prints (the stream-json messages: what it registered, the turns, how the run ended).

The face other packages use: :func:`locate` and :func:`find_claude` (one way to find it),
:func:`probe` (version and sign-in, no prompt sent), :func:`start_up` and :func:`arguments`
(a headless run and its :class:`Outcome`; :func:`judge` says what went wrong),
:func:`parse_line` and the message types, :func:`agents_json` (an agent buffer as
``--agents`` JSON), :func:`try_arguments` and :func:`scratch_copy` (trying an agent); and the
modules :mod:`.registration` (what Claude Code registers from a project, beside our prediction),
:mod:`.generate` (a new agent from a brief, through ``--json-schema``) and :mod:`.improve`
(proposals of edits to an open agent).
"""

from . import generate, improve
from .agents import NotAnAgent, agents_json, definition
from .locate import ENV, Located, find_claude, install_places, locate
from .messages import (
    AUTHENTICATION_FAILED,
    NOT_LOGGED_IN,
    Assistant,
    Init,
    Malformed,
    Message,
    Other,
    Plugin,
    Result,
    ToolResult,
    ToolUse,
    User,
    parse_line,
    parse_lines,
)
from .run import (
    QUIET_ENV,
    Outcome,
    Status,
    arguments,
    environment,
    judge,
    probe,
    read_auth,
    read_run,
    read_version,
    start_up,
)
from .tryout import READ_ONLY_TOOLS, Copied, scratch_copy, try_arguments

__all__ = [
    "AUTHENTICATION_FAILED",
    "ENV",
    "NOT_LOGGED_IN",
    "QUIET_ENV",
    "READ_ONLY_TOOLS",
    "Assistant",
    "Copied",
    "Init",
    "Located",
    "Malformed",
    "Message",
    "NotAnAgent",
    "Other",
    "Outcome",
    "Plugin",
    "Result",
    "Status",
    "ToolResult",
    "ToolUse",
    "User",
    "agents_json",
    "arguments",
    "definition",
    "environment",
    "find_claude",
    "generate",
    "improve",
    "install_places",
    "judge",
    "locate",
    "parse_line",
    "parse_lines",
    "probe",
    "read_auth",
    "read_run",
    "read_version",
    "registration",
    "scratch_copy",
    "start_up",
    "try_arguments",
]
