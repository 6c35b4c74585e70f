"""Qt widget tests run offscreen unless the environment already chose a platform."""

from __future__ import annotations

import os

import pytest

from agentquill.core.files import RecoveryStore
from agentquill.ui.settings import Settings
from agentquill.ui.window.main_window import MainWindow


def pytest_configure(config) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def window(qtbot, tmp_path):
    """A main window at 1280x800 with its own settings; unsaved tabs are discarded."""
    win = MainWindow(Settings(tmp_path / "config"), RecoveryStore(tmp_path / "recovery"))
    win.prompts.ask_save_changes = lambda tab: "discard"
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    for tab in win.editor_tabs():
        tab.document.qdoc.setModified(False)
    win.close()
