"""The form's widgets for the subagent fields of Claude Code 2.1.332, driven with real events:
each change is one minimal edit of the buffer and one undo step."""

from __future__ import annotations

import pytest
from events import field, wheel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agentquill.core.frontmatter import parse

AGENT = """---
name: reviewer
description: Reviews pull requests for bugs and risky changes.
model: sonnet
---

You review code carefully and say what is wrong.
"""


@pytest.fixture
def agents(tmp_path):
    folder = tmp_path / ".claude" / "agents"
    folder.mkdir(parents=True)
    for name in ("auditor", "critic", "linter", "scribe", "tester"):
        (folder / f"{name}.md").write_text(AGENT.replace("reviewer", name), encoding="utf-8")
    path = folder / "reviewer.md"
    path.write_text(AGENT, encoding="utf-8")
    return path


def caught_up(qtbot, tab):
    qtbot.waitUntil(lambda: not tab._analyse_timer.isActive() and not tab._catching_up)
    QApplication.processEvents()


def one_undo_restores(window, tab, qtbot, before: str) -> None:
    caught_up(qtbot, tab)
    window.acts["undo"].trigger()
    assert tab.document.text() == before


def test_a_bool_field_is_picked_and_undone_in_one_step(window, agents, qtbot):
    tab = window.files.open_file(agents)
    before = tab.document.text()
    combo = field(qtbot, tab.form, "omitClaudeMd").combo
    tab.form.ensureWidgetVisible(combo)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # (not set) → true
    assert parse(tab.document.text()).value("omitClaudeMd") is True
    assert tab.document.text() == before.replace("---\n\n", "omitClaudeMd: true\n---\n\n", 1)
    one_undo_restores(window, tab, qtbot, before)


def test_the_autocompact_spin_box_starts_at_the_minimum_and_ignores_an_unfocused_wheel(
    window, agents, qtbot
):
    tab = window.files.open_file(agents)
    before = tab.document.text()
    spin = field(qtbot, tab.form, "autoCompactWindow").spin
    tab.form.ensureWidgetVisible(spin)
    wheel(spin, 3)
    assert spin.text() == "(not set)" and tab.document.text() == before
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert parse(tab.document.text()).value("autoCompactWindow") == 110_000
    qtbot.keyClick(spin, Qt.Key.Key_Down)
    qtbot.keyClick(spin, Qt.Key.Key_Down)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert parse(tab.document.text()).value("autoCompactWindow") is None  # past the minimum
    caught_up(qtbot, tab)
    window.acts["undo"].trigger()
    assert parse(tab.document.text()).value("autoCompactWindow") == 110_000
    one_undo_restores(window, tab, qtbot, before)


def test_effort_offers_every_level_and_keeps_a_number(window, agents, qtbot):
    agents.write_text(AGENT.replace("model: sonnet\n", "effort: 7\n"), encoding="utf-8")
    tab = window.files.open_file(agents)
    combo = tab.form.editors["effort"].combo
    levels = [combo.itemText(i) for i in range(1, 6)]
    assert levels == ["low", "medium", "high", "xhigh", "max"]
    assert combo.currentText() == "7" and not [d for d in tab.diagnostics if d.key == "effort"]
    tab.form.ensureWidgetVisible(combo)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # max
    assert "effort: max\n" in tab.document.text()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the number again
    assert "effort: 7\n" in tab.document.text()


def test_isolation_and_memory_offer_the_allowed_values(window, agents, qtbot):
    tab = window.files.open_file(agents)
    isolation = field(qtbot, tab.form, "isolation").combo
    memory = field(qtbot, tab.form, "memory").combo
    assert [isolation.itemText(i) for i in range(isolation.count())] == [
        "(not set)",
        "worktree",
        "remote",
    ]
    assert [memory.itemText(i) for i in range(1, memory.count())] == ["user", "project", "local"]


def tick(qtbot, checklist, name: str) -> None:
    row = next(i for i in range(checklist.count()) if checklist.item(i).text() == name)
    checklist.setFocus()
    checklist.setCurrentRow(row)
    qtbot.keyClick(checklist, Qt.Key.Key_Space)


def test_observer_ticks_agents_of_the_folder_up_to_four(window, agents, qtbot):
    tab = window.files.open_file(agents)
    before = tab.document.text()
    editor = field(qtbot, tab.form, "observer")
    names = [editor.list.item(i).text() for i in range(editor.list.count())]
    assert names == ["auditor", "critic", "linter", "scribe", "tester"]  # not itself
    tab.form.ensureWidgetVisible(editor)
    tick(qtbot, editor.list, "critic")
    assert "observer: critic\n" in tab.document.text()
    for name in ("auditor", "linter", "scribe"):
        caught_up(qtbot, tab)
        tick(qtbot, editor.list, name)
    assert parse(tab.document.text()).value("observer") == "critic, auditor, linter, scribe"
    caught_up(qtbot, tab)
    written = tab.document.text()
    tick(qtbot, editor.list, "tester")  # a fifth: taken back, and said
    assert tab.document.text() == written
    assert editor.selected() == ["auditor", "critic", "linter", "scribe"]
    error = tab.form.errors["observer"]
    assert error.isVisibleTo(tab.form) and "At most 4" in error.text()
    one_undo_restores(window, tab, qtbot, written.replace(", scribe", ""))
    assert before != tab.document.text()


def test_an_agent_typed_into_observer_is_added(window, agents, qtbot):
    tab = window.files.open_file(agents)
    editor = field(qtbot, tab.form, "observer")
    tab.form.ensureWidgetVisible(editor.add)
    qtbot.mouseClick(editor.add, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.add, "security-watch")
    qtbot.keyClick(editor.add, Qt.Key.Key_Return)
    assert parse(tab.document.text()).value("observer") == "security-watch"


def test_experimental_is_edited_in_the_other_fields_table(window, agents, qtbot):
    agents.write_text(AGENT.replace("model: sonnet\n", "experimental:\n  cacheTtl: 1h\n"))
    tab = window.files.open_file(agents)
    table = tab.form.other
    assert table.item(0, 0).text() == "experimental"
    assert table.item(0, 1).text() == "{cacheTtl: 1h}"
    caught_up(qtbot, tab)
    assert not [d for d in tab.diagnostics if d.key == "experimental"]
