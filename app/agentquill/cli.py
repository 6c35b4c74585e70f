"""The ``agentquill`` command line: lint, show, fix and roundtrip over the core (never Qt)."""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .core import dialects, examples, lint, outline, roundtrip
from .core.agentfile import AgentFile
from .core.files import atomic_write
from .core.project import (
    ProjectProblem,
    Sniffer,
    Source,
    agent_files,
    crosslint,
    discover_paths,
    entry_for,
)
from .core.text import DecodeError, Document, apply_edits, decode, line_col

COMMANDS = ("lint", "show", "fix", "roundtrip", "export", "import")


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with one line
        self.exit(Exit.USAGE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="agentquill", description="Lossless tools for AI agent files.")
    parser.add_argument("--version", action="version", version=f"agentquill {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("lint", help="report problems in agent files")
    p.add_argument("--json", action="store_true", help="one JSON document on stdout")
    p.add_argument("--dialect", choices=sorted(dialects.DIALECTS), help="force a dialect")
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
    _bundle_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run one command; its exit status.

    The one place where a failure the command did not handle itself (a disk that refuses a
    write, a name too long for the file system, input nested too deep to read) becomes one
    ``error: PATH: cause`` line and exit 2, never a traceback. A reader that closes stdout
    early (``| head``) ends the command quietly.
    """
    args = _parser().parse_args(argv)
    out = out or sys.stdout
    command = {
        "lint": cmd_lint,
        "show": cmd_show,
        "fix": cmd_fix,
        "roundtrip": cmd_roundtrip,
        "export": cmd_export,
        "import": cmd_import,
    }[args.command]
    try:
        status = command(args, out)
        out.flush()  # inside the try: a reader gone by now is met here, not at exit
        return status
    except BrokenPipeError:
        _quiet_stdout()
        return Exit.OK
    except (OSError, RecursionError) as exc:
        _err(failure(exc))
        return Exit.USAGE


def _quiet_stdout() -> None:
    """Point stdout at the null device, so the flush at exit does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # not a real file (a test's buffer): nothing left to flush
        pass


def failure(exc: BaseException, path: object = None, within: object = None) -> str:
    """The one line that says what failed and where: ``error: PATH: cause``.

    ``path`` is the file the command was working on; it names the failure rather than a temp
    copy or folder the error names (which is used when there is no ``path``). ``within`` is
    the folder being written, named when neither names anything (a failed write or sync).
    """
    cause = exc.__cause__ if isinstance(exc.__cause__, OSError) else None
    if isinstance(exc, OSError) or cause is not None:
        os_error = cause if cause is not None else exc
        assert isinstance(os_error, OSError)
        where = path or os_error.filename or within
        reason = os_error.strerror or str(os_error)
    elif isinstance(exc, RecursionError):
        where, reason = path, "nested too deep to read"
    else:
        where, reason = path, str(exc)
    return f"error: {where}: {reason}" if where is not None else f"error: {reason}"


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _load(
    path: Path | str, dialect: str | None = None, data: bytes | None = None
) -> AgentFile | None:
    """The file (from ``data`` when already read), or None after printing a one-line error
    that says what and where."""
    try:
        if data is not None:
            return AgentFile(decode(data), path, dialect)
        return AgentFile.read(path, dialect)
    except DecodeError as exc:
        _err(f"{path}:{exc.line}:{exc.column}: error: not valid UTF-8 (byte {exc.offset})")
    except FileNotFoundError:
        _err(f"error: {path}: no such file or folder")
    except IsADirectoryError:
        _err(f"error: {path}: is a folder")
    except OSError as exc:
        _err(failure(exc, path))
    return None


def _files(paths: Sequence[str]) -> list[Path] | None:
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        _err(f"error: {p}: no such file or folder")
    return None if missing else list(agent_files(paths))


def _discovered(
    paths: Sequence[str], sniffer: Sniffer
) -> list[tuple[str, str, Source | None]] | None:
    """(path as shown, absolute path, source) of files named and agents found in folders.

    ``sniffer`` keeps the bytes of the agent files discovery opened.
    """
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        _err(f"error: {p}: no such file or folder")
    if missing:
        return None
    found: list[tuple[str, str, Source | None]] = []
    for raw in paths:
        if not os.path.isdir(raw):
            found.append((raw, os.path.abspath(raw), None))
            continue
        top = os.path.abspath(raw)
        given = raw.rstrip("/\\") or raw
        for source, files in discover_paths(Path(top), is_agent=sniffer):
            found += [(given + f[len(top) :], f, source) for f in files]
    return found


def cmd_lint(args: argparse.Namespace, out: TextIO) -> int:
    sniffer = Sniffer()
    files = _discovered(args.paths, sniffer)
    if files is None:
        return Exit.USAGE
    status, report, linted, entries = Exit.OK, [], [], []
    for shown, path, source in files:
        agent = _load(shown, args.dialect, sniffer.take(path))
        if agent is None:
            status = Exit.USAGE
            continue
        found = lint.lint(agent)
        linted.append((shown, path, agent, found))
        if source is not None:
            entries.append(entry_for(Path(path), source, agent, found, (0, 0)))
    across: dict[str, list[ProjectProblem]] = {}
    for problem in crosslint.check(entries):  # files found in folders, against each other
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
    agent = _load(path)
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


def describe(agent: AgentFile) -> dict[str, Any]:
    """The parse of one file as plain data (fields, examples, outline)."""
    parsed = agent.parsed
    fm = parsed.frontmatter
    description = parsed.value("description")
    ex = examples.parse(description) if isinstance(description, str) else None
    return {
        "file": str(agent.path),
        "dialect": agent.dialect.id,
        "frontmatter": "none" if fm is None else fm.tier,
        "error": str(fm.error) if fm is not None and fm.error else None,
        "claude_parses": agent.claude.parses,
        "fields": [
            {
                "key": f.key,
                "value": f.value,
                "style": f.style,
                "line": line_col(agent.text, f.key_span[0])[0],
            }
            for f in parsed.fields
        ],
        "examples": [dataclasses.asdict(p.example) for p in ex.examples] if ex else [],
        "outline": [_section_data(s) for s in outline.parse(parsed.body).sections],
    }


def _section_data(section: outline.Section) -> dict[str, Any]:
    return {
        "title": section.title,
        "level": section.level,
        "kind": section.kind,
        "items": [_item_data(i) for i in section.items],
        "sections": [_section_data(s) for s in section.children],
    }


def _item_data(item: outline.Item) -> dict[str, Any]:
    children = [_item_data(c) for c in item.children]
    return {"title": item.title, "text": item.text, "children": children}


def _outline_lines(sections: list[dict[str, Any]], depth: int) -> list[str]:
    lines = []
    for s in sections:
        lines.append(f"{'  ' * depth}{s['title']}  ({len(s['items'])} items)")
        lines += _outline_lines(s["sections"], depth + 1)
    return lines


def cmd_fix(args: argparse.Namespace, out: TextIO) -> int:
    files = _files(args.paths)
    if files is None:
        return Exit.USAGE
    status = Exit.OK
    for path in files:
        try:
            fixed = _fix_one(path, args.dry_run, out)
        except BrokenPipeError:  # the reader is gone: main ends quietly
            raise
        except (OSError, RecursionError) as exc:  # this file is left as it was; on to the next
            _err(failure(exc, path))
            fixed = Exit.USAGE
        status = max(status, fixed)
    return status


def _fix_one(path: Path, dry_run: bool, out: TextIO) -> Exit:
    """Fix one file (atomically: it is whole before or after); its status."""
    status = Exit.OK
    agent = _load(path)
    if agent is None:
        return Exit.USAGE
    text, applied = agent.text, []
    for _ in range(20):  # fixes may overlap: apply one, re-lint, repeat
        current = AgentFile(Document(text, agent.doc.bom), path)
        pending = next(lint.fixes(lint.lint(current)), None)
        if pending is None:
            break
        try:
            text = apply_edits(text, pending.fix.edits())
        except ValueError as exc:
            _err(f"{path}:{pending.line}:{pending.column}: cannot fix {pending.code}: {exc}")
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
        atomic_write(path, Document(text, agent.doc.bom).encode())
        print(f"{path}: fixed {', '.join(applied)}", file=out)
    return status


def cmd_roundtrip(args: argparse.Namespace, out: TextIO) -> int:
    files = _files(args.paths)
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


def _bundle_parsers(sub: Any) -> None:
    from .core.bundle.exporter import FORMATS, LICENSES
    from .core.bundle.importer import CLASH_CHOICES

    p = sub.add_parser("export", help="export agents as a plugin, zip, marketplace or dialect")
    p.add_argument("--format", choices=FORMATS, default="plugin")
    p.add_argument("--name", help="plugin / marketplace name (default: the first folder's)")
    p.add_argument("--version", dest="plugin_version", default="1.0.0", metavar="SEMVER")
    p.add_argument("--description", default="")
    p.add_argument("--author", default="", help="author name (plugin.json author.name)")
    p.add_argument("--email", default="", help="author email")
    p.add_argument("--license", choices=LICENSES, default="MIT")
    p.add_argument("--keywords", default="", help="comma-separated")
    p.add_argument("--force", action="store_true", help="overwrite files that exist")
    p.add_argument("--out", required=True, metavar="DEST", help="folder, or file for zip/json")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p = sub.add_parser("import", help="import agents from a zip, plugin or marketplace")
    p.add_argument("bundle", metavar="BUNDLE")
    p.add_argument("--into", required=True, metavar="DIR", help="the agents folder to fill")
    p.add_argument("--on-clash", choices=CLASH_CHOICES, default="rename")
    p.add_argument("--agents", default="", help="comma-separated names (default: all)")


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from .core.bundle import exporter as be
    from .core.convert import slug

    files = _files(args.paths)
    if files is None:
        return Exit.USAGE
    first = Path(args.paths[0]).resolve()
    name = args.name or slug(first.name if first.is_dir() else first.parent.name) or "agents"
    options = be.ExportOptions(
        format=args.format,
        name=name,
        version=args.plugin_version,
        description=args.description,
        author=args.author,
        email=args.email,
        license=args.license,
        keywords=[k.strip() for k in args.keywords.split(",") if k.strip()],
    )
    plan = be.plan_export(files, options, args.out)
    for entry in plan.report:
        print(f"{entry}", file=out)
    for item in plan.left_out:
        _err(f"{args.out}: warning: {item}")
    for problem in plan.problems:
        _err(f"{args.out}: {problem.severity}: {problem}")
    if plan.errors:
        return Exit.FINDINGS
    try:
        be.write_export(plan, overwrite=args.force)
    except BrokenPipeError:
        raise
    except OSError as exc:  # the one file a zip or json export writes: name it, not a temp
        _err(failure(exc, args.out if args.format in be.FILE_FORMATS else None))
        return Exit.USAGE
    except be.ExportError as exc:
        if disk := _disk_failure(exc):  # the disk, not the input: an I/O error
            _err(failure(disk, within=args.out))
            return Exit.USAGE
        _err(f"error: {exc}{'' if args.force else ' (use --force to overwrite)'}")
        return Exit.FINDINGS
    print(f"{args.out}: wrote {len(plan.files)} files ({args.format})", file=out)
    return Exit.OK


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from .core.bundle import importer as bi
    from .core.bundle.zipsafe import BundleError

    if not Path(args.bundle).exists():
        _err(f"error: {args.bundle}: no such file or folder")
        return Exit.USAGE
    wanted = [a.strip() for a in args.agents.split(",") if a.strip()] or None
    try:
        bundle = bi.open_bundle(args.bundle)
        plan = bi.plan_import(bi.select(bundle, wanted), args.into, args.on_clash)
        bi.apply_import(plan, args.into)
    except BundleError as exc:
        if disk := _disk_failure(exc):  # the disk, not the input: an I/O error
            _err(failure(disk, within=args.into))
            return Exit.USAGE
        _err(f"error: {exc}")  # the bundle is refused
        return Exit.FINDINGS
    for note in bundle.notes:
        print(f"note: {note}", file=out)
    for p in plan:
        where = "skipped (name taken)" if p.action == "skip" else str(Path(args.into, p.dest))
        how = f" ({p.action})" if p.action in ("rename", "replace") else ""
        print(f"{p.agent.key}: {where}{how}", file=out)
        for entry in p.report:
            print(f"  {entry}", file=out)
    return Exit.OK


def _disk_failure(exc: Exception) -> OSError | None:
    """The disk error behind a failed export or import (an I/O error, exit 2), or None when
    it was refused for what it was given (exit 1)."""
    from .core.bundle.staging import DiskError

    return exc.__cause__ if isinstance(exc.__cause__, DiskError) else None
