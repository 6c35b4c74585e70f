"""At start-up, what the first frame does not show waits until the window has painted it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from agentquill.ui import timers
from agentquill.ui.timers import after_first_frame, hold_until_painted


class Window(QWidget):
    def __init__(self, log: list[str]):
        super().__init__()
        self.log = log
        self.resize(200, 100)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        self.log.append("paint")


def test_a_held_call_runs_after_the_first_paint(qtbot):
    log: list[str] = []
    window = Window(log)
    qtbot.addWidget(window)
    hold_until_painted(window)
    after_first_frame(window, lambda: log.append("held"))
    QApplication.processEvents()
    assert log == []  # not shown: nothing painted, nothing run
    window.show()
    qtbot.waitUntil(lambda: "held" in log)
    assert log.index("paint") < log.index("held")
    after_first_frame(window, lambda: log.append("later"))  # once painted: at once
    assert log[-1] == "later"


def test_a_window_that_never_paints_lets_the_calls_go_after_the_longest_hold(qtbot, monkeypatch):
    monkeypatch.setattr(timers, "HOLD_MS", 50)
    log: list[str] = []
    window = Window(log)
    qtbot.addWidget(window)
    hold_until_painted(window)  # never shown, as a window started minimized
    after_first_frame(window, lambda: log.append("held"))
    qtbot.waitUntil(lambda: log == ["held"])


def test_what_is_held_first_runs_and_is_painted_before_the_others(qtbot):
    """The preview's first render is held ``first``: the icon, Claude Code's look-up and the
    hidden views' set-up wait until what it showed is painted."""
    log: list[str] = []
    window = Window(log)
    qtbot.addWidget(window)
    hold_until_painted(window)
    after_first_frame(window, lambda: log.append("other"))
    after_first_frame(window, lambda: (log.append("first"), window.update()), first=True)
    window.show()
    qtbot.waitUntil(lambda: "other" in log)
    assert log.index("paint") < log.index("first")
    assert "paint" in log[log.index("first") + 1 : log.index("other")]  # what it changed
