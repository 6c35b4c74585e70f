"""What Claude Code registers from the open project, checked in the background
(:mod:`agentquill.core.claude.registration`) and shown in the project tree and its problems.

A check is asked for when the project is indexed, when a file in it is saved, created, removed
or renamed (the session's ``scanned`` and ``refreshed``) and when Claude Code is found; it
starts :data:`DELAY_MS` after the last ask, so a burst of saves costs one run. One check runs
at a time, on a worker thread (Claude Code takes a second or more to start): an ask while it
runs waits, a newer ask replacing it, and the running check's answer, stale by then, is
dropped. Signed out is fine: Claude Code prints what it registered before it refuses the turn.
Without a Claude Code that answers nothing runs: the tree shows our prediction only, with the
reason.
"""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.claude import registration

if TYPE_CHECKING:
    from ..window.main_window import MainWindow

DELAY_MS = 1500
AGE_MS = 5000  # how often "checked 20 s ago" is brought up to date


class _Courier(QObject):
    done = Signal(int, object)  # the check's number, its Report


class RegistrationCheck(QObject):
    """Checks ``window``'s open project (see the module); ``report`` is the last answer,
    ``checked`` says a new one came, ``changed`` that :meth:`headline` may differ."""

    checked = Signal(object)  # registration.Report
    changed = Signal()

    def __init__(self, window: MainWindow, cache: Path | None = None):
        super().__init__(window)
        self.window = window
        self.cache = cache
        self.root: Path | None = None
        self.user: Path | None = None
        self.report: registration.Report | None = None
        self.runs = 0  # runs of Claude Code started
        self._checked_at = 0.0
        self._number = 0  # of the newest ask; an answer to an older one is stale
        self._running = False
        self._waiting = False
        self._delay = QTimer(self, singleShot=True, interval=DELAY_MS, timeout=self._start)
        self._age = QTimer(self, interval=AGE_MS, timeout=self.changed.emit)
        self._courier = _Courier(self)
        self._courier.done.connect(self._done)
        window.claude.changed.connect(self.request)
        self.changed.connect(lambda: window.project_tree.show_claude(self.headline()))
        self.checked.connect(window.project_tree.show_registrations)

    def follow(self, session, user: Path | None) -> None:
        """Check ``session``'s project, with the user's ``~/.claude`` folder ``user`` as the
        tree shows it (None: not shown), now and after each change."""
        self.stop()
        self.root, self.user = session.root, user
        session.scanned.connect(self.request)
        session.refreshed.connect(self.request)
        self.request()

    def stop(self) -> None:
        """Forget the project: no more checks, and a running one's answer is dropped."""
        if self.report is not None:
            self.window.project_tree.show_registrations(None)
        self.root, self.report = None, None
        self._number += 1
        self._waiting = False
        self._delay.stop()
        self._age.stop()
        self.changed.emit()

    def request(self) -> None:
        """Check again once things settle."""
        if self.root is not None:
            self._number += 1
            self._delay.start()
            self.changed.emit()

    @property
    def claude(self) -> str | None:
        """The Claude Code to run: found and answering, signed in or not."""
        found = self.window.claude
        status = found.status
        return status.path if status is not None and not status.problem else None

    @property
    def busy(self) -> bool:
        return self._running or self._delay.isActive()

    @property
    def problems(self) -> list:
        return self.report.problems if self.report is not None else []

    def headline(self) -> str:
        """The line above the tree: what Claude Code registers and when that was checked,
        ``checking…``, or why nothing is checked ("" without a project)."""
        if self.root is None:
            return ""
        found = self.window.claude
        if found.located is None:
            return "Looking for Claude Code…"
        if self.claude is None:
            return f"Our prediction only: {found.reason}"
        version, report = found.status.version, self.report
        if report is not None and report.problem:
            return f"Our prediction only: {report.problem}"
        if report is None or not report.version:  # none yet, or our prediction's
            return f"Claude Code {version}: checking…" if self.busy else ""
        said = report.headline()
        return f"{said} · checking…" if self.busy else f"{said} · checked {self._ago()}"

    def _ago(self) -> str:
        seconds = int(time.monotonic() - self._checked_at)
        if seconds < 5:
            return "just now"
        return f"{seconds} s ago" if seconds < 60 else f"{seconds // 60} min ago"

    def _start(self) -> None:
        claude, root = self.claude, self.root
        if root is None:
            return
        if self._running:
            self._waiting = True
            return
        self._running, self._waiting = True, False
        self.runs += claude is not None
        number, user, cache, courier = self._number, self.user, self.cache, self._courier

        def work() -> None:
            if claude is None:
                report = registration.predicted(root, user)
            else:
                report = registration.check(claude, root, user, cache=cache)
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                courier.done.emit(number, report)

        threading.Thread(target=work, name="claude-registration", daemon=True).start()
        self.changed.emit()

    def _done(self, number: int, report: registration.Report) -> None:
        self._running = False
        if self._waiting:
            self._start()  # this answer is stale: check what changed since
        elif number == self._number:
            self.report, self._checked_at = report, time.monotonic()
            self._age.start()
            self.checked.emit(report)
        self.changed.emit()
