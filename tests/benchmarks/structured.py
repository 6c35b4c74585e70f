"""`make bench`, structured editors: an edit or a move through the Examples and Sections panes.

Prints figures, asserts nothing. :func:`main` is called from ``run.py``.

In-process, offscreen, in a real MainWindow (1280x800, preview shown), on two generated agents
(``generate.outlined_agent``): one whose description holds 30 examples, one whose body holds
200 sections and 2,000 numbered items with bold titles and nested bullets. Each operation is
the pane's own method (what its buttons, shortcuts, drops and inline editors call), with that
pane in front; moves alternate direction, so the file keeps its size and shape. Per run:

- *buffer*: from the call until ``AgentDocument.apply`` returns (the edit is in the buffer);
- *views*: from the call until the tab's analyse pass has run (form, examples, sections and
  problems refreshed) and the preview has shown the render of the new text. Untimed, the
  preview is then checked to hold the new text or order.

A pane's edit is discrete (not typing): the tab analyses it at the next turn of the event
loop, then renders the preview on the UI thread (``EditorTab._catch_up``). Moves alternate, so
before each run the parse caches are emptied of all but the current text. The longest UI-thread
stall over all runs of an operation comes from ``ui._Ticks`` (it includes opening the files).
Between runs the tab goes idle.

This file is also its own driver: ``structured.py run EXAMPLES OUTLINE``.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate import outlined_agent

import ui

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RUNS = 30
TARGET_MS = 50


class _Marks:
    """When, since :meth:`reset`, ``document.apply`` returned, the analyse pass ended and the
    preview showed a render of the newest text, for one tab."""

    def __init__(self, tab):
        self.tab = tab
        self.reset()
        apply, show = tab.document.apply, tab.preview.show_parts

        def timed_apply(edits) -> None:
            apply(edits)
            self.applied.append(time.perf_counter())

        def timed_show(*page) -> None:
            show(*page)
            self.shown = (tab.renderer._serial, time.perf_counter())

        tab.document.apply = timed_apply
        tab.preview.show_parts = timed_show  # the renderer shows only its newest request
        tab.analysed.connect(lambda: setattr(self, "analysed", time.perf_counter()))

    def reset(self) -> None:
        self.applied: list[float] = []
        self.analysed: float | None = None
        self.shown: tuple[int, float] | None = None

    def views_done(self) -> bool:
        renderer = self.tab.renderer
        return (
            self.analysed is not None
            and self.shown is not None
            and self.shown[0] == renderer._serial
            and renderer._latest is None
            and not self.tab._analyse_timer.isActive()
        )


def _fresh(tab) -> None:
    """Forget the parses an alternating move would find cached (of the text two runs back);
    keep the current text's, as the app has it after any edit."""
    from agentquill.core import examples, outline

    outline.parse.cache_clear()
    examples.parse.cache_clear()
    parsed = tab.document.parsed()
    outline.parse(parsed.body)
    examples.parse(parsed.value("description"))


def _found(tab, text: str) -> int:
    """Where ``text`` (whole words) is in the preview; -1 when it is not."""
    from PySide6.QtGui import QTextDocument

    cursor = tab.preview.document().find(text, 0, QTextDocument.FindFlag.FindWholeWords)
    return -1 if cursor.isNull() else cursor.position()


def _before(tab, first: str, second: str) -> bool:
    a, b = _found(tab, first), _found(tab, second)
    return 0 <= a < b


def _measure(
    app,
    marks: _Marks,
    label: str,
    op: Callable[[int], None],
    shows: Callable[[int], bool],
    prepare: Callable[[int], None] = lambda run: None,
) -> None:
    """Time ``op(run)`` (after an untimed ``prepare(run)``: typing, or selecting the row to
    act on) RUNS times; print the median and worst of buffer and views; ``shows(run)`` tells
    whether the preview shows the change."""
    tab = marks.tab
    buffer, views = [], []
    ticks = ui._Ticks()
    for run in range(RUNS):
        prepare(run)
        ui._settle(app, tab)
        _fresh(tab)
        gc.collect()
        marks.reset()
        start = time.perf_counter()
        op(run)
        if len(marks.applied) != 1:
            raise RuntimeError(f"{label}: {len(marks.applied)} buffer edits instead of one")
        if not ui._wait(app, marks.views_done, 30):
            raise RuntimeError(f"{label}: the views were not updated within 30 s")
        if not shows(run):
            raise RuntimeError(f"{label}: the preview does not show the change (run {run})")
        buffer.append((marks.applied[0] - start) * 1000)
        views.append((max(marks.analysed, marks.shown[1]) - start) * 1000)
    ui._settle(app, tab)
    ticks.stop()
    print(
        f"  {label}: buffer median {statistics.median(buffer):.1f} ms, max {max(buffer):.1f} ms"
        f" | views median {statistics.median(views):.1f} ms, max {max(views):.1f} ms"
        f" | longest UI stall {max(ticks.gaps):.1f} ms",
        flush=True,
    )


