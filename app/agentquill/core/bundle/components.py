"""What a plugin carries besides agents: skills, commands and output styles.

Claude Code loads them from a plugin's ``skills/<name>/SKILL.md`` (the whole folder: a skill's
scripts and references go with it), ``commands/**/*.md`` and ``output-styles/*.md``, and from a
project's ``.claude/`` folders of the same names. A file's kind follows from where it lies, so a
bundle and a project are read the same way.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..project import discover

SKILL, COMMAND, OUTPUT_STYLE = "skill", "command", "output-style"
#: the folder each kind lies in, in a plugin and under a project's .claude/
FOLDERS = {SKILL: "skills", COMMAND: "commands", OUTPUT_STYLE: "output-styles"}
_SKIPPED_DIRS = frozenset({".git", "node_modules", ".venv", "__pycache__"})


def kind_of(path: str | Path | PurePosixPath) -> str | None:
    """The kind of component the file at ``path`` is, or None (an agent, or nothing)."""
    parts = PurePosixPath(Path(path).as_posix()).parts
    if len(parts) >= 3 and parts[-1] == "SKILL.md" and parts[-3] == FOLDERS[SKILL]:
        return SKILL
    if parts[-1].endswith(".md") and FOLDERS[COMMAND] in parts[-3:-1]:  # one sub-folder at most
        return COMMAND
    if len(parts) >= 2 and parts[-1].endswith(".md") and parts[-2] == FOLDERS[OUTPUT_STYLE]:
        return OUTPUT_STYLE
    return None


def find(folder: Path) -> list[Path]:
    """The skills (their SKILL.md), commands and output styles in ``folder``, sorted: those
    the project's discovery finds where Claude Code reads them (under ``.claude/``, in a
    plugin), and that a plugin can carry."""
    found = []
    for source, paths in discover(folder):
        if source.kind in FOLDERS:
            found.extend(p for p in paths if kind_of(p) == source.kind)
    return sorted(found)


def _files(folder: Path):
    """The regular files under ``folder``, sorted, not through links nor into tool folders."""
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        if entry.is_symlink():
            continue
        if entry.is_dir():
            if entry.name not in _SKIPPED_DIRS:
                yield from _files(entry)
        elif entry.is_file():
            yield entry


def place(path: Path) -> str:
    """Where the component at ``path`` goes in a plugin: ``skills/<folder>``,
    ``commands/<path below commands/>`` or ``output-styles/<file>``."""
    kind = kind_of(path)
    if kind == SKILL:
        return f"{FOLDERS[SKILL]}/{path.parent.name}"
    if kind == COMMAND:
        below = path.parts[-2:] if path.parts[-3] == FOLDERS[COMMAND] else path.parts[-1:]
        return "/".join((FOLDERS[COMMAND], *below))
    return f"{FOLDERS[OUTPUT_STYLE]}/{path.name}"


def files(path: Path) -> dict[str, bytes]:
    """The files the component at ``path`` brings into a plugin (OSError when unreadable):
    a skill's whole folder (links left out: they may point anywhere), else the file."""
    where = place(path)
    if kind_of(path) != SKILL:
        return {where: path.read_bytes()}
    out = {}
    for item in _files(path.parent):
        out[f"{where}/{item.relative_to(path.parent).as_posix()}"] = item.read_bytes()
    return out
