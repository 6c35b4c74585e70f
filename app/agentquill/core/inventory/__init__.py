"""What Claude Code registers from a project, a user folder (``~/.claude``) or a plugin: every
agent, skill and command, the name it is listed under, which file wins a shared name, and why
a file is skipped. A prediction from the files alone; :mod:`.rules` says what each rule rests
on (behaviour seen with Claude Code 2.1.332).

The face: :func:`inventory` (every file), :func:`registered` (what registers), :func:`combined`
(several places loaded together), :func:`path_name` (one file's name from its path; it lives
in the lighter :mod:`..path_names`), :class:`Entry`, :func:`detect_layout`, :data:`LAYOUTS`,
:data:`KINDS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..path_names import KIND_DIRS, path_name
from . import rules
from .rules import Entry
from .sources import LAYOUTS, detect_layout, open_root

KINDS = tuple(KIND_DIRS)
#: Claude Code's precedence when one name is registered in several places (CCDOCS
#: sub-agents "Choose the subagent scope"; project over user seen with Claude Code 2.1.332; a
#: plugin's names carry its prefix, so they meet only another copy of the same plugin)
_PRECEDENCE = {"project": 0, "user": 1, "plugin": 2}
_READ = {"agent": lambda *a: [rules.agent(*a)], "skill": rules.skill, "command": rules.command}


def inventory(path: Path | str, layout: str | None = None) -> list[Entry]:
    """Every agent, skill and command file at ``path`` (a folder, or a plugin zip) laid out
    as ``layout`` (detected when None), registered or not, agents first, then skills and
    commands, each in path order. Raises OSError or ValueError for a path it cannot read."""
    return combined([(Path(path), layout)])


def registered(path: Path | str, layout: str | None = None) -> list[Entry]:
    """The entries of :func:`inventory` that Claude Code registers."""
    return [e for e in inventory(path, layout) if e.registered]


def combined(places: Iterable[tuple[Path, str | None]]) -> list[Entry]:
    """:func:`inventory` of several places loaded together (a project with the user's folder
    and plugins), a name shared across them going to the place of highest precedence."""
    found: list[Entry] = []
    for path, layout in places:
        root = open_root(path, layout or detect_layout(path))
        prefix = f"{root.plugin}:" if root.plugin else ""
        for kind, sources in root.files.items():
            for source in sources:
                entries = _READ[kind](source, root.layout, prefix)
                found += rules.unloaded(entries, root.failure) if root.failure else entries
        for kind, sources in root.replaced.items():
            found += [rules.replaced(kind, source) for source in sources]
    return _settle(found)


def _settle(found: list[Entry]) -> list[Entry]:
    """Each registered name kept by one file: the place of highest precedence (a project's
    agent over the user's, seen with claude-load 2.1.332 by the model the winner sets), a
    skill's folder over a command file (the docs; a project's ``commands/t06.md`` is not
    listed beside a hidden ``skills/t06``), then the last file in path order (seen the same
    way: of ``a.md`` and ``b.md`` naming one agent, ``b.md`` wins; of ``a-b.md`` and
    ``a/x.md``, ``a/x.md``; in a plugin too; and of two plugins of one name, the one given
    last)."""

    def rank(i: int) -> tuple[int, bool, int]:
        e = found[i]
        return _PRECEDENCE[e.scope], not e.file.endswith("SKILL.md"), -i

    winner: dict[tuple[str, str], int] = {}
    beaten: dict[int, list[str]] = {}
    settled = list(found)
    for i in sorted(range(len(found)), key=rank):
        entry = found[i]
        if entry.keeps:
            winner.setdefault((entry.keeps, entry.name), i)
        if not entry.registered:
            continue
        first = winner.setdefault((entry.kind, entry.name), i)
        if first != i:
            settled[i] = rules.lost(entry, found[first])
            beaten.setdefault(first, []).append(entry.file)
    for i, files in beaten.items():
        settled[i] = rules.won(found[i], files)
    return settled


__all__ = [
    "KINDS",
    "LAYOUTS",
    "Entry",
    "combined",
    "detect_layout",
    "inventory",
    "path_name",
    "registered",
]
