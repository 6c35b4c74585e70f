"""The welcome page: shown whenever no file is open, its ways in and its recent lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QToolButton

from agentquill import resources_dir
from agentquill.ui.window.welcome import RecentRow

AGENT = "---\nname: {name}\ndescription: Reads logs.\n---\n\nYou read logs.\n"


@pytest.fixture
def agents(tmp_path) -> list[Path]:
    folder = tmp_path / "proj" / ".claude" / "agents"
    folder.mkdir(parents=True)
    paths = [folder / f"{name}.md" for name in ("log-reader", "api-reviewer")]
    for path in paths:
        path.write_text(AGENT.format(name=path.stem), encoding="utf-8")
    return paths


def welcome_shown(window) -> bool:
    return window.welcome.isVisible() and not window.tabs.isVisible()


def test_the_first_window_shows_the_welcome_page_and_no_document(window):
    assert (
        welcome_shown(window) and window.centralWidget().currentWidget().objectName() == "welcome"
    )
    assert window.editor_tabs() == [] and window.problems.model().rowCount() == 0
    assert "Untitled" not in window.windowTitle()


def test_welcome_gives_way_to_the_first_tab_and_returns_after_the_last(window, agents, qtbot):
    on_a_file = ("save", "close", "form", "source", "find", "repair")
    assert not any(window.acts[name].isEnabled() for name in on_a_file)
    first = window.files.open_file(agents[0])
    assert all(window.acts[name].isEnabled() for name in on_a_file)
    assert not window.welcome.isVisible() and window.tabs.isVisible()
    window.files.open_file(agents[1])
    assert [t.document.path for t in window.editor_tabs()] == [first.document.path, agents[1]]
    qtbot.keyClick(window.current().source, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not welcome_shown(window)
    qtbot.keyClick(window.current().source, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: welcome_shown(window))
    assert not any(window.acts[name].isEnabled() for name in on_a_file)


def test_ctrl_n_asks_for_a_template_and_makes_no_untitled_tab(window, qtbot):
    asked = []
    window.prompts.ask_new_agent = lambda folder, project: asked.append(folder)
    qtbot.keyClick(window.welcome, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked == [None] and window.editor_tabs() == [] and welcome_shown(window)
    assert window.acts["new"].text() == "&New…"


def rows(window, name: str) -> list[RecentRow]:
    return window.welcome.findChild(type(window.welcome.files), name).findChildren(RecentRow)


def test_recent_lists_open_with_a_click_and_forget_with_the_button(window, agents, qtbot):
    state = window.settings.state
    state.recent_files = [str(p) for p in agents]
    state.recent_projects = [str(agents[0].parents[2])]
    window.welcome.refresh()
    files = rows(window, "welcome.recent_files")
    assert [r.path for r in files] == state.recent_files
    where = files[0].where
    qtbot.waitUntil(lambda: where.text() != "")
    fits = where.fontMetrics().horizontalAdvance(files[0].path) <= where.width()
    assert where.text() == files[0].path if fits else "…" in where.text()  # elided only if need be
    qtbot.mouseClick(files[1].findChild(QToolButton, "welcome.forget"), Qt.MouseButton.LeftButton)
    assert state.recent_files == [str(agents[0])]
    assert [r.path for r in rows(window, "welcome.recent_files")] == [str(agents[0])]
    qtbot.mouseClick(rows(window, "welcome.recent_files")[0], Qt.MouseButton.LeftButton)
    assert [t.document.path for t in window.editor_tabs()] == [agents[0]]
    window.files.close_tab(0)
    qtbot.waitUntil(lambda: welcome_shown(window))
    project = rows(window, "welcome.recent_projects")[0]
    project.setFocus()
    qtbot.keyClick(project, Qt.Key.Key_Return)
    assert window.projects.session.root == agents[0].parents[2]


def test_delete_key_forgets_a_recent_project(window, tmp_path, qtbot):
    window.settings.state.recent_projects = [str(tmp_path)]
    window.welcome.refresh()
    row = rows(window, "welcome.recent_projects")[0]
    row.setFocus()
    qtbot.keyClick(row, Qt.Key.Key_Delete)
    assert window.settings.state.recent_projects == []
    assert rows(window, "welcome.recent_projects") == []


def test_start_buttons(window, qtbot, monkeypatch):
    asked = []
    window.prompts.ask_new_agent = lambda folder, project: asked.append("template")
    window.prompts.ask_open_paths = lambda: asked.append("file") or []
    window.prompts.ask_folder = lambda: asked.append("folder") or ""
    for name in ("new", "open", "open_folder"):
        qtbot.mouseClick(
            window.findChild(QPushButton, f"welcome.{name}"), Qt.MouseButton.LeftButton
        )
    assert asked == ["template", "file", "folder"]
    qtbot.mouseClick(window.findChild(QPushButton, "welcome.guide"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(object, "help.guide").isVisible())
    qtbot.mouseClick(window.findChild(QPushButton, "welcome.example"), Qt.MouseButton.LeftButton)
    example = (window.settings.data_folder / "examples").resolve()
    assert window.projects.session.root == example
    assert rows(window, "welcome.recent_projects")[0].path == str(example)  # listed at once
    qtbot.waitUntil(lambda: window.projects.session.done, timeout=10_000)
    assert window.project_tree.model.entries()


def test_example_project_is_a_user_copy(window, qtbot):
    """The installed examples are never opened in place: the user edits a copy, kept as theirs."""
    shipped = resources_dir() / "examples"
    copy = window.settings.data_folder / "examples"
    button = window.findChild(QPushButton, "welcome.example")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.projects.session.root == copy.resolve()
    assert sorted(p.relative_to(copy) for p in copy.rglob("*")) == sorted(
        p.relative_to(shipped) for p in shipped.rglob("*")
    )
    mine = next(copy.rglob("*.md"))
    mine.write_text("the user's work\n", encoding="utf-8")
    (copy / "new.md").write_text("", encoding="utf-8")
    assert window.projects.close()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.projects.session.root == copy.resolve()
    assert mine.read_text(encoding="utf-8") == "the user's work\n"  # opened as it is
    assert (copy / "new.md").exists()


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_welcome_fits_and_stays_centred(window, qtbot, size):
    window.settings.state.recent_files = ["/a/short.md", "/" + "deep/" * 60 + "long.md"]
    window.welcome.refresh()
    window.resize(*size)
    column = window.welcome.findChild(object, "welcome.column")
    long = rows(window, "welcome.recent_files")[1]
    qtbot.waitUntil(lambda: window.width() == size[0] and "…" in long.where.text())
    left = column.mapTo(window.welcome.viewport(), column.rect().topLeft()).x()
    right = window.welcome.viewport().width() - (left + column.width())
    assert abs(left - right) <= 2 and column.width() <= 920
    for button in window.welcome.findChildren(QPushButton):
        assert button.fontMetrics().horizontalAdvance(button.text()) < button.width()
    assert long.path in long.toolTip()
