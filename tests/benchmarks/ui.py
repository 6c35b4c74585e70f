"""`make bench`, editor window: start-up, keystroke-to-preview latency and UI stalls.

Prints figures, asserts nothing. :func:`main` is called at the end of ``run.py``.

1. Time to window, the way ``../shared/tools/time-to-window`` measures it (issue 17): seconds
   from spawning the program until ``xdotool`` finds a visible window whose title names the
   file, on one Xvfb server, for the floor (``floor.py``: a bare PySide6 window showing the
   file as plain text), ReText 8 (default settings, in a venv under ``build/`` made on first
   use) and AgentQuill (its real entry point, ``agentquill.__main__.main``), each with fresh
   empty config and cache folders, interleaved: one warm-up round, then the median of seven.
   Ours also prints when its preview is first painted: the second figure is that, after its
   window.
2. Keystroke to preview, in-process, offscreen: a paragraph is added at the end of the
   body and the preview scrolled to it, then keys are typed into the source view one at a
   time; each key's latency runs from the key press until the preview's document shows the
   new text and its viewport starts to repaint. After each key the editor is left to go
   idle (re-parse and lint too).
3. Longest UI-thread stall: a 5 ms QTimer on the UI thread records the largest gap between
   its ticks while 20 keys are typed 30 ms apart into the 200 KB file, until the preview
   shows the last key.

This file is also its own driver, ``ui.py typing SEED BIG`` (only the standard library is
imported at the top); ``startup_ours.py FILE`` starts AgentQuill for the time to window.
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "backend-developer.md"
RETEXT_VENV = ROOT / "build" / "bench" / "retext-venv"
RETEXT_PYTHON = RETEXT_VENV / "bin" / "python"
WARM_RUNS, RUNS = 1, 9  # nine: each program three times in each place of the order
PROBE = "Latency probe "


# --- 1. time to window (each program in its own process) ------------------------------------


def _retext_python() -> Path | None:
    """ReText's interpreter, installing ReText (PyQt6) into a venv under build/ first."""
    if RETEXT_PYTHON.exists():
        return RETEXT_PYTHON
    print("time to window: installing ReText into build/bench/retext-venv …", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(RETEXT_VENV)], check=True)
        subprocess.run(
            [str(RETEXT_PYTHON), "-m", "pip", "install", "--quiet", "ReText"],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=900,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"time to window: ReText could not be installed ({exc})")
        shutil.rmtree(RETEXT_VENV, ignore_errors=True)
        return None
    return RETEXT_PYTHON


class _Display:
    """One Xvfb server for every run."""

    def __enter__(self) -> str:
        read, write = os.pipe()
        self.server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            return f":{pipe.readline().strip()}"

    def __exit__(self, *exc) -> None:
        self.server.terminate()
        self.server.wait(10)


def _mapped(display: str, pattern: str) -> bool:
    """Whether a visible window whose title contains ``pattern`` is mapped."""
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", pattern],
        env=dict(os.environ, DISPLAY=display),
        capture_output=True,
        text=True,
    )
    return bool(found.stdout.strip())


