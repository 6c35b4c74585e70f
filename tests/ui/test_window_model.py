"""The model-based test of the whole window (see ``window_model``): a fixed seed and step
count in CI; ``AGENTQUILL_STATEFUL_STEPS`` and ``AGENTQUILL_STATEFUL_SEED`` run it longer."""

from __future__ import annotations

import os

from window_model import run

STEPS = int(os.environ.get("AGENTQUILL_STATEFUL_STEPS", "300"))
SEED = int(os.environ.get("AGENTQUILL_STATEFUL_SEED", "13"))


def test_every_view_tells_the_truth_about_the_buffer(window, qtbot, tmp_path, agent_samples):
    run(window, qtbot, agent_samples, tmp_path, STEPS, SEED)
