"""The one way the UI runs a streaming ``claude -p`` and reads what it prints.

::

    run = ClaudeRun(parent)
    run.message.connect(show)       # each message as it comes: claude.Init, Assistant, User, …
    run.finished.connect(ended)     # once, with an :class:`Ended`
    run.start(program, claude.arguments(prompt, agents=…, agent=…), folder)
    run.stop()                      # at any time; again is harmless

The process is a :class:`QProcess` (the UI thread never waits on it) in the user's own
environment, quietened (:func:`claude.environment`), stdin closed. Its stdout is read as it
comes and split on newlines, so a line that arrives in pieces is read once whole. A line that
is not a message ends the run: what follows it could not be trusted. ``finished`` always comes
once, after ``start`` has returned, and says how the run ended (:class:`Ending`) in one line a
user can read.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from ...core import claude
from .. import process_tree
from ..window.claude import LOGIN_HOW

GRACE_MS = 2000  # after a polite terminate, how long a run has before it is killed
STDERR_KEPT = 64_000  # characters of stderr kept for the message of a failed run


class Ending(Enum):
    """How a run ended."""

    RESULT = "result"  # Claude Code said how it went (the result may be an error)
    SIGNED_OUT = "signed out"  # refused: nobody is logged in
    STOPPED = "stopped"  # by the user, before a result
    NOT_STARTED = "not started"  # the program is missing or would not start
    FAILED = "failed"  # crashed or exited without a result
    MALFORMED = "malformed"  # printed a line that is not a message


@dataclass(frozen=True)
class Ended:
    """The end of a run: how, one line to show (``""`` for a result that is not an error),
    everything it printed (``outcome``) and how long it took."""

    how: Ending
    said: str
    outcome: claude.Outcome
    seconds: float

    @property
    def result(self) -> claude.Result | None:
        return self.outcome.result


class ClaudeRun(QObject):
    """One run of Claude Code, streamed. Make another for the next run."""

    message = Signal(object)  # claude.Message, never Malformed
    finished = Signal(object)  # Ended

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.command: list[str] = []  # the program and its arguments, once started
        self.outcome = claude.Outcome()
        self._process = QProcess(self)
        self._process.setStandardInputFile(QProcess.nullDevice())
        process_tree.own_session(self._process)
        self._process.readyReadStandardOutput.connect(self._read)
        self._process.readyReadStandardError.connect(self._read_errors)
        self._process.finished.connect(self._exited)
        self._process.errorOccurred.connect(self._failed)
        self._kill = QTimer(self, singleShot=True, interval=GRACE_MS, timeout=self._end_now)
        self._pending = b""  # the start of a line whose end has not come yet
        self._ending: Ending | None = None  # decided before the process exits
        self._said = ""
        self._stopping = False
        self._ended = False
        self._started = 0.0

    @property
    def running(self) -> bool:
        return self._process.state() != QProcess.ProcessState.NotRunning

    def start(
        self,
        program: str,
        args: Sequence[str],
        folder: str | Path,
        env: Mapping[str, str] | None = None,
    ) -> None:
        """Run ``program`` with ``args`` in ``folder``; ``env`` defaults to ours."""
        self.command = [program, *args]
        environment = QProcessEnvironment()
        for key, value in claude.environment(env).items():
            environment.insert(key, value)
        self._process.setProcessEnvironment(environment)
        self._process.setWorkingDirectory(str(folder))
        self._started = time.monotonic()
        self._process.start(program, list(args))

    def stop(self, wait: bool = False) -> None:
        """End the run: terminate, then kill after a grace. With ``wait``, block until it is
        gone (for a window or tab that is closing and will not see it end)."""
        if not self.running:
            return
        if not self._stopping:
            self._stopping = True
            process_tree.end(self._process)
            self._kill.start()
        if wait and not self._process.waitForFinished(GRACE_MS):
            self._end_now()
            self._process.waitForFinished(GRACE_MS)

    def _end_now(self) -> None:
        process_tree.end(self._process, kill=True)

    # --- reading --------------------------------------------------------------------------
    def _read(self) -> None:
        self._pending += bytes(self._process.readAllStandardOutput().data())
        *lines, self._pending = self._pending.split(b"\n")
        for line in lines:
            self._line(line)

    def _line(self, raw: bytes) -> None:
        text = raw.decode("utf-8", errors="replace")
        if self._ending is not None or not text.strip():
            return
        read = claude.parse_line(text)
        self.outcome.messages.append(read)
        if isinstance(read, claude.Malformed):
            self._ending, self._said = Ending.MALFORMED, read.said
            self.stop()
            return
        self.message.emit(read)

    def _read_errors(self) -> None:
        said = bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace")
        self.outcome.stderr = (self.outcome.stderr + said)[-STDERR_KEPT:]

    # --- ending ---------------------------------------------------------------------------
    def _failed(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:  # no ``finished`` follows
            why = self._process.errorString().rpartition(": ")[2]  # after Qt's "execve: "
            said = f"Claude Code could not be started: {self.command[0]}: {why}"
            self._end(Ending.NOT_STARTED, said)

    def _exited(self, code: int, status: QProcess.ExitStatus) -> None:
        self._kill.stop()
        self._read()
        self._read_errors()
        if self._pending:
            self._line(self._pending)
            self._pending = b""
        crashed = status == QProcess.ExitStatus.CrashExit
        outcome = self.outcome
        outcome.returncode = None if crashed else code
        result = outcome.result
        if self._ending is not None:
            self._end(self._ending, self._said)
        elif outcome.signed_out:
            self._end(Ending.SIGNED_OUT, f"Claude Code is not logged in: {LOGIN_HOW}.")
        elif result is not None:
            error = (result.text or result.subtype) if result.is_error else ""
            self._end(Ending.RESULT, f"Claude Code ended with an error: {error}" if error else "")
        elif self._stopping:
            self._end(Ending.STOPPED, "Stopped before Claude Code answered")
        else:
            self._end(Ending.FAILED, claude.judge(outcome, crashed))

    def _end(self, how: Ending, said: str) -> None:
        """Say once how the run ended, after ``start`` has returned."""
        if self._ended:
            return
        self._ended = True
        if how is not Ending.RESULT:
            self.outcome.problem = said
        ended = Ended(how, said, self.outcome, time.monotonic() - self._started)
        QTimer.singleShot(0, self, lambda: self.finished.emit(ended))
