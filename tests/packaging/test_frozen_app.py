"""The app as users start it: the installed command and the PyInstaller build (`make app`).

Each run opens a sample agent offscreen with ``AGENTQUILL_SMOKE_EXIT`` set, so the app exits 0
once its window shows a rendered preview (1 if it does not within the timeout). HOME and the
XDG folders point into a temporary directory so no real settings are touched.

Building takes about a minute, so the frozen-app tests run only when
``AGENTQUILL_TEST_PACKAGING=1`` (``.ci/run`` sets it); they print the app's size and its start
time beside the installed command's.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agentquill import __version__

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "backend-developer.md"
SAMPLE = SEED if SEED.is_file() else ROOT / "tests" / "fixtures" / "release-manager.md"
DIST = ROOT / "dist" / "AgentQuill"
FROZEN = DIST / "agentquill"
TIMED_RUNS = 3

frozen = pytest.mark.skipif(
    os.environ.get("AGENTQUILL_TEST_PACKAGING") != "1",
    reason="builds the app (about a minute): set AGENTQUILL_TEST_PACKAGING=1",
)


def launch(command: list[str], home: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Run the app offscreen on the sample until it has rendered; the result and seconds."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AGENTQUILL_SMOKE_EXIT="30000")
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
    )
    start = time.perf_counter()
    result = subprocess.run(
        [*command, str(SAMPLE)], env=env, capture_output=True, text=True, timeout=120
    )
    return result, time.perf_counter() - start


def assert_rendered(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stderr
    assert f"smoke: {SAMPLE.name} shown, preview" in result.stdout
    assert "Traceback" not in result.stderr


def installed_command() -> list[str]:
    return [sys.executable, "-m", "agentquill"]


def test_installed_app_renders_and_exits(tmp_path):
    assert_rendered(launch(installed_command(), tmp_path)[0])


@pytest.fixture(scope="module")
def built_app() -> Path:
    subprocess.run(["make", "app"], cwd=ROOT, check=True, capture_output=True, timeout=1800)
    return FROZEN


@frozen
@pytest.mark.packaging
def test_frozen_app_renders_and_exits(built_app, tmp_path):
    assert_rendered(launch([str(built_app)], tmp_path)[0])


@frozen
@pytest.mark.packaging
def test_frozen_app_carries_version_and_resources(built_app):
    result = subprocess.run([str(built_app), "--version"], capture_output=True, text=True)
    assert result.stdout.split() == ["agentquill", __version__]
    resources = DIST / "_internal" / "agentquill" / "resources"
    assert (resources / "preview" / "preview.css").is_file()
    assert (resources / "icons" / "agentquill-256.png").is_file()
    assert (resources / "examples" / ".claude" / "agents").is_dir()  # dot-folders kept


@frozen
@pytest.mark.packaging
def test_frozen_app_size_and_start_time(built_app, tmp_path, capsys):
    """Prints the figures for the record; asserts only that every run rendered."""
    times: dict[str, list[float]] = {"frozen": [], "installed": []}
    for run in range(TIMED_RUNS):  # interleaved, so both see the same machine load
        for kind, command in (("frozen", [str(built_app)]), ("installed", installed_command())):
            result, seconds = launch(command, tmp_path / f"{kind}{run}")
            assert_rendered(result)
            times[kind].append(seconds)
    size = sum(p.stat().st_size for p in DIST.rglob("*") if p.is_file() and not p.is_symlink())
    with capsys.disabled():
        print(
            f"\npackaged app: {size / 2**20:.0f} MiB in {DIST.relative_to(ROOT)}; start to "
            f"rendered preview and exit, median of {TIMED_RUNS}: packaged "
            f"{statistics.median(times['frozen']):.2f} s, installed "
            f"{statistics.median(times['installed']):.2f} s"
        )
