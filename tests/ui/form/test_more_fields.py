"""The form's "More fields" row, driven with real clicks and keys: the form builds the essential
fields and those the file sets; the others wait under it until it first opens (issue 17)."""

from __future__ import annotations

import events
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from agentquill.core import dialects
from agentquill.core.frontmatter import parse
from agentquill.ui.form.view import ESSENTIAL, has_widget

AGENT = """---
name: reviewer
description: Reviews pull requests for bugs and risky changes.
model: sonnet
color: green
---

You review code carefully and say what is wrong.
"""
FIRST = {"name", "description", "tools", "model", "color"}


@pytest.fixture
def agent(tmp_path):
    path = tmp_path / "reviewer.md"  # a Claude Code agent, by its keys
    path.write_text(AGENT, encoding="utf-8")
    return path


def caught_up(qtbot, tab):
    qtbot.waitUntil(lambda: not tab._analyse_timer.isActive() and not tab._catching_up)
    QApplication.processEvents()


def source_replace(qtbot, tab, old: str, new: str) -> None:
    """Type ``new`` over ``old`` in Source, then show the form once it has read the change."""
    events.source_replace(qtbot, tab, old, new)
    caught_up(qtbot, tab)
    tab.panes.setCurrentWidget(tab.form)


def click(qtbot, form, widget: QWidget) -> None:
    form.ensureWidgetVisible(widget)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def row_of(form, key: str) -> int:
    return form.rows.getWidgetPosition(form.editors[key].parentWidget())[0]


def more_row(form) -> int:
    return form.rows.getWidgetPosition(form.more)[0]


def shown(form, key: str) -> bool:
    return key in form.editors and form.editors[key].isVisibleTo(form)


def test_the_form_builds_the_essential_fields_and_names_the_others(window, agent, qtbot):
    form = window.files.open_file(agent).form
    more = form.more
    assert set(form.editors) == FIRST
    assert more.isVisibleTo(form) and not more.is_open
    fields = dialects.get(dialects.CLAUDE_CODE).fields
    later = [k for k, spec in fields.items() if k not in FIRST and has_widget(spec)]
    assert more.toolTip() == "Fields this file does not set: " + ", ".join(later)
    assert more.label.startswith("More fields: disallowedTools, permissionMode, maxTurns")
    assert more.label.endswith(", … ▸")  # not all fit, at 1280 pixels
    assert more.fontMetrics().horizontalAdvance(more.label) < more.width()
    assert "mcpServers" not in more.toolTip()  # no widget: the Other fields table's
    wide = more.label
    window.resize(800, 700)
    qtbot.waitUntil(lambda: more.label.count(",") < wide.count(","))
    assert more.label.endswith(", … ▸")
    assert more.fontMetrics().horizontalAdvance(more.label) < more.width()


def test_a_click_opens_more_fields_builds_its_rows_and_moves_no_row(window, agent, qtbot):
    form = window.files.open_file(agent).form
    name = form.editors["name"].edit
    left = name.mapTo(form, QPoint(0, 0))
    click(qtbot, form, form.more)
    assert form.more.is_open and form.more.label == "More fields ▾"
    assert shown(form, "maxTurns") and shown(form, "observeToolResults")
    assert row_of(form, "maxTurns") > more_row(form)
    assert name.mapTo(form, QPoint(0, 0)) == left  # the label column as wide as before
    spin = form.editors["maxTurns"]
    click(qtbot, form, form.more)
    assert not form.more.is_open and not shown(form, "maxTurns")
    click(qtbot, form, form.more)
    assert form.editors["maxTurns"] is spin and shown(form, "maxTurns")  # built once


def test_tab_reaches_more_fields_space_opens_it_and_tab_goes_on_into_its_rows(window, agent, qtbot):
    form = window.files.open_file(agent).form
    other = form.editors["color"].other  # the last widget above "More fields"
    click(qtbot, form, other)
    qtbot.keyClick(other, Qt.Key.Key_Tab)
    qtbot.waitUntil(form.more.hasFocus)
    qtbot.keyClick(form.more, Qt.Key.Key_Space)
    assert form.more.is_open and shown(form, "disallowedTools")
    qtbot.keyClick(form.more, Qt.Key.Key_Tab)
    first = form.editors["disallowedTools"].list
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClick(first, Qt.Key.Key_Backtab)
    qtbot.waitUntil(form.more.hasFocus)
    qtbot.keyClick(form.more, Qt.Key.Key_Return)
    assert not form.more.is_open and not shown(form, "disallowedTools")


