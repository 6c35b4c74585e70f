"""Where Claude Code looks for agents, skills and commands in a project, a user folder or a
plugin (a folder or a zip), and which layout a folder has.

A plugin's manifest may name other places for its components, and a manifest Claude Code
refuses keeps the whole plugin from loading; both were seen with ``claude-load`` 2.1.332 (see
:func:`_components`). A zip is read in place: each file is a :class:`Source` whose bytes
come on demand, shown as ``ARCHIVE.zip/agents/x.md``.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..path_names import KIND_DIRS

LAYOUTS = ("project", "user", "plugin")
_MANIFEST = ".claude-plugin/plugin.json"


@dataclass(frozen=True)
class Source:
    """One file Claude Code reads for a kind: its path relative to the folder it was found in
    (``sub/x.md``; that path makes a plugin agent's or a command's name), the path a report
    shows, and its bytes when asked."""

    rel: PurePosixPath
    shown: Path
    read: Callable[[], bytes]


@dataclass
class Root:
    """What one place offers Claude Code, kind by kind."""

    layout: str
    files: dict[str, list[Source]]  # kind → the files Claude Code reads, in :func:`_order`
    plugin: str | None = None  # the plugin's name, which prefixes what it registers
    #: kind → files in a default folder that the manifest's own list replaces
    replaced: dict[str, list[Source]] = field(default_factory=dict)
    #: why the plugin does not load at all ("" when it does)
    failure: str = ""


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
        return _plugin(_Zip(path), path.stem)
    if not path.is_dir():
        raise FileNotFoundError(2, "no such file or folder", str(path))
    if layout == "plugin":
        return _plugin(_Folder(path), path.name)
    tree = _Folder(path / ".claude" if layout == "project" else path)
    return Root(layout, {kind: tree.walk(d) for kind, d in KIND_DIRS.items()})


def _order(source: Source) -> str:
    """Claude Code's order: by the whole relative path, character by character (``a-b.md``
    before ``a/x.md``), which decides who wins a shared name."""
    return source.rel.as_posix()


class _Folder:
    """A plugin, project or user folder on disk."""

    def __init__(self, root: Path):
        self.root = root

    def walk(self, rel: str) -> list[Source]:
        """Every file under ``rel``, hidden ones too (Claude Code loads ``.x.md``); symlinked
        folders are not followed, so a loop cannot trap us."""
        top = self.root / rel
        found = []
        for dirpath, _, filenames in os.walk(top):
            for name in filenames:
                full = Path(dirpath, name)
                found.append(
                    Source(PurePosixPath(full.relative_to(top).as_posix()), full, full.read_bytes)
                )
        return sorted(found, key=_order)

    def is_file(self, rel: str) -> bool:
        return (self.root / rel).is_file()

    def is_dir(self, rel: str) -> bool:
        return (self.root / rel).is_dir()

    def file(self, rel: str) -> Source:
        full = self.root / rel
        return Source(PurePosixPath(full.name), full, full.read_bytes)

    def manifest(self) -> bytes | None:
        try:
            return (self.root / _MANIFEST).read_bytes()
        except OSError:
            return None


class _Zip:
    """A plugin packed in a zip, its files at the archive's root or in one top folder."""

    def __init__(self, path: Path):
        try:
            self.archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise ValueError(f"{path}: not a zip archive ({exc})") from None
        self.path = path
        names = [n for n in self.archive.namelist() if not n.endswith("/")]
        tops = {n.split("/", 1)[0] + "/" for n in names}
        top = tops.pop() if len(tops) == 1 and all("/" in n for n in names) else ""
        self.names = {n[len(top) :]: n for n in names}

    def walk(self, rel: str) -> list[Source]:
        prefix = rel.rstrip("/") + "/"
        found = [
            Source(PurePosixPath(inner[len(prefix) :]), self.path / name, self._reader(name))
            for inner, name in self.names.items()
            if inner.startswith(prefix)
        ]
        return sorted(found, key=_order)

    def is_file(self, rel: str) -> bool:
        return rel in self.names

    def is_dir(self, rel: str) -> bool:
        prefix = rel.rstrip("/") + "/"
        return any(inner.startswith(prefix) for inner in self.names)

    def file(self, rel: str) -> Source:
        name = self.names[rel]
        return Source(PurePosixPath(PurePosixPath(rel).name), self.path / name, self._reader(name))

    def manifest(self) -> bytes | None:
        name = self.names.get(_MANIFEST)
        return None if name is None else self.archive.read(name)

    def _reader(self, name: str) -> Callable[[], bytes]:
        return lambda: self.archive.read(name)


