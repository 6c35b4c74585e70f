"""The form shows the buffer: no stale value is saved, no wheel edits, undo shows in every field.

Every test drives the window with real key, mouse and wheel events.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from events import field, source_replace, wheel
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit

from agentquill.core.frontmatter import parse
from agentquill.ui.form.field_editors import parse_yaml_value, yaml_inline
from agentquill.ui.form.view import CELL_LIMIT
from agentquill.ui.timers import after_first_frame, hold_until_painted
from support import FIXTURES, SEED


@pytest.fixture
def seed(tmp_path):
    path = tmp_path / "backend-developer.md"
    source = SEED if SEED.exists() else FIXTURES / "release-manager.md"
    shutil.copy(source, path)
    return path


def caught_up(qtbot, tab):
    """Wait until the views have read the buffer's last change."""
    qtbot.waitUntil(lambda: not tab._analyse_timer.isActive() and not tab._catching_up)
    QApplication.processEvents()


def test_a_pick_then_a_source_edit_saves_the_source_edit(window, seed, qtbot):
    """The reported defect: the model picked in the form came back on save."""
    tab = window.files.open_file(seed)
    combo = tab.form.editors["model"].combo
    qtbot.mouseClick(combo.lineEdit(), Qt.MouseButton.LeftButton)
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo, "opus")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    assert parse(tab.document.text()).value("model") == "opus"
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # View → Source
    assert tab.panes.currentWidget() is tab.source
    source_replace(qtbot, tab, "model: opus", "model: sonnet")
    qtbot.keyClick(tab.source, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "model: sonnet\n" in seed.read_text(encoding="utf-8")
    assert tab.document.text().count("model: sonnet") == 1
    caught_up(qtbot, tab)
    assert combo.currentText() == "sonnet"


def test_a_wheel_over_unfocused_fields_scrolls_the_form_and_edits_nothing(window, seed, qtbot):
    tab = window.files.open_file(seed)
    original = tab.document.text()
    form = tab.form
    bar = form.verticalScrollBar()
    for key in ("model", "background", "effort", "permissionMode", "maxTurns"):
        editor = field(qtbot, form, key)
        target = getattr(editor, "combo", None) or editor.spin
        form.ensureWidgetVisible(target)
        shown = target.currentText() if hasattr(target, "currentText") else target.value()
        before = bar.value()
        wheel(target, -1)
        wheel(target, 1)
        wheel(target, -2)
        after = target.currentText() if hasattr(target, "currentText") else target.value()
        assert after == shown, key
        if bar.maximum() > 0:
            assert bar.value() != before or before == bar.maximum(), key
    caught_up(qtbot, tab)
    assert tab.document.text() == original
    assert not tab.document.modified
    window.files.save(tab)
    assert seed.read_text(encoding="utf-8") == original


def test_a_form_opened_at_start_up_takes_the_wheel_keys_and_focus_once_painted(window, seed, qtbot):
    """At start-up the fields' guards come after the first frame (``intent``, ``FieldEditor``):
    then an unfocused combo ignores the wheel, leaving a field commits it, Ctrl+Z undoes the
    file."""
    hold_until_painted(window)
    tab = window.files.open_file(seed)
    painted = []
    after_first_frame(window, lambda: painted.append(True))  # after the form's own
    window.show()
    qtbot.waitUntil(lambda: bool(painted))
    combo = tab.form.editors["model"].combo
    tab.form.ensureWidgetVisible(combo)
    shown = combo.currentText()
    for steps in (-1, 1, 1):
        wheel(combo, steps)
    assert combo.currentText() == shown
    name = tab.form.editors["name"].edit
    tab.form.ensureWidgetVisible(name)
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    name.selectAll()
    qtbot.keyClicks(name, "api-developer")
    qtbot.mouseClick(tab.form.editors["description"].edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: parse(tab.document.text()).value("name") == "api-developer")
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    caught_up(qtbot, tab)
    assert tab.document.text() == seed.read_text(encoding="utf-8")


def test_a_wheel_over_the_focused_combo_picks(window, seed, qtbot):
    tab = window.files.open_file(seed)
    combo = field(qtbot, tab.form, "effort").combo
    tab.form.ensureWidgetVisible(combo)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo, -1)
    assert parse(tab.document.text()).value("effort") == combo.currentText()


def test_undo_from_the_menu_shows_in_the_field_that_had_focus(window, seed, qtbot):
    tab = window.files.open_file(seed)
    prose = tab.form.editors["description"].edit
    qtbot.mouseClick(prose.viewport(), Qt.MouseButton.LeftButton)
    prose.moveCursor(prose.textCursor().MoveOperation.Start)
    qtbot.keyClicks(prose, "Edited. ")
    qtbot.keyClick(prose, Qt.Key.Key_Tab)  # focus leaves: committed
    assert parse(tab.document.text()).value("description").startswith("Edited. ")
    caught_up(qtbot, tab)
    window.acts["undo"].trigger()
    caught_up(qtbot, tab)
    assert prose.toPlainText() == parse(tab.document.text()).value("description")
    assert not prose.toPlainText().startswith("Edited. ")
    window.files.save(tab)
    assert "Edited. " not in seed.read_text(encoding="utf-8")


