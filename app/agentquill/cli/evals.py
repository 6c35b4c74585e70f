"""``agentquill evals``: the eval cases in an ``evals/`` folder as ``claude plugin eval``
would load them (no Claude Code needed): each case with the agent it tests, and each broken
case with the file at fault and why."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from ..core import evals
from ..core.words import plural
from .common import Exit, err

#: a prompt is shown up to this many characters in the table
_PROMPT_WIDTH = 60


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("evals", help="list the eval cases of a plugin or project, and the broken")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.add_argument("dir", metavar="DIR", help="an evals folder, or the plugin or project above it")


def cmd_evals(args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.dir)
    if not path.is_dir():
        err(f"error: {args.dir}: no such folder")
        return Exit.USAGE
    folder = path / "evals" if (path / "evals").is_dir() and path.name != "evals" else path
    suite = evals.read_cases(folder)
    cases = [_case_row(c, folder) for c in suite.cases]
    broken = [{"file": _shown(e.file, folder), "message": e.message} for e in suite.errors]
    if args.json:
        json.dump({"cases": cases, "errors": broken}, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        _table(cases, broken, out)
    return Exit.FINDINGS if broken else Exit.OK


def _shown(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)


def _case_row(case: evals.Case, folder: Path) -> dict[str, Any]:
    return {
        "name": case.name,
        "folder": _shown(case.folder, folder),
        "agent": case.agent,
        "plugin": case.plugin,
        "expect": case.expect,
        "prompt": case.prompt,
        "graders": [g.name for g in case.graders],
    }


def _table(cases: list[dict[str, Any]], broken: list[dict[str, str]], out: TextIO) -> None:
    """A line a case (expectation, agent, folder, the prompt's start), then the broken ones."""
    agents = [r["agent"] or "-" for r in cases]
    width = max(map(len, agents), default=0)
    for row, agent in zip(cases, agents, strict=True):
        prompt = " ".join(row["prompt"].split())
        if len(prompt) > _PROMPT_WIDTH:
            prompt = prompt[: _PROMPT_WIDTH - 1] + "…"
        print(f"{row['expect'] or '-':<5} {agent:<{width}}  {row['folder']}  {prompt}", file=out)
    for row in broken:
        print(f"broken {row['file']}: {row['message']}", file=out)
    print(f"{plural(len(cases), 'case')}, {len(broken)} broken", file=out)
