"""Open → save without edits gives identical bytes for every corpus file, through the editor."""

from __future__ import annotations

import shutil

from agentquill.ui.main_window import MainWindow
from agentquill.ui.settings import Settings


def test_open_save_is_identity_for_every_corpus_file(qtbot, tmp_path, corpus):
    window = MainWindow(Settings(tmp_path / "config"))
    qtbot.addWidget(window)
    changed = []
    for i, source in enumerate(corpus):
        copy = tmp_path / "files" / f"{i:04d}{''.join(source.suffixes) or ''}"
        copy.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, copy)
        tab = window.open_file(copy)
        assert tab is not None, source
        assert not tab.document.modified, source
        assert window.save(tab), source
        if copy.read_bytes() != source.read_bytes():
            changed.append(str(source))
        window.close_tab(window.tabs.indexOf(tab))
    assert changed == []
