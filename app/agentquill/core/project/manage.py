"""File operations on agent files: create, duplicate, rename (undoably), move.

Each operation refuses rather than overwrite a file, changes only the ``name`` line of a file
it renames or copies (through :func:`agentquill.core.frontmatter.fields.set_value`), and the
description's mentions of the agent when asked to (:mod:`.mentions`), and writes through
:func:`agentquill.core.files.atomic_write`. A refusal raises :class:`ManageError`, whose
message says what and where.
"""

from __future__ import annotations

import itertools
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..files import atomic_write
from ..frontmatter import fields, parse
from ..text import DecodeError, FileText, apply_edits, decode
from .mentions import Mentions, find
from .templates import Template

#: suffixes that belong to the agent's file name as a whole (``x.agent.md`` is agent ``x``)
COMPOUND_SUFFIXES = (".agent.md", ".chatmode.md")


class ManageError(Exception):
    """An operation was refused; nothing on disk changed."""


def split_name(path: Path) -> tuple[str, str]:
    """(stem, suffix) of an agent file: ``("x", ".agent.md")`` for ``x.agent.md``."""
    lower = path.name.lower()
    for suffix in COMPOUND_SUFFIXES:
        if lower.endswith(suffix) and len(path.name) > len(suffix):
            return path.name[: -len(suffix)], path.name[-len(suffix) :]
    return path.stem, path.suffix


def file_name_problem(stem: str) -> str | None:
    """Why ``stem`` cannot be a file name, or None."""
    if not stem.strip():
        return "The name is empty"
    if stem != stem.strip():
        return "The name starts or ends with a space"
    if any(c in stem for c in '/\\\0:*?"<>|'):
        return 'The name contains a character file names cannot hold (/ \\ : * ? " < > |)'
    if stem.startswith("."):
        return "A name starting with '.' makes a hidden file"
    return None


def free_name(folder: Path, base: str, suffix: str, taken: frozenset[str] = frozenset()) -> str:
    """``base``, else ``base-2``, ``base-3`` …: the first with no file in ``folder`` and not in
    ``taken``."""
    numbered = itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2)))
    return next(c for c in numbered if c not in taken and not (folder / f"{c}{suffix}").exists())


def create(path: Path, text: str) -> Path:
    """Write a new file (and its folders) with ``text``; never replaces an existing file."""
    problem = file_name_problem(split_name(path)[0])
    if problem:
        raise ManageError(f"{problem}: {path.name}")
    if path.exists():
        raise ManageError(f"{path} already exists")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, FileText(text).encode())
    except OSError as exc:
        raise ManageError(f"Cannot create {path}: {exc.strerror or exc}") from exc
    return path


def create_from_template(
    template: Template, folder: Path, name: str, description: str = ""
) -> Path:
    """A new agent file from ``template`` in ``folder``, named after the agent."""
    return create(folder / template.file_name(name), template.text(name, description))


def _read(path: Path) -> FileText:
    try:
        return decode(path.read_bytes())
    except OSError as exc:
        raise ManageError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    except DecodeError as exc:
        raise ManageError(f"{path} is {exc}; it was left as it is") from exc


def agent_name(doc: FileText) -> str | None:
    """The ``name`` field's text, or None when the file has none."""
    value = parse(doc.text).value("name")
    return value if isinstance(value, str) else None


def name_of(path: Path) -> str:
    """The agent's name: its ``name`` field, else its file name's stem."""
    return agent_name(_read(path)) or split_name(path)[0]


def _with_name(doc: FileText, name: str, path: Path, mentions: bool = False) -> bytes:
    """The file's bytes with its ``name`` field set to ``name`` (only that line changes), and
    with ``mentions``, the description's mentions of the old name too."""
    old = agent_name(doc)
    edits = []
    try:
        if old is not None:
            edits = fields.set_value(doc.text, "name", name)
    except fields.EditRefused as exc:
        raise ManageError(f"Cannot change the name field of {path}: {exc}") from exc
    found = find(doc.text, old or split_name(path)[0], name) if mentions else None
    if found is not None:
        edits += found.edits
    return FileText(apply_edits(doc.text, edits), doc.bom).encode() if edits else doc.encode()


