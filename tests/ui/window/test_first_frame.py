"""The window's first frame at start-up is complete (the toolbar's icons, the problems badge,
the form), and its shortcuts work the moment it has painted, although the hidden views are
dressed and the window's filters installed only after it (``ui.timers.after_first_frame``)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontInfo

from agentquill.core.files import RecoveryStore
from agentquill.ui.settings import Settings
from agentquill.ui.timers import hold_until_painted
from agentquill.ui.window.main_window import MainWindow
from support import SEED

CTRL = Qt.KeyboardModifier.ControlModifier
ICONS = ("new", "open", "save", "undo", "redo")  # the toolbar's actions with an icon


class FirstPaint(QObject):
    """What the window shows as it paints for the first time."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window, self.seen = window, None
        window.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and self.seen is None:
            w, tab = self.window, self.window.current()
            self.seen = {
                "title": w.windowTitle(),
                "pane": tab.panes.currentWidget() is tab.form,
                "icons": [n for n in ICONS if w.acts[n].icon().isNull()],
                "badge": (w.status.problems.isVisible(), w.status.problems.text()),
                "badge icon": w.status.problems.icon().isNull(),
                "sizes": w.status.sizes.text(),
            }
        return False


@pytest.fixture
def started(qtbot, tmp_path):
    """A window started as ``ui.app.run`` starts it, on the seed; its first frame's state."""
    window = MainWindow(Settings(tmp_path / "config"), RecoveryStore(tmp_path / "recovery"))
    qtbot.addWidget(window)
    hold_until_painted(window)
    window.files.open_paths([str(SEED)])
    spy = FirstPaint(window)
    window.show()
    qtbot.waitUntil(lambda: spy.seen is not None)
    yield window, spy.seen
    window.close()


def test_the_first_frame_shows_the_file_the_toolbar_icons_and_the_badge(started):
    _, seen = started
    assert seen["title"].startswith(SEED.name)
    assert seen["pane"]
    assert seen["icons"] == []  # none missing
    assert seen["badge"][0] and seen["badge"][1]
    assert not seen["badge icon"]
    assert "tokens" in seen["sizes"]


def test_the_pane_shortcuts_work_as_soon_as_the_window_has_painted(started, qtbot):
    window, _ = started
    tab = window.current()
    qtbot.keyClick(tab.form, Qt.Key.Key_4, CTRL)
    assert tab.panes.currentWidget() is tab.source
    assert QFontInfo(tab.source.font()).fixedPitch()  # dressed before it showed
    qtbot.keyClick(tab.source, Qt.Key.Key_1, CTRL)
    assert tab.panes.currentWidget() is tab.form