def _plugin(tree: _Folder | _Zip, fallback: str) -> Root:
    """A plugin's files: its default folders, or what its manifest lists instead."""
    defaults = {kind: tree.walk(d) for kind, d in KIND_DIRS.items()}
    data = tree.manifest()
    if data is None:  # no manifest: named after its folder (FORMATS.md §2.2)
        return Root("plugin", defaults, fallback)
    try:
        manifest = json.loads(data)
    except ValueError:
        manifest = None
    if not isinstance(manifest, dict):
        return Root("plugin", defaults, fallback, failure=f"its {_MANIFEST} is not a JSON object")
    name = manifest.get("name")
    if not isinstance(name, str) or not name or any(c.isspace() for c in name):
        why = f"its {_MANIFEST} has no name, or one with spaces"
        return Root("plugin", defaults, fallback, failure=why)
    try:
        files, replaced = _components(tree, manifest, defaults)
    except ValueError as exc:
        return Root("plugin", defaults, name, failure=str(exc))
    return Root("plugin", files, name, replaced)


def _components(
    tree: _Folder | _Zip, manifest: dict, defaults: dict[str, list[Source]]
) -> tuple[dict[str, list[Source]], dict[str, list[Source]]]:
    """The files of each kind as the manifest's ``agents``, ``commands`` and ``skills`` (a
    path or a list of paths) place them, and the default files they replace.

    Seen with claude-load 2.1.332: ``agents`` lists files (named by their ``name``, with no
    folder in it; a missing one is skipped) and replaces ``agents/``, even when empty; a
    folder in it keeps the plugin from loading. ``commands`` lists files or folders and
    replaces ``commands/``. ``skills`` lists skill folders or folders of them and adds to
    ``skills/``. A path must start with ``./`` and stay inside the plugin, or the plugin does
    not load.
    """
    files, replaced = dict(defaults), {}
    for kind in KIND_DIRS:
        listed = manifest.get(KIND_DIRS[kind])
        if listed is None:
            continue
        paths = [listed] if isinstance(listed, str) else listed
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise ValueError(f"its manifest's {KIND_DIRS[kind]} is not a path or a list of them")
        found = []
        for path in paths:
            rel = _inside(path)
            if kind == "agent" and tree.is_dir(rel):
                raise ValueError(f"its manifest's agents names a folder, {path}")
            if tree.is_file(rel):
                found.append(tree.file(rel))
            elif kind == "skill" and tree.is_file(f"{rel}/SKILL.md"):
                skill = PurePosixPath(rel).name
                found += [_under(s, skill) for s in tree.walk(rel)]
            elif tree.is_dir(rel):
                found += tree.walk(rel)
        if kind == "skill":
            files[kind] = defaults[kind] + found
        else:
            files[kind], replaced[kind] = found, defaults[kind]
    return files, replaced


def _inside(path: str) -> str:
    """``path`` relative to the plugin's root; ValueError when Claude Code refuses it."""
    rel = PurePosixPath(path[2:])
    if not path.startswith("./") or ".." in rel.parts:
        raise ValueError(f"its manifest names {path}, which does not start with ./ or leaves it")
    return rel.as_posix()


def _under(source: Source, folder: str) -> Source:
    return Source(PurePosixPath(folder) / source.rel, source.shown, source.read)
