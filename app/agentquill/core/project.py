"""Finding agent files under folders."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "env",
        "__pycache__",
        ".tox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "dist",
        "build",
        "site-packages",
    }
)


def looks_like_agent(path: Path) -> bool:
    """A markdown file (or an extension-less one) that opens with a ``---`` line."""
    if path.suffix not in (".md", ".mdc", ""):
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"---")


def agent_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and agent files found under the folders named, in path order."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
            for name in sorted(files):
                candidate = Path(root, name)
                if looks_like_agent(candidate):
                    yield candidate