def test_ctrl_z_in_a_committed_field_undoes_the_document(window, seed, qtbot):
    tab = window.files.open_file(seed)
    name = tab.form.editors["name"].edit
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    name.selectAll()
    qtbot.keyClicks(name, "api-developer")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert parse(tab.document.text()).value("name") == "api-developer"
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    caught_up(qtbot, tab)
    assert parse(tab.document.text()).value("name") == "backend-developer"
    assert name.text() == "backend-developer"
    qtbot.keyClick(
        name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    caught_up(qtbot, tab)
    assert name.text() == "api-developer" == parse(tab.document.text()).value("name")


def test_ctrl_z_while_typing_undoes_the_typing_only(window, seed, qtbot):
    tab = window.files.open_file(seed)
    name = tab.form.editors["name"].edit
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    qtbot.keyClick(name, Qt.Key.Key_End)
    qtbot.keyClicks(name, "-x")
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert name.text() == "backend-developer"
    assert not tab.document.qdoc.isUndoAvailable()


def test_source_and_undo_reach_fields_that_once_had_focus(window, seed, qtbot):
    """``QWidget.focusWidget()`` remembers a child that had focus long ago; it must not keep a
    field from showing the buffer."""
    tab = window.files.open_file(seed)
    prose = tab.form.editors["description"].edit
    qtbot.mouseClick(prose.viewport(), Qt.MouseButton.LeftButton)
    source_replace(qtbot, tab, "backend development", "server development")
    caught_up(qtbot, tab)
    assert prose.toPlainText() == parse(tab.document.text()).value("description")
    window.acts["undo"].trigger()
    caught_up(qtbot, tab)
    assert prose.toPlainText() == parse(tab.document.text()).value("description")


@pytest.mark.parametrize("value", ["false", "true"])
def test_booleans_show_as_yaml_writes_them(window, seed, qtbot, value):
    text = seed.read_text(encoding="utf-8").replace("color: green\n", f"background: {value}\n")
    seed.write_text(text, encoding="utf-8")
    tab = window.files.open_file(seed)
    combo = tab.form.editors["background"].combo
    assert combo.currentText() == value
    assert [combo.itemText(i) for i in range(combo.count())] == ["(not set)", "true", "false"]


def test_a_value_outside_the_choices_is_kept_when_picked_again(window, seed, qtbot):
    text = seed.read_text(encoding="utf-8").replace("color: green\n", "memory: 3\n")
    seed.write_text(text, encoding="utf-8")
    tab = window.files.open_file(seed)
    combo = tab.form.editors["memory"].combo
    assert combo.currentText() == "3"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert parse(tab.document.text()).value("memory") == 3


def test_focusing_and_tabbing_through_the_form_writes_nothing(window, seed, qtbot):
    tab = window.files.open_file(seed)
    original = tab.document.text()
    tab.form.editors["name"].edit.setFocus()
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    caught_up(qtbot, tab)
    assert tab.document.text() == original and not tab.document.qdoc.isUndoAvailable()


def test_text_from_an_input_method_is_committed_when_focus_leaves(window, seed, qtbot):
    """An input method (emoji, CJK) types without the key events that ``editingFinished``
    waits for; found by the model-based test."""
    tab = window.files.open_file(seed)
    prompt = field(qtbot, tab.form, "initialPrompt").edit
    tab.form.ensureWidgetVisible(prompt)
    qtbot.mouseClick(prompt, Qt.MouseButton.LeftButton)
    event = QInputMethodEvent()
    event.setCommitString("日本😀")
    QApplication.sendEvent(prompt, event)
    qtbot.keyClick(prompt, Qt.Key.Key_Tab)
    assert parse(tab.document.text()).value("initialPrompt") == "日本😀"


def test_a_refused_pick_shows_the_buffer_again(window, tmp_path, qtbot):
    """Frontmatter that is a list takes no field: the status bar says so, with the value, and
    the combo does not go on showing a value the file does not hold."""
    path = tmp_path / "list.md"
    path.write_text("---\n- a\n---\nBody.\n", encoding="utf-8")
    tab = window.files.open_file(path)
    combo = field(qtbot, tab.form, "effort").combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert "Could not set effort to low" in window.statusBar().currentMessage()
    assert combo.currentText() == "(not set)"
    assert tab.document.text() == "---\n- a\n---\nBody.\n"


def test_a_wheel_over_a_turns_role_scrolls_the_examples_pane(window, seed, qtbot):
    tab = window.files.open_file(seed)
    tab.panes.setCurrentWidget(tab.examples)
    original = tab.document.text()
    bar = tab.examples.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    role = tab.examples.cards[0].findChild(QComboBox, "example.role")
    shown = role.currentText()
    wheel(role, -2)
    assert role.currentText() == shown and bar.value() > 0
    caught_up(qtbot, tab)
    assert tab.document.text() == original


def test_f2_in_the_other_fields_table_edits_the_cell(window, seed, qtbot):
    """F2 is also the window's Rename Agent: the focused table keeps it."""
    text = seed.read_text(encoding="utf-8").replace("color: green\n", "team: core\n")
    seed.write_text(text, encoding="utf-8")
    tab = window.files.open_file(seed)
    table = tab.form.other
    tab.form.ensureWidgetVisible(table)
    table.setFocus()
    table.setCurrentCell(0, 1)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() == table.State.EditingState
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_End)
    qtbot.keyClicks(QApplication.focusWidget(), "-infra")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)  # commits when queued
    assert parse(tab.document.text()).value("team") == "core-infra"