def _launch(command: list[str], display: str, pattern: str) -> tuple[float | None, float | None]:
    """One start-up, as ``../shared/tools/time-to-window`` measures it: seconds from spawning
    ``command`` until a visible window whose title names the file is mapped (``xdotool``
    polled every 5 ms); then, for a command that prints when its preview is painted, the
    seconds from the window to that. Fresh empty config and cache folders: a first launch."""
    with tempfile.TemporaryDirectory(prefix="aq-bench-") as tmp:
        home = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display, HOME=str(home))
        for name in ("CONFIG", "CACHE", "DATA", "STATE"):
            env[f"XDG_{name}_HOME"] = str(home / name.lower())
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has its .pyc files
        start = time.perf_counter()
        t0 = time.time()
        proc = subprocess.Popen(
            command,
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        window = preview = None
        try:
            while time.perf_counter() - start < 30 and proc.poll() is None:
                if _mapped(display, pattern):
                    window = time.perf_counter() - start
                    break
                time.sleep(0.005)
            if window is not None and command[-2].endswith("startup_ours.py"):
                line = proc.stdout.readline().strip()  # it prints once its preview is painted
                preview = float(line) - t0 - window if line else None
        finally:
            _end(proc)
        return window, preview


def _end(proc: subprocess.Popen) -> None:
    """Stop ``proc`` and what it started (it may have ended already)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, 15)
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.communicate()


def time_to_window(path: Path) -> None:
    """The floor (``floor.py``), ReText and AgentQuill opening ``path``, interleaved on one
    Xvfb server, each in each place of the order in turn: the medians of the seconds to a
    mapped window named after the file, their ratios, and when our preview is painted after
    our window."""
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        print("time to window: needs Xvfb and xdotool")
        return
    here = str(Path(__file__).resolve())
    commands = {
        "floor": [sys.executable, str(Path(here).parent / "floor.py"), str(path)],
        "ours": [sys.executable, str(Path(here).parent / "startup_ours.py"), str(path)],
    }
    retext = _retext_python()
    if retext is not None:
        commands["ReText"] = [str(retext), "-m", "ReText", str(path)]
    windows: dict[str, list[float]] = {label: [] for label in commands}
    previews: list[float] = []
    with _Display() as display:
        order = list(commands.items())
        for run in range(WARM_RUNS + RUNS):  # each program in each place of the order in turn:
            turn = run % len(order)  # the one after another starts measurably slower or faster
            for label, command in order[turn:] + order[:turn]:
                for _ in range(3):  # as the shared tool does: a start that failed is retried
                    window, preview = _launch(command, display, path.stem)
                    if window is not None:
                        break
                if run >= WARM_RUNS and window is not None:
                    windows[label].append(window)
                if run >= WARM_RUNS and preview is not None:
                    previews.append(preview)
    ms = {k: statistics.median(v) * 1000 for k, v in windows.items() if v}
    shown = " | ".join(f"{k} {v:.0f} ms" for k, v in ms.items())
    failed = [k for k, v in windows.items() if len(v) < RUNS]
    ratios = []
    if "ours" in ms and "ReText" in ms:
        ratios.append(f"ours/ReText {ms['ours'] / ms['ReText']:.2f} (target ≤ 0.7)")
    if "ours" in ms and "floor" in ms:
        ratios.append(f"ours/floor {ms['ours'] / ms['floor']:.2f} (target ≤ 2)")
    print(
        f"time to window ({path.name}, Xvfb, xdotool, median of {RUNS}): {shown} | "
        + " | ".join(ratios)
        + (f" | failed runs: {', '.join(failed)}" if failed else ""),
        flush=True,
    )
    if previews:
        print(
            f"our preview painted after our window: median {statistics.median(previews) * 1000:.0f}"
            f" ms, max {max(previews) * 1000:.0f} ms (target ≤ 150 ms)",
            flush=True,
        )


# --- 2 and 3. typing, in-process, offscreen ------------------------------------------------


@contextmanager
def offscreen_window(width: int = 1280, height: int = 800):
    """``(app, window)``: a shown MainWindow, offscreen, with throwaway settings and recovery,
    that discards unsaved changes on close; closed afterwards."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from agentquill.core.files import RecoveryStore
    from agentquill.ui.app import create_app
    from agentquill.ui.settings import Settings
    from agentquill.ui.window.main_window import MainWindow

    app = create_app()
    with tempfile.TemporaryDirectory(prefix="aq-bench-") as tmp:
        window = MainWindow(Settings(Path(tmp) / "config"), RecoveryStore(Path(tmp) / "rec"))
        window.prompts.ask_save_changes = lambda tab: "discard"
        window.resize(width, height)
        window.show()
        try:
            yield app, window
        finally:
            window.close()


def _typing(seed: Path, big: Path) -> None:
    with offscreen_window() as (app, window):
        if seed.is_file():
            _latency(app, window, seed, 50, "seed", (30, 50))
        _latency(app, window, big, 20, "generated", (150, None))
        _stall(app, window, big, keys=20, every_ms=30)
        _stall_mid_body(app, window, big)
        _hostile_open(app, window, big.parent)


def _hostile_open(app, window, folder: Path) -> None:
    """Seconds from asking to open each hostile agent until every view has read it."""
    from generate import hostile_agents

    for label, text in hostile_agents().items():
        path = folder / "hostile-agent.md"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        tab = window.files.open_file(path)
        done = _wait(app, lambda t=tab: _idle(t), 600)
        seconds = time.perf_counter() - start
        window.files.close_tab(window.tabs.indexOf(tab))
        shown = f"{seconds:.1f} s" if done else f"not done after {seconds:.0f} s"
        print(f"hostile: opening {label} in the window: {shown}", flush=True)


class _Ticks:
    """A 5 ms timer on the UI thread; the gaps between its ticks are the UI-thread stalls."""

    def __init__(self):
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer(interval=5, timerType=Qt.TimerType.PreciseTimer, timeout=self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    def stop(self) -> str:
        """Stop, and describe the longest stall."""
        self._timer.stop()
        over = sum(g > 50 for g in self.gaps)
        return f"{max(self.gaps):.1f} ms, {over} gaps > 50 ms (target no stall > 50 ms)"


def _stall_mid_body(app, window, path: Path) -> None:
    """The longest UI-thread stall while typing letters, Enter and a blank line into the
    middle of the body, where every later block moves down a line."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    tab = window.files.open_file(path)
    tab.panes.setCurrentWidget(tab.source)
    cursor = tab.source.textCursor()
    cursor.setPosition(len(tab.document.text()) // 2)
    cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    tab.source.setTextCursor(cursor)
    renderer = tab.renderer
    settled = time.perf_counter() + 30
    while time.perf_counter() < settled and (
        renderer._busy or renderer._latest is not None or renderer._timer.isActive()
    ):  # the first render of a big file is not part of typing
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    for _ in range(20):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    enter = Qt.Key.Key_Return
    keys = ["a", "b", enter, "c", "d", enter, enter, "e", "f", enter, "g"]

    def key() -> None:
        if keys:
            QTest.keyClick(tab.source, keys.pop(0))

    typer = QTimer(interval=60, timerType=Qt.TimerType.PreciseTimer, timeout=key)
    ticks = _Ticks()
    typer.start()
    end = time.perf_counter() + 60 * 11 / 1000 + 1.0
    while time.perf_counter() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    typer.stop()
    stall = ticks.stop()
    tab.document.qdoc.setModified(False)
    window.files.close_tab(window.tabs.indexOf(tab))
    print(
        f"longest UI-thread stall typing letters and Enter mid-body in the {_size(path)} agent "
        f"(11 keys, 60 ms apart, 5 ms ticks): {stall}",
        flush=True,
    )


class _Typing:
    """One open tab, its source view focused at the end of the body, a probe paragraph
    added there and the preview scrolled to it; ``shown_at`` is when the preview's
    viewport starts a paint while its document ends with ``expected``."""

    def __init__(self, app, window, path: Path):
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtGui import QTextCursor

        self.app, self.window = app, window
        self.tab = tab = window.files.open_file(path)
        tab.panes.setCurrentWidget(tab.source)
        tab.source.setFocus()
        tab.source.moveCursor(QTextCursor.MoveOperation.End)
        self.typed = PROBE
        self.expected = ""
        self.shown_at: float | None = None
        view = tab.preview

        typing = self

        class Paints(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt override
                paint = event.type() == QEvent.Type.Paint and typing.shown_at is None
                if paint and typing._shows_expected():
                    typing.shown_at = time.perf_counter()
                return False

        self._paints = Paints(view)
        view.viewport().installEventFilter(self._paints)
        tab.source.insertPlainText("\n\n\n" + PROBE)
        self.expect()
        self.wait(lambda: self.shown_at is not None, 30)
        self.settle()
        bar = view.verticalScrollBar()  # the preview shows the end, where the typing goes
        bar.setValue(bar.maximum())
        self.settle()

    def expect(self) -> None:
        self.expected, self.shown_at = self.typed.strip(), None

    def _shows_expected(self) -> bool:
        block = self.tab.preview.document().lastBlock()
        for _ in range(4):
            if block.isValid() and block.text().strip() == self.expected:
                return True
            block = block.previous()
        return False

    def key(self, i: int) -> None:
        from PySide6.QtTest import QTest

        char = "abcdefghijklmnopqrstuvwxyz"[i % 26]
        self.typed += char
        QTest.keyClick(self.tab.source, char)

    def wait(self, done, timeout: float = 10.0) -> bool:
        return _wait(self.app, done, timeout)

    def settle(self) -> None:
        _settle(self.app, self.tab)

    def close(self) -> None:
        self.tab.document.qdoc.setModified(False)
        self.window.files.close_tab(self.window.tabs.indexOf(self.tab))


def _wait(app, done, timeout: float = 10.0) -> bool:
    """Run the event loop until ``done()``; False when ``timeout`` seconds pass first."""
    from PySide6.QtCore import QEventLoop, QTimer

    heartbeat = QTimer(interval=20)  # WaitForMoreEvents never blocks for long
    heartbeat.start()
    end = time.perf_counter() + timeout
    try:
        while not done():
            if time.perf_counter() > end:
                return False
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        return True
    finally:
        heartbeat.stop()


def _idle(tab) -> bool:
    """Whether ``tab``'s re-parse, lint and preview are all done."""
    renderer = tab.renderer
    return not (
        tab._analyse_timer.isActive()
        or renderer._timer.isActive()
        or renderer._busy
        or renderer._latest is not None
    )


def _settle(app, tab) -> None:
    """Wait until ``tab``'s re-parse, lint and preview are done, then 20 ms more."""
    _wait(app, lambda: _idle(tab))
    quiet = time.perf_counter() + 0.02
    _wait(app, lambda: time.perf_counter() > quiet and _idle(tab))


def _percentile(samples: list[float], p: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(math.ceil(len(ordered) * p / 100) - 1, 0)]


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1000:.0f} KB"


def _latency(app, window, path: Path, keys: int, label: str, target) -> None:
    typing = _Typing(app, window, path)
    samples, missed = [], 0
    for i in range(keys):
        start = time.perf_counter()
        typing.key(i)
        typing.expect()
        if typing.wait(lambda: typing.shown_at is not None):
            samples.append((typing.shown_at - start) * 1000)
        else:
            missed += 1
        typing.settle()
    typing.close()
    median_target, p95_target = target
    goal = f"median < {median_target} ms" + (f", p95 < {p95_target} ms" if p95_target else "")
    print(
        f"keystroke → preview ({label} agent, {_size(path)}, {keys} keys): "
        f"median {statistics.median(samples):.1f} ms, p95 {_percentile(samples, 95):.1f} ms, "
        f"max {max(samples):.1f} ms{f', {missed} never shown' if missed else ''} "
        f"(target {goal})",
        flush=True,
    )


def _stall(app, window, path: Path, keys: int, every_ms: int) -> None:
    from PySide6.QtCore import Qt, QTimer

    typing = _Typing(app, window, path)
    count = 0

    def key() -> None:
        nonlocal count
        typing.key(count)
        count += 1
        if count == keys:
            typer.stop()
            typing.expect()

    typer = QTimer(interval=every_ms, timerType=Qt.TimerType.PreciseTimer, timeout=key)
    ticks = _Ticks()
    typer.start()
    typing.wait(lambda: count == keys and typing.shown_at is not None, 30)
    typing.settle()
    stall = ticks.stop()
    typing.close()
    print(
        f"longest UI-thread stall typing into the {_size(path)} agent ({keys} keys, "
        f"{every_ms} ms apart, 5 ms ticks): {stall}",
        flush=True,
    )


# --- make bench ----------------------------------------------------------------------------


def main() -> None:
    """The editor-window figures (``run.py`` calls this last)."""
    sys.stdout.flush()
    if SEED.is_file():
        time_to_window(SEED)
    else:
        print("time to window: ../shared/seeds/backend-developer.md not present")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate import large_agent

    with tempfile.TemporaryDirectory(prefix="aq-bench-") as tmp:
        big = Path(tmp) / "big-agent.md"
        big.write_text(large_agent(200_000), encoding="utf-8")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        command = [sys.executable, str(Path(__file__).resolve()), "typing", str(SEED), str(big)]
        subprocess.run(command, env=env, cwd=ROOT, check=False, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "typing":
        _typing(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