def test_a_field_under_more_fields_is_one_added_line_and_one_undo_step(window, agent, qtbot):
    tab = window.files.open_file(agent)
    form = tab.form
    form.more.setFocus()
    qtbot.keyClick(form.more, Qt.Key.Key_Enter)
    spin = form.editors["maxTurns"].spin
    click(qtbot, form, spin)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert tab.document.text() == AGENT.replace("color: green\n", "color: green\nmaxTurns: 2\n")
    caught_up(qtbot, tab)
    window.acts["undo"].trigger()
    assert tab.document.text() == AGENT


def test_a_key_typed_in_source_gets_its_row_above_more_fields_in_the_dialect_s_order(
    window, agent, qtbot
):
    tab = window.files.open_file(agent)
    form = tab.form
    source_replace(qtbot, tab, "color: green\n", "color: green\nmaxTurns: 5\n")
    assert shown(form, "maxTurns") and form.editors["maxTurns"].spin.value() == 5
    assert row_of(form, "color") < row_of(form, "maxTurns") < more_row(form)
    assert "maxTurns" not in form.more.label and "maxTurns" not in form.more.toolTip()
    more = form.more  # named again while the form was hidden: fitted to its width all the same
    assert more.label.endswith("▸") and "…" in more.label
    assert more.fontMetrics().horizontalAdvance(more.label) < more.width()
    source_replace(qtbot, tab, "color: green\n", "color: green\npermissionMode: plan\n")
    assert row_of(form, "color") < row_of(form, "permissionMode") < row_of(form, "maxTurns")
    assert form.editors["permissionMode"].combo.currentText() == "plan"
    assert "disallowedTools" not in form.editors  # only what is set
    source_replace(qtbot, tab, "maxTurns: 5\n", "")
    assert shown(form, "maxTurns")  # unset, its row stays until the form is built again
    assert form.editors["maxTurns"].spin.text() == "(not set)"
    form.editors["permissionMode"].combo.setFocus()
    qtbot.keyClick(form.editors["permissionMode"].combo, Qt.Key.Key_Tab)
    qtbot.waitUntil(form.editors["maxTurns"].spin.hasFocus)  # Tab follows the rows' order


def test_a_field_set_while_more_fields_is_open_moves_above_it_when_it_closes(window, agent, qtbot):
    tab = window.files.open_file(agent)
    form = tab.form
    click(qtbot, form, form.more)
    combo = form.editors["effort"].combo
    form.ensureWidgetVisible(combo)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # low
    assert parse(tab.document.text()).value("effort") == "low"
    caught_up(qtbot, tab)
    assert row_of(form, "effort") > more_row(form)  # no row moves
    click(qtbot, form, form.more)
    assert shown(form, "effort") and row_of(form, "effort") < row_of(form, "maxTurns")
    assert row_of(form, "effort") < more_row(form)
    assert not shown(form, "maxTurns") and "effort" not in form.more.toolTip()
    window.acts["undo"].trigger()
    caught_up(qtbot, tab)
    assert tab.document.text() == AGENT
    assert shown(form, "effort") and combo.currentText() == "(not set)"


def test_the_window_opens_more_fields_in_the_next_form_as_it_was_left(
    window, agent, tmp_path, qtbot
):
    first = window.files.open_file(agent)
    click(qtbot, first.form, first.form.more)
    other = agent.with_name("critic.md")
    other.write_text(AGENT.replace("reviewer", "critic"), encoding="utf-8")
    second = window.files.open_file(other)
    qtbot.waitUntil(lambda: shown(second.form, "maxTurns"))
    assert second.form.more.is_open
    click(qtbot, second.form, second.form.more)
    window.tabs.setCurrentWidget(first)
    qtbot.waitUntil(lambda: not first.form.more.is_open)


@pytest.mark.parametrize("dialect_id", sorted(ESSENTIAL))
def test_each_essential_field_is_a_field_of_its_dialect_with_a_widget(dialect_id):
    dialect = dialects.get(dialect_id)
    for key in ESSENTIAL[dialect_id]:
        assert has_widget(dialect.fields[key]), key
    assert set(dialect.required_keys) <= set(ESSENTIAL[dialect_id])


def test_a_dialect_with_no_essential_fields_listed_builds_every_row(window, tmp_path, qtbot):
    path = tmp_path / "chat.chatmode.md"
    path.write_text("---\ndescription: Plans.\n---\nPlan.\n", encoding="utf-8")
    form = window.files.open_file(path).form
    assert form.dialect.id == dialects.COPILOT_CHATMODE and form.more is None
    assert set(form.editors) == {"description", "tools", "model"}
