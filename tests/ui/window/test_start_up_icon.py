"""The window icon at start-up: the sizes title bars and task lists draw before the first
frame, every size after it (``ui.app.FIRST_FRAME_ICON``). Started as a user starts the app, in
a fresh process with fresh settings."""

from __future__ import annotations

from support import start_app

DRIVER = """
import json, os, sys
from agentquill import __main__ as entry
from agentquill.ui import app
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def sizes():
    return sorted(size.width() for size in QApplication.windowIcon().availableSizes())


class FirstPaint(app.MainWindow):
    def paintEvent(self, event):
        super().paintEvent(event)
        if hasattr(self, "first"):
            return
        self.first = sizes()
        timer = QTimer(self, interval=10)
        timer.timeout.connect(lambda: sizes() != self.first and report(self.first, sizes()))
        timer.start()
        QTimer.singleShot(5000, lambda: report(self.first, sizes()))


def report(*sizes):
    print(json.dumps(sizes), flush=True)
    os._exit(0)


app.MainWindow = FirstPaint
entry.main([sys.argv[1]])
"""


def test_the_large_icon_sizes_come_after_the_first_frame(tmp_path):
    first, later = start_app(DRIVER, tmp_path)
    assert first == [16, 24, 32, 48, 64]
    assert later == [16, 24, 32, 48, 64, 128, 256, 512]
