"""SourceView and AgentHighlighter over a shared QTextDocument."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QColor,
    QFontInfo,
    QHelpEvent,
    QPalette,
    QTextCharFormat,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from agentquill.core.lint import Diagnostic, Severity
from agentquill.ui.editor.highlighter import LINE_LIMIT, AgentHighlighter
from agentquill.ui.editor.problems import ProblemsView
from agentquill.ui.editor.source_view import LONG_RUN, SQUIGGLE_LIMIT, SourceView, has_long_run
from agentquill.ui.timers import hold_until_painted
from support import SEED

AGENT = """\
---
name: helper
description: |
  Use this agent to help.
  Context: not a key
tools: Read, Write
---

# Title

Some **bold** text.

```python
# not a heading
x = 1
```
"""


def make_view(qtbot, text: str) -> tuple[SourceView, QTextDocument]:
    doc = QTextDocument()
    doc.setPlainText(text)
    view = SourceView(doc)
    qtbot.addWidget(view)
    return view, doc


def diag(line: int, column: int, severity: str = "error", message: str = "bad", **end):
    return SimpleNamespace(line=line, column=column, severity=severity, message=message, **end)


def squiggles(view: SourceView) -> list:
    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    return [s for s in view.extraSelections() if s.format.underlineStyle() == wave]


def format_at(doc: QTextDocument, line: int, column: int) -> QTextCharFormat:
    """The highlighter's format at 1-based line/column (a default format when none)."""
    ranges = doc.findBlockByNumber(line - 1).layout().formats()  # owns each r.format
    for r in ranges:
        if r.start <= column - 1 < r.start + r.length:
            return QTextCharFormat(r.format)
    return QTextCharFormat()


# The view edits the one shared document


def test_view_edits_the_shared_document_and_its_undo(qtbot):
    view, doc = make_view(qtbot, "abc")
    assert view.document() is doc
    assert view.objectName() == "source"
    qtbot.keyClicks(view, "x")
    assert doc.toPlainText() == "xabc"
    doc.undo()
    assert doc.toPlainText() == "abc"


def test_tab_inserts_two_spaces(qtbot):
    view, doc = make_view(qtbot, "a")
    view.go_to(1, 2)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert doc.toPlainText() == "a "
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert doc.toPlainText() == "a   "


def test_source_wraps_words(qtbot):
    view, _ = make_view(qtbot, "a")
    assert view.word_wrap()


def test_gutter_grows_with_the_line_count(qtbot):
    view, doc = make_view(qtbot, "\n" * 8)
    narrow = view.gutter_width()
    doc.setPlainText("\n" * 12_000)
    assert view.gutter_width() > narrow


def test_go_to_places_the_cursor_and_clamps(qtbot):
    view, _ = make_view(qtbot, "one\ntwo\nthree\n")
    view.go_to(3, 4)
    cursor = view.textCursor()
    assert (cursor.blockNumber(), cursor.positionInBlock()) == (2, 3)
    view.go_to(99, 99)
    assert view.textCursor().atEnd()


# Diagnostics


def test_diagnostic_underlines_the_token_in_its_colour(qtbot):
    view, _ = make_view(qtbot, "name: Bad Name\ncolor: greenish\n")
    view.set_diagnostics([diag(2, 8, "warning")])
    (selection,) = squiggles(view)
    assert selection.cursor.selectedText() == "greenish"
    assert selection.format.underlineColor() == view.severity_color("warning")


def test_explicit_end_and_severity_colours_differ(qtbot):
    view, _ = make_view(qtbot, "name: Bad Name\ncolor: greenish\n")
    view.set_diagnostics([diag(1, 7, "error", end_line=1, end_column=15), diag(2, 1, "info")])
    error, info = squiggles(view)
    assert error.cursor.selectedText() == "Bad Name"
    assert info.cursor.selectedText() == "color"
    colours = {view.severity_color(s).name() for s in ("error", "warning", "info")}
    assert len(colours) == 3
    assert error.format.underlineColor().red() > error.format.underlineColor().blue()


