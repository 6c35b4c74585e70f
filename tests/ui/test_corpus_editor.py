"""Open → save without edits gives identical bytes for every corpus file, through the editor;
and tabbing through every pane of every corpus file writes nothing.

A new tab per file cost ~100 ms, so both tests go through one window and one tab per kind of
file (the same dialect from the same path rules): each corpus file is copied over that tab's
file and read in by File ▸ Revert, the path by which the editor takes in a file changed on
disk, which re-reads the buffer and refreshes every view. ``AgentDocument.open`` still reads
every file, fresh, in the first test.
"""

from __future__ import annotations

import shutil
from itertools import islice
from pathlib import Path

import pytest
from events import wheel
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from agentquill.core.dialects import dialect_for_path
from agentquill.ui.editor.document import AgentDocument
from agentquill.ui.editor.tab import EditorTab
from agentquill.ui.settings import Settings
from agentquill.ui.window.main_window import MainWindow
from support import CORPUS


def test_open_save_is_identity_for_every_corpus_file(qtbot, tmp_path, corpus):
    window = MainWindow(Settings(tmp_path / "config"))
    qtbot.addWidget(window)
    _no_dialogs(window)
    files = tmp_path / "files"
    files.mkdir()
    slots: dict[str, Path] = {}  # a file per suffix, as the copies were named one by one
    changed = []
    for source in corpus:
        data = source.read_bytes()
        suffix = "".join(source.suffixes)
        slot = slots.setdefault(suffix, files / f"{len(slots):04d}{suffix}")
        tab = _read_in(window, slot, data)
        assert AgentDocument.open(slot).file_bytes() == data, source  # read anew, too
        assert not tab.document.modified, source
        assert window.files.save(tab), source
        if slot.read_bytes() != data:
            changed.append(str(source))
    assert changed == []


def test_tabbing_through_every_pane_of_every_corpus_file_writes_nothing(
    window, qtbot, tmp_path, corpus
):
    """A wheel turns over every combo and spin box of the Form, Examples and Sections panes,
    then focus visits every field by Tab: none of it is an edit."""
    _no_dialogs(window)
    kinds: dict[tuple[str | None, str], list[Path]] = {}
    for source in corpus:
        dialect = dialect_for_path(source)
        kinds.setdefault((dialect and dialect.id, "".join(source.suffixes)), []).append(source)
    touched = []
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3]
    for sources in kinds.values():  # one tab open at a time, as one per file was
        slot = _mirrored(sources[0], tmp_path / "corpus")
        for source in sources:
            assert dialect_for_path(slot) == dialect_for_path(source), (source, slot)
            tab = _read_in(window, slot, source.read_bytes())
            if _tabbing_edits(window, qtbot, tab, keys):
                touched.append(str(source))
            keys.reverse()  # start on the pane the last file ended on: one switch fewer
        window.files.close_tab(window.tabs.indexOf(tab))
    assert touched == []


def _tabbing_edits(window: MainWindow, qtbot, tab: EditorTab, keys: list[Qt.Key]) -> bool:
    """Whether turning the wheel over the panes (shown by ``keys``) and tabbing through them
    edited the file."""
    original, steps = tab.document.text(), tab.document.qdoc.availableUndoSteps()
    for key in keys:
        if tab.panes.currentIndex() != keys.index(key):
            qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        pane = tab.panes.currentWidget()
        widgets = pane.findChildren(QWidget)
        for spinner in widgets:
            if isinstance(spinner, QComboBox | QAbstractSpinBox) and spinner.isVisible():
                wheel(spinner, -1)
        stops = list(islice(filter(_tab_stop, widgets), 80))
        if stops:
            stops[0].setFocus(Qt.FocusReason.TabFocusReason)
        for _ in stops:
            qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    window.setFocus()
    qtbot.waitUntil(lambda: not tab._analyse_timer.isActive() and not tab._catching_up)
    return (
        tab.document.text() != original
        or tab.document.qdoc.availableUndoSteps() != steps
        or tab.document.modified
    )


def _read_in(window: MainWindow, slot: Path, data: bytes) -> EditorTab:
    """``data`` in the tab of ``slot`` (opened on first use): written over the file, then
    read in by File ▸ Revert, and the views refreshed at once as the tab does on opening."""
    new = not slot.exists()
    slot.parent.mkdir(parents=True, exist_ok=True)
    slot.write_bytes(data)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the event loop would
    tab = window.files.open_file(slot)
    assert tab is not None and tab.document.path == slot.resolve()
    if not new:
        window.files.revert()
        tab._analyse_timer.stop()  # its re-read, now: the views show the file from the start
        tab.analyse()
    return tab


def _mirrored(source: Path, root: Path) -> Path:
    """Where ``source`` lies in the corpus, under ``root`` (with the plugin manifests above it,
    copied): the path rules read a file there as they read ``source``."""
    relative = source.relative_to(CORPUS)
    for folder in relative.parents:
        manifest = CORPUS / folder / ".claude-plugin" / "plugin.json"
        if manifest.is_file():
            copy = root / folder / ".claude-plugin" / "plugin.json"
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(manifest, copy)
    return root / relative


def _no_dialogs(window: MainWindow) -> None:
    """A dialog would wait for a click that never comes: fail instead."""

    def refuse(*args):
        pytest.fail(f"the editor asked or warned: {args}")

    window.prompts.ask_save_changes = lambda tab: "discard"  # a failed test's last tab
    window.prompts.show_error = refuse
    window.prompts.ask_external_change = refuse
    window.prompts.ask_overwrite = refuse


def _tab_stop(widget: QWidget) -> bool:
    if not (widget.isVisible() and widget.isEnabled()):  # the cheap tests first
        return False
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
