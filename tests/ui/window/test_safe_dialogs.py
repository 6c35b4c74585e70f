"""The questions that guard a file: Enter takes the safe answer; the title names the current
tab's file, whatever happened to the tab before."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from agentquill import APP_NAME
from agentquill.ui.window import agent_actions

AGENT = "---\nname: {0}\ndescription: Reads logs.\n---\nBody\n"


def on_modal(qtbot, act) -> list:
    """Run ``act(dialog)`` on the next modal dialog once it shows; the list gets the dialog."""
    seen: list = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            QTimer.singleShot(10, poll)
            return
        seen.append(modal)
        act(modal)

    QTimer.singleShot(0, poll)
    return seen


def agent_file(tmp_path, name: str):
    path = tmp_path / ".claude" / "agents" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(AGENT.format(name))
    return path


class NoTrash:
    @staticmethod
    def moveToTrash(path: str) -> bool:  # noqa: N802 - Qt's name
        return False


def test_enter_on_the_no_trash_question_keeps_the_file(window, qtbot, tmp_path, monkeypatch):
    path = agent_file(tmp_path, "log-reader")
    window.files.open_file(path)
    monkeypatch.setattr(agent_actions, "QFile", NoTrash)
    window.prompts.ask_delete = lambda path, unsaved: True
    seen = on_modal(qtbot, lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert not window.agents.delete_agent(path)
    (box,) = seen
    assert isinstance(box, QMessageBox) and box.defaultButton().text() == "Keep the File"
    assert path.exists() and window.current().document.path == path


def test_enter_on_the_trash_question_cancels(window, qtbot, tmp_path):
    path = agent_file(tmp_path, "log-reader")
    seen = on_modal(qtbot, lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert not window.agents.delete_agent(path)
    assert seen[0].defaultButton().text() == "Cancel" and path.exists()


def test_the_title_follows_the_current_tab(window, qtbot, tmp_path, monkeypatch):
    first, second = agent_file(tmp_path, "first"), agent_file(tmp_path, "second")
    window.files.open_file(first)
    window.files.open_file(second)
    assert window.windowTitle().startswith("second.md")
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    assert window.windowTitle().startswith("first.md")
    window.prompts.ask_rename = lambda path, name, dialect: "renamed"
    window.agents.rename_agent(first)
    assert window.windowTitle().startswith("renamed.md")
    monkeypatch.setattr(agent_actions, "QFile", NoTrash)
    window.prompts.ask_delete = lambda path, unsaved: True
    window.prompts.ask_delete_permanently = lambda path: True
    assert window.agents.delete_agent(tmp_path / ".claude" / "agents" / "renamed.md")
    assert window.windowTitle().startswith("second.md")
    close = bar.tabButton(0, bar.ButtonPosition.RightSide) or bar.tabButton(
        0, bar.ButtonPosition.LeftSide
    )
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert window.windowTitle() == APP_NAME and not window.isWindowModified()
