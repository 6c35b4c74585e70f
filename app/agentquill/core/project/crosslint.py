"""Lint rules across the files of a project (``AQ4xx``, registered in ``lint.RULES``).

They work on index entries, not texts: which file Claude Code loads when two agents share a
name (FORMATS.md §1.4–1.5: in one ``agents`` tree one of them, in unspecified order; across
nested project folders the closest to the working folder; project over user), fields that
plugin agents ignore, names that differ from their file names, and the context budget
(:mod:`.budget`: all agent descriptions together, each skill's listed text). Skills, commands
and the agents that preload skills are checked in :mod:`.crosskinds`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import budget
from .crosskinds import check_kinds
from .discovery import agent_stem
from .entry import Entry, ProjectProblem
from .entry import problem as _problem

#: cross-file codes that repeat what a per-file rule reports in some dialects (AQ403 = AQ225 for
#: files detected as plugin agents, AQ404 = AQ205 for Claude and Gemini files): a list that
#: shows both kinds for one file drops these when the per-file twin is present (AQ410 = AQ505
#: for a skill read with its path)
PER_FILE_TWIN = {"AQ403": "AQ225", "AQ404": "AQ205", "AQ410": "AQ505"}


def check(entries: Iterable[Entry], listed: budget.Budget | None = None) -> list[ProjectProblem]:
    """Every cross-file finding, sorted by file and line (``listed``: the budget of what
    Claude Code registers, when known)."""
    entries = list(entries)
    out: list[ProjectProblem] = []
    groups: dict[tuple, list[Entry]] = {}
    for e in entries:
        if e.problem:
            out.append(_problem("AQ400", e.problem, e.path, 1))
            continue
        if e.source.kind != "agent":
            continue
        key = _identity(e)
        if key is not None:
            groups.setdefault(key, []).append(e)
        for field, line in e.plugin_ignored if e.source.scope == "plugin" else ():
            out.append(
                _problem(
                    "AQ403",
                    f"Claude Code ignores '{field}' in plugin agents ({e.source.plugin})",
                    e.path,
                    line,
                )
            )
        stem = agent_stem(e.path)
        if e.name_line and e.name != stem:
            out.append(
                _problem(
                    "AQ404",
                    f"The name '{e.name}' differs from the file name '{stem}'",
                    e.path,
                    e.name_line,
                )
            )
    for (scope, *_), same in groups.items():
        if len(same) > 1:
            out += _nested(same) if scope == "project" else _same_tree(same)
    out += _shadowed(groups)
    out += check_kinds(entries)
    out += _over_budget(entries, listed) if listed else []
    out.sort(key=lambda p: (str(p.path), p.line, p.code))
    return out


def _identity(e: Entry) -> tuple | None:
    """What the tool calls the agent, with the scope in which two such names collide."""
    scope = e.source.scope
    named = e.name_line > 0
    if scope in ("project", "user"):  # no name: Claude Code treats the file as documentation
        return (scope, e.name) if named else None
    if scope == "plugin":  # subfolders are part of the id: my-plugin:review:security
        folder = e.path.parent
        sub = (
            folder.relative_to(e.source.root).parts if folder.is_relative_to(e.source.root) else ()
        )
        return (scope, e.source.plugin, *sub, e.name)
    if scope == "copilot":  # deduplicated by file name
        return (scope, e.source.root, agent_stem(e.path))
    if scope == "opencode" and not named:  # the path below the agents folder names it
        return (scope, e.source.root, e.path.relative_to(e.source.root).with_suffix("").as_posix())
    return (scope, e.source.root, e.name) if named else None


def _same_tree(same: list[Entry]) -> list[ProjectProblem]:
    out = []
    for e in same:
        others = tuple(o.path for o in same if o is not e)
        out.append(
            _problem(
                "AQ401",
                f"{len(same)} agents are named '{e.name}' in {e.source.label}: "
                "one of them loads, in no defined order",
                e.path,
                e.name_line or 1,
                others,
            )
        )
    return out


def _nested(same: list[Entry]) -> list[ProjectProblem]:
    """Project agents sharing a name: the same tree is a coin toss; nested trees, closest wins."""
    trees: dict[Path, list[Entry]] = {}
    for e in same:
        trees.setdefault(e.source.root, []).append(e)
    out = []
    for root, group in trees.items():
        if len(group) > 1:
            out += _same_tree(group)
        home = root.parent.parent  # the folder holding .claude/agents
        for other_root, winners in trees.items():
            other_home = other_root.parent.parent
            if other_root == root or not other_home.is_relative_to(home):
                continue
            for e in group:
                out.append(
                    _problem(
                        "AQ401",
                        f"'{e.name}' is also defined in {winners[0].source.label}, which wins "
                        f"when Claude Code runs in {other_home.name}/ (the closest "
                        ".claude/agents wins)",
                        e.path,
                        e.name_line or 1,
                        tuple(w.path for w in winners),
                    )
                )
    return out


def _shadowed(groups: dict[tuple, list[Entry]]) -> list[ProjectProblem]:
    out = []
    for (scope, name, *_), users in groups.items():
        project = groups.get(("project", name)) if scope == "user" else None
        for e in users if project else ():
            out.append(
                _problem(
                    "AQ402",
                    f"The project agent '{name}' ({project[0].source.label}) overrides this "
                    "user agent in this project",
                    e.path,
                    e.name_line or 1,
                    tuple(p.path for p in project),
                )
            )
    return out


def _over_budget(entries: list[Entry], b: budget.Budget) -> list[ProjectProblem]:
    """AQ420 on the largest agent when the descriptions pass the limit; AQ421 on each skill
    over the cap."""
    out = []
    if b.over:
        top = b.agents[0]
        line = next((e.name_line for e in entries if e.path == top.path), 0) or 1
        out.append(
            _problem(
                "AQ420",
                f"Agent descriptions come to ≈{b.total:,} tokens, over Claude Code's "
                f"{b.limit:,}-token limit; the largest is '{top.name}' (≈{top.tokens:,} tokens)",
                top.path,
                line,
                tuple(a.path for a in b.agents[1:6]),
            )
        )
    for s in b.skills_over:
        message = (
            f"The skill '{s.name}' lists {s.length:,} characters of description and "
            f"when_to_use; Claude Code cuts them at {b.cap:,}"
        )
        out.append(_problem("AQ421", message, s.path, s.line))
    return out
