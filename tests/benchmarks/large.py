"""`make bench`, very large agents: opening, typing, scrolling, switching panes, crash
restore and reload of generated 1 MB and 5 MB agents (the seed's body repeated).

Prints figures, asserts nothing. :func:`main` is called by ``run.py``; each size runs in its
own offscreen process (``large.py drive FILE``), so one size's memory is not the other's.

- first paint: from asking to open the file until the source view (the pane shown) has
  painted with its text, then until every view has read the file (idle);
- keystroke → source: from a key press in the source view until its viewport paints;
- stalls: a 5 ms QTimer on the UI thread records the longest gap between its ticks while
  opening, typing, scrolling, switching panes, restoring and reloading (also with the
  Sections pane shown).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ui  # noqa: E402
from ui import SEED, _idle, _percentile, _wait, offscreen_window  # noqa: E402

SIZES = {"1 MB": 1_000_000, "5 MB": 5_000_000}
TARGETS = {"1 MB": 50, "5 MB": 100}  # keystroke → source p95, ms
KEYS, KEY_EVERY = 40, 0.06  # a fast typist: 60 ms between keys


class _Ticks(ui._Ticks):
    """Also the UI thread's CPU time in each gap: on a shared machine a wall-clock gap also
    counts the time other processes had the core, which the CPU time leaves out."""

    def __init__(self):
        self.cpu: list[float] = []
        self._cpu = time.thread_time()
        super().__init__()

    def _tick(self) -> None:
        super()._tick()
        now = time.thread_time()
        self.cpu.append((now - self._cpu) * 1000)
        self._cpu = now

    def stop(self) -> str:
        """Stop, and describe the longest stall against this file's target."""
        self._timer.stop()
        over = sum(g > 100 for g in self.gaps)
        return (
            f"{max(self.gaps):.0f} ms ({max(self.cpu):.0f} ms CPU), {over} gaps > 100 ms "
            f"({sum(c > 100 for c in self.cpu)} in CPU) (target none)"
        )


class _Paints:
    """When a text view's viewport last started a paint with text in its document (a big
    file loads in pieces: the view paints empty first)."""

    def __init__(self, widget):
        from PySide6.QtCore import QEvent, QObject

        self.at: float | None = None
        paints = self

        class Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt override
                if event.type() == QEvent.Type.Paint and widget.document().characterCount() > 1:
                    paints.at = time.perf_counter()
                return False

        self._filter = Filter(widget)
        widget.viewport().installEventFilter(self._filter)


def _settled(tab) -> bool:
    """Whether every view of ``tab`` has read the text: loaded, parsed, linted, previewed,
    coloured."""
    return not tab.document.loading and _idle(tab) and tab.source.highlighter.coloured()


def _pump(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    _until(app, lambda: time.perf_counter() >= end, seconds + 1)


def _until(app, done, timeout: float) -> bool:
    """Run the event loop until ``done()`` (polling: no wait overshoots the moment)."""
    from PySide6.QtCore import QEventLoop

    end = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > end:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return True


def _open(app, window, path: Path, label: str):
    """Open ``path`` with the source pane shown (the settings a user with big files keeps)."""
    ticks = _Ticks()
    start = time.perf_counter()
    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.source)
    paints = _Paints(tab.source)
    _until(app, lambda: paints.at is not None, 60)
    painted = paints.at - start
    done = _wait(app, lambda: _settled(tab), 120)
    idle = time.perf_counter() - start
    print(
        f"large ({label}): first paint of form/source {painted * 1000:.0f} ms (target < 1000 ms"
        f" at 1 MB) | every view done {idle:.1f} s{'' if done else ' (timed out)'} | "
        f"longest stall {ticks.stop()}",
        flush=True,
    )
    return tab


