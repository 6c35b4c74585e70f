"""Fidelity on the real-world corpus (skipped when ../shared/corpus is absent)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from agentquill.core import roundtrip
from agentquill.core.agentfile import AgentFile
from agentquill.core.lint import lint
from support import CORPUS

ORACLE = CORPUS.parent / "tools" / "claude-oracle"


def test_roundtrip_has_no_failures_on_the_corpus(corpus):
    results = [roundtrip.check_file(path) for path in corpus]
    failures = [f"{r.path}: {r.failures}" for r in results if not r.ok]
    assert failures == [], "\n".join(failures[:20])
    assert roundtrip.summary(results).endswith(", 0 failures")


def test_every_corpus_file_lints_without_crashing(corpus):
    for path in corpus:
        for d in lint(AgentFile.read(path)):
            assert d.line >= 1 and d.column >= 1


def test_claude_parse_verdict_agrees_with_claude_code(corpus):
    if not ORACLE.is_file() or shutil.which("npm") is None:
        pytest.skip("claude-oracle or npm not available")
    run = subprocess.run([str(ORACLE), str(CORPUS)], capture_output=True, text=True, timeout=1800)
    if run.returncode == 2:
        pytest.skip(f"claude-oracle could not run: {run.stderr.strip()[-300:]}")
    verdicts = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    assert len(verdicts) >= len([p for p in corpus if p.suffix == ".md"])
    disagree = [
        v["file"] for v in verdicts if AgentFile.read(Path(v["file"])).claude.parses != v["parses"]
    ]
    assert disagree == []
