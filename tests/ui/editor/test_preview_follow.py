"""The preview and the source follow each other: clicks, selections and the cursor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from agentquill.ui.editor.document import AgentDocument
from agentquill.ui.editor.tab import EditorTab
from support import FIXTURES

TEXT = (FIXTURES / "release-manager.md").read_text(encoding="utf-8")


@pytest.fixture
def tab(qtbot):
    editor = EditorTab(AgentDocument(TEXT))
    qtbot.addWidget(editor)
    editor.resize(1280, 500)
    editor.show()
    qtbot.waitExposed(editor)
    yield editor
    editor.close_down()


def click_on(qtbot, tab: EditorTab, phrase: str) -> None:
    """Click the middle of ``phrase`` as the preview shows it."""
    found = tab.preview.document().find(phrase)
    assert not found.isNull(), phrase
    middle = QTextCursor(found)
    middle.setPosition(found.selectionStart() + len(phrase) // 2)
    tab.preview.setTextCursor(middle)  # scrolls it into view
    point = tab.preview.cursorRect(middle).center()
    qtbot.mouseClick(tab.preview.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point))


def source_selection(tab: EditorTab) -> tuple[int, str]:
    cursor = tab.source.textCursor()
    return cursor.blockNumber() + 1, cursor.selectedText()


def test_click_in_body_selects_the_word_in_the_source(qtbot, tab):
    click_on(qtbot, tab, "Credit")
    assert tab.panes.currentWidget() is tab.source
    assert source_selection(tab) == (
        TEXT.splitlines().index("   - Credit contributors") + 1,
        "Credit",
    )


def test_click_in_an_example_finds_its_line_in_the_description(qtbot, tab):
    click_on(qtbot, tab, "collect")
    line = next(i for i, s in enumerate(TEXT.splitlines(), 1) if "collect the changes" in s)
    assert source_selection(tab) == (line, "collect")


def test_word_repeated_elsewhere_is_found_in_the_clicked_block(qtbot, tab):
    # "release" appears many times; the click in the heading must land on the heading
    click_on(qtbot, tab, "Output")
    line = TEXT.splitlines().index("## Output") + 1
    assert source_selection(tab) == (line, "Output")


def test_show_anchor_scrolls_the_example_to_the_top(qtbot, tab):
    tab.resize(1280, 300)
    qtbot.waitUntil(lambda: tab.height() == 300)  # the window system took the resize
    bar = tab.preview.verticalScrollBar()
    assert bar.maximum() > 0
    tab.preview.show_anchor("example-1")
    top = tab.preview.cursorForPosition(QPoint(4, 12))
    assert "Example 2" in top.block().text()


def test_source_cursor_brings_its_block_into_view(qtbot, tab):
    tab.resize(1280, 300)
    tab.panes.setCurrentWidget(tab.source)
    tab.source.setFocus()
    qtbot.waitUntil(tab.source.hasFocus)
    tab.preview.verticalScrollBar().setValue(0)
    tab.source.go_to(len(TEXT.splitlines()))
    qtbot.waitUntil(lambda: tab.preview.verticalScrollBar().value() > 0, timeout=1000)
    bottom = tab.preview.viewport().rect().bottomLeft() - QPoint(-4, 12)
    shown = [
        tab.preview.cursorForPosition(QPoint(4, y)).block().text() for y in range(0, bottom.y(), 8)
    ]
    assert any("Report the version" in s for s in shown)


def top_block(tab: EditorTab) -> str:
    return tab.preview.cursorForPosition(QPoint(4, 12)).block().text()


def test_selecting_an_example_card_scrolls_the_preview_to_it(qtbot, tab):
    tab.resize(1280, 300)
    tab.panes.setCurrentWidget(tab.examples)
    qtbot.waitUntil(lambda: tab.height() == 300 and tab.examples.isVisible())
    tab.examples.select(1)
    assert "Example 2" in top_block(tab)


def sections_tab(qtbot, text: str) -> EditorTab:
    """A short tab on ``text`` with its Sections pane in front."""
    tab = EditorTab(AgentDocument(text))
    qtbot.addWidget(tab)
    tab.resize(1280, 300)
    tab.show()
    tab.panes.setCurrentWidget(tab.sections)
    qtbot.waitUntil(lambda: tab.height() == 300 and tab.sections.isVisible())
    return tab


def test_selecting_a_section_scrolls_the_preview_to_it(qtbot):
    tab = sections_tab(qtbot, TEXT + "".join(f"\nMore text {i}.\n" for i in range(40)))
    tab.sections.select("section", (0,))
    assert top_block(tab) == "Responsibilities"
    tab.close_down()


def test_click_on_an_example_in_the_examples_pane_selects_its_card(qtbot, tab):
    tab.panes.setCurrentWidget(tab.examples)
    click_on(qtbot, tab, "collect")
    assert tab.panes.currentWidget() is tab.examples
    assert tab.examples.current == 1


def test_click_in_the_body_in_the_sections_pane_selects_its_row(qtbot, tab):
    tab.panes.setCurrentWidget(tab.sections)
    click_on(qtbot, tab, "Credit")
    assert tab.panes.currentWidget() is tab.sections
    node = tab.sections.current()
    assert tab.sections.line_of(node) == TEXT.splitlines().index("   - Credit contributors") + 1


def test_a_moved_section_is_shown_where_it_landed(qtbot):
    """The pane selects the moved section; the preview scrolls to it once it shows the move."""
    tab = sections_tab(qtbot, TEXT + "".join(f"\n## Part {i}\n\nText {i}.\n" for i in range(30)))
    tab.sections.select("section", (0,))
    with qtbot.waitSignal(tab.analysed):
        tab.sections.move(tab.sections.current(), (10,))
    qtbot.waitUntil(lambda: not tab._catching_up)  # the preview shows the move, and scrolled
    assert top_block(tab) == "Responsibilities"
    assert tab.document.text().index("## Responsibilities") > tab.document.text().index("Part 8")
    tab.close_down()
