"""``agentquill inventory``: what Claude Code would register from a project, a user folder
or a plugin, read from the files alone (no Claude Code needed)."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any, TextIO

from ..core import inventory
from .common import Exit, err, failure

#: a name longer than this is cut in the table (256 characters fit a name; not a screen)
_NAME_WIDTH = 40


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("inventory", help="what Claude Code registers from a folder or plugin")
    p.add_argument("--json", action="store_true", help="one JSON list on stdout")
    p.add_argument(
        "--layout",
        choices=inventory.LAYOUTS,
        help="project (DIR/.claude/...), user (DIR as ~/.claude) or plugin (DIR or a zip); "
        "detected when not given",
    )
    p.add_argument("dir", metavar="DIR")


def cmd_inventory(args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.dir)
    if not path.exists():
        err(f"error: {args.dir}: no such file or folder")
        return Exit.USAGE
    layout = args.layout or inventory.detect_layout(path)
    try:
        entries = inventory.inventory(path, layout)
    except ValueError as exc:
        err(f"error: {exc}")
        return Exit.USAGE
    except OSError as exc:
        err(failure(exc, args.dir))
        return Exit.USAGE
    top, given = os.path.abspath(path), args.dir.rstrip("/\\") or args.dir
    rows = [{**e.as_dict(), "file": given + os.path.abspath(e.file)[len(top) :]} for e in entries]
    if args.json:
        json.dump(rows, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        _table(rows, layout, out)
    return Exit.OK


def _table(rows: list[dict[str, Any]], layout: str, out: TextIO) -> None:
    """One line a file: kind, name, registered or skipped, file, and the reason."""
    names = [_cut(r["name"]) or "-" for r in rows]
    width = max(map(len, names), default=0)
    for row, name in zip(rows, names, strict=True):
        status = "registered" if row["registered"] else "skipped"
        reason = f"  ({row['reason']})" if row["reason"] else ""
        print(f"{row['kind']:<8} {name:<{width}}  {status:<10}  {row['file']}{reason}", file=out)
    counts = ", ".join(
        _count(sum(r["registered"] for r in rows if r["kind"] == k), k) for k in inventory.KINDS
    )
    skipped = _count(sum(not r["registered"] for r in rows), "file")
    print(f"{layout} layout: {counts} registered; {skipped} skipped", file=out)


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _cut(name: str) -> str:
    return name if len(name) <= _NAME_WIDTH else name[: _NAME_WIDTH - 1] + "…"
