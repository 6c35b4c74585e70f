"""Answering modal dialogs in tests as a user does: each act runs on the next modal dialog once
it shows (an act may open another and carry on when that one is answered)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def on_modal(*acts: Callable[[QWidget], object], kind: type = QWidget) -> list[QWidget]:
    """Run ``acts`` in turn on the next modal dialogs (of ``kind``); returns the list that
    gets each dialog as it is met, so the test can look at it after."""
    seen: list[QWidget] = []
    queue = list(acts)

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, kind) or modal in seen or not modal.isVisible():
            QTimer.singleShot(10, poll)
            return
        seen.append(modal)
        act = queue.pop(0)
        if queue:
            QTimer.singleShot(0, poll)
        act(modal)

    QTimer.singleShot(0, poll)
    return seen
