"""Very large agents (a megabyte of pasted prompt): every view still reads the one buffer,
the source is coloured progressively, and the preview says what it is doing."""

from __future__ import annotations

import time

import pytest
from events import wheel
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from agentquill.core.files import Recovered
from agentquill.ui.editor import document as document_module
from agentquill.ui.editor import highlighter
from agentquill.ui.editor.document import AgentDocument
from agentquill.ui.editor.highlighter import AgentHighlighter
from support import big_agent


def formats(doc: QTextDocument) -> list[tuple]:
    """Every line's end state and formats, as comparable values."""
    found, block = [], doc.begin()
    while block.isValid():
        runs = [
            (r.start, r.length, r.format.foreground().color().name(), r.format.fontWeight())
            for r in block.layout().formats()
        ]
        found.append((block.userState(), runs))
        block = block.next()
    return found


def document(text: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    doc.setPlainText(text)
    return doc


def test_a_long_document_is_coloured_in_slices_exactly_as_at_once(qtbot, monkeypatch):
    text = big_agent(400_000)
    whole = document(text)
    monkeypatch.setattr(highlighter, "PROGRESSIVE_LINES", 10**9)
    AgentHighlighter(whole).rehighlight()
    monkeypatch.setattr(highlighter, "PROGRESSIVE_LINES", 1000)
    monkeypatch.setattr(highlighter, "PASS_MS", 1)
    sliced = document(text)
    colours = AgentHighlighter(sliced)
    changes = []
    sliced.contentsChanged.connect(lambda: changes.append(sliced.revision()))
    qtbot.waitUntil(lambda: bool(changes))  # Qt's first pass: one budget's worth of lines
    assert not colours.coloured()
    qtbot.waitUntil(colours.coloured, timeout=30_000)
    assert formats(sliced) == formats(whole)
    assert len(changes) == 1  # the slices are no edits: no view re-reads the text for them


def open_big(window, tmp_path, size: int):
    """A tab opened on a big agent of ``size`` characters, its source shown; and the text."""
    path = tmp_path / "big-agent.md"
    text = big_agent(size)
    path.write_text(text)
    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.source)
    return tab, text


def loaded(qtbot, document: AgentDocument) -> None:
    qtbot.waitUntil(lambda: not document.loading, timeout=30_000)


