"""The Examples pane: each operation is one minimal edit of the file and one undo step."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from agentquill.core import examples, frontmatter
from agentquill.core.text import Edit, decode
from agentquill.ui.editor.document import AgentDocument
from agentquill.ui.examples.card import MIME
from agentquill.ui.examples.pane import ExamplesEditor
from support import ROOT

TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
SEED = TESTS.parent.parent / "shared" / "seeds" / "backend-developer.md"


def open_examples(window, tmp_path, source: Path = FIXTURES / "examples-agent.md"):
    path = tmp_path / source.name
    shutil.copy(source, path)
    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.examples)
    return tab, tab.examples


def mime_of(index: int) -> QMimeData:
    """What dragging card ``index`` by its grip carries."""
    data = QMimeData()
    data.setData(MIME, str(index).encode())
    return data


def blocks(text: str) -> list[str]:
    """Each example of a block-scalar description as its file lines, ``</example>\\n`` included."""
    return re.findall(r"  <example>\n.*?  </example>\n", text, re.S)


def assert_one_undo_step(tab, original: str) -> None:
    tab.document.qdoc.undo()
    assert tab.document.text() == original
    assert tab.document.file_bytes() == original.encode()
    tab.analyse()  # what the tab's coalescing timer does next


def description_yaml(text: str) -> str:
    """The description as a YAML loader reads it (raises if the frontmatter is invalid)."""
    head = text.split("---\n")[1]
    return yaml.safe_load(head)["description"]


def test_shows_intro_and_one_card_per_example(window, tmp_path):
    tab, editor = open_examples(window, tmp_path)
    assert editor.objectName() == "examples.list"
    assert window.findChild(type(editor), "examples.list") is editor
    assert editor.intro.text().startswith("Use this agent when documentation")
    assert [c.context.text() for c in editor.cards] == [
        "A new CLI flag was merged",
        "The README is out of date",
        "A tutorial is requested",
    ]
    assert [t.role.currentText() for t in editor.cards[0].turns] == ["user", "assistant"]
    assert editor.cards[0].turns[0].text.text() == "Document the --dry-run flag"
    assert "3 examples" in editor.guidance.text() and "ideal" in editor.guidance.text()
    assert editor.cards[0].hints.isHidden()


def test_typing_in_context_commits_one_line_after_a_pause(window, tmp_path, qtbot):
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    field = editor.cards[1].context
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, ": now")
    assert tab.document.text() == original  # nothing written while typing
    qtbot.waitUntil(lambda: tab.document.text() != original, timeout=3000)
    assert tab.document.text() == original.replace(
        "Context: The README is out of date\n", "Context: The README is out of date: now\n"
    )
    assert field.text() == "The README is out of date: now" and field.hasFocus()
    assert_one_undo_step(tab, original)
    tab.analyse()
    assert field.text() == "The README is out of date"  # undo shows, focus or not


def test_edit_turn_and_commentary(window, tmp_path):
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    card = editor.cards[2]
    card.turns[0].text.setPlainText("Write a getting-started tutorial for v2")
    card.flush()
    assert tab.document.text() == original.replace(
        'user: "Write a getting-started tutorial"',
        'user: "Write a getting-started tutorial for v2"',
    )
    assert_one_undo_step(tab, original)
    card.commentary.setPlainText("Tutorials are long-form documentation.\nThey take time.")
    card.flush()
    assert tab.document.text() == original.replace(
        "  Tutorials are long-form documentation.\n",
        "  Tutorials are long-form documentation.\n  They take time.\n",
    )
    assert_one_undo_step(tab, original)


def test_add_remove_and_re_role_turns(window, tmp_path):
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    editor.cards[1].add_turn_button.click()
    tail = "  Install instructions are documentation work.\n  </commentary>\n"
    assert tab.document.text() == original.replace(tail, tail + '  user: ""\n')
    assert len(editor.cards[1].turns) == 3
    assert editor.cards[1].turns[2].text.hasFocus()
    assert_one_undo_step(tab, original)
    editor.cards[2].turns[1].remove.click()
    line = '  assistant: "I\'ll use the docs-writer agent to draft the tutorial."\n'
    assert tab.document.text() == original.replace(line, "")
    assert_one_undo_step(tab, original)
    editor.cards[0].turns[1].role.setCurrentText("user")
    assert tab.document.text() == original.replace(
        "  assistant: \"I'll use the docs-writer agent to add",
        "  user: \"I'll use the docs-writer agent to add",
    )
    assert_one_undo_step(tab, original)


def test_operations_leave_the_shared_parses_as_parsed(window, tmp_path):
    """``examples.parse`` hands one result to the pane, its checks and the preview: no
    operation may change it."""
    tab, editor = open_examples(window, tmp_path)
    editor.cards[1].add_turn_button.click()
    editor.cards[0].copy_button.click()
    editor.move(0, 2)
    editor.cards[2].turns[1].remove.click()
    cached = examples.parse.cache_info().currsize
    assert cached > 1
    for text in {tab.document.text(), *_undone(tab)}:
        description = frontmatter.parse(text).value("description")
        assert examples.parse(description) == examples.parse.__wrapped__(description)


def _undone(tab) -> list[str]:
    texts = []
    while tab.document.qdoc.isUndoAvailable():
        tab.document.qdoc.undo()
        texts.append(tab.document.text())
    return texts


def test_add_duplicate_delete(window, tmp_path):
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    b = blocks(original)
    editor.add_button.click()
    new = '  <example>\n  user: ""\n  assistant: ""\n  </example>\n'
    assert tab.document.text() == original.replace(b[2], b[2] + "\n" + new)
    assert len(editor.cards) == 4 and editor.current == 3
    assert editor.cards[3].context.hasFocus()
    assert_one_undo_step(tab, original)
    tab.analyse()
    assert len(editor.cards) == 3
    editor.cards[0].copy_button.click()
    assert tab.document.text() == original.replace(b[0], b[0] + "\n" + b[0])
    assert editor.current == 1
    assert_one_undo_step(tab, original)
    editor.cards[1].delete_button.click()
    assert tab.document.text() == original.replace(b[1] + "\n", "")
    assert [c.context.text() for c in editor.cards][1] == "A tutorial is requested"
    assert_one_undo_step(tab, original)


def test_move_by_button_shortcut_and_drop(window, tmp_path, qtbot):
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    b = blocks(original)
    swapped = original.replace(b[0] + "\n" + b[1], b[1] + "\n" + b[0])
    editor.cards[0].down_button.click()
    assert tab.document.text() == swapped
    assert editor.current == 1
    assert_one_undo_step(tab, original)
    tab.analyse()
    field = editor.cards[1].commentary
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=1000)
    qtbot.keyClick(
        field,
        Qt.Key.Key_Up,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert tab.document.text() == swapped
    assert editor.cards[0].commentary.hasFocus()  # focus moved with the example
    assert_one_undo_step(tab, original)
    tab.analyse()
    editor.list.updateGeometry()
    QApplication.processEvents()
    last = editor.cards[2].geometry()
    assert editor.list.slot_at(last.bottom() + 4) == 3
    assert editor.list.slot_at(editor.cards[0].geometry().top() + 2) == 0
    dragged = mime_of(0)  # the event only points to it: keep it alive
    drop = QDropEvent(
        QPointF(40, last.bottom() + 4),
        Qt.DropAction.MoveAction,
        dragged,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    editor.list.dropEvent(drop)  # the first card dropped below the last one
    assert tab.document.text() == original.replace(
        b[0] + "\n" + b[1] + "\n" + b[2], b[1] + "\n" + b[2] + "\n" + b[0]
    )
    found = examples.parse(tab.document.parsed().value("description")).examples
    assert [card.example() for card in editor.cards] == [e.example for e in found]
    column = [editor.cards_box.itemAt(i).widget() for i in range(editor.cards_box.count())]
    assert column == editor.cards  # the cards moved with their examples, in the column too
    assert_one_undo_step(tab, original)


def test_collapse_to_summary_changes_nothing(window, tmp_path):
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    card = editor.cards[0]
    card.toggle.click()
    assert card.collapsed and card.summary.isVisibleTo(card)
    assert card.summary.text() == "Document the --dry-run flag"
    assert tab.document.text() == original
    editor.collapse_all.click()
    assert all(c.collapsed for c in editor.cards)
    editor.collapse_all.click()
    assert not any(c.collapsed for c in editor.cards)


@pytest.mark.parametrize(
    "text",
    [
        "Says: \"quoted\" and 'single' # not a comment",
        "<b>tags</b> & a < b > c: d",
        "first paragraph\n\nsecond: paragraph\n   indented #3",
        "- a list item\n* another\n  | pipe > fold",
    ],
)
def test_any_typed_text_keeps_the_yaml_valid(window, tmp_path, text):
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    card = editor.cards[1]
    card.commentary.setPlainText(text)
    card.turns[0].text.setPlainText(text)
    card.flush()
    new = tab.document.text()
    assert new != original
    assert new.split("  <example>")[1] == original.split("  <example>")[1]  # others untouched
    parsed = examples.parse(description_yaml(new))
    assert parsed.examples[1].example.commentary == text
    assert parsed.examples[1].example.turns[0].text == text
    assert_one_undo_step(tab, original)


def test_text_that_would_split_an_example_is_refused_and_kept(window, tmp_path, qtbot):
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    card = editor.cards[0]
    qtbot.mouseClick(card.commentary.viewport(), Qt.MouseButton.LeftButton)
    card.commentary.selectAll()
    qtbot.keyClicks(card.commentary, "ends here </example> oops")
    card.flush()
    assert tab.document.text() == original
    assert card.error.isVisibleTo(card) and "</example>" in card.error.text()
    assert editor.problem_bar.isVisibleTo(editor)
    tab.analyse()
    assert card.commentary.text() == "ends here </example> oops"  # kept while the user is in it
    card.commentary.selectAll()
    qtbot.keyClicks(card.commentary, "fixed")
    card.flush()
    assert "  fixed\n" in tab.document.text() and not card.error.isVisibleTo(card)


def test_intro_edit(window, tmp_path):
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    editor.intro.setPlainText("Use this agent for docs: guides, references.\n\nExamples:")
    editor.flush()
    assert tab.document.text() == original.replace(
        "  Use this agent when documentation needs writing or updating. Examples:\n",
        "  Use this agent for docs: guides, references.\n\n  Examples:\n",
    )
    assert_one_undo_step(tab, original)


def test_selection_emits_preview_anchors(window, tmp_path, qtbot):
    tab, editor = open_examples(window, tmp_path)
    with qtbot.waitSignal(editor.selected, check_params_cb=lambda a: a == "example-2"):
        editor.cards[2].context.setFocus()
    assert editor.cards[2].property("selected")
    with qtbot.waitSignal(editor.selected, check_params_cb=lambda a: a == "description"):
        editor.intro.setFocus()
    assert not editor.cards[2].property("selected")


def test_typing_is_never_clobbered_by_a_refresh(window, tmp_path, qtbot):
    tab, editor = open_examples(window, tmp_path)
    field = editor.cards[0].context
    field.setFocus()
    field.end(False)
    qtbot.keyClicks(field, " today ")
    tab.document.apply([])  # nothing
    tab.analyse()
    assert field.text() == "A new CLI flag was merged today "
    editor.cards[0].flush()  # the trailing space is not written, yet stays while typing
    assert "Context: A new CLI flag was merged today\n" in tab.document.text()
    tab.analyse()
    assert field.text() == "A new CLI flag was merged today " and field.cursorPosition() == 32


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("No frontmatter here.\n", "no frontmatter"),
        ("---\nname: x\n---\nBody\n", "no description"),
        ("---\nname: x\ndescription: [a, b]\n---\nBody\n", "YAML list"),
    ],
)
def test_empty_states(window, tmp_path, text, says):
    path = tmp_path / "x.md"
    path.write_text(text)
    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.examples)
    assert tab.examples.stack.currentWidget() is tab.examples.empty
    assert says in tab.examples.empty.text()
    assert not tab.examples.add_button.isVisibleTo(tab.examples)


def test_read_only_file_shows_no_cards(window, tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes(b"---\nname: caf\xe9\ndescription: d <example>x</example>\n---\nBody\n")
    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.examples)
    assert tab.examples.stack.currentWidget() is tab.examples.empty
    assert "read-only" in tab.examples.empty.text()


def test_literal_backslash_n_description(window, tmp_path, qtbot):
    """A one-line description with literal \\n (invalid YAML as written): the edit lands in the
    text, and the value is quoted so that YAML reads it."""
    tab, editor = open_examples(window, tmp_path, FIXTURES / "escaped-newlines.md")
    original = tab.document.text()
    before = frontmatter.parse(original).value("description")
    assert editor.cards[0].context.text() == "A new endpoint landed"
    editor.cards[0].context.end(False)
    qtbot.keyClicks(editor.cards[0].context, " today")
    editor.cards[0].flush()
    after = description_yaml(tab.document.text())
    assert after == before.replace("landed\\n", "landed today\\n")
    assert_one_undo_step(tab, original)


def test_seed_reorder_add_turn_and_undo_to_identical_bytes(window, tmp_path):
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not present")
    tab, editor = open_examples(window, tmp_path, SEED)
    original = tab.document.file_bytes()
    contexts = [c.context.text() for c in editor.cards]
    editor.drop(0, 3)  # example 1 dragged below example 3: 2, 3, 1
    editor.cards[1].up_button.click()  # 3, 2, 1: examples 1 and 3 swapped
    assert [c.context.text() for c in editor.cards][:3] == [contexts[2], contexts[1], contexts[0]]
    editor.cards[1].add_turn_button.click()
    assert len(editor.cards[1].turns) == 3
    description_yaml(tab.document.text())
    for _ in range(3):
        tab.document.qdoc.undo()
    assert tab.document.file_bytes() == original


def with_examples(files: list[Path]) -> list[Path]:
    found = []
    for path in files:
        try:
            parsed = frontmatter.parse(decode(path.read_bytes()).text)
        except ValueError:
            continue
        description = parsed.value("description")
        if isinstance(description, str) and len(examples.parse(description).examples) >= 1:
            found.append(path)
    return found


def test_corpus_move_edit_undo(qtbot, corpus):
    """One move and one edit per corpus file with examples, in the pane alone: valid YAML stays
    valid, and undo gives back the file's bytes."""
    files, refused = with_examples(corpus), []
    for path in files:
        document = AgentDocument.open(path)
        editor = ExamplesEditor(document)
        qtbot.addWidget(editor)
        editor.resize(640, 700)
        editor.show()
        editor.refresh(document.parsed(), document.agent().dialect)
        original, before = document.file_bytes(), document.text()
        if len(editor.cards) > 1:
            editor.move(0, 1)
        card = editor.cards[0]
        card.context.end(False)
        qtbot.keyClicks(card.context, " (edited: #1)")
        card.flush()
        after = document.text()
        if after == before or card.dirty:
            refused.append(path.name)
        elif frontmatter.parse(before).frontmatter.error is None:
            assert frontmatter.parse(after).frontmatter.error is None, path
        while document.qdoc.isUndoAvailable():
            document.qdoc.undo()
        assert document.file_bytes() == original, path
        editor.close()
        editor.deleteLater()
    assert len(refused) <= len(files) // 20, refused


