"""The real ``claude plugin eval`` loads every case file we write and refuses the broken ones
we refuse. Offline it validates all cases, then stops at ``auth_failed`` on the first run; load
errors go to stderr as ``✗ <case folder>: <why>`` lines."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from agentquill.core import evals, frontmatter
from eval_cases import BROKEN, write_broken
from support import CORPUS, SEED, claude_binary

CLAUDE = claude_binary()
pytestmark = pytest.mark.skipif(CLAUDE is None, reason="claude-oracle has not installed it")
WSHOBSON = CORPUS / "wshobson__agents" / "plugins"
CLAUDE_LOAD = CORPUS.parent / "tools" / "claude-load"


def load_errors(root: Path) -> list[str]:
    """The ``✗`` lines of a run that loads the plugin's cases (and stops at the sign-in)."""
    run = subprocess.run(
        [str(CLAUDE), "plugin", "eval", "--json", "--trust-plugin", "--no-publish"]
        + ["--runs", "1", "--output-dir", str(root.parent / "results"), str(root)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=root.parent,
    )
    assert json.loads(run.stdout)["partialReason"] == "auth_failed", run.stderr
    return [line for line in run.stderr.splitlines() if line.startswith("✗")]


def new_plugin(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    (root / ".claude-plugin").mkdir(parents=True)
    (root / ".claude-plugin" / "plugin.json").write_text(json.dumps({"name": name}))
    (root / "agents").mkdir()
    return root


@pytest.mark.skipif(not WSHOBSON.is_dir(), reason="the corpus is not here")
def test_cases_for_every_corpus_agent_load_with_no_error(tmp_path):
    root = new_plugin(tmp_path, "wshobson")
    names = set()
    for path in sorted(WSHOBSON.glob("*/agents/*.md")):
        name = frontmatter.parse(path.read_text(encoding="utf-8")).value("name") or path.stem
        folder = root / "agents" / path.parent.parent.name
        folder.mkdir(exist_ok=True)
        shutil.copy(path, folder)
        names.add(name)
    for name in sorted(names):
        evals.add_case(root / "evals", name, f"Please work on this as {name} would.", "use")
        evals.add_case(root / "evals", name, "Write a haiku about the sea.", "avoid")
    suite = evals.read_cases(root / "evals")
    assert suite.errors == [] and len(suite.cases) == 2 * len(names) > 300
    assert all(c.agent in names and c.plugin == "wshobson" for c in suite.cases)
    if CLAUDE_LOAD.is_file():  # each grader finds its agent under the id Claude Code gives it
        load = subprocess.run([str(CLAUDE_LOAD), "--plugin", str(root)], capture_output=True)
        ids = json.loads(load.stdout)["agents"]  # wshobson:<folder>:<name>
        assert len(ids) == len(names)
        uses = {c.agent: re.compile(c.graders[0].values["input_match"]) for c in suite.cases}
        for called in ids:
            text = json.dumps({"subagent_type": called})
            assert [a for a, p in uses.items() if p.search(text)] == [called.rpartition(":")[2]]
    # one broken case shows the run checked the whole folder, and how it says so
    broken = root / "evals" / "zz-broken"
    shutil.copytree(suite.cases[0].folder, broken)
    graders = broken / "graders" / "delegation.md"
    graders.write_text(graders.read_text().replace("tool: Agent\n", ""))
    assert load_errors(root) == [f"✗ {broken}: invalid case.yaml:   graders.0.tool: Required"]


def test_the_binary_and_read_cases_refuse_the_same_broken_cases(tmp_path):
    root = new_plugin(tmp_path, "seed")
    shutil.copy(SEED, root / "agents")
    for name in BROKEN:
        write_broken(root / "evals" / re.sub(r"\W+", "-", name), name)
    ours = {e.folder.name for e in evals.read_cases(root / "evals").errors}
    theirs = {Path(line[2:].partition(": ")[0]).name for line in load_errors(root)}
    assert ours == {re.sub(r"\W+", "-", name) for name in BROKEN}
    # the binary loads the two that can never pass (a regex that does not compile, max < min)
    # and reads the bad bytes as U+FFFD; we refuse those too
    assert theirs == ours - {"bad-regex", "max-below-min", "not-utf-8"}


def test_a_project_runs_from_its_temporary_plugin_with_a_baseline(tmp_path):
    project = tmp_path / "shop"
    (project / ".claude" / "agents").mkdir(parents=True)
    shutil.copy(SEED, project / ".claude" / "agents")
    evals.add_case(project / "evals", "backend-developer", "Add JWT auth to our API", "use")
    evals.add_case(project / "evals", "backend-developer", "Write a haiku", "avoid")
    root = evals.project_plugin(project, tmp_path / "plugin")
    out = tmp_path / "out"
    args = evals.eval_arguments(CLAUDE, root, 1, 1, 0.5, "backend-developer--*", out)
    run = subprocess.run(args, capture_output=True, text=True, timeout=300)
    result = evals.parse_result((out / evals.RESULT_FILE).read_text(encoding="utf-8"))
    progress = [p for p in map(evals.parse_progress, run.stderr.splitlines()) if p]
    (kept,) = [p for p in progress if isinstance(p, evals.KeptSandbox)]
    assert (Path(kept.folder) / "out" / "trace.jsonl").is_file()  # the failed run's trace
    assert evals.discard_sandbox(kept.folder) and not Path(kept.folder).exists()
    assert progress[0] == evals.Planned(4) and isinstance(progress[-1], evals.CaseDone)
    assert (run.returncode, result.partial_reason) == (2, "auth_failed")
    assert result.ablation == "with-without"
    assert result.plugins == ("shop",) and evals.load_errors(run.stderr) == []
    assert result.cases[0].name == "backend-developer--001-use"
    assert not (project / "evals" / "results").exists()  # the report went to the output dir