def test_typing_into_a_megabyte_agent_edits_the_one_buffer(window, qtbot, tmp_path):
    tab, text = open_big(window, tmp_path, 1_000_000)
    loaded(qtbot, tab.document)
    tab.source.setFocus()
    middle = text.index("\n", len(text) // 2)
    cursor = tab.source.textCursor()
    cursor.setPosition(middle)
    tab.source.setTextCursor(cursor)
    qtbot.keyClicks(tab.source, " typed here")
    assert tab.document.text() == text[:middle] + " typed here" + text[middle:]
    qtbot.waitUntil(lambda: not tab._analyse_timer.isActive(), timeout=10_000)
    assert "AQ312" in {d.code for d in tab.diagnostics}  # ≈250k tokens of system prompt
    assert tab.document.modified


def test_the_preview_says_it_is_rendering_then_where_it_stops(window, qtbot, tmp_path):
    path = tmp_path / "big-agent.md"
    path.write_text(big_agent(1_000_000))
    tab = window.files.open_file(path)
    assert "Loading…" in tab.preview.toPlainText()
    shown = []
    tab.document.loaded.connect(lambda: shown.append(tab.preview.toPlainText()))
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "Rendering preview…" in shown[0]
    qtbot.waitUntil(lambda: "The preview stops here" in tab.preview.toPlainText(), timeout=30_000)
    assert "Rendering preview" not in tab.preview.toPlainText()
    assert "release-manager" in tab.preview.toPlainText()[:200]


def test_a_big_buffer_is_restored_and_reloaded_whole(window, qtbot, tmp_path):
    path = tmp_path / "big-agent.md"
    text = big_agent(1_000_000)
    path.write_text(text)
    window.files.restore([Recovered("k", str(path), text + "Kept.\n", time.time())])
    tab = window.current()
    qtbot.waitUntil(lambda: not tab.document.loading, timeout=30_000)
    assert tab.document.text() == text + "Kept.\n" and tab.document.modified
    assert not tab.document.qdoc.isUndoAvailable()
    tab.document.qdoc.setModified(False)
    path.write_text(text + "Changed on disk.\n")
    window.files._changed_on_disk(str(path))
    assert not tab.document.loading  # a small change: one edit, undone in one step
    assert tab.document.text() == text + "Changed on disk.\n"
    assert not tab.document.modified
    tab.document.qdoc.undo()
    assert tab.document.text() == text + "Kept.\n"
    tab.document.qdoc.redo()
    qtbot.waitUntil(lambda: "The preview stops here" in tab.preview.toPlainText(), timeout=30_000)


@pytest.mark.parametrize(
    "data",
    [
        big_agent(300_000).replace("\n", "\r\n").encode(),
        ("---\nname: x\n---\n" + "émoji 🎉 sep\u2028x\t" * 30_000).encode(),
        b"---\nname: one-line\n---\n" + b"y" * 700_000,
    ],
    ids=["crlf", "astral-and-separators", "one-long-line"],
)
def test_a_file_loaded_in_pieces_is_the_file_exactly(qtbot, tmp_path, data):
    path = tmp_path / "agent.md"
    path.write_bytes(data)
    document = AgentDocument.open(path)
    assert document.loading and document.text() == ""
    loaded(qtbot, document)
    whole = QTextDocument()
    whole.setPlainText(document._original)
    assert document.qdoc.toRawText() == whole.toRawText()
    assert document.file_bytes() == data
    assert not document.modified and not document.qdoc.isUndoAvailable()


def test_a_big_file_shows_its_first_pieces_while_the_rest_loads(window, qtbot, tmp_path):
    """The source shows the text as it comes and scrolls meanwhile; nothing edits it."""
    tab, text = open_big(window, tmp_path, 3_000_000)
    assert tab.document.loading and tab.source.isReadOnly() and not tab.form.isEnabled()
    assert "Loading…" in tab.banner.text() and "Loading…" in tab.preview.toPlainText()
    assert window.status.sizes.text() == "Loading…"
    assert window.status.problems.text() == "Problems: …" and tab.diagnostics == []
    qtbot.waitUntil(lambda: tab.document.qdoc.characterCount() > 1, timeout=10_000)
    assert tab.document.loading
    qtbot.keyClicks(tab.source, "typed")
    wheel(tab.source.viewport(), -3)
    assert tab.source.verticalScrollBar().value() > 0
    percent = tab.banner.text()
    qtbot.waitUntil(lambda: tab.banner.text() != percent, timeout=10_000)  # says how far
    loaded(qtbot, tab.document)
    assert tab.document.text() == text
    assert not tab.source.isReadOnly() and tab.form.isEnabled() and not tab.banner.isVisible()
    assert not tab.document.modified and not tab.document.qdoc.isUndoAvailable()
    assert tab.source.textCursor().position() == 0  # not pushed along by the pieces
    assert tab.source.verticalScrollBar().value() > 0  # nor the view scrolled back
    qtbot.waitUntil(lambda: "release-manager" in tab.preview.toPlainText()[:200], timeout=30_000)
    assert "tokens" in window.status.sizes.text() and "…" not in window.status.problems.text()
    assert tab.form.editors["name"].isEnabled()


def test_saving_while_loading_writes_nothing_and_says_why(window, qtbot, tmp_path):
    errors = []
    window.prompts.show_error = lambda title, text: errors.append(text)
    tab, _ = open_big(window, tmp_path, 3_000_000)
    path = tab.document.path
    before = path.read_bytes()
    qtbot.waitUntil(lambda: tab.document.qdoc.characterCount() > 1, timeout=10_000)
    qtbot.keyClick(tab.source, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.document.loading and "still loading" in errors[0]
    assert path.read_bytes() == before
    loaded(qtbot, tab.document)
    qtbot.keyClick(tab.source, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_bytes() == before and len(errors) == 1


def test_a_big_change_on_disk_reloads_in_pieces(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(document_module, "LOAD_PIECE", 50_000)
    tab, text = open_big(window, tmp_path, 400_000)
    path = tab.document.path
    loaded(qtbot, tab.document)
    changed = text[:1000] + "Changed at the top.\n" + text[1000:] + "And at the end.\n"
    path.write_text(changed)
    window.files._changed_on_disk(str(path))
    assert tab.document.loading and tab.source.isReadOnly()
    loaded(qtbot, tab.document)
    assert tab.document.text() == changed and tab.document.file_bytes() == path.read_bytes()
    assert not tab.document.modified and not tab.document.qdoc.isUndoAvailable()
    assert not tab.source.isReadOnly()


def test_a_restore_closed_while_loading_is_offered_again(window, qtbot, tmp_path):
    path = tmp_path / "big-agent.md"
    text = big_agent(3_000_000)
    path.write_text(text)
    store = window.files.recovery
    store.save("k", str(path), text + "Kept.\n")
    window.files.restore(store.pending())
    tab = window.current()
    assert tab.document.loading and not tab.document.modified
    window.files.close_tab(window.tabs.indexOf(tab))
    assert [item.key for item in store.pending()] == ["k"]
    window.files.restore(store.pending())
    tab = window.current()
    loaded(qtbot, tab.document)
    assert tab.document.text() == text + "Kept.\n" and tab.document.modified
    assert store.pending() == []


def test_the_text_follows_each_edit_without_reading_the_whole_buffer(window, qtbot, tmp_path):
    """Typing and edits anywhere, across lines, with characters outside the BMP and Qt's
    own separators: the text read is the buffer's after each, and only a change next to a
    character outside the BMP reads the whole buffer again."""
    tab, _ = open_big(window, tmp_path, 400_000)
    loaded(qtbot, tab.document)
    document, qdoc = tab.document, tab.document.qdoc
    reads = []
    raw = qdoc.toRawText
    qdoc.toRawText = lambda: reads.append(1) or raw()
    document.text()
    reads.clear()
    tab.source.setFocus()
    qtbot.keyClicks(tab.source, "typed\there")
    qtbot.keyClick(tab.source, Qt.Key.Key_Return)
    qtbot.keyClick(tab.source, Qt.Key.Key_Backspace)
    qtbot.keyClick(tab.source, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tab.source, "at the end")
    cursor = QTextCursor(qdoc)
    for start, end, new in [(0, 0, "top\n"), (10, 900, "a\nb"), (50, 51, "\u2028nbsp\u00a0")]:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new)
        assert document.text() == document_module._lf(raw())
    assert reads == []
    cursor.insertText("🎉")
    assert document.text() == document_module._lf(raw()) and reads == [1]
