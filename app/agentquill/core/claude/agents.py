"""An agent buffer as the ``--agents`` JSON Claude Code accepts, so that what runs is what the
editor holds, unsaved changes included.

``--agents '{"NAME": {"description", "prompt", "tools", "model", …}}'``: Claude Code 2.1.332
requires ``description`` and ``prompt`` strings and ``tools`` as a list (a comma string is
refused), and ignores keys it does not know.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..agentfile import AgentFile
from ..dialects import tool_names

#: frontmatter keys that mean the same in a definition, passed as they are
PASSED = (
    "model",
    "permissionMode",
    "maxTurns",
    "skills",
    "mcpServers",
    "hooks",
    "memory",
    "effort",
    "background",
    "isolation",
    "initialPrompt",
    "color",
)
LISTS = ("tools", "disallowedTools")  # a comma string in a file, a list in a definition


class NotAnAgent(ValueError):
    """The buffer cannot be defined as an agent; the message says why."""


def definition(agent: AgentFile) -> tuple[str, dict[str, Any]]:
    """(name, definition) of ``agent``: its ``name`` (else its file's stem) and its fields."""
    parsed = agent.parsed
    if parsed.frontmatter is None:
        raise NotAnAgent("The file has no frontmatter: an agent needs a name and a description")
    name = parsed.value("name")
    if not isinstance(name, str) or not name.strip():
        name = Path(agent.path).stem if agent.path else ""
    if not name.strip():
        raise NotAnAgent("The agent has no name")
    description = parsed.value("description")
    if not isinstance(description, str) or not description.strip():
        raise NotAnAgent(f"{name} has no description: Claude Code needs one")
    found: dict[str, Any] = {"description": description, "prompt": parsed.body.strip()}
    for key in LISTS:
        if parsed.get(key) is not None:
            found[key] = tool_names(parsed.value(key))
    for key in PASSED:
        value = parsed.value(key)
        if value is not None:
            found[key] = value
    return name.strip(), found


def agents_json(*agents: AgentFile) -> str:
    """The ``--agents`` value defining ``agents`` (a later one of the same name wins)."""
    return json.dumps(dict(map(definition, agents)), ensure_ascii=False, default=str)
