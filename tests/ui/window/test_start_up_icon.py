"""The window icon at start-up: the sizes title bars and task lists draw before the first
frame, every size after it (``ui.app.FIRST_FRAME_ICON``). Started as a user starts the app, in
a fresh process with fresh settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from support import FIXTURES, ROOT

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
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "app"), env.get("PYTHONPATH", "")])
    for name in ("CONFIG", "CACHE", "DATA", "STATE"):
        env[f"XDG_{name}_HOME"] = str(tmp_path / name.lower())
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(FIXTURES / "examples-agent.md")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    first, later = json.loads(done.stdout.splitlines()[-1])
    assert first == [16, 24, 32, 48, 64]
    assert later == [16, 24, 32, 48, 64, 128, 256, 512]
