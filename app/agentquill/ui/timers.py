"""Calls on a later event-loop turn that die with the object they belong to.

``QTimer.singleShot(0, context, callable)`` is Qt's way, but PySide 6 keeps the callable (and
everything it holds: a whole closed tab, its document and views) for ever when ``context`` is
deleted before the timer fires. A timer that is a child of ``context`` dies with it and lets
the callable go.

At start-up, :func:`after_first_frame` holds back what the window's first frame does not show
(the preview's first render loads the markdown renderer) until the window has painted it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractEventDispatcher, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

#: the longest the first frame holds calls back
HOLD_MS = 1000


def soon(context: QObject, slot: Callable[[], object], ms: int = 0) -> None:
    """Call ``slot`` after ``ms`` milliseconds, unless ``context`` is deleted first."""
    _timer(context, slot).start(ms)


def _timer(context: QObject, slot: Callable[[], object]) -> QTimer:
    timer = QTimer(context)
    timer.setSingleShot(True)
    timer.timeout.connect(slot)
    timer.timeout.connect(timer.deleteLater)
    return timer


class _FirstFrame(QObject):
    """Schedules the held calls once the window has painted (they run after that paint), or
    after :data:`HOLD_MS` at most (a window started minimized paints later): those held as
    ``first`` (the preview's render), then, once what they showed is painted too, the others.
    Held, a call is a pair in a list: building the window holds dozens.

    Qt paints a window in the same turn of the event loop that tells it it is exposed (and
    marks it mapped), so the loop going idle with the window mapped means the first frame is
    painted. That is watched with a signal, not an event filter: a filter on the window would
    see every event of its building and showing (dozens) go through Python before the first
    frame."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self.held: list[tuple[QObject, Callable[[], object]]] = []
        self.first: list[tuple[QObject, Callable[[], object]]] = []  # run before the others
        self.idle = QAbstractEventDispatcher.instance().aboutToBlock
        self.idle.connect(self.check)
        soon(self, self.release, HOLD_MS)

    def check(self) -> None:
        if self.window.testAttribute(Qt.WidgetAttribute.WA_Mapped):  # set as it is exposed
            self.release()

    def release(self) -> None:
        global _first_frame
        if _first_frame is not self:
            return
        _first_frame = None
        self.idle.disconnect(self.check)
        self._schedule(self.first)
        soon(self, lambda: self.idle.connect(self._release_the_others))  # after the first

    def _release_the_others(self) -> None:
        """The loop's next turn paints what the first calls changed, before these run."""
        self.idle.disconnect(self._release_the_others)
        self._schedule(self.held)
        self.deleteLater()

    @staticmethod
    def _schedule(calls: list[tuple[QObject, Callable[[], object]]]) -> None:
        for context, slot in calls:
            if isValid(context):  # not deleted meanwhile
                soon(context, slot)


_first_frame: _FirstFrame | None = None


def hold_until_painted(window: QWidget) -> None:
    """Make :func:`after_first_frame` wait until ``window`` paints (app start-up)."""
    global _first_frame
    _first_frame = _FirstFrame(window)


def after_first_frame(context: QObject, slot: Callable[[], object], *, first: bool = False) -> None:
    """Call ``slot`` now; at start-up, once the window has painted its first frame (unless
    ``context`` is deleted first). ``first``: before the calls held without it, in the order
    held — what the user waits to see (the preview), not what waits for a click."""
    if _first_frame is None:
        slot()
    else:
        (_first_frame.first if first else _first_frame.held).append((context, slot))
