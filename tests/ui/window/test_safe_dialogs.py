"""The questions that guard a file: Enter takes the safe answer; the title names the current
tab's file, whatever happened to the tab before."""

from __future__ import annotations

from modal import on_modal
from PySide6.QtCore import Qt

from agentquill import APP_NAME
from agentquill.ui.window import agent_actions

AGENT = "---\nname: {0}\ndescription: Reads logs.\n---\nBody\n"


def agent_file(tmp_path, name: str):
    path = tmp_path / ".claude" / "agents" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(AGENT.format(name))
    return path


def enter(qtbot, box) -> None:
    qtbot.keyClick(box, Qt.Key.Key_Return)


class NoTrash:
    @staticmethod
    def moveToTrash(path: str) -> bool:  # noqa: N802 - Qt's name
        return False


def test_enter_on_the_no_trash_question_keeps_the_file(window, qtbot, tmp_path, monkeypatch):
    path = agent_file(tmp_path, "log-reader")
    window.files.open_file(path)
    monkeypatch.setattr(agent_actions, "QFile", NoTrash)
    window.prompts.ask_delete = lambda path, unsaved: True
    defaults = []
    on_modal(lambda box: (defaults.append(box.defaultButton().text()), enter(qtbot, box)))
    assert not window.agents.delete_agent(path)
    assert defaults == ["Keep the File"]
    assert path.exists() and window.current().document.path == path


def test_enter_on_the_trash_question_cancels(window, qtbot, tmp_path):
    path = agent_file(tmp_path, "log-reader")
    defaults = []
    on_modal(lambda box: (defaults.append(box.defaultButton().text()), enter(qtbot, box)))
    assert not window.agents.delete_agent(path)
    assert defaults == ["Cancel"] and path.exists()


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