def _examples(app, window, path: Path) -> None:
    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.examples)
    ui._settle(app, tab)
    editor = tab.examples
    print(
        f"Examples pane, description with {len(editor.cards)} examples "
        f"({path.stat().st_size / 1000:.0f} KB file; {RUNS} runs; target < {TARGET_MS} ms):",
        flush=True,
    )
    card = editor.cards[14]
    marks = _Marks(tab)

    def typed(run: int) -> None:  # into the first turn; the commit is what is timed
        card.turns[0].text.setPlainText(f"Review the change, edit {run}")

    _measure(
        app,
        marks,
        "edit a turn's text",
        lambda run: card.flush(),
        lambda run: _found(tab, f"edit {run}") >= 0,
        typed,
    )

    def move(run: int) -> None:
        editor.move(*((0, 19) if run % 2 == 0 else (19, 0)))

    def moved(run: int) -> bool:
        return _before(tab, "number 20", "number 1") == (run % 2 == 0)

    _measure(app, marks, "move example 1 → 20", move, moved)
    _close(window, tab)


def _sections(app, window, path: Path) -> None:
    from agentquill.ui.sections.model import ITEM, SECTION, walk

    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.sections)
    ui._settle(app, tab)
    editor = tab.sections
    sections = editor.tree.topLevelItemCount()
    depths = [len(node.address[1]) for node in walk(editor.nodes) if node.kind == ITEM]
    items = depths.count(1)
    print(
        f"Sections pane, body with {sections} sections, {items} items, "
        f"{len(depths) - items} nested bullets "
        f"({path.stat().st_size / 1000:.0f} KB file; {RUNS} runs; target < {TARGET_MS} ms):",
        flush=True,
    )
    item = ((99,), (4,))
    marks = _Marks(tab)

    def rename(run: int) -> None:
        editor.commit_edit(editor.current(), f"**Renamed check {run}**")

    _measure(
        app,
        marks,
        "rename an item",
        rename,
        lambda run: _found(tab, f"Renamed check {run}") >= 0,
        lambda run: editor.select(ITEM, item),
    )
    there = ((100,), (10,))  # the end of the next section

    def item_moved(run: int) -> bool:
        title = f"Renamed check {RUNS - 1}"
        return _before(tab, "responsibilities 101", title) == (run % 2 == 0)

    _measure(
        app,
        marks,
        "move an item to the next section's end",
        lambda run: editor.move(editor.current(), there if run % 2 == 0 else item),
        item_moved,
        lambda run: editor.select(ITEM, item if run % 2 == 0 else there),
    )

    def section_moved(run: int) -> bool:
        return _before(tab, "responsibilities 150", "responsibilities 10") == (run % 2 == 0)

    _measure(
        app,
        marks,
        "move section 150 → 10",
        lambda run: editor.move(editor.current(), (9,) if run % 2 == 0 else (149,)),
        section_moved,
        lambda run: editor.select(SECTION, (149,) if run % 2 == 0 else (9,)),
    )
    _close(window, tab)


def _close(window, tab) -> None:
    tab.document.qdoc.setModified(False)
    window.files.close_tab(window.tabs.indexOf(tab))


def _run(examples_path: Path, outline_path: Path) -> None:
    with ui.offscreen_window() as (app, window):
        _examples(app, window, examples_path)
        _sections(app, window, outline_path)


def main() -> None:
    """Write the two agents, then measure in a fresh offscreen process."""
    sys.stdout.flush()
    with tempfile.TemporaryDirectory(prefix="aq-bench-") as tmp:
        examples_path = Path(tmp) / "examples-agent.md"
        examples_path.write_text(outlined_agent(10, 60, 30), encoding="utf-8")
        outline_path = Path(tmp) / "outlined-agent.md"
        outline_path.write_text(outlined_agent(200, 2000, 3), encoding="utf-8")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        command = [sys.executable, __file__, "run", str(examples_path), str(outline_path)]
        done = subprocess.run(command, env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True)
        if done.returncode:
            print(f"structured editors: the run failed:\n{done.stderr[-2000:]}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["run"]:
        _run(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