def test_core_diagnostics_are_accepted(qtbot):
    view, _ = make_view(qtbot, "---\ncolour: red\n---\n")
    item = Diagnostic(
        code="AQ210", severity=Severity.WARNING, message="Unknown key", line=2, column=1
    )
    view.set_diagnostics([item])
    (selection,) = squiggles(view)
    assert selection.cursor.selectedText() == "colour"
    assert selection.format.underlineColor() == view.severity_color("warning")


def test_diagnostic_lookup_and_tooltip_text(qtbot):
    view, doc = make_view(qtbot, "name: x\ncolor: greenish\n")
    item = diag(2, 8, "error", "Unknown colour")
    view.set_diagnostics([item])
    inside = doc.findBlockByNumber(1).position() + 9
    assert view.diagnostic_at(inside) is item
    assert view.tooltip_text(inside) == "Unknown colour"
    assert view.diagnostic_at(inside - 5) is None
    assert view.tooltip_text(0) == ""


def test_diagnostics_follow_typing_until_replaced(qtbot):
    view, doc = make_view(qtbot, "name: x\ncolor: greenish\n")
    view.set_diagnostics([diag(2, 8)])
    view.go_to(1, 1)
    qtbot.keyClicks(view, "# ")
    (selection,) = squiggles(view)
    assert selection.cursor.selectedText() == "greenish"
    view.set_diagnostics([])
    assert squiggles(view) == []


def test_diagnostic_columns_count_code_points(qtbot):
    view, _ = make_view(qtbot, "description: 🚀 launch now\n")
    view.set_diagnostics([diag(1, 16)])
    (selection,) = squiggles(view)
    assert selection.cursor.selectedText() == "launch"


def test_diagnostic_on_an_empty_line_or_past_the_end_does_not_fail(qtbot):
    view, _ = make_view(qtbot, "a\n\n")
    view.set_diagnostics([diag(2, 1), diag(50, 50), diag(1, 9)])
    assert len(view.diagnostics_at(0)) == 1  # line 1, past its end: the last character


# Highlighting


def test_key_heading_and_code_get_different_formats(qtbot):
    view, doc = make_view(qtbot, AGENT)
    view.highlighter.rehighlight()
    key = format_at(doc, 2, 1)
    heading = format_at(doc, 9, 3)
    code = format_at(doc, 15, 1)
    plain = format_at(doc, 11, 1)
    colours = {f.foreground().color().name() for f in (key, heading, code, plain)}
    assert len(colours) == 4


def test_hash_line_inside_a_fence_is_code_not_a_heading(qtbot):
    view, doc = make_view(qtbot, AGENT)
    view.highlighter.rehighlight()
    assert format_at(doc, 14, 1) == format_at(doc, 15, 1)
    assert format_at(doc, 14, 1) != format_at(doc, 9, 1)


def test_block_scalar_lines_are_not_keys(qtbot):
    view, doc = make_view(qtbot, AGENT)
    view.highlighter.rehighlight()
    assert format_at(doc, 5, 3) != format_at(doc, 2, 1)
    assert format_at(doc, 6, 1) == format_at(doc, 2, 1)  # tools: is a key again


def test_bold_in_the_body(qtbot):
    view, doc = make_view(qtbot, AGENT)
    view.highlighter.rehighlight()
    assert format_at(doc, 11, 8).fontWeight() > format_at(doc, 11, 1).fontWeight()


def test_formats_are_placed_after_astral_characters(qtbot):
    view, doc = make_view(qtbot, "# x\n🚀 **b**\n")
    view.highlighter.rehighlight()
    ranges = doc.findBlockByNumber(1).layout().formats()
    assert [(r.start, r.length) for r in ranges] == [(3, 5)]  # the emoji is two UTF-16 units


