"""Find and Replace in Project, driven by keys and clicks: results open the place, a replace
shows every change first, changes open tabs in their buffers, and leaves unreadable files be."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionViewItem,
    QTreeWidget,
)

from agentquill.ui.editor.document import AgentDocument
from agentquill.ui.window.main_window import MainWindow

WAIT = 15_000
AGENTS = Path(".claude", "agents")


def agent(name: str, body: str) -> str:
    return f"---\nname: {name}\ndescription: Use this agent for {name} work.\n---\n\n{body}\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    agents = tmp_path / "proj" / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "alpha.md").write_text(agent("alpha", "Feed the zebra.\nThe zebra sleeps."))
    (agents / "beta.md").write_text(agent("beta", "No stripes here."))
    (agents / "gamma.md").write_text(agent("gamma", "A zebra crossing."))
    (agents / "latin.md").write_bytes(agent("latin", "zebra caf\xe9").encode("latin-1"))
    return tmp_path / "proj"


def open_project(qtbot, window: MainWindow, root: Path) -> None:
    assert window.projects.open(root)
    qtbot.waitUntil(
        lambda: window.projects.session is not None and window.projects.session.done,
        timeout=WAIT,
    )


def panel(window: MainWindow):
    return window.findChild(QLabel, "find.project.status").parent()


def results(window: MainWindow) -> dict[str, list[str]]:
    """File row → its rows: a match's line (its tooltip), a skipped file's path and reason."""
    tree = window.findChild(QTreeWidget, "find.project.results")
    shown = {}
    for i in range(tree.topLevelItemCount()):
        row = tree.topLevelItem(i)
        shown[row.text(0)] = [
            row.child(k).text(0) or row.child(k).toolTip(0) for k in range(row.childCount())
        ]
    return shown


def status(window: MainWindow) -> str:
    return window.findChild(QLabel, "find.project.status").text()


def click(qtbot, window: MainWindow, button: str) -> None:
    qtbot.mouseClick(window.findChild(QPushButton, button), Qt.MouseButton.LeftButton)


def press(qtbot, window: MainWindow, keys: str) -> None:
    combo = QKeySequence(keys)[0]
    qtbot.keyClick(QApplication.focusWidget() or window, combo.key(), combo.keyboardModifiers())


def test_find_in_project_lists_matches_and_opens_the_place(qtbot, window, project) -> None:
    open_project(qtbot, window, project)
    press(qtbot, window, "Ctrl+Shift+F")
    field = window.findChild(QLineEdit, "find.project.text")
    assert panel(window).objectName() == "find.project" and panel(window).isVisible()
    assert QApplication.focusWidget() is field
    assert not window.findChild(QLineEdit, "find.project.replace").isVisible()
    qtbot.keyClicks(field, "zebra")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert status(window).startswith("3 matches in 2 files · searched 4 agents of proj")
    shown = results(window)
    assert shown[".claude/agents/alpha.md  (2)"] == ["Feed the zebra.", "The zebra sleeps."]
    assert shown[".claude/agents/gamma.md  (1)"] == ["A zebra crossing."]
    assert any(
        row.startswith(".claude/agents/latin.md — Not valid UTF-8") for row in shown["Skipped (1)"]
    )
    tree = window.findChild(QTreeWidget, "find.project.results")
    second = tree.topLevelItem(0).child(1)
    rect = tree.visualItemRect(second)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab = window.current()
    assert tab.document.path == project / AGENTS / "alpha.md"
    assert tab.panes.currentWidget() is tab.source
    assert tab.cursor_position() == (7, 10)  # after "The zebra" on line 7
    assert tab.source.textCursor().selectedText() == "zebra"
    tree.setCurrentItem(tree.topLevelItem(1).child(0))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.current().document.path.name == "gamma.md"
    assert window.current().source.textCursor().selectedText() == "zebra"


def test_replace_in_project_previews_then_applies_each_file_once(qtbot, window, project) -> None:
    open_project(qtbot, window, project)
    alpha = project / AGENTS / "alpha.md"
    gamma = project / AGENTS / "gamma.md"
    gamma_before = gamma.read_bytes()
    latin_before = (project / AGENTS / "latin.md").read_bytes()
    tab = window.files.open_file(alpha)
    press(qtbot, window, "Ctrl+Shift+H")
    qtbot.keyClicks(window.findChild(QLineEdit, "find.project.text"), "zebra")
    replace = window.findChild(QLineEdit, "find.project.replace")
    qtbot.keyClicks(replace, "horse")
    qtbot.keyClick(replace, Qt.Key.Key_Return)  # Enter in the replace field: preview
    assert status(window).startswith("Replace 3 matches in 2 files with “horse”?")
    assert tab.document.text() == agent("alpha", "Feed the zebra.\nThe zebra sleeps.")
    tree = window.findChild(QTreeWidget, "find.project.results")
    first = tree.topLevelItem(0).child(0)
    assert first.checkState(0) == Qt.CheckState.Checked
    box = tree.visualItemRect(first)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=box.topLeft() + _check_offset(tree, box)
    )
    assert first.checkState(0) == Qt.CheckState.Unchecked
    assert tree.topLevelItem(0).checkState(0) == Qt.CheckState.PartiallyChecked
    click(qtbot, window, "find.project.apply")
    # the open file: changed in its buffer, one undo step, not saved
    assert tab.document.text() == agent("alpha", "Feed the zebra.\nThe horse sleeps.")
    assert tab.document.modified and alpha.read_text() == agent(
        "alpha", "Feed the zebra.\nThe zebra sleeps."
    )
    tab.document.qdoc.undo()
    assert tab.document.text() == agent("alpha", "Feed the zebra.\nThe zebra sleeps.")
    # the closed one: written on disk; the unreadable one untouched and listed
    assert gamma.read_bytes() == gamma_before.replace(b"zebra", b"horse")
    assert (project / AGENTS / "latin.md").read_bytes() == latin_before
    assert "1 open in tabs (not saved yet), 1 written to disk" in status(window)
    assert any("latin.md — Not valid UTF-8" in r for r in results(window)["Skipped (1)"])
    undo = window.findChild(QPushButton, "find.project.undo")
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert gamma.read_bytes() == gamma_before
    assert status(window) == "Put back 1 file."


def test_a_replace_that_breaks_the_frontmatter_is_skipped(qtbot, window, project) -> None:
    open_project(qtbot, window, project)
    press(qtbot, window, "Ctrl+Shift+H")
    qtbot.keyClicks(window.findChild(QLineEdit, "find.project.text"), "name: beta")
    qtbot.keyClicks(window.findChild(QLineEdit, "find.project.replace"), "name: [beta")
    click(qtbot, window, "find.project.preview")
    click(qtbot, window, "find.project.apply")
    assert (project / AGENTS / "beta.md").read_text() == agent("beta", "No stripes here.")
    skipped = results(window)["Skipped (2)"]
    assert any("beta.md — The change would break the frontmatter" in r for r in skipped)


def test_without_a_project_the_open_files_are_searched(qtbot, window, project) -> None:
    window.files.open_file(project / AGENTS / "gamma.md")
    window.add_tab(AgentDocument("a zebra in an unsaved file"))
    press(qtbot, window, "Ctrl+Shift+F")
    field = window.findChild(QLineEdit, "find.project.text")
    qtbot.keyClicks(field, "zebra")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "searched the 2 open files (no project is open)" in status(window)
    assert list(results(window)) == [
        f"{project / AGENTS / 'gamma.md'}  (1)",
        "Untitled  (1)",
    ]


def _check_offset(tree: QTreeWidget, box: QRect) -> QPoint:
    """Where a row's check box is, from the row's top left (the style decides)."""
    option = QStyleOptionViewItem()
    option.rect = box
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    check = tree.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree
    )
    return QPoint(check.center().x() - box.left(), check.center().y() - box.top())


def test_a_file_open_through_a_link_is_searched_and_changed_in_its_tab(
    qtbot, window, project
) -> None:
    real = project / "shared" / "delta.md"
    real.parent.mkdir()
    real.write_text(agent("delta", "Saved text."))
    (project / AGENTS / "delta.md").symlink_to(real)
    open_project(qtbot, window, project)
    tab = window.files.open_file(project / AGENTS / "delta.md")
    assert tab.document.path == real
    tab.source.selectAll()
    tab.source.insertPlainText(agent("delta", "An okapi, unsaved."))
    press(qtbot, window, "Ctrl+Shift+H")
    qtbot.keyClicks(window.findChild(QLineEdit, "find.project.text"), "okapi")
    qtbot.keyClicks(window.findChild(QLineEdit, "find.project.replace"), "zebra")
    click(qtbot, window, "find.project.preview")
    assert list(results(window))[0] == ".claude/agents/delta.md  (1)"
    click(qtbot, window, "find.project.apply")
    assert tab.document.text() == agent("delta", "An zebra, unsaved.")
    assert real.read_text() == agent("delta", "Saved text.")


def replace_zebra(qtbot, window: MainWindow) -> None:
    """Ctrl+Shift+H, zebra → horse, Enter to preview, then Replace."""
    press(qtbot, window, "Ctrl+Shift+H")
    qtbot.keyClicks(window.findChild(QLineEdit, "find.project.text"), "zebra")
    replace = window.findChild(QLineEdit, "find.project.replace")
    qtbot.keyClicks(replace, "horse")
    qtbot.keyClick(replace, Qt.Key.Key_Return)
    click(qtbot, window, "find.project.apply")


def test_undo_replace_puts_back_the_open_tabs_too(qtbot, window, project) -> None:
    open_project(qtbot, window, project)
    alpha, gamma = project / AGENTS / "alpha.md", project / AGENTS / "gamma.md"
    gamma_before = gamma.read_bytes()
    tab = window.files.open_file(alpha)
    before = tab.document.text()
    replace_zebra(qtbot, window)
    assert "horse" in tab.document.text() and tab.document.modified
    click(qtbot, window, "find.project.undo")
    assert gamma.read_bytes() == gamma_before
    assert tab.document.text() == before and not tab.document.modified
    assert status(window) == "Put back 2 files."
    assert tab.document.qdoc.isRedoAvailable()  # the tab's own history: Ctrl+Y redoes it


def test_undo_replace_leaves_a_tab_edited_since_and_says_so(qtbot, window, project) -> None:
    open_project(qtbot, window, project)
    gamma = project / AGENTS / "gamma.md"
    gamma_before = gamma.read_bytes()
    tab = window.files.open_file(project / AGENTS / "alpha.md")
    replace_zebra(qtbot, window)
    tab.source.setFocus()
    qtbot.keyClick(tab.source, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tab.source, "More.")
    edited = tab.document.text()
    click(qtbot, window, "find.project.undo")
    assert gamma.read_bytes() == gamma_before
    assert tab.document.text() == edited
    assert status(window) == "Put back 1 file; 1 tab changed since: undo there with Ctrl+Z."
