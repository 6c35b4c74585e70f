"""List and number fields show the file's value as it is and write back what the user typed:
a list stays a list in the file's own style, a number is never clamped or written unasked."""

from __future__ import annotations

import pytest
from events import field
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agentquill.core.frontmatter import parse
from agentquill.ui.form.field_editors import ListEditor, NumberEditor

AGENT = """---
name: reviewer
description: Reviews code for bugs.
skills:
  - pdf-tools
  - other-name
autoCompactWindow: {window}
---
You are a reviewer.
"""
SKILL = """---
name: review
description: Reviews a diff.
paths:
  - src/**
  - docs/**
---
Review it.
"""
RULE = """---
paths: ['**/*.py', 'src/**/*.ts']
---
Use type hints.
"""


def caught_up(qtbot, tab):
    qtbot.waitUntil(lambda: not tab._analyse_timer.isActive() and not tab._catching_up)
    QApplication.processEvents()


def open_agent(window, tmp_path, auto_compact="200000"):
    folder = tmp_path / ".claude" / "agents"
    folder.mkdir(parents=True)
    path = folder / "reviewer.md"
    path.write_text(AGENT.format(window=auto_compact), encoding="utf-8")
    return window.files.open_file(path)


def retype(qtbot, tab, key: str, text: str) -> None:
    """Click into ``key``'s line edit, select all, type ``text`` and press Enter."""
    edit = field(qtbot, tab.form, key).edit
    tab.form.ensureWidgetVisible(edit)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_skills_ticks_the_project_s_skills_and_keeps_the_block_list_in_one_undo_step(
    window, tmp_path, qtbot
):
    for name in ("pdf-tools", "Bad_Folder"):
        (tmp_path / ".claude" / "skills" / name).mkdir(parents=True)
        (tmp_path / ".claude" / "skills" / name / "SKILL.md").write_text("---\n---\nDo it.\n")
    tab = open_agent(window, tmp_path)
    before = tab.document.text()
    checklist = field(qtbot, tab.form, "skills").list
    rows = [checklist.item(i).text() for i in range(checklist.count())]
    assert rows == ["Bad_Folder", "pdf-tools", "other-name"]  # the file's other names after
    tab.form.ensureWidgetVisible(checklist)
    checklist.setFocus()
    checklist.setCurrentRow(0)
    qtbot.keyClick(checklist, Qt.Key.Key_Space)
    assert parse(tab.document.text()).value("skills") == ["pdf-tools", "other-name", "Bad_Folder"]
    assert tab.document.text() == before.replace("other-name\n", "other-name\n  - Bad_Folder\n")
    caught_up(qtbot, tab)
    window.acts["undo"].trigger()
    assert tab.document.text() == before


@pytest.mark.parametrize("typed", ["[src/**, lib/**]", "src/**, lib/**"])
def test_a_list_typed_into_a_skill_s_paths_stays_a_block_list(window, tmp_path, qtbot, typed):
    path = tmp_path / ".claude" / "skills" / "review" / "SKILL.md"
    path.parent.mkdir(parents=True)
    path.write_text(SKILL, encoding="utf-8")
    tab = window.files.open_file(path)
    assert field(qtbot, tab.form, "paths").edit.text() == "[src/**, docs/**]"
    retype(qtbot, tab, "paths", typed)
    assert tab.document.text() == SKILL.replace("docs/**", "lib/**")
    caught_up(qtbot, tab)
    window.acts["undo"].trigger()
    assert tab.document.text() == SKILL


def test_text_that_is_no_list_is_said_and_kept_not_written(window, tmp_path, qtbot):
    path = tmp_path / ".claude" / "skills" / "review" / "SKILL.md"
    path.parent.mkdir(parents=True)
    path.write_text(SKILL, encoding="utf-8")
    tab = window.files.open_file(path)
    retype(qtbot, tab, "paths", "[src/**, {a: 1}]")
    assert tab.document.text() == SKILL
    assert tab.form.errors["paths"].text().startswith("Not a list")
    assert field(qtbot, tab.form, "paths").edit.text() == "[src/**, {a: 1}]"


def test_a_rule_s_paths_stay_a_flow_list_of_globs(window, tmp_path, qtbot):
    path = tmp_path / ".claude" / "rules" / "python.md"
    path.parent.mkdir(parents=True)
    path.write_text(RULE, encoding="utf-8")
    tab = window.files.open_file(path)
    retype(qtbot, tab, "paths", "**/*.py, src/**/*.{ts,tsx}")
    assert parse(tab.document.text()).value("paths") == ["**/*.py", "src/**/*.{ts,tsx}"]
    assert tab.document.text().startswith("---\npaths: [")


_ENTRY = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1)


@settings(max_examples=60, deadline=None)
@given(st.lists(_ENTRY.filter(str.strip), min_size=1, max_size=5))
def test_a_shown_list_reads_back_as_the_same_list(qapp, value):
    editor = ListEditor()
    value = [v.strip() for v in value]
    editor.show_value(value)
    assert editor._typed_value() == value


@pytest.mark.parametrize("number", [50_000, 1_500_000, 3_000_000_000])
def test_the_file_s_number_is_shown_as_it_is_and_leaving_the_field_writes_nothing(
    window, tmp_path, qtbot, number
):
    tab = open_agent(window, tmp_path, str(number))
    before = tab.document.text()
    spin = field(qtbot, tab.form, "autoCompactWindow").spin
    caught_up(qtbot, tab)
    shown = f"{number:,}" if number < 2**31 else str(number)  # too big for a spin box: as text
    assert spin.text() == shown
    assert tab.form.errors["autoCompactWindow"].isVisible() == (number < 100_000)
    tab.form.ensureWidgetVisible(spin)
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert tab.document.text() == before


