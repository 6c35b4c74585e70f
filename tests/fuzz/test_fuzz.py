"""The CI slice of the fuzz run (``make fuzz`` runs 20,000 inputs): 2,000 inputs of a fixed
seed, cut at 50 KB, through every CLI command, the preview render and the core edits, in two
worker processes under a 1 GB address-space limit. Nothing may escape, take more than 2 s of
CPU, change a byte on a no-op save or change lines outside an edit, and no worker may hold
300 MB."""

from __future__ import annotations

import driver


def test_a_fixed_slice_of_the_fuzz_run_finds_nothing():
    seed, limit, rss_mb = 7, 2.0, 300
    summary = driver.run(seed, list(range(2_000)), workers=2, limit=limit, max_size=50_000)
    driver.recheck(seed, summary, limit, timeout=20.0, max_size=50_000)
    text = driver.report(summary, seed, limit, rss_mb, None)
    print(text)
    assert summary.inputs == 2_000, text
    assert not summary.failures, text
    assert not summary.slow, text
    assert summary.rss_kb / 1024 < rss_mb, text
