"""`make bench`, tab lifetime: open and close 200 files; what the closed tabs leave behind.

Prints figures, asserts nothing. :func:`main` is called from ``run.py``.

In its own process (offscreen, a shown 1280x800 MainWindow from ``ui.offscreen_window``): the
seed is copied to a temporary folder under 220 names. Each file is opened (``open_file``), its
re-parse, lint and preview are let finish, and File > Close is triggered from the event loop,
as a click or Ctrl+W is, which then deletes the tab; the next cycle starts once it has. The
first 20 cycles warm up (imports, fonts, the markdown block cache); RSS (``/proc/self/statm``)
is read after them and after the 200 cycles that follow, each time after ``gc.collect()``.
Printed: the AgentDocument, EditorTab and QTextDocument objects still alive (0 expected), the
widgets more than before, and the RSS growth over the 200 cycles (target < 5 MB).

This file is also its own driver: ``tabs.py run SEED``.
"""

from __future__ import annotations

import gc
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import ui

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WARM, CYCLES = 20, 200


def _rss_mb() -> float:
    """The resident set now (Linux), else the peak so far (what ``getrusage`` gives)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def _close(app, window) -> None:
    """File > Close from the event loop, as a click or Ctrl+W; returns once the tab is deleted."""
    from PySide6.QtCore import QTimer

    deleted = []
    window.current().destroyed.connect(lambda: deleted.append(True))
    QTimer.singleShot(0, window.acts["close"].trigger)
    ui._wait(app, lambda: deleted)


def _cycles(seed: Path) -> None:
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication

    from agentquill.ui.editor.document import AgentDocument
    from agentquill.ui.editor.tab import EditorTab

    with tempfile.TemporaryDirectory(prefix="aq-bench-") as tmp, ui.offscreen_window() as pair:
        app, window = pair
        paths = [Path(tmp) / f"agent-{i:03}.md" for i in range(WARM + CYCLES)]
        for path in paths:
            shutil.copy(seed, path)
        widgets = len(QApplication.allWidgets())
        for i, path in enumerate(paths):
            if i == WARM:
                gc.collect()
                before = _rss_mb()
            ui._settle(app, window.files.open_file(path))
            _close(app, window)
        gc.collect()
        after = _rss_mb()
        objects = gc.get_objects()
        live = {
            kind.__name__: sum(isinstance(o, kind) for o in objects)
            for kind in (AgentDocument, EditorTab, QTextDocument)
        }
        counts = ", ".join(f"{n} {name}" for name, n in live.items())
        print(
            f"tab lifetime: {CYCLES} files opened and closed ({seed.stat().st_size:,} B each) | "
            f"alive after: {counts} (0 expected), "
            f"{len(QApplication.allWidgets()) - widgets} widgets more than before | "
            f"RSS {before:.1f} -> {after:.1f} MB, growth {after - before:+.2f} MB "
            f"({(after - before) * 1024 / CYCLES:+.1f} KB a cycle; target < 5 MB)",
            flush=True,
        )


def main() -> None:
    """The tab-lifetime figures, from a process of their own (``run.py`` calls this)."""
    seed = ui.SEED if ui.SEED.is_file() else ROOT / "tests" / "fixtures" / "release-manager.md"
    sys.stdout.flush()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, str(Path(__file__).resolve()), "run", str(seed)]
    subprocess.run(command, env=env, cwd=ROOT, check=False, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    if sys.argv[1:2] == ["run"]:
        _cycles(Path(sys.argv[2]))
    else:
        main()
