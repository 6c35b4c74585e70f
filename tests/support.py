"""Paths and helpers shared by the tests (and the benchmarks): a plain module, not a conftest,
so that ``from support import CORPUS`` means one thing whichever test folders pytest collects.

Importable as ``support``: ``tests`` is on ``pythonpath`` in pyproject's pytest options.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT.parent / "shared" / "seeds" / "backend-developer.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

_NOT_AGENTS = {"README.txt", "MANIFEST.tsv", "SKIPPED.tsv", "LICENSE", "SOURCE.txt"}


def corpus_files() -> list[Path]:
    """Every agent file of the shared corpus (empty when the corpus is absent)."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name not in _NOT_AGENTS)


def big_agent(size: int) -> str:
    """The release-manager fixture with its body and a fenced block repeated to ``size``
    characters: a very large agent made of our own text."""
    head, _, body = (FIXTURES / "release-manager.md").read_text().partition("\n---\n")
    body += "\n```python\n# a comment, not a heading\nx = 1\n```\n\n## Notes\n\nSome **bold**.\n"
    return f"{head}\n---\n{body * (size // len(body) + 1)}"


def claude_binary() -> Path | None:
    """The Claude Code that claude-oracle installed, or None when it has not (tests that need
    it skip rather than install it)."""
    import os

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "claude-oracle"
    found = sorted(base.glob("*/node_modules/@anthropic-ai/claude-code-*/claude"))
    return next((p for p in reversed(found) if os.access(p, os.X_OK)), None)


def start_app(driver: str, home: Path):
    """Run ``driver``, Python that starts the app on the examples fixture (``sys.argv[1]``), in a
    fresh offscreen process with fresh settings under ``home``; the JSON it printed last."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "app"), env.get("PYTHONPATH", "")])
    for name in ("CONFIG", "CACHE", "DATA", "STATE"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    return run_python(driver, str(FIXTURES / "examples-agent.md"), env=env)


def run_python(code: str, *args: str, env: dict[str, str]):
    """Run ``code`` with ``args`` in a fresh Python; the JSON it printed last."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])
