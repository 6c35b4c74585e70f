"""The Agent menu end to end through the window, with its questions answered by the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from agentquill.core import dialects
from agentquill.core.files import RecoveryStore
from agentquill.core.frontmatter import parse
from agentquill.core.project.templates import TEMPLATES
from agentquill.ui.dialogs.new_agent import NewAgentDialog, NewAgentRequest, RenameDialog
from agentquill.ui.settings import Settings
from agentquill.ui.window import agent_actions
from agentquill.ui.window.main_window import MainWindow

AGENT = (
    b"---\r\nname: log-reader\r\ndescription: Reads logs and says what broke.\r\n"
    b"model: haiku\r\n---\r\n\r\nYou read logs and report what went wrong.\r\n"
)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    win = MainWindow(Settings(tmp_path / "config"), RecoveryStore(tmp_path / "recovery"))
    win.prompts.ask_save_changes = lambda tab: "discard"
    win.errors = []
    win.prompts.show_error = lambda title, text: win.errors.append(text)
    qtbot.addWidget(win)
    win.show()
    yield win
    for tab in win.editor_tabs():
        tab.document.qdoc.setModified(False)
    win.close()


@pytest.fixture
def agent(tmp_path) -> Path:
    path = tmp_path / "proj" / ".claude" / "agents" / "log-reader.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(AGENT)
    return path


def tab_for(window, path):
    return next((t for t in window.editor_tabs() if t.document.path == path), None)


def test_agent_menu_is_reachable(window):
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    agent_menu = menus["&Agent"]
    texts = [a.text() for a in agent_menu.actions() if a.text()]
    assert texts == [
        *("&New Agent…", "&Duplicate", "&Rename…", "&Move to…", "Move to &Trash…"),
        "Improve with &Claude",
    ]
    shortcuts = {a.shortcut().toString() for a in window.findChildren(type(window.acts["new"]))}
    assert window.acts["new"].shortcut().toString() == "Ctrl+N"
    assert {"Ctrl+Shift+N", "F2", "Ctrl+Shift+D", "Ctrl+Shift+M"} <= shortcuts


def test_new_agent_creates_from_template_and_opens_it(window, tmp_path):
    folder = tmp_path / "proj" / ".claude" / "agents"
    asked = []

    def answer(given, project):
        asked.append(given)
        return NewAgentRequest(TEMPLATES["specialist"], "api-designer", "Designs APIs.", folder)

    window.prompts.ask_new_agent = answer
    path = window.agents.new_agent(folder)
    assert asked == [folder]
    assert path == folder / "api-designer.md" and path.is_file()
    tab = window.current()
    assert tab.document.path == path and not tab.document.modified
    assert tab.document.parsed().value("name") == "api-designer"
    assert window.agents.new_agent(folder) is None  # the same name again: refused, nothing replaced
    assert "already exists" in window.errors[0]
    assert path.read_text() == TEMPLATES["specialist"].text("api-designer", "Designs APIs.")


def test_duplicate_opens_a_copy_with_a_new_name(window, agent):
    window.files.open_file(agent)
    window.acts["duplicate_agent"].trigger()
    copy = agent.with_name("log-reader-copy.md")
    assert copy.is_file() and window.current().document.path == copy
    assert parse(copy.read_text()).value("name") == "log-reader-copy"
    assert agent.read_bytes() == AGENT


def test_rename_and_one_undo_restore_name_and_file(window, agent, qtbot):
    tab = window.files.open_file(agent)
    window.prompts.ask_rename = lambda path, name, dialect: "trace-reader"
    window.acts["rename_agent"].trigger()
    new = agent.with_name("trace-reader.md")
    assert not agent.exists() and new.is_file()
    assert tab.document.path == new and not tab.document.modified
    assert new.read_bytes() == AGENT.replace(b"name: log-reader", b"name: trace-reader")
    assert tab.document.parsed().value("name") == "trace-reader"
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "trace-reader.md"
    assert str(new) in window.files.watcher.files()

    window.acts["undo"].trigger()
    assert agent.read_bytes() == AGENT and not new.exists()
    assert tab.document.path == agent and not tab.document.modified
    assert tab.document.parsed().value("name") == "log-reader"
    assert tab.document.file_bytes() == AGENT

    window.acts["redo"].trigger()
    assert not agent.exists() and new.is_file()
    assert tab.document.path == new and not tab.document.modified


def test_rename_keeps_unsaved_work_unsaved(window, agent):
    tab = window.files.open_file(agent)
    tab.form.commit("model", "opus")
    window.prompts.ask_rename = lambda path, name, dialect: "trace-reader"
    window.agents.rename_agent(agent)
    new = agent.with_name("trace-reader.md")
    assert b"model: haiku" in new.read_bytes()  # the unsaved edit stays in the editor only
    assert tab.document.modified and "model: opus" in tab.document.text()
    tab.document.qdoc.undo()
    assert agent.read_bytes() == AGENT and tab.document.modified


def test_rename_refused_on_clash_changes_nothing(window, agent):
    taken = agent.with_name("taken.md")
    taken.write_bytes(b"---\nname: taken\n---\n")
    tab = window.files.open_file(agent)
    steps = tab.document.qdoc.availableUndoSteps()
    window.prompts.ask_rename = lambda path, name, dialect: "taken"
    assert window.agents.rename_agent(agent) is None
    assert "already exists" in window.errors[0]
    assert agent.read_bytes() == AGENT and not tab.document.modified
    assert tab.document.qdoc.availableUndoSteps() == steps


def test_undo_of_a_rename_after_a_new_edit_only_undoes_text(window, agent, qtbot):
    tab = window.files.open_file(agent)
    window.prompts.ask_rename = lambda path, name, dialect: "trace-reader"
    window.agents.rename_agent(agent)
    tab.document.qdoc.undo()  # back to log-reader.md
    tab.form.commit("model", "opus")  # a new edit: the rename can no longer be redone
    tab.document.qdoc.redo()
    assert agent.is_file() and tab.document.path == agent


def test_move_to_user_scope_and_tab_follows(window, agent, tmp_path):
    tab = window.files.open_file(agent)
    offered = []

    def choose(path, targets):
        offered.extend(targets)
        return targets[0][1]

    window.prompts.ask_move_folder = choose
    window.acts["move_agent"].trigger()
    user = tmp_path / "home" / ".claude" / "agents"
    assert offered == [("User · ~/.claude/agents", user)]
    assert (user / "log-reader.md").read_bytes() == AGENT and not agent.exists()
    assert tab.document.path == user / "log-reader.md" and not tab.document.modified
    agent.write_bytes(b"other")
    window.prompts.ask_move_folder = lambda path, targets: agent.parent
    assert window.agents.move_agent(user / "log-reader.md") is None
    assert "already exists" in window.errors[0] and agent.read_bytes() == b"other"


def test_delete_moves_to_trash_and_closes_the_tab(window, agent, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    window.files.open_file(agent)
    asked = []
    window.prompts.ask_delete = lambda path, unsaved: asked.append(unsaved) or True
    window.acts["delete_agent"].trigger()
    assert asked == [False] and not agent.exists()
    assert (tmp_path / "data" / "Trash" / "files" / "log-reader.md").read_bytes() == AGENT
    assert tab_for(window, agent) is None


def test_delete_keeps_unsaved_work_in_an_untitled_tab(window, agent, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    tab = window.files.open_file(agent)
    tab.form.commit("model", "opus")
    window.prompts.ask_delete = lambda path, unsaved: unsaved
    assert window.agents.delete_agent(agent)
    assert not agent.exists() and tab in window.editor_tabs()
    assert tab.document.path is None and tab.document.modified
    assert "model: opus" in tab.document.text()


class NoTrash:
    """A system without a trash (Qt finds none when the data folder is missing, for one)."""

    @staticmethod
    def moveToTrash(path: str) -> bool:  # noqa: N802 - Qt's name
        return False


def test_delete_without_a_trash_asks_before_deleting(window, agent, monkeypatch):
    monkeypatch.setattr(agent_actions, "QFile", NoTrash)
    window.prompts.ask_delete = lambda path, unsaved: True
    window.prompts.ask_delete_permanently = lambda path: False
    assert not window.agents.delete_agent(agent)
    assert agent.read_bytes() == AGENT
    window.prompts.ask_delete_permanently = lambda path: True
    assert window.agents.delete_agent(agent) and not agent.exists()


def test_declined_delete_keeps_everything(window, agent):
    window.files.open_file(agent)
    window.prompts.ask_delete = lambda path, unsaved: False
    assert not window.agents.delete_agent(agent)
    assert agent.read_bytes() == AGENT and tab_for(window, agent) is not None


def test_new_agent_dialog_validates_the_name_live(qtbot, tmp_path):
    folder = tmp_path / ".claude" / "agents"
    folder.mkdir(parents=True)
    (folder / "taken.md").write_text("---\nname: taken\n---\n")
    dialog = NewAgentDialog(folder, None)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "dialog.new_agent"
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.name.text() == "domain-specialist" and ok.isEnabled()
    assert "<example>" in dialog.preview.toPlainText()
    for bad in ("Bad Name", "taken", "", "a:b"):
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, bad)
        assert not ok.isEnabled(), bad
        assert dialog.problems.text()
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "release-checker")
    assert ok.isEnabled()
    assert "name: release-checker" in dialog.preview.toPlainText()
    dialog.templates.setCurrentRow(list(TEMPLATES).index("copilot"))
    request = dialog.request()
    assert request.name == "release-checker" and request.folder == folder
    assert request.path == folder / "release-checker.agent.md"
    assert "read as Claude Code subagent" in dialog.problems.text() and ok.isEnabled()


def test_new_agent_dialog_follows_the_template_folder(qtbot, tmp_path):
    dialog = NewAgentDialog(None, tmp_path)
    qtbot.addWidget(dialog)
    dialog.templates.setCurrentRow(list(TEMPLATES).index("gemini"))
    assert dialog.request().folder == tmp_path / ".gemini" / "agents"
    dialog.templates.setCurrentRow(list(TEMPLATES).index("opencode"))
    assert dialog.request().folder == tmp_path / ".opencode" / "agents"


def test_rename_dialog_validates_live(qtbot, agent):
    dialog = RenameDialog(agent, "log-reader", dialects.get("claude-code"))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # unchanged
    dialog.name.setText("-bad")
    assert not ok.isEnabled() and "skips" in dialog.problems.text()
    dialog.name.setText("trace-reader")
    assert ok.isEnabled() and "trace-reader.md" in dialog.problems.text()


def test_ctrl_z_in_the_source_view_undoes_the_rename(window, agent, qtbot):
    tab = window.files.open_file(agent)
    window.prompts.ask_rename = lambda path, name, dialect: "trace-reader"
    window.agents.rename_agent(agent)
    tab.panes.setCurrentWidget(tab.source)
    tab.source.setFocus()
    qtbot.keyClick(tab.source, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert agent.read_bytes() == AGENT and tab.document.path == agent