def test_a_commit_that_changes_nothing_shows_the_buffer(window, seed, qtbot):
    """Spaces typed around a colour are not written; the field must not keep showing them."""
    tab = window.files.open_file(seed)
    other = tab.form.editors["color"].other
    tab.form.ensureWidgetVisible(other)
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(other, "teal")
    qtbot.keyClick(other, Qt.Key.Key_Return)
    assert parse(tab.document.text()).value("color") == "teal"
    qtbot.keyClicks(other, "  ")
    qtbot.keyClick(other, Qt.Key.Key_Tab)
    caught_up(qtbot, tab)
    assert other.text() == "teal"


def test_an_unticked_extra_tool_leaves_the_checklist(window, seed, qtbot):
    text = seed.read_text(encoding="utf-8").replace("color: green\n", "tools: Read, mcp__x__y\n")
    seed.write_text(text, encoding="utf-8")
    tab = window.files.open_file(seed)
    tools = tab.form.editors["tools"].list
    row = next(i for i in range(tools.count()) if tools.item(i).text() == "mcp__x__y")
    tools.setFocus()
    tools.setCurrentRow(row)
    qtbot.keyClick(tools, Qt.Key.Key_Space)
    assert parse(tab.document.text()).value("tools") == "Read"
    caught_up(qtbot, tab)
    assert "mcp__x__y" not in [tools.item(i).text() for i in range(tools.count())]


def test_a_value_too_long_for_a_cell_is_shown_cut_short_and_not_edited_there(window, seed, qtbot):
    """Writing a megabyte value as one line of YAML takes seconds; the cell says how long it
    is, opens no editor, and becomes editable again once the value is short."""
    long = "\\t" * CELL_LIMIT
    text = seed.read_text(encoding="utf-8").replace("color: green\n", f'team: "{long}"\n')
    seed.write_text(text, encoding="utf-8")
    tab = window.files.open_file(seed)
    table = tab.form.other
    tab.form.ensureWidgetVisible(table)
    cell = table.item(0, 1)
    assert (
        cell.text().startswith('"\\t\\t') and f"({2 * CELL_LIMIT + 2:,} characters)" in cell.text()
    )
    table.setFocus()
    table.setCurrentCell(0, 1)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() != table.State.EditingState
    source_replace(qtbot, tab, f'"{long}"', "core")
    caught_up(qtbot, tab)
    assert (
        table.item(0, 1).text() == "core" and table.item(0, 1).flags() & Qt.ItemFlag.ItemIsEditable
    )


@settings(max_examples=300)
@given(st.from_regex(r"[A-Za-z][\w.\-/]{0,8}(?: [\w.\-/]{1,5}){0,2}", fullmatch=True))
def test_a_plain_word_is_shown_as_yaml_writes_it(word):
    dumped = yaml.safe_dump(word, default_flow_style=True, allow_unicode=True, width=10**9)
    assert yaml_inline(word) == dumped.removesuffix("...\n").strip()


def test_a_value_typed_in_the_table_is_read_within_the_readers_bounds():
    bomb = (
        "["
        + ", ".join(["&a0 [x, x, x, x, x, x, x, x, x, x]"])
        + "".join(f", &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 7))
        + "]"
    )
    with pytest.raises(ValueError, match="more than 100,000 values"):
        parse_yaml_value(bomb)
    assert parse_yaml_value("[a, {b: 1}]") == ["a", {"b": 1}]


def test_a_name_being_typed_is_checked_under_its_field_in_red(window, seed, qtbot):
    tab = window.files.open_file(seed)
    line = tab.form.editors["name"].findChild(QLineEdit)
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    line.selectAll()
    qtbot.keyClicks(line, "Bad Name")
    error = tab.form.findChild(QLabel, "error.name")
    qtbot.waitUntil(error.isVisible)
    assert error.text()
    image = error.grab().toImage()
    inks = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert any(QColor(ink).red() > 180 > QColor(ink).green() + 60 for ink in inks)  # red text
