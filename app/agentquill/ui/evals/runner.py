"""One ``claude plugin eval --json`` run in a QProcess: its stderr lines as they come (the run's
progress), then its whole stdout (the result JSON) and how it ended.

Not the stream-json runner of ``ui.claude``: ``plugin eval --json`` prints one JSON document
when it ends, not a message a line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from .. import process_tree

GRACE_MS = 3000  # after Stop: the time to end cleanly before the process is killed


@dataclass(frozen=True)
class Ended:
    """How a run ended: what it printed, its exit code (None: it crashed or never started),
    whether the user stopped it, and ``problem`` when it could not start."""

    stdout: str
    stderr: str
    code: int | None
    stopped: bool = False
    problem: str = ""


class EvalRun(QObject):
    """Starts once; ``progress(line)`` for each stderr line, ``finished(Ended)`` once."""

    progress = Signal(str)
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.process = QProcess(self)
        self.process.readyReadStandardError.connect(self._read_stderr)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        self._stderr: list[str] = []
        self._partial = ""
        self._stopped = False
        self._done = False

    def start(self, program: str, args: Sequence[str], folder: Path, env: Mapping[str, str]):
        environment = QProcessEnvironment()
        for key, value in env.items():
            environment.insert(key, value)
        self.process.setProcessEnvironment(environment)
        self.process.setWorkingDirectory(str(folder))
        self.process.setStandardInputFile(QProcess.nullDevice())
        process_tree.own_session(self.process)
        self.process.start(program, list(args))

    @property
    def running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def stop(self, wait: bool = False) -> None:
        """End the run: terminate, then kill once the grace is over. Safe to call twice. With
        ``wait``, block until it is gone (for a tab that is closing and will not see it end)."""
        if not self.running:
            return
        if not self._stopped:
            self._stopped = True
            process_tree.end(self.process)
            QTimer.singleShot(GRACE_MS, self, self._kill)
        if wait and not self.process.waitForFinished(GRACE_MS):
            self._kill()
            self.process.waitForFinished(GRACE_MS)

    def _kill(self) -> None:
        if self.running:
            process_tree.end(self.process, kill=True)

    def _read_stderr(self) -> None:
        text = self._partial + bytes(self.process.readAllStandardError()).decode(errors="replace")
        *lines, self._partial = text.split("\n")
        for line in lines:
            self._said(line)

    def _said(self, line: str) -> None:
        self._stderr.append(line)
        if line.strip():
            self.progress.emit(line.rstrip())

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read_stderr()
        if self._partial:
            self._said(self._partial)
            self._partial = ""
        crashed = status == QProcess.ExitStatus.CrashExit
        self._end(Ended(self._stdout(), "\n".join(self._stderr), None if crashed else code,
                        self._stopped))  # fmt: skip

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            said = self.process.errorString()
            self._end(Ended("", "", None, problem=f"Claude Code could not start: {said}"))

    def _stdout(self) -> str:
        return bytes(self.process.readAllStandardOutput()).decode(errors="replace")

    def _end(self, ended: Ended) -> None:
        if not self._done:
            self._done = True
            self.finished.emit(ended)
