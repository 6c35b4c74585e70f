"""Open → save without edits gives identical bytes for every corpus file, through the editor."""

from __future__ import annotations

import shutil

from events import wheel
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from agentquill.ui.settings import Settings
from agentquill.ui.window.main_window import MainWindow


def test_open_save_is_identity_for_every_corpus_file(qtbot, tmp_path, corpus):
    window = MainWindow(Settings(tmp_path / "config"))
    qtbot.addWidget(window)
    changed = []
    for i, source in enumerate(corpus):
        copy = tmp_path / "files" / f"{i:04d}{''.join(source.suffixes) or ''}"
        copy.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, copy)
        tab = window.files.open_file(copy)
        assert tab is not None, source
        assert not tab.document.modified, source
        assert window.files.save(tab), source
        if copy.read_bytes() != source.read_bytes():
            changed.append(str(source))
        window.files.close_tab(window.tabs.indexOf(tab))
        _delete_closed()
    assert changed == []


def test_tabbing_through_every_pane_of_every_corpus_file_writes_nothing(window, qtbot, corpus):
    """A wheel turns over every combo and spin box of the Form, Examples and Sections panes,
    then focus visits every field by Tab: none of it is an edit."""
    touched = []
    for source in corpus:
        tab = window.files.open_file(source)
        if tab is None:
            continue
        original = tab.document.text()
        for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):
            qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
            pane = tab.panes.currentWidget()
            pane.setFocus()
            for spinner in pane.findChildren(QComboBox) + pane.findChildren(QAbstractSpinBox):
                if spinner.isVisible():
                    wheel(spinner, -1)
            stops = [w for w in pane.findChildren(QWidget) if _tab_stop(w)]
            if stops:
                stops[0].setFocus(Qt.FocusReason.TabFocusReason)
            for _ in range(min(len(stops), 80)):
                qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
        window.setFocus()
        qtbot.waitUntil(lambda t=tab: not t._analyse_timer.isActive() and not t._catching_up)
        if tab.document.text() != original or tab.document.qdoc.isUndoAvailable():
            touched.append(str(source))
        window.files.close_tab(window.tabs.indexOf(tab))
        _delete_closed()
    assert touched == []


def _delete_closed() -> None:
    """Delete the closed tab now: no event loop runs here to do it, and a thousand hidden tabs
    would slow every focus change."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _tab_stop(widget: QWidget) -> bool:
    policy = widget.focusPolicy()
    return bool(policy & Qt.FocusPolicy.TabFocus) and widget.isVisible() and widget.isEnabled()
