"""A folder of agent files: finding them, indexing them for the project view, the rules across
them, and managing files (create from a template, duplicate, rename, move).

The face other packages use: the names below and the modules :mod:`.budget` (the context
budget of the agents' and skills' descriptions), :mod:`.manage` (file
operations), :mod:`.mentions` (an agent's own name in its description, after a rename),
:mod:`.templates` (new-agent templates) and :mod:`.crosslint` (rules across the files).
Inside: :mod:`.discovery` (which files are agents), :mod:`.index` (the index and its refresh),
:mod:`.entry` (one file's record), :mod:`.cache` (the index on disk between runs).
"""

from .discovery import (
    SCOPES,
    Sniffer,
    Source,
    agent_locations,
    agent_stem,
    discover,
    discover_paths,
    looks_like_agent,
    may_be_agent,
)
from .entry import Entry, ProjectProblem, entry_for
from .index import ProjectIndex

__all__ = [
    "SCOPES",
    "Entry",
    "ProjectIndex",
    "ProjectProblem",
    "Sniffer",
    "Source",
    "agent_locations",
    "agent_stem",
    "budget",
    "crosslint",
    "discover",
    "discover_paths",
    "entry_for",
    "looks_like_agent",
    "manage",
    "may_be_agent",
    "mentions",
    "templates",
]