def test_set_dark_changes_colours(qtbot):
    doc = QTextDocument()
    doc.setPlainText(AGENT)
    highlighter = AgentHighlighter(doc)
    highlighter.set_dark(False)
    light = format_at(doc, 2, 1).foreground().color().name()
    highlighter.set_dark(True)
    assert highlighter.is_dark()
    assert format_at(doc, 2, 1).foreground().color().name() != light


def test_seed_file_opens_and_accepts_typing(qtbot):
    if not SEED.is_file():
        pytest.skip("seed agent file not present")
    view, doc = make_view(qtbot, SEED.read_text(encoding="utf-8"))
    view.set_diagnostics([diag(2, 7, "warning"), diag(60, 1, "info")])
    view.go_to(70, 3)
    qtbot.keyClicks(view, "z")
    view.go_to(3, 14)
    qtbot.keyClicks(view, "z")
    assert doc.toPlainText().count("z") > SEED.read_text(encoding="utf-8").count("z")


def test_hovering_a_squiggle_shows_its_message(qtbot):
    view, doc = make_view(qtbot, "name: x\ncolor: greenish\n")
    view.resize(400, 200)
    view.show()
    view.set_diagnostics([diag(2, 8, "error", "Unknown colour")])
    cursor = view.textCursor()
    cursor.setPosition(doc.findBlockByNumber(1).position() + 10)
    point = view.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == "Unknown colour"
    QToolTip.hideText()


def test_a_document_just_shown_has_nothing_to_undo(qtbot):
    document = QTextDocument()
    document.setPlainText("---\nname: a\n---\n")
    view = SourceView(document)
    qtbot.addWidget(view)
    assert not document.isUndoAvailable()


