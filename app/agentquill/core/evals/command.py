"""The ``claude plugin eval`` command line, and the temporary plugin a project's agents run in.

``claude plugin eval`` takes a plugin as its target: a folder with ``.claude-plugin/
plugin.json`` (a folder of agents without a manifest resolves to no plugin, so the run has no
baseline arm and the agents do not load). A plain project's agents are therefore run from a
temporary plugin holding copies of ``.claude/agents`` and of the project's cases
(:func:`project_plugin`); their graders accept any plugin prefix for that reason.

Two ways to run (2.1.332): with ``--json`` the result comes on stdout at the end and stderr
says little (the ablation note, a ``✗ <case folder>: <why>`` line per case it cannot load,
``Report: <path>``); without it (and with ``--output-dir``) stderr also carries a line per run
and per case as they end (:func:`.results.parse_progress`), the result is written to
``<output dir>/aggregate-result.json`` in the same schema, and a failed run's sandbox (its
``trace.jsonl``) is kept. The exit code is 0 when every case reaches the threshold, 1 when
one does not (or a case did not load), 2 when the run stopped early (``partial``).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from .cases import slug
from .history import FILE_NAME

MAX_RUNS = 50  # per case, as the case schema allows
#: the result file ``claude plugin eval`` writes to its output folder
RESULT_FILE = "aggregate-result.json"
MAX_JOBS = 8  # the binary's --concurrency range is 1..8


def eval_arguments(
    claude: str | Path,
    target: str | Path,
    runs: int,
    jobs: int,
    max_cost_usd: float,
    case_glob: str | None = None,
    output_dir: str | Path | None = None,
) -> list[str]:
    """The command that runs the cases of ``target`` (a plugin folder).

    Always with a cost ceiling; ``--trust-plugin`` because the run only starts on the user's
    click (without it the binary asks on a terminal we do not have); ``--no-publish`` keeps
    the report on this machine. With ``output_dir`` the run reports progress on stderr and
    writes its result, report and failed runs' traces there (:data:`RESULT_FILE`); without
    it, ``--json`` prints the result on stdout (and the binary writes its report to
    ``evals/results/<time>/``).
    """
    if not 1 <= runs <= MAX_RUNS:
        raise ValueError(f"runs must be 1 to {MAX_RUNS}, not {runs}")
    if not 1 <= jobs <= MAX_JOBS:
        raise ValueError(f"concurrency must be 1 to {MAX_JOBS}, not {jobs}")
    if not max_cost_usd > 0:
        raise ValueError("a cost ceiling above $0 is required")
    args = [str(claude), "plugin", "eval", "--no-publish", "--trust-plugin"]
    args += ["--runs", str(runs), "--concurrency", str(jobs), "--max-cost-usd", f"{max_cost_usd:g}"]
    args += ["--json"] if output_dir is None else ["--output-dir", str(output_dir)]
    if case_glob:
        args += ["--case", case_glob]
    return [*args, "--", str(target)]


def project_plugin(project: str | Path, into: str | Path) -> Path:
    """A plugin made in ``into`` from a project's ``.claude/agents`` and ``evals/`` (results
    and history left out), named after the project folder; its root."""
    project, root = Path(project), Path(into)
    (root / ".claude-plugin").mkdir(parents=True, exist_ok=True)
    manifest = {"name": slug(project.resolve().name), "description": "AgentQuill delegation tests"}
    (root / ".claude-plugin" / "plugin.json").write_text(json.dumps(manifest), encoding="utf-8")
    agents = project / ".claude" / "agents"
    for path in sorted(agents.rglob("*.md")) if agents.is_dir() else []:
        copy = root / "agents" / path.relative_to(agents)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
    if (project / "evals").is_dir():
        left_out = shutil.ignore_patterns("results", FILE_NAME)
        shutil.copytree(project / "evals", root / "evals", ignore=left_out, dirs_exist_ok=True)
    return root


def discard_sandbox(folder: str | Path) -> bool:
    """Delete a run's sandbox the binary kept (``<temp>/claude-eval-*``), as it advises:
    make it writable, then remove it. Anything else is left alone; True when it went."""
    path = Path(folder)
    if path.parent != Path(tempfile.gettempdir()) or not path.name.startswith("claude-eval-"):
        return False
    if path.is_symlink() or not path.is_dir():
        return False
    for root, dirs, _files in os.walk(path):
        for name in dirs:
            sub = Path(root) / name
            if not sub.is_symlink():
                sub.chmod(0o700)
    path.chmod(0o700)
    shutil.rmtree(path)
    return True
