"""Shared fixtures: the real-world corpus beside the repository, when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT.parent / "shared" / "seeds" / "backend-developer.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def corpus_files() -> list[Path]:
    """Every agent file of the shared corpus (empty when the corpus is absent)."""
    if not CORPUS.is_dir():
        return []
    skip = {"README.txt", "MANIFEST.tsv", "SKIPPED.tsv", "LICENSE", "SOURCE.txt"}
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name not in skip)


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
