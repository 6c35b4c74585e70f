"""The context budget: what the descriptions of the agents and skills Claude Code registers
cost in every conversation, against the limits Claude Code itself applies.

What the numbers rest on, read in the JavaScript of the pinned Claude Code 2.1.332 (``strings``
on its binary) and in its docs:

- Agents: at start-up Claude Code warns "Agent descriptions are over the 15,000-token limit
  (~N tokens)" when the sum, over the active agents that are not built in, of
  ``estimate(f"{agentType}: {whenToUse}")`` passes ``15000`` (``var Ou=15000``; the docs give
  15,000 tokens too). ``agentType`` is the registered name (``plugin:name`` in a plugin),
  ``whenToUse`` the ``description``.
- The estimate is ``Math.round(text.length / 4)``: UTF-16 code units, halves rounded up. Four
  characters a token is :data:`~agentquill.core.lint.CHARS_PER_TOKEN`, the estimate the status
  bar and AQ312 use, so there is one way to count.
- Skills: the listing shows ``description - when_to_use`` (the description alone without
  ``when_to_use``), cut at ``skillListingMaxDescChars`` characters, by default ``1536``
  (``Lmo=1536``; the setting's help: "Descriptions longer than this are truncated").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import inventory
from ..agentfile import AgentFile
from ..lint import CHARS_PER_TOKEN
from ..text import DecodeError, line_col

if TYPE_CHECKING:
    from .entry import Entry

#: Claude Code's limit on all agent descriptions together, in estimated tokens
AGENT_DESCRIPTIONS_LIMIT = 15_000
#: Claude Code's cap on a skill's listed ``description`` + ``when_to_use``, in characters
SKILL_LISTING_CAP = 1_536


def js_length(text: str) -> int:
    """``text.length`` as JavaScript counts it: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def tokens(length: int) -> int:
    """Claude Code's estimate for a text of ``length`` UTF-16 units (``Math.round(n / 4)``)."""
    return (length + CHARS_PER_TOKEN // 2) // CHARS_PER_TOKEN


@dataclass(frozen=True)
class Agent:
    """An agent as Claude Code registers it: ``length`` is its description's ``js_length``."""

    name: str
    scope: str
    path: Path
    length: int

    @property
    def tokens(self) -> int:
        """What its ``name: description`` line costs (the length of ``name: `` included)."""
        return tokens(js_length(self.name) + 2 + self.length)


@dataclass(frozen=True)
class Skill:
    """A skill's listed text: ``length`` is the ``js_length`` of description + when_to_use;
    ``line`` that of its ``description`` (1 without one), where a warning points."""

    name: str
    path: Path
    length: int
    line: int = 1


@dataclass(frozen=True)
class Budget:
    """The agents and skills, largest first, with the total against Claude Code's limits."""

    agents: tuple[Agent, ...]
    skills: tuple[Skill, ...]
    total: int
    limit: int = AGENT_DESCRIPTIONS_LIMIT
    cap: int = SKILL_LISTING_CAP

    @property
    def over(self) -> bool:
        return self.total > self.limit

    def share(self, agent: Agent) -> float:
        """The part of the total that ``agent`` takes, 0 to 1."""
        return agent.tokens / self.total if self.total else 0.0

    @property
    def skills_over(self) -> tuple[Skill, ...]:
        return tuple(s for s in self.skills if s.length > self.cap)

    @property
    def warns(self) -> bool:
        """Past either limit: what AQ420 and AQ421 report."""
        return self.over or bool(self.skills_over)


def budget(agents: Iterable[Agent], skills: Iterable[Skill] = ()) -> Budget:
    """The budget of ``agents`` and ``skills``, each listed largest first (then by name)."""
    ranked = tuple(sorted(agents, key=lambda a: (-a.tokens, a.name)))
    listed = tuple(sorted(skills, key=lambda s: (-s.length, s.name)))
    return Budget(ranked, listed, sum(a.tokens for a in ranked))


def registered(
    root: Path, user_agents: Path | None, entries: Iterable[Entry]
) -> tuple[list[Agent], list[Skill]]:
    """The agents and skills Claude Code lists from the project at ``root``, the user's folder
    (``user_agents``' parent) and the plugins among ``entries``, decided by
    :mod:`~agentquill.core.inventory` so the budget and ``agentquill inventory`` cannot
    disagree (a name over 256 characters, frontmatter after a blank line, a plugin's subfolder
    names, which file wins a name, a conditional skill). Reads every file of those places:
    for a worker thread."""
    places = [(root, "project")]
    if user_agents is not None and user_agents.parent.is_dir():
        places.append((user_agents.parent, "user"))
    plugins = {_plugin_home(e.source.root) for e in entries if e.source.scope == "plugin"}
    places += [(home, "plugin") for home in sorted(plugins)]
    try:
        found = [e for e in inventory.combined(places) if e.registered]
    except (OSError, ValueError):  # a place gone since the scan: the next refresh counts it
        return [], []
    agents = [
        Agent(e.name, e.scope, Path(e.file), js_length(e.description))
        for e in found
        if e.kind == "agent"
    ]
    skills = [
        replace(s, name=e.name)
        for e in found
        if e.kind == "skill"
        and e.file.endswith("SKILL.md")
        and (s := skill_of(Path(e.file))) is not None
    ]
    return agents, skills


def _plugin_home(agents: Path) -> Path:
    """The plugin folder holding the agents folder (or file list root) ``agents``."""
    return next(
        (p for p in (agents, *agents.parents) if (p / ".claude-plugin").is_dir()), agents.parent
    )


def edited(
    agents: Iterable[Agent], skills: Iterable[Skill], editing: dict[Path, AgentFile]
) -> tuple[list[Agent], list[Skill]]:
    """``agents`` and ``skills`` with the text of the files being edited (path → the editor's
    :class:`AgentFile`) in place of what is saved."""
    agents_now = []
    for a in agents:
        if a.path in editing:
            description = editing[a.path].parsed.value("description")
            a = replace(a, length=js_length(description) if isinstance(description, str) else 0)
        agents_now.append(a)
    skills_now = []
    for s in skills:
        if s.path in editing:
            s = replace(skill_of(s.path, editing[s.path]) or s, name=s.name)
        skills_now.append(s)
    return agents_now, skills_now


def skill_of(path: Path, agent: AgentFile | None = None) -> Skill | None:
    """The skill in ``path`` (``agent``: its text as already read, e.g. in the editor), named
    after its folder as Claude Code names it; None when it cannot be read."""
    try:
        agent = agent or AgentFile.read(path)
    except (OSError, DecodeError):
        return None
    values = (agent.parsed.value(k) for k in ("description", "when_to_use"))
    listed = [str(v).strip() for v in values if v]
    field = agent.parsed.get("description")
    line = line_col(agent.text, field.key_span[0])[0] if field is not None else 1
    return Skill(path.parent.name, path, js_length(" - ".join(listed)), line)
