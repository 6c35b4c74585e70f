"""`make bench`, what Claude Code registers: the check on a generated project of 1,000 agents,
with the real Claude Code that claude-oracle installed (skipped without it).

Prints figures, asserts nothing. :func:`main` is called from ``run.py``. In this process: our
prediction, Claude Code's start-up, the comparison, and a whole check cold and cached. In a
window (its own process, offscreen, the project indexed first): the time from the ask to the
marked tree, and the longest UI-thread stall meanwhile (a 5 ms timer, ``ui._Ticks``), for a
first check and for one after a save that changes nothing Claude Code reads (cached).

This file is also its own driver: ``registration.py window ROOT CLAUDE``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
COUNT = 1_000


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _core(root: Path, claude: str, env: dict[str, str]) -> str:
    from agentquill.core.claude import registration, start_up

    start = time.perf_counter()
    entries = registration.prediction(root)
    predicted = _ms(start)
    start = time.perf_counter()
    outcome = start_up(claude, root, registration.run_arguments(root), env)
    ran = _ms(start)
    start = time.perf_counter()
    report = registration.compare(entries, outcome.init)
    compared = _ms(start)
    with tempfile.TemporaryDirectory(prefix="aq-bench-cache-") as cache:
        start = time.perf_counter()
        registration.check(claude, root, env=env, cache=Path(cache))
        cold = _ms(start)
        start = time.perf_counter()
        registration.check(claude, root, env=env, cache=Path(cache))
        cached = _ms(start)
    return (
        f"registration check ({COUNT:,} agents, Claude Code {report.version}): prediction "
        f"{predicted:.0f} ms, Claude Code start-up {ran:.0f} ms, comparison {compared:.0f} ms; "
        f"whole check {cold:.0f} ms (with the baseline run), cached {cached:.0f} ms; "
        f"{len(report.problems)} disagreements"
    )


def _window(root: Path, claude: str) -> dict[str, float]:
    """In this process: open ``root``, let Claude Code check it twice, measure."""
    os.environ.update(QT_QPA_PLATFORM="offscreen", AGENTQUILL_CLAUDE=claude)
    sys.path.insert(0, str(HERE))
    from PySide6.QtCore import QEventLoop

    from agentquill.ui.app import create_app
    from agentquill.ui.settings import Settings
    from agentquill.ui.window.main_window import MainWindow
    from ui import _Ticks

    app = create_app()

    def until(done, seconds: float = 300) -> None:
        end = time.perf_counter() + seconds
        while not done() and time.perf_counter() < end:  # the ticks wake the loop
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    figures = {}
    with tempfile.TemporaryDirectory(prefix="aq-bench-") as tmp:
        window = MainWindow(Settings(Path(tmp) / "config"), None, Path(tmp) / "index")
        window.resize(1280, 800)
        window.show()
        ticks = _Ticks()
        window.projects.open(root)
        until(lambda: window.projects.session.done)
        until(lambda: False, 2)  # the tree, the problems and the budget settle first
        check = window.projects.registration
        window.claude.find()  # the status item's probe, not timed: it is not the check's
        until(lambda: window.claude.status is not None)
        until(lambda: check.report is not None and not check.busy)  # once Claude Code is found
        shutil.rmtree(check.cache)
        for label in ("first", "cached"):  # the cached one as after a save of the same text
            ticks.gaps.clear()
            start = time.perf_counter()
            check.request()
            until(lambda: check.report is not None and not check.busy)
            figures[label] = _ms(start)
            figures[f"{label} stall"] = max(ticks.gaps, default=0.0)
        figures["rows"] = len(window.project_tree.model.registrations)
        ticks.stop()
        window.projects.close()
        window.close()
    return figures


def main() -> None:
    """The registration figures (``run.py`` calls this)."""
    sys.path.insert(0, str(HERE.parent))
    from generate import generated_agents

    from support import claude_binary

    found = claude_binary()
    if found is None:
        print("registration check: claude-oracle has not installed Claude Code, skipped")
        return
    with tempfile.TemporaryDirectory(prefix="aq-bench-registration-") as tmp:
        root, home = Path(tmp) / "project", Path(tmp) / "home"
        home.mkdir()
        for rel, text in generated_agents(COUNT):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        env = dict(os.environ, HOME=str(home))
        print(_core(root, str(found), env), flush=True)
        command = [sys.executable, str(Path(__file__).resolve()), "window", str(root), str(found)]
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if not lines:
            print(f"registration check in the window: failed\n{done.stderr[-2000:]}")
            return
        f = json.loads(lines[-1])
    first = f"first {f['first']:.0f} ms from the ask (1,500 ms of it the debounce)"
    again = f"again, cached, {f['cached']:.0f} ms, stall {f['cached stall']:.0f} ms"
    print(
        f"registration check in the window ({COUNT:,} agents, {f['rows']:,} rows marked): "
        f"{first}, longest UI-thread stall {f['first stall']:.0f} ms; {again} (5 ms ticks; "
        "target no stall > 50 ms)"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["window"]:
        print(json.dumps(_window(Path(sys.argv[2]), sys.argv[3])))
    else:
        main()
