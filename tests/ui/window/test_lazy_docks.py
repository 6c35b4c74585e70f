"""The Problems and Project Problems lists are made when their docks first show (they start
hidden, and making them cost the first frame milliseconds), yet behave as if always there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from agentquill.core.files import RecoveryStore
from agentquill.ui.settings import Settings
from agentquill.ui.window.main_window import MainWindow

AGENT = "---\nname: Not A Name\n---\nDo things.\n"


def test_the_problems_list_is_made_when_its_dock_shows_with_the_files_problems(
    window, tmp_path, qtbot
):
    path = tmp_path / "agent.md"
    path.write_text(AGENT, encoding="utf-8")
    tab = window.files.open_file(path)
    assert tab.diagnostics
    assert not window.problems_dock.made and not window.project_problems_dock.made
    qtbot.mouseClick(window.status.problems, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.problems_dock.isVisible, timeout=5000)
    rows = [
        window.problems.topLevelItem(i).text(1) for i in range(window.problems.topLevelItemCount())
    ]
    assert rows == [d.code for d in tab.diagnostics]
    tab.document.qdoc.setPlainText("---\nname: fine\ndescription: Does things.\n---\nBody.\n")
    qtbot.waitUntil(lambda: window.problems.topLevelItemCount() == len(tab.diagnostics))


def test_a_saved_layout_with_problems_shown_shows_them_at_start(tmp_path, qtbot):
    path = tmp_path / "agent.md"
    path.write_text(AGENT, encoding="utf-8")

    def start() -> MainWindow:
        win = MainWindow(Settings(tmp_path / "config"), RecoveryStore(tmp_path / "recovery"))
        qtbot.addWidget(win)
        win.files.open_paths([str(path)])
        win.show()
        return win

    first = start()
    first.problems_dock.show()
    first.close()
    second = start()
    qtbot.waitUntil(second.problems_dock.isVisible, timeout=5000)
    assert second.problems_dock.made  # by its showing, not by the question below
    assert second.problems.topLevelItemCount() == len(second.current().diagnostics) > 0
    second.close()
