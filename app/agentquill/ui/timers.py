"""Calls on a later event-loop turn that die with the object they belong to.

``QTimer.singleShot(0, context, callable)`` is Qt's way, but PySide 6 keeps the callable (and
everything it holds: a whole closed tab, its document and views) for ever when ``context`` is
deleted before the timer fires. A timer that is a child of ``context`` dies with it and lets
the callable go.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def soon(context: QObject, slot: Callable[[], object], ms: int = 0) -> None:
    """Call ``slot`` after ``ms`` milliseconds, unless ``context`` is deleted first."""
    timer = QTimer(context)
    timer.setSingleShot(True)
    timer.timeout.connect(slot)
    timer.timeout.connect(timer.deleteLater)
    timer.start(ms)