def mentions_of(path: Path, new_name: str) -> Mentions | None:
    """Where the description of ``path`` names its agent, to become ``new_name``."""
    doc = _read(path)
    return find(doc.text, agent_name(doc) or split_name(path)[0], new_name)


def _sibling_names(folder: Path) -> frozenset[str]:
    """The agent names used by the files in ``folder`` (not its subfolders)."""
    names = set()
    for path in folder.iterdir():
        if path.is_file() and path.suffix == ".md":
            try:
                name = agent_name(decode(path.read_bytes()))
            except (OSError, DecodeError):
                continue
            if name:
                names.add(name)
    return frozenset(names)


def refuse_skill(path: Path) -> None:
    """Raise for a skill's ``SKILL.md``: a skill is its folder (named by it, holding its
    scripts and references), so renaming, copying or moving the file alone would break it."""
    if path.name == "SKILL.md":
        raise ManageError(
            f"A skill is its folder: rename, copy or move {path.parent.name}/ as a whole "
            "in your file manager (the SKILL.md inside stays as it is)"
        )


def duplicate_target(path: Path) -> Path:
    """Where :func:`duplicate` puts the copy of ``path``: a file and agent name still free."""
    refuse_skill(path)
    stem, suffix = split_name(path)
    base = f"{agent_name(_read(path)) or stem}-copy"
    new = free_name(path.parent, base, suffix, _sibling_names(path.parent))
    return path.parent / f"{new}{suffix}"


def duplicate(path: Path, mentions: bool = False) -> Path:
    """A copy of ``path`` beside it, with a new unique file name and ``name`` field (and with
    ``mentions``, the new name where the description names the agent)."""
    target = duplicate_target(path)
    try:
        atomic_write(target, _with_name(_read(path), split_name(target)[0], path, mentions))
    except OSError as exc:
        raise ManageError(f"Cannot write {target}: {exc.strerror or exc}") from exc
    return target


@dataclass(frozen=True)
class Renamed:
    """What :func:`rename` did, enough to undo and redo it."""

    old_path: Path
    new_path: Path
    old_name: str | None  # the name field before (None: the file has none)
    new_name: str
    old_bytes: bytes
    new_bytes: bytes


def rename_target(path: Path, new_name: str) -> Path:
    """Where :func:`rename` puts ``path`` for an agent called ``new_name``."""
    return path.with_name(new_name + split_name(path)[1])


def rename(path: Path, new_name: str, mentions: bool = False) -> Renamed:
    """Give ``path`` the file name and ``name`` field ``new_name`` in one step (with
    ``mentions``, also where its description names the agent)."""
    refuse_skill(path)
    problem = file_name_problem(new_name)
    if problem:
        raise ManageError(f"{problem}: {new_name!r}")
    doc = _read(path)
    old_bytes = doc.encode()
    new_bytes = _with_name(doc, new_name, path, mentions)
    target = rename_target(path, new_name)
    _relocate(path, target, new_bytes)
    return Renamed(path, target, agent_name(doc), new_name, old_bytes, new_bytes)


def undo_rename(done: Renamed) -> None:
    """Put the file back: its old file name and old ``name``. When the file was changed since
    the rename, only the name field is set back and the other changes stay."""
    _restore(done.new_path, done.old_path, done.new_bytes, done.old_bytes, done.old_name)


def redo_rename(done: Renamed) -> None:
    """Rename again after :func:`undo_rename`."""
    _restore(done.old_path, done.new_path, done.old_bytes, done.new_bytes, done.new_name)


