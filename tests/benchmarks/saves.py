"""`make bench`: saves killed at random moments (SIGKILL) never tear the file, and the temp
files they leave are gone after the next open of the folder. Prints figures, asserts nothing;
``tests/core/test_killed_saves.py`` runs a short slice of the same trials in CI.

Each trial starts a child that saves a few megabytes with ``atomic_write`` (every other one
through a symbolic link) and kills it after a random delay, up to twice what a whole save
takes; the file must then hold the previous bytes or the new ones, whole.
"""

from __future__ import annotations

import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "app"))

from agentquill.core.files import TEMP_NAME, atomic_write, sweep_temps  # noqa: E402

TRIALS, SEED, SIZE = 200, 14, 4_000_000

#: the child: ready once imported, then saves when told (start-up stays out of the timing)
CHILD = """
import sys
from agentquill.core.files import atomic_write
path, size, fill = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = bytes([fill]) * size
print("ready", flush=True)
sys.stdin.readline()
atomic_write(path, data)
print("saved", flush=True)
"""


def payload(trial: int, size: int) -> bytes:
    """What trial ``trial`` writes: its own byte and length, so a torn mix shows."""
    return bytes([trial % 251 + 1]) * (size + trial * 4096)


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if TEMP_NAME.fullmatch(p.name)]


def _save(path: Path, trial: int, size: int, delay: float | None) -> tuple[bool, float]:
    """Run trial ``trial``'s save in a child, killed ``delay`` s after it starts (None: let it
    end); whether the kill came before the save ended, and how long the save ran."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "app"))
    data_len = size + trial * 4096
    args = [sys.executable, "-c", CHILD, str(path), str(data_len), str(trial % 251 + 1)]
    child = subprocess.Popen(
        args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True
    )
    assert child.stdout.readline() == "ready\n"
    start = time.perf_counter()
    child.stdin.write("go\n")
    child.stdin.flush()
    if delay is not None:
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
    saved = child.stdout.readline() == "saved\n"
    spent = time.perf_counter() - start
    child.wait()
    child.stdin.close()
    child.stdout.close()
    return not saved, spent


def killed_saves(folder: Path, trials: int, seed: int = SEED, size: int = SIZE) -> dict:
    """Run ``trials`` killed saves in ``folder``; what became of them.

    ``torn`` lists the trials after which the file held neither the old bytes nor the new
    ones; ``killed`` counts the kills that came while the child ran; ``seconds`` is a
    whole save (the median of three), which the random delays span twice over.
    """
    rng = random.Random(seed)
    target, link = folder / "agent.md", folder / "link.md"
    link.symlink_to(target.name)
    atomic_write(target, payload(0, size))
    # whole saves, to know how long the delays may be
    whole = statistics.median(_save(target, 1, size, None)[1] for _ in range(3))
    old = payload(1, size)
    assert target.read_bytes() == old
    torn, killed = [], 0
    for trial in range(2, trials + 2):
        new = payload(trial, size)
        via = link if trial % 2 else target
        killed += _save(via, trial, size, rng.uniform(0, whole * 2))[0]
        now = target.read_bytes()
        if now not in (old, new):
            torn.append(trial)
        old = now
        assert link.is_symlink()
    return {"torn": torn, "killed": killed, "seconds": whole}


def main(trials: int = TRIALS, seed: int = SEED) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        found = killed_saves(folder, trials, seed)
        spent = time.perf_counter() - start
        before = leftovers(folder)
        size = sum(p.stat().st_size for p in before)
        young = sweep_temps(folder)  # as an open right after: too young to be sure of
        for path in before:  # a minute on, as the next open of the folder sees them
            old = path.stat().st_mtime - 61
            os.utime(path, (old, old))
        swept = sweep_temps(folder)
        print(
            f"killed saves: {trials} trials of ~{SIZE / 1e6:.0f} MB, seed {seed}, "
            f"{found['killed']} killed mid-save (a whole save {found['seconds'] * 1000:.0f} ms, "
            f"{spent:.0f} s in all): torn={len(found['torn'])}; leftovers before sweep "
            f"{len(before)} ({size / 1e6:.0f} MB), swept at once {young}, swept a minute on "
            f"{swept}, after {len(leftovers(folder))}"
        )


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