def test_keyboard_shortcuts_act_on_the_selected_card(window, tmp_path, qtbot):
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    b = blocks(original)
    ctrl, shift, alt = (
        Qt.KeyboardModifier.ControlModifier,
        Qt.KeyboardModifier.ShiftModifier,
        Qt.KeyboardModifier.AltModifier,
    )

    def press(key, modifiers) -> None:
        field = editor.cards[0].context
        field.setFocus()
        qtbot.waitUntil(field.hasFocus, timeout=1000)
        qtbot.keyClick(field, key, modifiers)

    press(Qt.Key.Key_Down, shift | alt)
    assert tab.document.text() == original.replace(b[0], b[0] + "\n" + b[0])
    assert_one_undo_step(tab, original)
    press(Qt.Key.Key_Down, alt)
    assert tab.document.text() == original.replace(b[0] + "\n" + b[1], b[1] + "\n" + b[0])
    assert_one_undo_step(tab, original)
    press(Qt.Key.Key_Delete, ctrl | shift)
    assert tab.document.text() == original.replace(b[0] + "\n", "")
    assert_one_undo_step(tab, original)
    press(Qt.Key.Key_Return, ctrl)
    assert len(editor.cards[0].turns) == 3
    assert_one_undo_step(tab, original)
    press(Qt.Key.Key_Return, ctrl | shift)
    assert len(editor.cards) == 4 and editor.cards[1].context.hasFocus()
    assert_one_undo_step(tab, original)
    press(Qt.Key.Key_C, ctrl | shift)
    assert editor.cards[0].collapsed
    assert QApplication.focusWidget() is editor.cards[0]  # not the next card's first field


