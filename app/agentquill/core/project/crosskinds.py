"""Cross-file rules for skills and commands (``AQ41x``, registered in ``lint.RULES``).

What each rests on, seen with ``claude-load`` on Claude Code 2.1.332:

- AQ410: a skill registers under its folder's name, in a project as in a plugin
  (``.claude/skills/fold-name/SKILL.md`` naming ``other-name`` registers ``fold-name``; in
  plugin ``sp``, ``skills/Bad_Skill`` registers ``sp:Bad_Skill``).
- AQ411, AQ412: an agent's ``skills:`` preloads skills by name; a missing skill, or one that
  sets ``disable-model-invocation``, is skipped (FORMATS.md §1.2, the sub-agents docs).
- AQ413: a command and a skill of one name in one place give one slash command, the skill's:
  ``commands/dup.md`` disappears beside ``skills/dup/SKILL.md``, even when that skill sets
  ``user-invocable: false``. Commands in subfolders are named ``folder:name``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..lint import RULES, Rule, Severity
from .discovery import agent_stem
from .entry import Entry, ProjectProblem
from .entry import problem as _problem

KIND_RULES = (
    Rule("AQ410", Severity.WARNING, "Skill name differs from its folder"),
    Rule("AQ411", Severity.WARNING, "Agent preloads a skill that does not exist"),
    Rule("AQ412", Severity.WARNING, "Agent preloads a skill only people may run"),
    Rule("AQ413", Severity.WARNING, "A skill hides the command of the same name"),
)
RULES.update({r.code: r for r in KIND_RULES})


def check_kinds(entries: Iterable[Entry]) -> list[ProjectProblem]:
    """The findings about skills and commands, in no particular order."""
    out: list[ProjectProblem] = []
    skills: dict[str, list[Entry]] = {}  # every name an agent may use for a skill
    places: dict[tuple, Entry] = {}  # (scope, plugin, name) of each skill
    commands: list[tuple[tuple, Entry]] = []
    agents: list[Entry] = []
    for e in entries:
        kind = e.source.kind
        if e.problem:
            continue
        if kind == "agent" and e.skills:
            agents.append(e)
        elif kind == "skill":
            folder = agent_stem(e.path)
            if e.name_line and e.name != folder:
                out.append(_problem("AQ410", _renamed(e, folder), e.path, e.name_line))
            for name in _names(e, folder):
                skills.setdefault(name, []).append(e)
            places[(e.source.scope, e.source.plugin, folder)] = e
        elif kind == "command":
            folders = e.path.relative_to(e.source.root).parent.parts
            name = ":".join((*folders, agent_stem(e.path)))
            commands.append(((e.source.scope, e.source.plugin, name), e))
    for place, command in commands:
        skill = places.get(place)
        if skill is not None:
            message = (
                f"The skill '{place[2]}' ({skill.source.label}) takes the slash command "
                f"/{place[2]}: Claude Code does not load this command"
            )
            out.append(_problem("AQ413", message, command.path, 1, (skill.path,)))
    for agent in agents:
        for name in agent.skills:
            found = skills.get(name)
            if found is None:
                message = (
                    f"No skill '{name}' in this project's skills folders (or the user's and "
                    "plugins' shown): Claude Code skips it"
                )
                out.append(_problem("AQ411", message, agent.path, agent.skills_line))
            elif all(s.manual_only for s in found):
                message = (
                    f"The skill '{name}' sets disable-model-invocation: Claude Code does not "
                    "preload it into agents"
                )
                paths = tuple(s.path for s in found)
                out.append(_problem("AQ412", message, agent.path, agent.skills_line, paths))
    return out


def _names(e: Entry, folder: str) -> tuple[str, ...]:
    """The names a skill answers to: its folder's, and ``plugin:folder`` in a plugin."""
    return (folder, f"{e.source.plugin}:{folder}") if e.source.plugin else (folder,)


def _renamed(e: Entry, folder: str) -> str:
    registered = f"{e.source.plugin}:{folder}" if e.source.plugin else folder
    return (
        f"Claude Code registers this skill as '{registered}', its folder's name, not "
        f"'{e.name}': rename the folder or the name so they agree"
    )
