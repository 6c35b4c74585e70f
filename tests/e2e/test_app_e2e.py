"""The real app under Xvfb, driven from outside with xdotool: edit the model, save, quit.

The app runs as its own process on the xcb platform (whatever QT_QPA_PLATFORM the test run
uses), with HOME and the XDG folders in a temporary directory so no real settings are touched.
A screenshot of the running window is kept at ``build/e2e/app-e2e.png`` (not in git).
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "release-manager.md"
SCREENSHOT = ROOT / "build" / "e2e" / "app-e2e.png"
WIDTH, HEIGHT = 1280, 800
TITLE = "release-manager.md — AgentQuill"
MODIFIED_TITLE = "release-manager.md* — AgentQuill"
#: Activating the window focuses the file tab bar (first in the focus chain); Tab then visits the
#: Problems list, the Form/Source tab bar, the form's scroll area and the preview before name.
TABS_TO_NAME = 5
#: In the form: name -> description (Tab leaves it) -> tools checklist -> "Add a tool" -> model.
TABS_NAME_TO_MODEL = 4


# --- processes --------------------------------------------------------------------------------
def wait_for(condition: Callable[[], object], timeout: float, what: str, step: float = 0.05):
    """Poll ``condition`` until it returns something truthy; fail naming ``what`` on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(step)


