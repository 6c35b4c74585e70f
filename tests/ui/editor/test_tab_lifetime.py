"""A closed tab frees its document, undo history and views, and leaves nothing watched."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import weakref

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication

from agentquill.core.text import Edit
from support import FIXTURES, ROOT

PANES = ("form", "examples", "sections", "source")


def _collect() -> None:
    """Run the deletes the closes posted, then Python's cycle collector."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def _widgets(window) -> int:
    """The app's widgets but the welcome page's, whose recent files grow as files open."""
    return sum(not window.welcome.isAncestorOf(w) for w in QApplication.allWidgets())


def test_closed_tabs_free_documents_and_views(window, tmp_path, qtbot):
    _collect()
    widgets = _widgets(window)
    alive = []
    for i in range(12):
        path = tmp_path / f"agent-{i}.md"
        shutil.copy(FIXTURES / "examples-agent.md", path)
        tab = window.files.open_file(path)
        window.acts[PANES[i % len(PANES)]].trigger()
        if i % 2:  # an undo history, a recovery file and the "discard" answer on close
            tab.document.apply([Edit(0, 0, "\n")])
            window.files.autosave()
        qtbot.waitUntil(lambda t=tab: not t.renderer._busy and t.renderer._latest is None)
        alive += [weakref.ref(o) for o in (tab, tab.document, tab.document.qdoc, tab.preview)]
        window.acts["close"].trigger()
    del tab
    _collect()
    assert window.tabs.count() == 0
    assert [r for r in alive if r() is not None] == []
    assert _widgets(window) == widgets
    assert window.files.watcher.files() == []
    assert list((tmp_path / "recovery").glob("*.json")) == []


def test_the_event_loop_alone_frees_a_closed_tab(window, tmp_path, qtbot):
    """Without the test's collections: the views' reference cycles go at the next turn."""
    path = tmp_path / "agent.md"
    shutil.copy(FIXTURES / "examples-agent.md", path)
    tab = window.files.open_file(path)
    window.acts["examples"].trigger()
    alive = [weakref.ref(o) for o in (tab, tab.document, tab.examples, tab.sections, tab.source)]
    del tab
    gc.disable()  # only the window's own collection may free them
    try:
        QTimer.singleShot(0, window.acts["close"].trigger)  # as a click or Ctrl+W
        qtbot.waitUntil(lambda: all(r() is None for r in alive), timeout=2000)
    finally:
        gc.enable()


def test_a_late_change_signal_does_not_watch_a_closed_file_again(window, tmp_path):
    path = tmp_path / "agent.md"
    shutil.copy(FIXTURES / "release-manager.md", path)
    window.files.open_file(path)
    window.files.close_tab(0)
    window.files._changed_on_disk(str(path))  # queued before the close, delivered after it
    assert window.files.watcher.files() == []


def test_a_tab_closed_before_its_views_caught_up_is_freed(window, tmp_path, qtbot):
    """An edit asks the views to catch up on the next event-loop turn; a close before that
    turn must not leave the request holding the tab (PySide keeps the callable of a
    ``QTimer.singleShot`` whose context dies first)."""
    path = tmp_path / "agent.md"
    shutil.copy(FIXTURES / "examples-agent.md", path)
    tab = window.files.open_file(path)
    alive = [weakref.ref(o) for o in (tab, tab.document, tab.form)]
    tab.document.apply([Edit(0, 0, "\n")])
    window.acts["close"].trigger()
    del tab
    _collect()
    QApplication.processEvents()
    _collect()
    assert [r for r in alive if r() is not None] == []


CLOSE_WHILE_RENDERING = """
import threading, time
from PySide6.QtCore import QCoreApplication, QEvent, QThread, QTimer
from PySide6.QtWidgets import QApplication
from agentquill.ui.editor import preview

started = threading.Event()
render = preview.render_parts
def slow(*args):
    started.set()
    time.sleep(0.5)
    return render(*args)

def close_while_rendering():
    started.clear()
    view = preview.PreviewView()
    renderer = preview.PreviewRenderer(view, lambda: "# Title")
    renderer.schedule()
    while not started.is_set():
        app.processEvents()
    start = time.perf_counter()
    renderer.stop()
    print("at once:", time.perf_counter() - start < 0.25)
    view.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

app = QApplication([])
preview.render_parts, preview.STOP_WAIT_MS = slow, 0
close_while_rendering()
QTimer.singleShot(1000, app.quit)
app.exec()
print("threads left:", len(app.findChildren(QThread)))
close_while_rendering()
QTimer.singleShot(0, app.quit)  # while it renders
app.exec()
"""


def test_closing_a_tab_while_its_preview_renders_neither_waits_nor_aborts():
    """A QThread deleted while it runs aborts the process: the worker is left to end first."""
    app = ROOT / "app"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(app))
    done = subprocess.run(
        [sys.executable, "-c", CLOSE_WHILE_RENDERING], env=env, capture_output=True, text=True
    )
    printed = "at once: True\nthreads left: 0\nat once: True\n"
    assert (done.returncode, done.stdout) == (0, printed), done.stderr
