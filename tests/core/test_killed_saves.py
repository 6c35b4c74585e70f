"""Saves killed at random moments never tear the file, and what they leave is gone after the
next open of the folder (the CI slice of ``tests/benchmarks/saves.py``, which runs 200)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from agentquill.core.files import sweep_temps

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from saves import killed_saves, leftovers  # noqa: E402


@pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL of a child: POSIX")
def test_a_killed_save_leaves_the_old_file_or_the_new_one_and_no_debris_after_an_open(tmp_path):
    found = killed_saves(tmp_path, trials=40, size=2_000_000)
    assert found["torn"] == []
    assert found["killed"] > 0  # the kills did land while saves ran
    stale = leftovers(tmp_path)
    assert sweep_temps(tmp_path) == 0  # too young: they could be saves still running
    for path in stale:
        old = path.stat().st_mtime - 61
        os.utime(path, (old, old))
    assert sweep_temps(tmp_path) == len(stale)
    assert leftovers(tmp_path) == [] and sorted(p.name for p in tmp_path.iterdir()) == [
        "agent.md",
        "link.md",
    ]
