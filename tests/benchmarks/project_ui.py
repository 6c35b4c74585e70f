"""`make bench`, projects in the window: opening generated projects of 1,000 and 10,000 agents.

Prints figures, asserts nothing. :func:`main` is called from ``run.py``.

Each run is its own process (offscreen), so peak RSS is that run's: the window is shown and
idle, then the project is opened and timed until

- *tree shown*: the project tree's viewport paints with agent rows in it;
- *index complete*: the worker has finished the scan and the tree holds every agent;

while a 5 ms timer on the UI thread (``ui._Ticks``) records the longest stall. A *cold* run
starts with an empty index cache; the *warm* run reopens the same project with the cache the
cold run wrote. The files themselves are in the OS file cache in both. Medians of
:data:`RUNS` pairs are printed, and the worst stall.

This file is also its own driver: ``project_ui.py open ROOT CACHE COUNT``.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SIZES = (1_000, 10_000)
RUNS = 3  # this machine is shared: medians
TARGETS = {
    1_000: "tree < 300 ms, index < 500 ms",
    10_000: "index < 3000 ms, no stall > 100 ms, RSS < 250 MB",
}


def _open(root: Path, cache: Path, count: int) -> dict[str, float]:
    """In this process: open ``root`` as a project and measure; returns the figures."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, str(HERE))
    from PySide6.QtCore import QEvent, QEventLoop, QObject

    from agentquill.ui.app import create_app
    from agentquill.ui.settings import Settings
    from agentquill.ui.window.main_window import MainWindow
    from ui import _Ticks

    app = create_app()
    with tempfile.TemporaryDirectory(prefix="aq-bench-") as tmp:
        window = MainWindow(Settings(Path(tmp) / "config"), None, cache)
        window.resize(1280, 800)
        window.show()
        for _ in range(20):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        model = window.project_tree.model
        viewport = window.project_tree.tree.viewport()
        marks: dict[str, float] = {}

        class Paints(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt override
                painted = event.type() == QEvent.Type.Paint and model.visible_count()
                if painted and "tree" not in marks:
                    marks["tree"] = time.perf_counter()
                return False

        paints = Paints()
        viewport.installEventFilter(paints)
        ticks = _Ticks()
        start = time.perf_counter()
        window.projects.open(root)
        end = start + 120
        while time.perf_counter() < end:  # the 5 ms ticks wake the loop: no busy waiting
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            if (
                "index" not in marks
                and window.projects.session.done
                and model.visible_count() == count
            ):
                marks["index"] = time.perf_counter()
            if "index" in marks and "tree" in marks:
                break
        ticks.stop()
        window.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "tree": (marks.get("tree", float("nan")) - start) * 1000,
        "index": (marks.get("index", float("nan")) - start) * 1000,
        "stall": max(ticks.gaps, default=0.0),
        "rss": rss,
    }


def _run(root: Path, cache: Path, count: int) -> dict[str, float] | None:
    command = [sys.executable, str(Path(__file__).resolve()), "open", str(root), str(cache)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [*command, str(count)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    print(f"project open ({count:,} agents): failed\n{done.stderr[-2000:]}")
    return None


def _write_project(folder: Path, count: int) -> None:
    from generate import generated_agents

    for rel, text in generated_agents(count):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main() -> None:
    """The project figures (``run.py`` calls this)."""
    sys.path.insert(0, str(HERE))
    for count in SIZES:
        with tempfile.TemporaryDirectory(prefix="aq-bench-project-") as tmp:
            root = Path(tmp) / "project"
            _write_project(root, count)
            runs: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
            for run in range(RUNS):
                cache = Path(tmp) / f"cache-{run}"
                for label in runs:
                    figures = _run(root, cache, count)
                    if figures is not None:
                        runs[label].append(figures)
            for label, found in runs.items():
                if not found:
                    continue
                median = {k: statistics.median(f[k] for f in found) for k in found[0]}
                print(
                    f"open project ({count:,} agents, {label} cache, median of {len(found)}): "
                    f"tree shown {median['tree']:.0f} ms, index complete {median['index']:.0f} ms, "
                    f"longest UI-thread stall {median['stall']:.0f} ms (worst "
                    f"{max(f['stall'] for f in found):.0f}; 5 ms ticks), peak RSS "
                    f"{median['rss']:.0f} MB (target {TARGETS[count]})",
                    flush=True,
                )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "open":
        print(json.dumps(_open(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))))
    else:
        main()
