"""Claude Code runs as a tree of processes (the CLI, the shells of its tools, the runs of an
eval): a run of it starts in a session of its own, so that stopping it signals the whole tree.
Signalling only its root could leave the rest running, and spending, after Stop."""

from __future__ import annotations

import os
import signal
from contextlib import suppress

from PySide6.QtCore import QProcess


def own_session(process: QProcess) -> None:
    """Start ``process`` (not yet started) as the leader of a new session and process group."""
    if os.name == "posix":
        process.setUnixProcessParameters(QProcess.UnixProcessFlag.CreateNewSession)


def end(process: QProcess, kill: bool = False) -> None:
    """Ask ``process`` and everything it started to end (SIGTERM), or ``kill`` them."""
    pid = process.processId()
    if os.name == "posix" and pid > 0:
        with suppress(ProcessLookupError, PermissionError):  # not a group leader: its root only
            os.killpg(pid, signal.SIGKILL if kill else signal.SIGTERM)
            return
    if kill:
        process.kill()
    else:
        process.terminate()
