"""Trying an agent: the arguments of a run of it, and the scratch copy of a project it runs in.

A try runs ``claude -p PROMPT --agents JSON --agent NAME``, never with ``bypassPermissions``: in
a scratch copy of the project (a temporary folder, removed after the run) with the permission
mode ``acceptEdits``, so the agent's edits land in the copy — the working folder, the only place
that mode writes without asking — and commands still ask, which ``-p`` answers no; or in the
project itself in mode ``default`` with only the tools that read (``--tools``, which Claude Code
2.1.332 intersects with the agent's own ``tools``; ``--allowedTools`` would only spare prompts and
take nothing away), none of the project's MCP servers and none of its hooks (:data:`LEFT_ALONE`):
they would run commands in the project whatever the tools.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..words import plural
from .run import arguments

#: the tools of a run in the project itself: they read and change nothing
READ_ONLY_TOOLS = ("Read", "Glob", "Grep")
#: a run in the project itself starts none of its MCP servers and runs none of its hooks
LEFT_ALONE = ("--strict-mcp-config", "--settings", '{"disableAllHooks": true}')
#: folders a scratch copy leaves out: history, dependencies and caches, not the project's text
SKIPPED = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox"}
    | {".mypy_cache", ".pytest_cache", ".ruff_cache"}
)
FILE_CAP = 1_000_000  # bytes: a bigger file is left out of a scratch copy
TOTAL_CAP = 50_000_000  # bytes: a scratch copy stops growing here
SNIFF = 8192  # bytes read to tell a binary file (a NUL among them)


def try_arguments(prompt: str, agents: str, name: str, read_only: bool) -> list[str]:
    """The arguments that run agent ``name`` of ``agents`` (``--agents`` JSON) on ``prompt``."""
    if read_only:
        extra = [*LEFT_ALONE, "--permission-mode", "default", "--tools", ",".join(READ_ONLY_TOOLS)]
    else:
        extra = ["--permission-mode", "acceptEdits"]
    return arguments(prompt, agents=agents, agent=name, extra=extra)


@dataclass(frozen=True)
class Copied:
    """A scratch copy: ``folder`` to run in, what it holds and what was left out."""

    folder: Path
    files: int = 0
    size: int = 0
    left_out: int = 0  # big, binary, linked or unreadable files, and the one past the cap
    full: bool = False  # the copy reached TOTAL_CAP

    @property
    def summary(self) -> str:
        """``A scratch copy of 12 files (3.4 MB); 2 big, binary or linked files left out``.."""
        size = (
            f"{self.size / 1e6:.1f} MB" if self.size >= 100_000 else f"{-(-self.size // 1000)} KB"
        )
        said = f"A scratch copy of {plural(self.files, 'file')} ({size})"
        if self.left_out:
            said += f"; {plural(self.left_out, 'big, binary or linked file')} left out"
        if self.full:
            said += f"; it stopped at its cap of {TOTAL_CAP // 1_000_000} MB"
        return said

    def remove(self) -> None:
        """Delete the copy and the temporary folder holding it."""
        shutil.rmtree(self.folder.parent, ignore_errors=True)


def _binary(path: Path) -> bool:
    with path.open("rb") as file:
        return b"\0" in file.read(SNIFF)


def _files(project: Path) -> Iterator[Path]:
    """The files of ``project`` a copy may hold, folder by folder, in order."""
    for top, dirs, names in os.walk(project):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not Path(top, d).is_symlink())
        yield from (Path(top, name) for name in sorted(names))


def scratch_copy(project: Path | None) -> Copied:
    """A temporary copy of ``project`` (an empty folder for None) without its history,
    dependencies, caches, links, big or binary files, and no bigger than TOTAL_CAP."""
    name = project.name if project is not None else "scratch"
    folder = Path(tempfile.mkdtemp(prefix="agentquill-try-")) / name
    folder.mkdir()
    files = size = left_out = 0
    for source in _files(project) if project is not None else ():
        try:
            bytes_ = source.lstat().st_size
            if source.is_symlink() or bytes_ > FILE_CAP or _binary(source):
                left_out += 1
                continue
            if size + bytes_ > TOTAL_CAP:
                return Copied(folder, files, size, left_out + 1, full=True)
            target = folder / source.relative_to(project)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        except OSError:
            left_out += 1
            continue
        files, size = files + 1, size + bytes_
    return Copied(folder, files, size, left_out)
