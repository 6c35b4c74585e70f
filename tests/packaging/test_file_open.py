"""macOS opens files by sending the app a QFileOpenEvent (Finder double-click, Dock drop)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFileOpenEvent

from agentquill.core.files import RecoveryStore
from agentquill.ui.settings import Settings
from agentquill.ui.window.file_open import FileOpenFilter
from agentquill.ui.window.main_window import MainWindow

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "release-manager.md"


@pytest.fixture
def window(qtbot, qapp, tmp_path):
    win = MainWindow(Settings(tmp_path / "config"), RecoveryStore(tmp_path / "recovery"))
    qtbot.addWidget(win)
    qapp.installEventFilter(FileOpenFilter(win))
    win.show()
    yield win
    win.close()


def test_posted_file_open_event_opens_the_file(window, qtbot, qapp, tmp_path):
    path = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, path)
    QCoreApplication.postEvent(qapp, QFileOpenEvent(str(path)))
    qtbot.waitUntil(lambda: len(window.editor_tabs()) == 1, timeout=3000)
    assert window.current().document.path == path.resolve()


def test_other_events_pass_through(window, qapp):
    file_filter = window.findChild(FileOpenFilter)
    assert not file_filter.eventFilter(qapp, QEvent(QEvent.Type.ApplicationActivate))
