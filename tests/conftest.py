"""Shared fixtures: the real-world corpus beside the repository, when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import FIXTURES, SEED, corpus_files


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
