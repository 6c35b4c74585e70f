"""The commands that move agents between places: export and import."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from ..core.words import plural
from .common import Exit, err, failure, walked_paths


def add_parsers(sub: Any) -> None:
    from ..core.bundle.exporter import FORMATS, LICENSES
    from ..core.bundle.importer import CLASH_CHOICES

    p = sub.add_parser("export", help="export agents as a plugin, zip, marketplace or dialect")
    p.add_argument("--format", choices=FORMATS, default="plugin")
    p.add_argument("--name", help="plugin / marketplace name (default: the project folder's)")
    p.add_argument("--version", dest="plugin_version", default="1.0.0", metavar="SEMVER")
    p.add_argument("--description", default="")
    p.add_argument("--author", default="", help="author name (plugin.json author.name)")
    p.add_argument("--email", default="", help="author email")
    p.add_argument("--author-url", default="", metavar="URL", help="author web page")
    p.add_argument(
        "--license",
        default="keep",
        metavar="SPDX",
        help="keep: copy the project's LICENSE file, if it has one (default); none: no licence; "
        f"an SPDX id: named in plugin.json, with a new LICENSE for {', '.join(LICENSES[2:])}",
    )
    p.add_argument(
        "--icon",
        default="",
        metavar="PNG|generate",
        help="a square PNG or JPEG, 512 to 2048 px, under 2 MB; generate: draw a monogram",
    )
    p.add_argument(
        "--marketplace",
        default="",
        metavar="OWNER/REPO",
        help="the repository of the marketplace that lists it (for the README's install line)",
    )
    p.add_argument(
        "--repair",
        action="store_true",
        help="repair the exported copy of agents Claude Code cannot load (the source is kept)",
    )
    p.add_argument("--keywords", default="", help="comma-separated")
    p.add_argument("--force", action="store_true", help="overwrite files that exist")
    p.add_argument("--out", required=True, metavar="DEST", help="folder, or file for zip/json")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p = sub.add_parser("import", help="import agents from a zip, plugin or marketplace")
    p.add_argument("bundle", metavar="BUNDLE")
    p.add_argument(
        "--into",
        required=True,
        metavar="DIR",
        help="the agents folder to fill; a plugin's skills, commands and output styles go "
        "beside a .claude/agents folder in its .claude/, else inside DIR (DIR/skills/…): "
        "nothing is written outside DIR",
    )
    p.add_argument(
        "--on-clash",
        choices=CLASH_CHOICES,
        default="rename",
        help="when a name is taken, for agents and components alike: rename (NAME-2; a skill's "
        "folder and name), replace, or skip (default: rename)",
    )
    p.add_argument("--agents", default="", help="comma-separated names (default: all)")


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from ..core.bundle import components
    from ..core.bundle import exporter as be

    files = walked_paths(args.paths)
    if files is None:
        return Exit.USAGE
    files = list(dict.fromkeys(files + [f for p in args.paths for f in components.find(Path(p))]))
    project = be.project_of(Path(p).resolve() for p in args.paths)
    options = be.ExportOptions(
        format=args.format,
        name=args.name or be.default_name(project, [Path(p).resolve() for p in args.paths]),
        version=args.plugin_version,
        description=args.description,
        author=args.author,
        email=args.email,
        author_url=args.author_url,
        license=args.license,
        icon=args.icon,
        marketplace=args.marketplace,
        keywords=[k.strip() for k in args.keywords.split(",") if k.strip()],
        project=project,
        repair=frozenset(Path(f) for f in files) if args.repair else frozenset(),
    )
    plan = be.plan_export(files, options, args.out)
    for entry in plan.report:
        print(f"{entry}", file=out)
    for item in plan.left_out:
        err(f"{args.out}: warning: {item}")
    for item in plan.attention:
        repaired = item.repairable and item.path in options.repair
        hint = " (repaired in the export)" if repaired else " (--repair fixes it)" * item.repairable
        err(f"{args.out}: warning: {item}{hint}")
    for problem in plan.problems:
        err(f"{args.out}: {problem.severity}: {problem}")
    if plan.errors:
        return Exit.FINDINGS
    try:
        be.write_export(plan, overwrite=args.force)
    except BrokenPipeError:
        raise
    except OSError as exc:  # the one file a zip or json export writes: name it, not a temp
        err(failure(exc, args.out if args.format in be.FILE_FORMATS else None))
        return Exit.USAGE
    except be.ExportError as exc:
        if disk := _disk_failure(exc):  # the disk, not the input: an I/O error
            err(failure(disk, within=args.out))
            return Exit.USAGE
        err(f"error: {exc}{'' if args.force else ' (use --force to overwrite)'}")
        return Exit.FINDINGS
    print(f"{args.out}: wrote {plural(len(plan.files), 'file')} ({args.format})", file=out)
    return Exit.OK


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from ..core.bundle import importer as bi
    from ..core.bundle.zipsafe import BundleError

    if not Path(args.bundle).exists():
        err(f"error: {args.bundle}: no such file or folder")
        return Exit.USAGE
    wanted = [a.strip() for a in args.agents.split(",") if a.strip()] or None
    try:
        bundle = bi.open_bundle(args.bundle)
        plan = bi.plan_import(bi.select(bundle, wanted), args.into, args.on_clash)
        extra = bi.plan_components(bi.select_components(bundle, wanted), args.into, args.on_clash)
        bi.apply_import(plan, args.into, extra)
    except BundleError as exc:
        if disk := _disk_failure(exc):  # the disk, not the input: an I/O error
            err(failure(disk, within=args.into))
            return Exit.USAGE
        err(f"error: {exc}")  # the bundle is refused
        return Exit.FINDINGS
    for note in bundle.notes:
        print(f"note: {note}", file=out)
    for p in plan:
        where = "skipped (name taken)" if p.action == "skip" else str(Path(args.into, p.dest))
        how = f" ({p.action})" if p.action in ("rename", "replace") else ""
        print(f"{p.agent.key}: {where}{how}", file=out)
        for entry in p.report:
            print(f"  {entry}", file=out)
    for placed in extra:
        shown = bi.home(Path(args.into)) / placed.where
        if placed.action == "skip":
            shown = f"skipped ({shown} exists)"
        how = f" ({placed.action})" if placed.action in ("rename", "replace") else ""
        print(f"{placed.component.key}: {shown}{how}", file=out)
    if all(p.action == "skip" for p in [*plan, *extra]):
        print(f"{args.into}: nothing imported: every name is already taken", file=out)
    return Exit.OK


def _disk_failure(exc: Exception) -> OSError | None:
    """The disk error behind a failed export or import (an I/O error, exit 2), or None when
    it was refused for what it was given (exit 1)."""
    from ..core.bundle.staging import DiskError

    return exc.__cause__ if isinstance(exc.__cause__, DiskError) else None