def _restore(src: Path, dst: Path, expected: bytes, exact: bytes, name: str | None) -> None:
    data = _read(src).encode()
    if data == expected:
        out = exact
    elif name is not None:
        out = _with_name(decode(data), name, src)
    else:
        out = data
    _relocate(src, dst, out)


def _relocate(src: Path, dst: Path, data: bytes) -> None:
    """Move ``src`` to ``dst`` (refusing to replace another file), then give it ``data``."""
    moving = src != dst
    if moving and dst.exists() and not _same_file(src, dst):
        raise ManageError(f"{dst} already exists")
    try:
        if moving:
            os.rename(src, dst)
    except OSError as exc:
        raise ManageError(f"Cannot rename {src} to {dst.name}: {exc.strerror or exc}") from exc
    try:
        if dst.read_bytes() != data:
            atomic_write(dst, data)
    except OSError as exc:
        if moving:
            os.rename(dst, src)
        raise ManageError(f"Cannot write {dst}: {exc.strerror or exc}") from exc


def _same_file(a: Path, b: Path) -> bool:
    """True for two spellings of one file (a case-only rename on a case-blind disk)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def move(path: Path, folder: Path) -> Path:
    """Move ``path`` into ``folder`` (created when missing), keeping its bytes and name."""
    refuse_skill(path)
    target = folder / path.name
    if target.exists():
        raise ManageError(f"{target} already exists")
    if not path.is_file():
        raise ManageError(f"{path} is not a file")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), str(target))
    except OSError as exc:
        raise ManageError(f"Cannot move {path} to {folder}: {exc.strerror or exc}") from exc
    return target


# --- scopes -----------------------------------------------------------------------------------

#: (folder in a project, folder in the home folder) holding the same tool's agents
SCOPE_PAIRS = (
    (".claude/agents", ".claude/agents"),
    (".github/agents", ".copilot/agents"),
    (".opencode/agents", ".config/opencode/agents"),
    (".opencode/agent", ".config/opencode/agents"),
    (".gemini/agents", ".gemini/agents"),
)


@dataclass(frozen=True)
class Scope:
    """Where an agent file lives: ``user`` (under the home folder) or ``project``."""

    kind: str
    root: Path  # the project root, or the home folder
    pair: tuple[str, str]  # its row of SCOPE_PAIRS


def scope_of(path: Path, home: Path | None = None) -> Scope | None:
    """The scope of an agent file (or folder), or None outside every known agents folder."""
    home = home or Path.home()
    for pair in SCOPE_PAIRS:
        if _inside(path, home / pair[1]):
            return Scope("user", home, pair)
    parts = path.parts
    for i in range(len(parts) - 2, -1, -1):
        for pair in SCOPE_PAIRS:
            if "/".join(parts[i : i + 2]) == pair[0]:
                return Scope("project", Path(*parts[:i]), pair)
    return None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def move_targets(
    path: Path, project: Path | None = None, home: Path | None = None
) -> list[tuple[str, Path]]:
    """(label, folder) for moving an agent to the other scope: a project file to the same
    tool's folder in the home folder; a user file to ``project`` when one is given."""
    home = home or Path.home()
    scope = scope_of(path, home)
    if scope is None:
        return []
    project_dir, user_dir = scope.pair
    if scope.kind == "project":
        return [(f"User · ~/{user_dir}", home / user_dir)]
    if project is not None:
        return [(f"Project · {project.name}/{project_dir}", project / project_dir)]
    return []


def project_root(path: Path, home: Path | None = None) -> Path | None:
    """The project an agent file or folder belongs to, or None (user scope, or unknown)."""
    scope = scope_of(path, home)
    return scope.root if scope is not None and scope.kind == "project" else None


def default_folder(template: Template, project: Path | None, home: Path | None = None) -> Path:
    """Where a new agent from ``template`` goes: its dialect's folder in ``project``, else its
    folder in the home folder (or the home folder itself, for plugin agents)."""
    if project is not None:
        return project / template.folder
    home = home or Path.home()
    return home / template.user_folder if template.user_folder else home