# --- a stable pane: focus, Tab order and scroll stay where the user put them --------------------


def click(qtbot, field) -> None:
    """Focus ``field`` as a user does, with a mouse click."""
    target = field.viewport() if hasattr(field, "viewport") else field
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(field.hasFocus, timeout=1000)


def test_tab_visits_a_card_in_reading_order(window, tmp_path, qtbot):
    tab, editor = open_examples(window, tmp_path)
    card = editor.cards[1]
    card.add_turn_button.click()  # a turn made after every card's other fields
    assert len(card.turns) == 3
    click(qtbot, card.context)
    visited = [card.context]
    while visited[-1] is not card.commentary and len(visited) < 20:
        qtbot.keyClick(visited[-1], Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    turns = [w for row in card.turns for w in (row.role, row.text, row.remove)]
    assert visited == [card.context, *turns, card.add_turn_button, card.commentary]
    qtbot.keyClick(card.commentary, Qt.Key.Key_Tab)  # then the next card's first field:
    assert QApplication.focusWidget() is editor.cards[2].context  # not a button a space clicks
    qtbot.keyClick(editor.cards[2].context, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is card.commentary


def scrolled_to(editor, card, qtbot) -> int:
    """Scroll so that ``card`` is in view below the top; the scroll bar's value."""
    bar = editor.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=1000)
    editor.scroll.ensureWidgetVisible(card, 0, 0)
    assert bar.value() > 0
    return bar.value()


def test_a_commit_leaves_focus_scroll_and_cards_where_they_are(window, tmp_path, qtbot):
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not present")
    tab, editor = open_examples(window, tmp_path, SEED)
    card = editor.cards[3]
    value = scrolled_to(editor, card, qtbot)
    field = card.turns[0].text
    click(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    for words in (" with", " care ", "today"):  # each written after a pause
        before = tab.document.text()
        qtbot.keyClicks(QApplication.focusWidget(), words)
        qtbot.waitUntil(lambda b=before: tab.document.text() != b, timeout=3000)
        assert QApplication.focusWidget() is field
        assert editor.scroll.verticalScrollBar().value() == value
    assert field.text().endswith(" with care today")
    assert 'with care today"' in tab.document.text()
    assert not any(c.collapsed for c in editor.cards)
    next_field = editor.cards[4].context  # focus leaving the card writes it too
    qtbot.keyClicks(field, "!")
    click(qtbot, next_field)
    assert 'with care today!"' in tab.document.text()
    assert field.text().endswith("today!")
    qtbot.keyClicks(QApplication.focusWidget(), "X")
    assert next_field.text().endswith("X") and not editor.cards[4].collapsed


def test_enter_is_a_line_break_in_user_and_assistant_turns(window, tmp_path, qtbot):
    tab, editor = open_examples(window, tmp_path)
    card = editor.cards[0]
    for row in card.turns:
        click(qtbot, row.text)
        qtbot.keyClick(row.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(row.text, " A")
        qtbot.keyClick(row.text, Qt.Key.Key_Return)
        qtbot.keyClicks(row.text, "B")
        card.flush()
        assert row.text.hasFocus() and row.text.text().endswith(" A\nB")
    turns = examples.parse(description_yaml(tab.document.text())).examples[0].example.turns
    assert [t.text[-4:] for t in turns] == [" A\nB", " A\nB"]
    assert [row.role.currentText() for row in card.turns] == ["user", "assistant"]


def test_fields_show_the_buffer_but_the_one_being_typed_in(window, tmp_path, qtbot):
    """A change from elsewhere shows in every field but the focused one with typing not yet
    written; writing that typing then keeps the change (only typed fields are written)."""
    tab, editor = open_examples(window, tmp_path)
    card = editor.cards[0]
    click(qtbot, card.context)
    card.context.end(False)
    qtbot.keyClicks(card.context, " yesterday")
    old = "A user-visible change needs reference docs."
    at = tab.document.text().index(old)
    tab.document.apply([Edit(at, at + len(old), "Changed in the source.")])
    tab.analyse()
    assert card.commentary.text() == "Changed in the source."
    assert card.context.text() == "A new CLI flag was merged yesterday"
    card.flush()
    text = tab.document.text()
    assert "Context: A new CLI flag was merged yesterday\n" in text
    assert "Changed in the source." in text and old not in text


def test_undo_shows_in_the_cards_and_flush_writes_nothing(window, tmp_path, qtbot):
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    card = editor.cards[1]
    click(qtbot, card.commentary)
    qtbot.keyClick(card.commentary, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(card.commentary, " Always.  ")
    qtbot.waitUntil(lambda: tab.document.text() != original, timeout=3000)
    assert card.commentary.text().endswith("work. Always.  ")  # the spaces stay while typing
    qtbot.mouseClick(card.title, Qt.MouseButton.LeftButton)  # focus to the card itself
    assert QApplication.focusWidget() is card
    assert card.commentary.text().endswith("work. Always.")  # left: it shows the buffer
    qtbot.keyClick(card, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the window's Undo
    assert tab.document.text() == original
    qtbot.waitUntil(lambda: card.commentary.text().endswith("work."), timeout=1000)
    tab.flush()  # what saving does first
    assert tab.document.text() == original
    assert tab.document.qdoc.isRedoAvailable()  # no edit was made after the undo


def test_an_undone_turn_hands_its_focus_to_the_turn_above(window, tmp_path, qtbot):
    tab, editor = open_examples(window, tmp_path)
    card = editor.cards[0]
    original = tab.document.text()
    card.add_turn_button.click()
    new = card.turns[2].text
    assert new.hasFocus()
    qtbot.keyClicks(new, "Thanks")
    card.flush()
    window.acts["undo"].trigger()
    window.acts["undo"].trigger()
    qtbot.waitUntil(lambda: len(card.turns) == 2, timeout=1000)
    assert tab.document.text() == original
    assert QApplication.focusWidget() is card.turns[1].text
    assert not any(c.collapsed for c in editor.cards)


def test_focus_tab_and_pane_switches_write_nothing(window, tmp_path, qtbot):
    tab, editor = open_examples(window, tmp_path, FIXTURES / "unindented-description.md")
    original = tab.document.text()
    click(qtbot, editor.intro)
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    for card in editor.cards:
        click(qtbot, card.context)
        click(qtbot, card.commentary)
    tab.panes.setCurrentWidget(tab.form)
    tab.panes.setCurrentWidget(tab.examples)
    tab.flush()
    assert tab.document.text() == original
    assert not tab.document.qdoc.isUndoAvailable()


def test_a_new_example_shows_and_stays_put_while_it_is_written(window, tmp_path, qtbot):
    """The new card scrolls into view; writing its missing parts changes its hints, and
    nothing moves for it."""
    tab, editor = open_examples(window, tmp_path)
    editor.add(1)  # with cards below it, to move if it grew or shrank
    card = editor.cards[1]
    QApplication.processEvents()  # the layout takes the new card in
    viewport = editor.scroll.viewport()
    assert card.context.hasFocus() and card.hints.text() == "Missing: context, commentary"
    assert viewport.rect().contains(card.context.mapTo(viewport, card.context.rect().center()))
    for field, words in ((card.context, "A release is due"), (card.commentary, "Releases.")):
        click(qtbot, field)
        where = field.mapTo(viewport, field.rect().topLeft())
        before = tab.document.text()
        qtbot.keyClicks(field, words)
        qtbot.waitUntil(lambda b=before: tab.document.text() != b, timeout=3000)
        QApplication.processEvents()  # the layout settles
        assert field.mapTo(viewport, field.rect().topLeft()) == where
        assert field.hasFocus()
    assert not card.hints.text()


def test_the_intro_keeps_its_typing_then_shows_the_buffer_once_left(window, tmp_path, qtbot):
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    click(qtbot, editor.intro)
    qtbot.keyClick(editor.intro, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.intro, " More:  ")
    qtbot.waitUntil(lambda: tab.document.text() != original, timeout=3000)
    assert editor.intro.text().endswith("Examples: More:  ")  # written without the spaces
    click(qtbot, editor.cards[0].context)
    assert editor.intro.text().endswith("Examples: More:")
    window.acts["undo"].trigger()
    qtbot.waitUntil(lambda: editor.intro.text().endswith("Examples:"), timeout=1000)
    tab.flush()
    assert tab.document.text() == original


def test_ctrl_z_in_a_written_field_undoes_the_document(window, tmp_path, qtbot):
    """Ctrl+Z in a field undoes its own typing until that is written, then the document."""
    tab, editor = open_examples(window, tmp_path)
    original = tab.document.text()
    field = editor.cards[0].context
    click(qtbot, field)
    field.end(False)
    qtbot.keyClicks(field, " today")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "A new CLI flag was merged" and tab.document.text() == original
    qtbot.keyClicks(field, " today")
    qtbot.waitUntil(lambda: tab.document.text() != original, timeout=3000)
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.document.text() == original
    qtbot.waitUntil(lambda: field.text() == "A new CLI flag was merged", timeout=1000)
    assert field.hasFocus()


def test_refused_typing_shows_the_buffer_once_the_user_leaves_the_field(window, tmp_path, qtbot):
    """A typed ``<example>`` cannot be written: the card says so and keeps the text while
    the field has focus; once the user leaves, the field shows what the file holds."""
    path = tmp_path / "agent.md"
    shutil.copy(FIXTURES / "examples-agent.md", path)
    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.examples)
    card = tab.examples.cards[0]
    context = card.context
    shown = context.text()
    qtbot.mouseClick(context, Qt.MouseButton.LeftButton)
    qtbot.keyClick(context, Qt.Key.Key_End)
    qtbot.keyClicks(context, " <example>")
    card.flush()
    assert card.error.isVisibleTo(window) and context.text().endswith("<example>")
    qtbot.keyClick(context, Qt.Key.Key_Tab)
    assert context.text() == shown
    description = frontmatter.parse(tab.document.text()).value("description")
    assert examples.parse(description).examples[0].example.context == shown
