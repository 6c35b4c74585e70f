"""`make bench`, Find in Project: one search over every agent of a 10,000-agent project.

Prints figures, asserts nothing. :func:`main` is called from ``run.py``. The project is the
one :mod:`project` writes; the files are listed by discovery (what the project tree shows),
then searched as Find in Project searches them: read, decode, match. The OS file cache is
warm (one search runs before timing); the time is the best wall time of five.

Then the same in the window, in a process of its own (``find.py window ROOT``): the project
opened and indexed, Find in Project from the query to the results listed in its panel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from project import write_project

from agentquill.core.project import discover
from agentquill.core.search import Query, search_files

QUERIES = {
    "no match 'zebra' (every file read and scanned)": Query("zebra"),
    "'you are a qa specialist' (in 1 file of 9)": Query("you are a qa specialist"),
    "plain 'step 3' (stops at the 10,000-match limit)": Query("step 3"),
    "whole word 'qa'": Query("qa", word=True),
    r"regex '\*\*Step \d+\*\*'": Query(r"\*\*Step \d+\*\*", case=True, regex=True),
}


def best_wall(runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(count: int = 10_000) -> None:
    with tempfile.TemporaryDirectory(prefix="aq-bench-find-") as tmp:
        root = Path(tmp)
        write_project(root, count)
        paths = [path for _, files in discover(root) for path in files]
        for label, query in QUERIES.items():
            pattern = query.compile()
            found = search_files(paths, pattern)  # warms the OS file cache
            seconds = best_wall(5, lambda p=pattern: search_files(paths, p))
            print(
                f"find in project of {len(paths):,} agents, {label}: {seconds:.3f} s "
                f"(target < 1 s) | {found.count:,} matches in {len(found.files):,} files"
                f"{' (stopped at the limit)' if found.truncated else ''}"
            )
        command = [sys.executable, __file__, "window", str(root)]
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        figures = json.loads(
            subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
        )
        for label, seconds in figures.items():
            print(
                f"Find in Project in the window, {len(paths):,} agents, {label}: {seconds:.3f} s "
                "(query to results listed; target < 1 s)"
            )


def _window(root: Path) -> dict[str, float]:
    """In this process: open ``root`` in a window, index it, time Find in Project."""
    from PySide6.QtCore import QEventLoop

    from agentquill.ui.app import create_app
    from agentquill.ui.settings import Settings
    from agentquill.ui.window.main_window import MainWindow

    app = create_app()
    figures = {}
    with tempfile.TemporaryDirectory(prefix="aq-bench-") as tmp:
        window = MainWindow(Settings(Path(tmp) / "config"), None, None)
        window.projects.user_agents = Path(tmp) / "none"
        window.resize(1280, 800)
        window.show()
        window.projects.open(root)
        while not window.projects.session.done:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        finder = window.finder
        for label, text in (("'step 3'", "step 3"), ("'zebra' (no match)", "zebra")):
            finder.find_in_project()
            finder.panel.field.setText(text)
            app.processEvents()
            start = time.perf_counter()
            finder.search()
            app.processEvents()  # the results painted
            figures[label] = time.perf_counter() - start
        window.close()
    return figures


if __name__ == "__main__":
    if sys.argv[1:2] == ["window"]:
        print(json.dumps(_window(Path(sys.argv[2]))))
    else:
        main()
