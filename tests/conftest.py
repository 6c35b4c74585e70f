"""Shared fixtures (the real-world corpus beside the repository, when present) and the one
Hypothesis profile every ``@given`` runs under."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from support import FIXTURES, SEED, corpus_files

#: No per-example deadline, here or in CI (CI=true): these machines share their cores, and an
#: example that waits its turn is not a slow one. Tests that time the code say so themselves;
#: a test sets only what is its own (max_examples, a health check it knows it trips).
settings.register_profile("agentquill", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "agentquill"))


@pytest.fixture(scope="session")
def corpus() -> list[Path]:
    files = corpus_files()
    if not files:
        pytest.skip("../shared/corpus is not present")
    return files


@pytest.fixture(scope="session")
def agent_samples() -> list[Path]:
    """The seed agent (when present), the fixtures and a fixed sample of the corpus (when
    present): real files of every shape, for tests that drive the window over many files."""
    import random

    files = [SEED] if SEED.exists() else []
    files += sorted(FIXTURES.glob("*.md"))
    corpus = corpus_files()
    return files + random.Random(13).sample(corpus, min(6, len(corpus)))
