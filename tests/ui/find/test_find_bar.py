"""The find bar of a tab, driven by keys: Ctrl+F, typing, F3, toggles, Ctrl+H, Escape."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QToolButton

from agentquill.ui.editor.document import AgentDocument
from agentquill.ui.find.bar import FindBar

TEXT = (
    "---\nname: api-reviewer\ndescription: Reviews api changes.\n---\n\n"
    "Use the api-reviewer for API work.\nThe rapid api check.\n"
)


@pytest.fixture
def tab(window, tmp_path: Path):
    path = tmp_path / "api-reviewer.md"
    path.write_text(TEXT, encoding="utf-8")
    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.form)  # Find switches to the source
    return tab


def bar_of(tab) -> FindBar:
    return tab.findChild(FindBar, "find.bar")


def key(qtbot, window, sequence: QKeySequence.StandardKey | str) -> None:
    """Press the first binding of ``sequence`` where the focus is, as the user would."""
    binding = (
        QKeySequence.keyBindings(sequence)[0]
        if isinstance(sequence, QKeySequence.StandardKey)
        else QKeySequence(sequence)
    )
    combo = binding[0]
    qtbot.keyClick(QApplication.focusWidget() or window, combo.key(), combo.keyboardModifiers())


def count_text(tab) -> str:
    return bar_of(tab).findChild(QLabel, "find.count").text()


def selected(tab) -> str:
    return tab.source.textCursor().selectedText()


def test_ctrl_f_typing_f3_cycles_and_counts(window, tab, qtbot) -> None:
    qtbot.waitExposed(window)
    tab.form.setFocus()
    key(qtbot, window, QKeySequence.StandardKey.Find)
    bar = bar_of(tab)
    qtbot.waitUntil(bar.isVisible)
    assert tab.panes.currentWidget() is tab.source
    assert QApplication.focusWidget() is bar.field
    qtbot.keyClicks(bar.field, "api")
    assert count_text(tab) == "6 matches"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert (selected(tab), count_text(tab)) == ("api", "1 of 6")
    tab.source.setFocus()
    for expected in ("2 of 6", "3 of 6", "4 of 6", "5 of 6", "6 of 6", "1 of 6"):
        key(qtbot, window, QKeySequence.StandardKey.FindNext)
        assert count_text(tab) == expected
    key(qtbot, window, QKeySequence.StandardKey.FindPrevious)
    assert count_text(tab) == "6 of 6"
    assert QApplication.focusWidget() is tab.source  # F3 in the text leaves the focus there
    bar.field.setFocus()
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert count_text(tab) == "5 of 6"


def test_toggles_narrow_the_count(window, tab, qtbot) -> None:
    tab.source.setFocus()
    key(qtbot, window, QKeySequence.StandardKey.Find)
    bar = bar_of(tab)
    qtbot.keyClicks(bar.field, "api")
    qtbot.mouseClick(bar.findChild(QToolButton, "find.case"), Qt.MouseButton.LeftButton)
    assert count_text(tab) == "5 matches"  # not "API"
    qtbot.mouseClick(bar.findChild(QToolButton, "find.word"), Qt.MouseButton.LeftButton)
    assert count_text(tab) == "4 matches"  # not "rapid"; "api-reviewer" holds the word "api"
    bar.field.clear()
    qtbot.keyClicks(bar.field, "zebra")
    assert count_text(tab) == "No matches"


def test_a_bad_regex_shows_its_error_in_the_bar(window, tab, qtbot) -> None:
    tab.source.setFocus()
    key(qtbot, window, QKeySequence.StandardKey.Find)
    bar = bar_of(tab)
    qtbot.mouseClick(bar.findChild(QToolButton, "find.regex"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.field, "(api")
    error = bar.findChild(QLabel, "find.error")
    assert error.isVisible() and count_text(tab) == ""
    assert error.text() == "Bad pattern: missing ), unterminated subpattern at position 0"
    assert QApplication.activeModalWidget() is None
    qtbot.keyClicks(bar.field, ")-(\\w+)")
    assert count_text(tab) == "2 matches"
    assert not error.isVisible()


def test_replace_all_is_one_undo_step_and_leaves_the_file_alone(window, tab, qtbot) -> None:
    tab.source.setFocus()
    key(qtbot, window, QKeySequence.StandardKey.Find)
    bar = bar_of(tab)
    assert not bar.replacement.isVisible()
    key(qtbot, window, QKeySequence.StandardKey.Replace)  # in the find field
    assert bar.replacement.isVisible()
    qtbot.mouseClick(bar.findChild(QToolButton, "find.case"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.field, "api")
    qtbot.keyClicks(bar.replacement, "web")
    qtbot.mouseClick(bar.findChild(QPushButton, "find.replace_all"), Qt.MouseButton.LeftButton)
    assert tab.document.text() == TEXT.replace("api", "web")
    assert count_text(tab) == "Replaced 5"
    assert tab.document.path.read_text(encoding="utf-8") == TEXT
    tab.source.setFocus()
    key(qtbot, window, QKeySequence.StandardKey.Undo)
    assert tab.document.text() == TEXT
    assert not tab.document.modified


def test_each_enter_in_the_replace_field_replaces_a_match_and_selects_the_next(window, tab, qtbot):
    tab.source.setFocus()
    key(qtbot, window, QKeySequence.StandardKey.Replace)
    bar = bar_of(tab)
    qtbot.keyClicks(bar.field, "api")
    qtbot.keyClicks(bar.replacement, "web")
    qtbot.keyClick(bar.replacement, Qt.Key.Key_Return)  # replaces the first, selects the next
    assert tab.document.text() == TEXT.replace("api", "web", 1)
    assert (selected(tab), count_text(tab)) == ("api", "1 of 5")
    qtbot.keyClick(bar.replacement, Qt.Key.Key_Return)  # and again
    assert tab.document.text() == TEXT.replace("api", "web", 2)
    assert (selected(tab), count_text(tab)) == ("api", "1 of 4")
    tab.source.setFocus()
    for _ in range(2):  # one undo step each
        key(qtbot, window, QKeySequence.StandardKey.Undo)
    assert tab.document.text() == TEXT


def test_selection_prefills_and_escape_closes(window, tab, qtbot) -> None:
    tab.panes.setCurrentWidget(tab.source)
    tab.source.go_to(6, 9, 12)  # "api-reviewer" in the body
    tab.source.setFocus()
    key(qtbot, window, QKeySequence.StandardKey.Find)
    bar = bar_of(tab)
    assert bar.field.text() == "api-reviewer"
    assert count_text(tab) == "2 of 2"
    assert len(tab.source.extraSelections()) >= 3  # the line, both matches (and squiggles)
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert QApplication.focusWidget() is tab.source
    assert len(tab.source.extraSelections()) == 1 + len(tab.diagnostics)


def test_the_bar_follows_the_source_pane(window, tab, qtbot) -> None:
    key(qtbot, window, QKeySequence.StandardKey.Find)
    bar = bar_of(tab)
    window.acts["form"].trigger()
    assert not bar.isVisible()
    window.acts["source"].trigger()
    assert bar.isVisible()
    qtbot.keyClicks(bar.field, "reviewer")
    window.acts["examples"].trigger()
    key(qtbot, window, QKeySequence.StandardKey.FindNext)  # F3 from another pane
    assert tab.panes.currentWidget() is tab.source and bar.isVisible()
    assert (selected(tab), count_text(tab)) == ("reviewer", "1 of 2")
    assert bar.findChild(QLineEdit, "find.text") is bar.field


def test_the_edit_menu_has_the_find_commands_by_their_standard_keys(window, tab) -> None:
    """No shortcut of the window or of the panes of an open tab is taken twice."""
    standard = QKeySequence.StandardKey
    by_key = {
        standard.Find: "find",
        standard.Replace: "replace",
        standard.FindNext: "find_next",
        standard.FindPrevious: "find_previous",
    }
    for sequence, name in by_key.items():
        assert window.acts[name].shortcuts() == QKeySequence.keyBindings(sequence)
    assert window.acts["find_in_project"].shortcut() == QKeySequence("Ctrl+Shift+F")
    assert window.acts["replace_in_project"].shortcut() == QKeySequence("Ctrl+Shift+H")
    names = [a.text() for a in window.menus["edit"].actions()]
    block = names.index("&Find…")
    assert names[block - 1] == names[block + 6] == ""  # separators around the block
    actions = window.findChildren(QAction)
    for name in (*by_key.values(), "find_in_project", "replace_in_project"):
        mine = window.acts[name]
        others = {s.toString() for a in actions if a is not mine for s in a.shortcuts()}
        assert not {s.toString() for s in mine.shortcuts()} & others, name


def test_matches_after_characters_beyond_the_bmp_are_selected_exactly(window, qtbot) -> None:
    tab = window.add_tab(AgentDocument("---\nname: a\n---\n😀 api 🎉🎉 api\n"))
    tab.source.setFocus()
    key(qtbot, window, QKeySequence.StandardKey.Find)
    qtbot.keyClicks(bar_of(tab).field, "api")
    for expected in ("1 of 2", "2 of 2"):
        key(qtbot, window, QKeySequence.StandardKey.FindNext)
        assert (selected(tab), count_text(tab)) == ("api", expected)
    bar_of(tab).replacement.setText("web")
    qtbot.mouseClick(bar_of(tab).replace_all, Qt.MouseButton.LeftButton)
    assert tab.document.text() == "---\nname: a\n---\n😀 web 🎉🎉 web\n"
