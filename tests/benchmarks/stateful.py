"""`make bench`, the model-based test of the window run longer, with another seed than CI's.

Prints the outcome and the pace, asserts nothing; a failure prints the steps that led to it.
``tests/ui/window_model.py`` says what each step does and checks. On demand, any length and
seed: ``AGENTQUILL_STATEFUL_STEPS=20000 AGENTQUILL_STATEFUL_SEED=7 make test`` or a pytest run
of ``tests/ui/test_window_model.py`` with those variables.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STEPS, SEED = 2000, 101


def main(steps: int = STEPS, seed: int = SEED) -> None:
    env = dict(
        os.environ,
        AGENTQUILL_STATEFUL_STEPS=str(steps),
        AGENTQUILL_STATEFUL_SEED=str(seed),
        QT_QPA_PLATFORM="offscreen",
    )
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "tests/ui/test_window_model.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    outcome = "passed" if done.returncode == 0 else f"FAILED (exit {done.returncode})"
    print(
        f"window model: {steps:,} steps, seed {seed}: {outcome} in {seconds:.0f} s "
        f"({seconds / steps * 1000:.0f} ms a step, checks included)"
    )
    if done.returncode:
        print("\n".join((done.stdout + done.stderr).splitlines()[-60:]))


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
