"""The commands that read agent files: lint, show, fix and roundtrip."""

from __future__ import annotations

import argparse
import difflib
import json
from pathlib import Path
from typing import Any, TextIO

from ..core import claude_versions, dialects, lint, roundtrip
from ..core.agentfile import AgentFile, describe
from ..core.files import atomic_write
from ..core.project import ProjectProblem, Sniffer, budget, crosslint, entry_for
from ..core.text import FileText, apply_edits
from .common import Exit, err, failure, load, walk, walked_paths


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("lint", help="report problems in agent files")
    p.add_argument("--json", action="store_true", help="one JSON document on stdout")
    p.add_argument("--dialect", choices=sorted(dialects.DIALECTS), help="force a dialect")
    p.add_argument(
        "--target-version",
        metavar="X.Y.Z",
        help="the Claude Code version to check against (default: the project's "
        f"{claude_versions.PROJECT_FILE}, else {claude_versions.PINNED})",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p = sub.add_parser("show", help="print a file's fields, examples and outline")
    p.add_argument("--json", action="store_true")
    p.add_argument("file", metavar="FILE")
    p = sub.add_parser("fix", help="apply safe quick-fixes")
    p.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p = sub.add_parser("roundtrip", help="check lossless reading and minimal edits")
    p.add_argument("--json", action="store_true")
    p.add_argument("paths", nargs="+", metavar="PATH")


def _listed(paths: list[str], entries: list) -> budget.Budget | None:
    """The context budget of what Claude Code registers from the folders named (as a project
    each; no user folder: CI has none), or None when only files are named."""
    folders = [Path(p) for p in paths if Path(p).is_dir()]
    if not folders:
        return None
    agents, skills = [], []
    for folder in folders:
        more_agents, more_skills = budget.registered(folder.resolve(), None, entries)
        agents += more_agents
        skills += more_skills
    return budget.budget(agents, skills)


def cmd_lint(args: argparse.Namespace, out: TextIO) -> int:
    target = args.target_version
    if target is not None and not claude_versions.valid(target):
        err(f"agentquill lint: --target-version '{target}' is not a version such as 2.1.332")
        return Exit.USAGE
    sniffer = Sniffer()
    files = walk(args.paths, sniffer)
    if files is None:
        return Exit.USAGE
    status, report, linted, entries = Exit.OK, [], [], []
    for shown, path, source in files:
        agent = load(shown, args.dialect, sniffer.take(path))
        if agent is None:
            status = Exit.USAGE
            continue
        found = lint.lint(agent, target)
        linted.append((shown, path, agent, found))
        if source is not None:
            entries.append(entry_for(Path(path), source, agent, found, (0, 0)))
    across: dict[str, list[ProjectProblem]] = {}
    for problem in crosslint.check(entries, _listed(args.paths, entries)):  # across files
        across.setdefault(str(problem.path), []).append(problem)
    for shown, path, agent, found in linted:
        codes = {d.code for d in found}
        more = [p for p in across.get(path, ()) if crosslint.PER_FILE_TWIN.get(p.code) not in codes]
        rows = sorted(
            [d.as_dict() for d in found] + [p.as_dict() for p in more],
            key=lambda d: (d["line"], d["column"], d["code"]),
        )
        if any(d["severity"] != lint.Severity.INFO.value for d in rows) and status == Exit.OK:
            status = Exit.FINDINGS
        if args.json:
            report.append({"file": str(shown), "dialect": agent.dialect.id, "diagnostics": rows})
        for d in [] if args.json else rows:
            print(
                f"{shown}:{d['line']}:{d['column']}: {d['severity']} {d['code']} {d['message']}",
                file=out,
            )
    if args.json:
        json.dump(report, out, indent=2)
        out.write("\n")
    return status


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.file)
    agent = load(path)
    if agent is None:
        return Exit.USAGE
    info = describe(agent)
    if args.json:
        json.dump(info, out, indent=2, ensure_ascii=False, default=str)
        out.write("\n")
        return Exit.OK
    print(f"{path}  [{info['dialect']}]  frontmatter: {info['frontmatter']}", file=out)
    for f in info["fields"]:
        value = json.dumps(f["value"], ensure_ascii=False, default=str)
        print(
            f"  {f['key']}: {value[:100]}{'…' if len(value) > 100 else ''}  ({f['style']})",
            file=out,
        )
    if info["examples"]:
        print(f"examples: {len(info['examples'])}", file=out)
        for i, ex in enumerate(info["examples"], 1):
            first = next((t["text"] for t in ex["turns"] if t["role"] == "user"), "")
            print(f"  {i}. {ex['context'][:60]!r} user: {first[:60]!r}", file=out)
    print("outline:", file=out)
    for line in _outline_lines(info["outline"], 1):
        print(line, file=out)
    return Exit.OK


def _outline_lines(sections: list[dict[str, Any]], depth: int) -> list[str]:
    lines = []
    for s in sections:
        lines.append(f"{'  ' * depth}{s['title']}  ({len(s['items'])} items)")
        lines += _outline_lines(s["sections"], depth + 1)
    return lines


def cmd_fix(args: argparse.Namespace, out: TextIO) -> int:
    files = walked_paths(args.paths)
    if files is None:
        return Exit.USAGE
    status = Exit.OK
    for path in files:
        try:
            fixed = _fix_one(path, args.dry_run, out)
        except BrokenPipeError:  # the reader is gone: main ends quietly
            raise
        except (OSError, RecursionError) as exc:  # this file is left as it was; on to the next
            err(failure(exc, path))
            fixed = Exit.USAGE
        status = max(status, fixed)
    return status


def _fix_one(path: Path, dry_run: bool, out: TextIO) -> Exit:
    """Fix one file (atomically: it is whole before or after); its status."""
    status = Exit.OK
    agent = load(path)
    if agent is None:
        return Exit.USAGE
    text, applied = agent.text, []
    for _ in range(20):  # fixes may overlap: apply one, re-lint, repeat
        current = AgentFile(FileText(text, agent.doc.bom), path)
        pending = next(lint.fixes(lint.lint(current)), None)
        if pending is None:
            break
        try:
            text = apply_edits(text, pending.fix.edits())
        except ValueError as exc:
            err(f"{path}:{pending.line}:{pending.column}: cannot fix {pending.code}: {exc}")
            status = Exit.FINDINGS
            break
        applied.append(pending.code)
    if not applied:
        return status
    if dry_run:
        out.writelines(
            difflib.unified_diff(
                agent.text.splitlines(keepends=True),
                text.splitlines(keepends=True),
                f"a/{path}",
                f"b/{path}",
            )
        )
    else:
        atomic_write(path, FileText(text, agent.doc.bom).encode())
        print(f"{path}: fixed {', '.join(applied)}", file=out)
    return status


def cmd_roundtrip(args: argparse.Namespace, out: TextIO) -> int:
    files = walked_paths(args.paths)
    if files is None:
        return Exit.USAGE
    results = [roundtrip.check_file(path) for path in files]
    if args.json:
        json.dump(
            {
                "summary": roundtrip.summary(results),
                "failures": [r.as_dict() for r in results if not r.ok],
            },
            out,
            indent=2,
        )
        out.write("\n")
    else:
        for r in results:
            for failure in r.failures:
                print(f"{r.path}: {failure}", file=out)
        print(roundtrip.summary(results), file=out)
    return Exit.OK if all(r.ok for r in results) else Exit.FINDINGS


# --- bundles: export and import ---------------------------------------------------------------