def stop(process: subprocess.Popen, grace: float = 5.0) -> None:
    """End a process started with ``start_new_session=True``, and its group: TERM, then KILL."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(grace)


def _read_display(fd: int, process: subprocess.Popen, timeout: float) -> str:
    """The display number Xvfb writes to ``-displayfd`` once it accepts connections."""
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n") and process.poll() is None:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready, _, _ = select.select([fd], [], [], min(left, 0.2))
        if ready:
            chunk = os.read(fd, 64)
            if not chunk:
                break
            data += chunk
    return data.decode().strip()


@pytest.fixture
def xvfb(tmp_path) -> Iterator[str]:
    """A private Xvfb on a free display number (Xvfb picks it); yields ``":N"``."""
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (apt-get install xvfb xdotool)")
    log_path = tmp_path / "xvfb.log"
    read_end, write_end = os.pipe()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{WIDTH}x{HEIGHT}x24"]
            + ["-nolisten", "tcp", "-noreset"],  # no reset when the probe disconnects
            pass_fds=(write_end,),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    os.close(write_end)
    try:
        number = _read_display(read_end, process, timeout=10)
        if not number.isdigit():
            pytest.fail(f"Xvfb did not start:\n{log_path.read_text(errors='replace')}")
        display = f":{number}"
        env = {**os.environ, "DISPLAY": display}
        probe = ["xdotool", "getdisplaygeometry"]
        wait_for(
            lambda: subprocess.run(probe, env=env, capture_output=True, timeout=5).returncode == 0,
            10,
            f"Xvfb {display} to accept connections",
        )
        yield display
    finally:
        os.close(read_end)
        stop(process)


class App:
    """The app process and its window, seen from outside through xdotool."""

    def __init__(self, display: str, path: Path, home: Path):
        self.display = display
        self.log = home / "app.log"
        home.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
        env.update(
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",  # a real X client, even when the test run is offscreen
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_STATE_HOME=str(home / "state"),
        )
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "agentquill", str(path)],
                cwd=home,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.window = ""

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def alive(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"the app exited early ({self.process.returncode}):\n{self.output()}")
        return True

    def xdo(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["xdotool", *args],
            env={**os.environ, "DISPLAY": self.display},
            capture_output=True,
            text=True,
            timeout=10,
        )
        if check and result.returncode != 0:
            pytest.fail(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def find_window(self, timeout: float) -> str:
        pattern = f"^{re.escape(TITLE)}$"

        def found() -> str:
            self.alive()
            ids = self.xdo("search", "--onlyvisible", "--name", pattern, check=False)
            return ids.split()[0] if ids else ""

        self.window = wait_for(found, timeout, f"a window titled {TITLE!r}")
        return self.window

    def title_is(self, title: str) -> bool:
        return self.alive() and self.xdo("getwindowname", self.window) == title

    def keys(self, *keys: str) -> None:
        self.xdo("key", "--delay", "40", *keys)

    def type(self, text: str) -> None:
        self.xdo("type", "--delay", "40", text)

    def screenshot(self, path: Path) -> None:
        """Check a picture of the screen, then keep it at ``path`` (replaced whole)."""
        if shutil.which("import") is None:
            print("no screenshot: ImageMagick's import is not installed")
            return
        shot = self.log.with_name(path.name)
        command = ["import", "-display", self.display, "-window", "root", str(shot)]
        subprocess.run(command, check=True, capture_output=True, timeout=15)
        check_screenshot(shot)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        shutil.copyfile(shot, partial)
        os.replace(partial, path)  # runs side by side never see half a file
        print(f"\nscreenshot: {path}")


def check_screenshot(path: Path) -> None:
    """The screen shows a drawn window: neither blank nor mostly black."""
    from PySide6.QtGui import QImage  # QImage needs no QApplication

    image = QImage(str(path))
    assert not image.isNull(), f"cannot read {path}"
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)
    samples = [
        image.pixel(x, y) & 0xFFFFFF for x in range(0, WIDTH, 16) for y in range(0, HEIGHT, 16)
    ]
    dark = sum(1 for p in samples if max(p >> 16, (p >> 8) & 0xFF, p & 0xFF) < 40)
    assert len(set(samples)) > 20, f"{path} looks blank"
    assert dark < len(samples) / 2, f"{path} is mostly black"


@pytest.fixture
def start_app(xvfb, tmp_path) -> Iterator[Callable[[Path], App]]:
    started: list[App] = []

    def start(path: Path) -> App:
        app = App(xvfb, path, tmp_path / "home")
        started.append(app)
        return app

    yield start
    for app in started:  # before the fixture's Xvfb goes away
        stop(app.process)


# --- the test ---------------------------------------------------------------------------------
def test_edit_model_through_the_form_save_and_quit(start_app, tmp_path):
    path = tmp_path / "release-manager.md"
    shutil.copyfile(FIXTURE, path)
    original = path.read_bytes()
    assert b"\nmodel: sonnet\n" in original

    app = start_app(path)
    window = app.find_window(timeout=20)
    app.xdo("windowfocus", "--sync", window)
    wait_for(lambda: app.xdo("getwindowfocus", check=False) == window, 5, "keyboard focus")

    app.keys(*["Tab"] * (TABS_TO_NAME + TABS_NAME_TO_MODEL))  # focus the model combo
    app.keys("ctrl+a")  # Tab selected its text already; this makes sure
    app.type("opus")
    app.keys("Return")
    wait_for(lambda: app.title_is(MODIFIED_TITLE), 8, "the edit to mark the window modified")
    app.screenshot(SCREENSHOT)

    app.keys("ctrl+s")
    wait_for(lambda: app.alive() and path.read_bytes() != original, 8, "the file to be saved")
    wait_for(lambda: app.title_is(TITLE), 8, "the window to show it is saved")

    app.keys("ctrl+q")
    try:
        code = app.process.wait(10)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the app did not quit on Ctrl+Q:\n{app.output()}")
    assert code == 0, app.output()

    saved = path.read_bytes()
    diff = "".join(
        difflib.unified_diff(
            original.decode().splitlines(keepends=True),
            saved.decode().splitlines(keepends=True),
            "original",
            "saved",
            n=0,
        )
    )
    changed = [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("---", "+++"))
    ]
    assert changed == ["-model: sonnet", "+model: opus"], diff
    assert saved == original.replace(b"\nmodel: sonnet\n", b"\nmodel: opus\n", 1)
