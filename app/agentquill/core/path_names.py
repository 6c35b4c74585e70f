"""The names Claude Code gives files by where they lie: a skill its folder's, a command its path
below ``commands/``, an output style its stem, an eval file its case's. Light, unlike
:mod:`.inventory` (which uses it): an open file's tab and the lint of one file need only this."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

#: the folder each kind of file is read from, in a project, a user folder or a plugin
KIND_DIRS = {"agent": "agents", "skill": "skills", "command": "commands"}


def path_name(kind: str, path: Path | str) -> str:
    """The name Claude Code gives the file at ``path`` by where it lies, for the kinds named
    so (without a plugin's prefix): a skill its folder's (``skills/deploy/SKILL.md`` →
    ``deploy``, whatever its ``name``), a command its path below ``commands/``
    (``commands/sub/nest.md`` → ``sub:nest``); an output style its stem, which its ``name``
    replaces (FORMATS.md); an eval case's ``prompt.md`` its case folder's, a grader its stem
    (``claude plugin eval``). "" for other kinds or a file outside such a folder."""
    parts = PurePosixPath(Path(path).as_posix()).parts
    if kind == "eval" and len(parts) >= 2:
        return parts[-2] if parts[-1] == "prompt.md" else PurePosixPath(parts[-1]).stem
    if kind == "output-style":
        return PurePosixPath(parts[-1]).stem if parts else ""
    folder = KIND_DIRS.get(kind)
    if kind not in ("skill", "command") or folder not in parts[:-1]:
        return ""
    top = len(parts) - 1 - parts[:-1][::-1].index(folder)
    rel = PurePosixPath(*parts[top:])
    if kind == "skill":
        return rel.parts[0] if len(rel.parts) == 2 else ""
    return command_name(rel)


def command_name(rel: PurePosixPath) -> str:
    """A command's name from its path below ``commands/``: ``grp/sub/x.md`` → ``grp:sub:x``."""
    return ":".join([*rel.parts[:-1], rel.name.removesuffix(".md")])
