"""A very long body is outlined off the UI thread and shown a slice at a time, only while
the pane is shown and the whole file is in the buffer."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from agentquill.core import outline
from agentquill.ui.editor import document
from agentquill.ui.sections import pane
from support import FIXTURES, big_agent


def test_a_long_body_says_it_is_read_then_shows_every_section(window, qtbot, tmp_path):
    path = tmp_path / "big-agent.md"
    path.write_text(big_agent(2 * pane.BACKGROUND_BODY))
    tab = window.files.open_file(path)
    sections = tab.sections
    tab.panes.setCurrentWidget(sections)
    assert sections.progress.isVisible() and not sections.tree.isEnabled()
    assert not sections.act_add_section.isEnabled()
    qtbot.waitUntil(lambda: not sections.progress.isVisible(), timeout=30_000)
    body = tab.document.parsed().body
    assert sections.tree.topLevelItemCount() == len(outline.parse(body).sections)
    assert sections.tree.isEnabled() and sections.act_add_section.isEnabled()
    sections.tree.setCurrentItem(sections.tree.topLevelItem(3))
    sections.step("down")  # an edit from the pane goes to the one buffer, as ever
    assert tab.document.parsed().body != body
    qtbot.waitUntil(lambda: sections.nodes and sections.tree.topLevelItemCount() > 3)


def _click_pane(qtbot, tab, title: str) -> None:
    """Show the pane titled ``title`` as a user does: a click on its tab."""
    bar = tab.panes.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tab.panes.currentIndex() == index


def _read_done() -> bool:
    """Whether the worker outlining a body has finished, its answer delivered."""
    done = not any(t.name == "sections" for t in threading.enumerate())
    QApplication.processEvents()  # what it sent before it ended
    return done


def _big_agent_sections(window, qtbot, tmp_path, size: int):
    """A :func:`big_agent` of ``size`` opened, its Sections pane clicked: (tab, pane)."""
    path = tmp_path / "big-agent.md"
    path.write_text(big_agent(size))
    tab = window.files.open_file(path)
    _click_pane(qtbot, tab, "Sections")
    return tab, tab.sections


def _titles(sections) -> list[str]:
    tree = sections.tree
    return [tree.topLevelItem(i).full.title for i in range(tree.topLevelItemCount())]


def test_a_hidden_pane_holds_no_outline_of_a_long_body_and_reads_it_when_shown(
    window, qtbot, tmp_path
):
    tab, sections = _big_agent_sections(window, qtbot, tmp_path, 2 * pane.BACKGROUND_BODY)
    assert sections.progress.isVisible()
    _click_pane(qtbot, tab, "Source")  # before the worker is done: its outline is let go
    _click_pane(qtbot, tab, "Sections")
    _click_pane(qtbot, tab, "Source")
    assert sum(t.name == "sections" for t in threading.enumerate()) <= 1  # one read at a time
    qtbot.waitUntil(_read_done, timeout=30_000)
    assert sections.tree.topLevelItemCount() == 0 and not sections.nodes
    assert outline.parse.cache_info().currsize == 0

    tab.source.setFocus()  # typed while the pane is hidden: it shows it once shown
    tab.source.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(tab.source, Qt.Key.Key_Return)
    qtbot.keyClicks(tab.source, "## Written meanwhile")
    _click_pane(qtbot, tab, "Sections")
    assert sections.progress.isVisible() and not sections.tree.isEnabled()
    qtbot.waitUntil(lambda: not sections.progress.isVisible(), timeout=30_000)
    body = tab.document.parsed().body
    assert _titles(sections) == [s.title for s in outline.parse(body).sections]
    assert _titles(sections)[-1] == "Written meanwhile"

    sections.tree.setCurrentItem(sections.tree.topLevelItem(1))
    qtbot.keyClick(sections.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert tab.document.parsed().body != body  # the pane edits the one buffer, one step
    tab.document.qdoc.undo()
    assert tab.document.parsed().body == body


def test_a_pane_shown_again_as_its_stopped_read_comes_back_reads_again(window, qtbot, tmp_path):
    tab, sections = _big_agent_sections(window, qtbot, tmp_path, 2 * pane.BACKGROUND_BODY)
    _click_pane(qtbot, tab, "Source")  # the worker outlines, then sees the pane hidden
    for worker in threading.enumerate():
        if worker.name == "sections":
            worker.join(30)  # its word that it stopped is not delivered yet
    _click_pane(qtbot, tab, "Sections")
    qtbot.waitUntil(lambda: not sections.progress.isVisible(), timeout=30_000)
    body = tab.document.parsed().body
    assert _titles(sections) == [s.title for s in outline.parse(body).sections]


def test_a_filled_pane_lets_a_long_outline_go_when_hidden_and_keeps_a_short_one(
    window, qtbot, tmp_path
):
    tab, sections = _big_agent_sections(window, qtbot, tmp_path, 2 * pane.BACKGROUND_BODY)
    qtbot.waitUntil(lambda: not sections.progress.isVisible(), timeout=30_000)
    expanded = sections.tree.topLevelItem(2).isExpanded()
    sections.tree.topLevelItem(2).setExpanded(not expanded)
    _click_pane(qtbot, tab, "Form")
    assert sections.tree.topLevelItemCount() == 0 and not sections.nodes
    assert outline.parse.cache_info().currsize == 0
    _click_pane(qtbot, tab, "Sections")
    qtbot.waitUntil(lambda: not sections.progress.isVisible(), timeout=30_000)
    assert sections.tree.topLevelItem(2).isExpanded() != expanded  # as the user left it

    short = window.files.open_file(FIXTURES / "release-manager.md")
    _click_pane(qtbot, short, "Sections")
    rows = short.sections.tree.topLevelItem(0)
    _click_pane(qtbot, short, "Source")
    assert short.sections.tree.topLevelItem(0) is rows  # a short outline stays as it is


def test_a_pane_shown_while_the_file_loads_reads_it_once_loaded(window, qtbot, tmp_path):
    tab, sections = _big_agent_sections(window, qtbot, tmp_path, 2 * document.LOAD_PIECE)
    assert tab.document.loading
    assert sections.progress.isVisible() and sections.tree.topLevelItemCount() == 0
    read = []  # whether the pane had read a part of the text, at each piece
    tab.document.progress.connect(lambda _percent: read.append(bool(sections.nodes)))
    qtbot.waitUntil(lambda: not tab.document.loading, timeout=30_000)
    assert read and not any(read)
    qtbot.waitUntil(lambda: not sections.progress.isVisible(), timeout=30_000)
    body = tab.document.parsed().body
    assert _titles(sections) == [s.title for s in outline.parse(body).sections]
