"""Where Claude Code looks for agents, skills and commands in a folder or a plugin zip, and
which layout a folder has.

A zip is read in place (no unpacking): each file is a :class:`Source` whose bytes come on
demand, named ``ARCHIVE.zip/agents/x.md`` so a report points into the archive.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

LAYOUTS = ("project", "user", "plugin")
KIND_DIRS = {"agent": "agents", "skill": "skills", "command": "commands"}


@dataclass(frozen=True)
class Source:
    """One file under a kind's folder: its path relative to that folder (``sub/x.md``), the
    path a report shows, and its bytes when asked."""

    rel: PurePosixPath
    shown: Path
    read: Callable[[], bytes]


@dataclass(frozen=True)
class Root:
    """The folder (or zip) holding ``agents/``, ``skills/``, ``commands/`` for a layout."""

    layout: str
    files: dict[str, list[Source]]  # kind → its files, in :func:`_order`
    plugin: str | None = None  # the plugin's name, which prefixes what it registers


def detect_layout(path: Path) -> str:
    """``plugin`` for a zip or a folder with ``.claude-plugin/``; ``project`` for a folder
    with ``.claude/``; ``user`` for a folder named ``.claude`` (as ``~/.claude``); otherwise
    a folder holding ``agents/``, ``skills/`` or ``commands/`` is a plugin (Claude Code
    auto-discovers a plugin without a manifest) and anything else a project."""
    if path.is_file() or (path / ".claude-plugin").is_dir():
        return "plugin"
    if (path / ".claude").is_dir():
        return "project"
    if path.name == ".claude":
        return "user"
    if any((path / d).is_dir() for d in KIND_DIRS.values()):
        return "plugin"
    return "project"


def open_root(path: Path, layout: str) -> Root:
    """The files of each kind at ``path`` laid out as ``layout``. Raises OSError for a path
    that is missing or not a folder or zip, and ValueError for a broken zip."""
    if path.is_file():
        if layout != "plugin":
            raise NotADirectoryError(20, f"the {layout} layout needs a folder", str(path))
        return _zip_root(path)
    if not path.is_dir():
        raise FileNotFoundError(2, "no such file or folder", str(path))
    base = path / ".claude" if layout == "project" else path
    files = {kind: sorted(_walk(base / d), key=_order) for kind, d in KIND_DIRS.items()}
    plugin = _plugin_name(_read_manifest(path), path.name) if layout == "plugin" else None
    return Root(layout, files, plugin)


def _order(source: Source) -> str:
    """Claude Code's order: by the whole relative path, character by character (``a-b.md``
    before ``a/x.md``), which decides who wins a shared name."""
    return source.rel.as_posix()


def _walk(folder: Path) -> Iterator[Source]:
    """Every file under ``folder``, hidden ones too (Claude Code loads ``.x.md``; seen with
    claude-load 2.1.332); symlinked folders are not followed, so a loop cannot trap us."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in filenames:
            full = Path(dirpath, name)
            rel = PurePosixPath(full.relative_to(folder).as_posix())
            yield Source(rel, full, full.read_bytes)


def _zip_root(path: Path) -> Root:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise ValueError(f"{path}: not a zip archive ({exc})") from None
    names = [n for n in archive.namelist() if not n.endswith("/")]
    top = _zip_top(names)
    files: dict[str, list[Source]] = {kind: [] for kind in KIND_DIRS}
    manifest = None
    for name in names:
        inner = PurePosixPath(name[len(top) :])
        if inner.as_posix() == ".claude-plugin/plugin.json":
            manifest = _parse_json(archive.read(name))
        for kind, folder in KIND_DIRS.items():
            if inner.parts[:1] == (folder,) and len(inner.parts) > 1:
                rel = PurePosixPath(*inner.parts[1:])
                files[kind].append(Source(rel, path / name, _reader(archive, name)))
    for kind in files:
        files[kind].sort(key=_order)
    return Root("plugin", files, _plugin_name(manifest, path.stem))


def _zip_top(names: list[str]) -> str:
    """The one folder every entry lies in (``my-plugin/``), or "" when the plugin's files lie
    at the archive's root."""
    tops = {n.split("/", 1)[0] + "/" for n in names}
    return tops.pop() if len(tops) == 1 and all("/" in n for n in names) else ""


def _reader(archive: zipfile.ZipFile, name: str) -> Callable[[], bytes]:
    return lambda: archive.read(name)


def _read_manifest(folder: Path) -> object:
    try:
        return _parse_json((folder / ".claude-plugin" / "plugin.json").read_bytes())
    except OSError:
        return None


def _parse_json(data: bytes) -> object:
    try:
        return json.loads(data)
    except ValueError:
        return None


def _plugin_name(manifest: object, fallback: str) -> str:
    """The manifest's ``name``, else the folder's (or zip's) name, as Claude Code names a
    plugin without a manifest (FORMATS.md §2.2)."""
    name = manifest.get("name") if isinstance(manifest, dict) else None
    return name if isinstance(name, str) and name else fallback