def _typing(app, tab, label: str) -> None:
    from PySide6.QtTest import QTest

    source = tab.source
    source.setFocus()
    cursor = source.textCursor()
    cursor.setPosition(len(tab.document.text()) // 2)
    cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    source.setTextCursor(cursor)
    paints = _Paints(source)
    _pump(app, 0.2)
    samples = []
    ticks = _Ticks()
    t0 = time.perf_counter()
    for i in range(KEYS):
        due = t0 + i * KEY_EVERY  # when a typist presses it; a stall before delays the paint
        _until(app, lambda d=due: time.perf_counter() >= d, 10)
        paints.at = None
        QTest.keyClick(source, "abcdefghijklmnopqrstuvwxyz"[i % 26])
        _until(app, lambda: paints.at is not None, 10)
        samples.append((paints.at - due) * 1000)
    _wait(app, lambda: _idle(tab), 60)
    stall = ticks.stop()
    print(
        f"large ({label}): keystroke → source median {statistics.median(samples):.1f} ms, "
        f"p95 {_percentile(samples, 95):.1f} ms (target < {TARGETS[label]} ms) | "
        f"longest stall typing {KEYS} keys and settling {stall}",
        flush=True,
    )


def _scrolling(app, tab, label: str) -> None:
    bar = tab.source.verticalScrollBar()
    ticks = _Ticks()
    for step in range(40):
        bar.setValue(bar.maximum() * step // 40)
        _pump(app, 0.02)
    preview = tab.preview.verticalScrollBar()
    for step in range(40):
        preview.setValue(preview.maximum() * step // 40)
        _pump(app, 0.02)
    print(f"large ({label}): longest stall scrolling source and preview {ticks.stop()}")


def _switching(app, tab, label: str) -> None:
    ticks = _Ticks()
    for _ in range(2):
        for pane in (tab.form, tab.examples, tab.sections, tab.source):
            tab.panes.setCurrentWidget(pane)
            _pump(app, 0.15)
    _wait(app, lambda: _idle(tab), 60)
    print(f"large ({label}): longest stall switching panes twice {ticks.stop()}", flush=True)


def _restore(app, window, path: Path, label: str) -> None:
    from agentquill.core.files import Recovered

    text = path.read_text(encoding="utf-8") + "\nRestored line.\n"
    ticks = _Ticks()
    start = time.perf_counter()
    window.files.restore([Recovered("bench", str(path), text, time.time())])
    tab = window.current()
    _wait(app, lambda: _settled(tab), 120)
    print(
        f"large ({label}): crash restore, every view done {time.perf_counter() - start:.1f} s |"
        f" longest stall {ticks.stop()}",
        flush=True,
    )
    tab.document.qdoc.setModified(False)
    window.files.close_tab(window.tabs.indexOf(tab))


def _reload(app, window, tab, path: Path, label: str) -> None:
    tab.document.qdoc.setModified(False)
    _wait(app, lambda: _idle(tab), 60)
    path.write_text(path.read_text(encoding="utf-8") + "\nChanged on disk.\n", encoding="utf-8")
    ticks = _Ticks()  # from here: another program wrote the file, not the app's UI thread
    start = time.perf_counter()
    window.files._changed_on_disk(str(path))
    _wait(app, lambda: _settled(tab), 120)
    print(
        f"large ({label}): external-change reload, every view done "
        f"{time.perf_counter() - start:.1f} s | longest stall {ticks.stop()}",
        flush=True,
    )


def _reload_beside_sections(app, window, tab, path: Path, label: str) -> None:
    """Reload again with the Sections pane shown, which then holds the body's outline (5 MB:
    about 500,000 objects, each full garbage collection walks them)."""
    tab.panes.setCurrentWidget(tab.sections)
    _wait(app, lambda: not tab.sections.progress.isVisible(), 120)
    _reload(app, window, tab, path, f"{label}, Sections pane shown")
    tab.panes.setCurrentWidget(tab.source)


def drive(path: Path, label: str) -> None:
    with offscreen_window() as (app, window):
        _pump(app, 0.3)
        tab = _open(app, window, path, label)
        _typing(app, tab, label)
        _scrolling(app, tab, label)
        _switching(app, tab, label)
        _reload(app, window, tab, path, label)
        _reload_beside_sections(app, window, tab, path, label)
        tab.document.qdoc.setModified(False)
        window.files.close_tab(window.tabs.indexOf(tab))
        _pump(app, 0.2)
        _restore(app, window, path, label)


def main(sizes=tuple(SIZES)) -> None:
    from generate import large_agent, seed_agent

    sys.stdout.flush()
    with tempfile.TemporaryDirectory(prefix="aq-bench-") as tmp:
        for label in sizes:
            size = SIZES[label]
            text = (
                seed_agent(SEED.read_text(encoding="utf-8"), size)
                if SEED.is_file()
                else large_agent(size)
            )
            path = Path(tmp) / f"large-{size}.md"
            path.write_text(text, encoding="utf-8")
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            command = [sys.executable, str(Path(__file__)), "drive", str(path), label]
            subprocess.run(command, env=env, check=False)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "drive":
        drive(Path(sys.argv[2]), sys.argv[3])
    else:
        main(tuple(sys.argv[1:]) or tuple(SIZES))