def test_a_step_up_from_a_number_below_the_minimum_steps_from_that_number(window, tmp_path, qtbot):
    tab = open_agent(window, tmp_path, "50000")
    spin = field(qtbot, tab.form, "autoCompactWindow").spin
    tab.form.ensureWidgetVisible(spin)
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert parse(tab.document.text()).value("autoCompactWindow") == 60_000


def test_a_max_turns_that_is_no_number_is_shown_and_kept_until_a_step(window, tmp_path, qtbot):
    tab = open_agent(window, tmp_path)
    tab.form.commit("maxTurns", "many")
    spin = field(qtbot, tab.form, "maxTurns").spin
    caught_up(qtbot, tab)
    before = tab.document.text()
    assert spin.text() == "many"
    tab.form.ensureWidgetVisible(spin)
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert tab.document.text() == before
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert parse(tab.document.text()).value("maxTurns") == 1


_SHOWN = st.one_of(
    st.none(), st.integers(-(10**12), 10**12), st.booleans(), st.text(), st.floats(allow_nan=False)
)


@settings(max_examples=80, deadline=None)
@given(_SHOWN, st.sampled_from([1, 100_000]))
@example(-(2**31), 1)  # the "(not set)" value below it would not fit a spin box
def test_a_number_field_reads_back_whatever_it_shows(qapp, value, minimum):
    editor = NumberEditor(minimum)
    editor.show_value(value)
    assert editor._typed_value() == value


COPILOT = """---
name: planner
description: Plans work.
model: [gpt-5, claude-sonnet-4]
argument-hint: [topic, depth]
---
Plan it.
"""


def test_a_list_the_file_writes_in_a_text_field_stays_a_list_when_retyped(window, tmp_path, qtbot):
    folder = tmp_path / ".github" / "agents"
    folder.mkdir(parents=True)
    path = folder / "planner.agent.md"
    path.write_text(COPILOT, encoding="utf-8")
    tab = window.files.open_file(path)
    retype(qtbot, tab, "argument-hint", "[topic, depth, audience]")
    caught_up(qtbot, tab)
    combo = tab.form.editors["model"].combo
    tab.form.ensureWidgetVisible(combo)
    qtbot.mouseClick(combo.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(combo.lineEdit(), "[gpt-5, claude-opus-4]")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    caught_up(qtbot, tab)
    front = parse(tab.document.text())
    assert front.value("argument-hint") == ["topic", "depth", "audience"]
    assert front.value("model") == ["gpt-5", "claude-opus-4"]
    retype(qtbot, tab, "argument-hint", "one topic")  # a plain text is a string again
    caught_up(qtbot, tab)
    assert parse(tab.document.text()).value("argument-hint") == "one topic"


def test_skills_offers_the_user_s_own_skills_after_the_project_s(
    window, tmp_path, qtbot, monkeypatch
):
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    for root, name in ((tmp_path, "pdf-tools"), (home, "notes"), (home, "pdf-tools")):
        (root / ".claude" / "skills" / name).mkdir(parents=True)
        (root / ".claude" / "skills" / name / "SKILL.md").write_text("---\n---\nDo it.\n")
    tab = open_agent(window, tmp_path)
    checklist = field(qtbot, tab.form, "skills").list
    rows = [checklist.item(i).text() for i in range(checklist.count())]
    assert rows == ["pdf-tools", "notes", "other-name"]


def test_a_choice_box_keeps_its_width_when_its_choices_change(qtbot):
    """Shown a value not in its list (an item added), the box stays as wide as its row: Qt
    shrank an ``AdjustToContents`` box to its contents 20 ms later, for a frame or more."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from agentquill.ui.form.field_editors import ChoiceEditor

    holder = QWidget()
    qtbot.addWidget(holder)
    editor = ChoiceEditor(("default", "plan"))
    QVBoxLayout(holder).addWidget(editor)
    holder.resize(640, 80)
    holder.show()
    qtbot.waitExposed(holder)
    widths: list[int] = []

    class Resizes(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Resize:
                widths.append(event.size().width())
            return False

    resizes = Resizes()
    editor.combo.installEventFilter(resizes)
    editor.show_value("acceptEdits-someday")  # not a choice: an item is added for it
    qtbot.wait(100)  # past Qt's 20 ms adjust timer: nothing is to happen, so no condition
    assert editor.combo.currentText() == "acceptEdits-someday"
    assert widths == [] and editor.combo.width() > 600


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("0.3", "temperature: 0.3"),
        ("1", "temperature: 1"),
        ("warm", "temperature: warm"),
        ("1e999", "temperature: 1e999"),  # no finite number: the text as typed, not .inf
    ],
)
def test_a_fractional_number_typed_is_written_as_a_number(window, tmp_path, qtbot, typed, written):
    """OpenCode's ``temperature`` is a number: typed ``0.3`` was written ``'0.3'``, a string the
    lint then called wrong. Text that is no number is kept as typed (the lint says why)."""
    path = tmp_path / ".opencode" / "agent" / "tester.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ndescription: Runs the tests.\nmode: subagent\n---\n\nTest.\n")
    tab = window.files.open_file(path)
    editor = field(qtbot, tab.form, "temperature")
    editor.edit.setFocus()
    qtbot.keyClicks(editor.edit, typed)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: written in tab.document.text())
    assert f"{written}\n---" in tab.document.text()