# Hostile sizes: a long run without spaces, very long lines, thousands of diagnostics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", False),
        ("word " * 10_000, False),
        ("x" * (LONG_RUN - 1), False),
        ("x" * LONG_RUN, True),
        ("a " + "x" * LONG_RUN + " b", True),
        (("x" * (LONG_RUN // 2 + 7) + " ") * 5, False),  # long, but not long enough, runs
        ("\n".join(["x" * (LONG_RUN // 2)] * 4), False),
    ],
)
def test_long_runs_are_found_wherever_they_start(text, expected):
    assert has_long_run(text) is expected
    for shift in range(1, 4):  # the windows are aligned: a run must not slip between them
        assert has_long_run(" " * shift + text) is expected


def test_a_long_run_without_spaces_wraps_anywhere_until_it_is_gone(qtbot):
    """Qt wraps such a run in time growing with its square (a 5 MB line: minutes)."""
    anywhere = QTextOption.WrapMode.WrapAnywhere
    view, doc = make_view(qtbot, "name: x\n")
    assert view.wordWrapMode() != anywhere
    view.go_to(1, 7)
    QApplication.clipboard().setText("\\t" * LONG_RUN)
    view.paste()
    assert view.wordWrapMode() == anywhere
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.toPlainText() == "name: x\n" and view.wordWrapMode() != anywhere
    long_view, _ = make_view(qtbot, "x" * LONG_RUN)
    assert long_view.wordWrapMode() == anywhere


def test_colours_stop_at_the_line_limit(qtbot):
    view, doc = make_view(qtbot, '---\nx: "' + "\\t" * LINE_LIMIT + '"\nname: a\n---\n')
    view.highlighter.rehighlight()
    assert format_at(doc, 2, 5).foreground() != QTextCharFormat().foreground()
    assert format_at(doc, 2, LINE_LIMIT + 5) == QTextCharFormat()
    assert format_at(doc, 3, 1).foreground() != QTextCharFormat().foreground()  # next key


def test_squiggles_past_the_limit_keep_the_most_severe(qtbot):
    view, _ = make_view(qtbot, "a\n" * (SQUIGGLE_LIMIT + 10))
    items = [diag(n, 1, "info") for n in range(1, SQUIGGLE_LIMIT + 11)]
    items.append(diag(SQUIGGLE_LIMIT + 10, 1, "error"))
    view.set_diagnostics(items)
    assert len(squiggles(view)) == SQUIGGLE_LIMIT
    assert view.diagnostic_at(view.document().characterCount() - 3).severity == "error"


def test_the_problems_list_is_rebuilt_only_when_the_problems_change(qtbot):
    view = ProblemsView()
    qtbot.addWidget(view)
    found = [Diagnostic("AQ210", Severity.WARNING, "unknown", 3, 1, key="x")]
    view.show_diagnostics(found)
    first = view.topLevelItem(0)
    view.show_diagnostics([Diagnostic("AQ210", Severity.WARNING, "unknown", 3, 1, key="x")])
    assert view.topLevelItem(0) is first
    view.show_diagnostics([])
    assert view.topLevelItemCount() == 0


# At start-up the window's first frame pays for the colours only when the source shows in it


def coloured(doc: QTextDocument) -> bool:
    return bool(doc.findBlockByNumber(8).layout().formats())  # the heading


def held_window(qtbot) -> QWidget:
    """A window that holds :func:`after_first_frame` calls until it paints, as at start-up."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(400, 300)
    hold_until_painted(window)
    return window


def test_a_hidden_source_is_coloured_after_the_window_first_paints(qtbot):
    window = held_window(qtbot)
    doc = QTextDocument(AGENT)
    SourceView(doc, window).hide()  # as the Source tab behind the Form
    QApplication.processEvents()
    assert not coloured(doc)
    window.show()
    qtbot.waitUntil(lambda: coloured(doc))


class Painted(QObject):
    """What ``probe()`` says as the watched widget paints, each time."""

    def __init__(self, widget: QWidget, probe):
        super().__init__(widget)
        self.probe, self.seen = probe, []
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.seen.append(self.probe())
        return False


def first_paint_of_a_source_shown_at_start_up(qtbot, probe):
    """What ``probe(view)`` says as a source view shown in a window at start-up first paints."""
    window = held_window(qtbot)
    view = SourceView(QTextDocument(AGENT), window)
    view.resize(400, 300)
    spy = Painted(view.viewport(), lambda: probe(view))
    window.show()
    qtbot.waitUntil(lambda: bool(spy.seen))
    return spy.seen[0]


def test_a_source_shown_at_start_up_is_coloured_when_it_first_paints(qtbot):
    assert first_paint_of_a_source_shown_at_start_up(qtbot, lambda v: coloured(v.document()))


def test_a_source_shown_at_start_up_paints_in_the_fixed_pitch_font(qtbot):
    assert first_paint_of_a_source_shown_at_start_up(
        qtbot, lambda v: QFontInfo(v.font()).fixedPitch()
    )


def test_a_hidden_source_follows_the_theme_once_the_window_has_painted(qtbot):
    window = held_window(qtbot)
    view = SourceView(QTextDocument(AGENT), window)
    view.hide()  # as the Source tab behind the Form
    window.show()
    qtbot.waitUntil(lambda: QFontInfo(view.font()).fixedPitch())
    line = view.extraSelections()[0]  # the current line's
    light = QColor(line.format.background().color())
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#dcdcdc"))
    view.setPalette(dark)
    assert view.highlighter.is_dark()
    line = view.extraSelections()[0]
    assert line.format.background().color() != light


def test_squiggles_set_before_the_first_frame_are_drawn_once_the_source_is_dressed(qtbot):
    window = held_window(qtbot)
    view = SourceView(QTextDocument(AGENT), window)
    view.hide()
    view.set_diagnostics([diag(2, 1, "warning", "Unknown key")])  # as the tab's first analysis
    assert view.diagnostic_at(view.document().findBlockByNumber(1).position()) is not None
    window.show()
    qtbot.waitUntil(lambda: len(squiggles(view)) == 1)
