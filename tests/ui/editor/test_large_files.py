"""Very large agents (a megabyte of pasted prompt): every view still reads the one buffer,
the source is coloured progressively, and the preview says what it is doing."""

from __future__ import annotations

import time

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from agentquill.core.files import Recovered
from agentquill.ui.editor import highlighter
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


def test_typing_into_a_megabyte_agent_edits_the_one_buffer(window, qtbot, tmp_path):
    path = tmp_path / "big-agent.md"
    text = big_agent(1_000_000)
    path.write_text(text)
    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.source)
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
    assert "Rendering preview…" in tab.preview.toPlainText()
    qtbot.waitUntil(lambda: "The preview stops here" in tab.preview.toPlainText(), timeout=30_000)
    assert "Rendering preview" not in tab.preview.toPlainText()
    assert "release-manager" in tab.preview.toPlainText()[:200]


def test_a_big_buffer_is_restored_and_reloaded_whole(window, qtbot, tmp_path):
    path = tmp_path / "big-agent.md"
    text = big_agent(1_000_000)
    path.write_text(text)
    window.files.restore([Recovered("k", str(path), text + "Kept.\n", time.time())])
    tab = window.current()
    assert tab.document.text() == text + "Kept.\n" and tab.document.modified
    tab.document.qdoc.setModified(False)
    path.write_text(text + "Changed on disk.\n")
    window.files._changed_on_disk(str(path))
    assert tab.document.text() == text + "Changed on disk.\n"
    assert not tab.document.modified
    qtbot.waitUntil(lambda: "The preview stops here" in tab.preview.toPlainText(), timeout=30_000)
