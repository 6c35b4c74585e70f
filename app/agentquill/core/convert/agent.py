"""Converting an agent file between dialects, with a report of what was mapped, changed, dropped.

Claude Code is the hub: a file goes source → Claude Code → target, each step a series of field
operations from :mod:`agentquill.core.frontmatter.fields`, so the body and every field left
alone keep their exact bytes. The rules per field live in :mod:`.rules`, the vocabulary
(tools, models, colours) in :mod:`.vocabulary`.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import dialects
from ..dialects import tool_names
from ..frontmatter import Parsed, fields, parse
from .rules import (
    CLAUDE,
    COPILOT,
    FROM_CLAUDE,
    GEMINI,
    OPENCODE,
    TO_CLAUDE,
    ConvertError,
    Entry,
    FieldRewriter,
    claude_name,
    slug,
)

TARGETS = (CLAUDE, COPILOT, OPENCODE, GEMINI)
_FAMILY = {dialects.CLAUDE_PLUGIN: CLAUDE, dialects.COPILOT_CHATMODE: COPILOT}
#: ``claude --agents`` JSON keys; the name is the object's key. Claude Code 2.1.332's bundle
#: defines the agent object once (the SDK's AgentDefinition zod schema, found beside
#: ``prompt:r().describe("The agent's system prompt")``): every key of it but ``prompt`` (the
#: body) is here. ``hooks`` and ``isolation`` are not in that schema but are listed for the flag
#: by the docs (FORMATS §1.5); an object key the schema does not know is ignored, never refused.
AGENTS_JSON_KEYS = (
    "description", "tools", "disallowedTools", "model", "permissionMode", "mcpServers", "hooks",
    "maxTurns", "skills", "initialPrompt", "memory", "effort", "background", "isolation",
    "autoCompactWindow", "omitClaudeMd", "observer", "observerMessage",
    "criticalSystemReminder_EXPERIMENTAL",
)  # fmt: skip
_LIST_KEYS = ("tools", "disallowedTools")


@dataclass
class Conversion:
    text: str
    name: str
    filename: str
    source: str
    target: str
    report: list[Entry] = field(default_factory=list)


def family(dialect_id: str) -> str:
    """The dialect a file is converted as: plugin agents are Claude Code, chat modes Copilot."""
    return _FAMILY.get(dialect_id, dialect_id)


def stem(path: str | Path | None) -> str:
    """A file's name without ``.agent.md`` / ``.chatmode.md`` / ``.md``."""
    if path is None:
        return ""
    name = Path(path).name
    for suffix in (".agent.md", ".chatmode.md", ".md"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def convert(
    text: str,
    target: str,
    source: str | None = None,
    path: str | Path | None = None,
    parsed: Parsed | None = None,
) -> Conversion:
    """``text`` (an agent file at ``path``, in dialect ``source`` or detected) as ``target``;
    ``parsed`` is its parse, when the caller has it.

    Raises ConvertError when a field cannot be rewritten without disturbing the rest.
    """
    if target not in TARGETS:
        raise ConvertError(f"cannot convert to {target!r}; targets: {', '.join(TARGETS)}")
    parsed = parse(text) if parsed is None else parsed
    if source is None:
        source = dialects.detect(path, (f.key for f in parsed.fields)).id
    source = family(source)
    if source not in TARGETS:  # a skill, command, output style or rule: no agent to convert
        raise ConvertError(f"{dialects.get(source).label} is not an agent: it is not converted")
    report: list[Entry] = []
    ed = FieldRewriter(text, report, parsed)
    try:
        _convert(ed, source, target, path)
    except fields.EditRefused as exc:  # an edit no rule expected to be refused
        raise ConvertError(f"the frontmatter cannot be edited safely: {exc}") from None
    name = ed.value("name")
    name = name if isinstance(name, str) and name else slug(stem(path)) or "agent"
    suffix = dialects.get(target).file_suffix
    return Conversion(ed.text, name, f"{name}{suffix}", source, target, report)


def _convert(ed: FieldRewriter, source: str, target: str, path: str | Path | None) -> None:
    """The rules from ``source`` to ``target`` (through Claude Code's form), applied to ``ed``."""
    if source != target:
        fm = ed.parsed.frontmatter
        if fm is not None and fm.tier != "yaml":
            ed.apply("frontmatter", fields.repair)
            ed.note("frontmatter", "changed", "values quoted so that YAML reads them")
        if source != CLAUDE:
            claude_name(ed, stem(path))
            TO_CLAUDE[source](ed)
        if target != CLAUDE:
            FROM_CLAUDE[target](ed)


def agents_json(
    files: list[tuple[str, str | Path | None]],
) -> tuple[str, list[Entry], list[tuple[str | Path | None, str]]]:
    """Claude Code's ``--agents`` JSON for (text, path) pairs, the report (field = agent), and
    the (path, reason) of each file left out: one that cannot be converted, or whose name
    another file already took."""
    agents: dict[str, Any] = {}
    report: list[Entry] = []
    left_out: list[tuple[str | Path | None, str]] = []
    for text, path in files:
        try:
            conv = convert(text, CLAUDE, path=path)
        except ConvertError as exc:
            left_out.append((path, f"cannot be converted: {exc}"))
            continue
        if conv.name in agents:
            left_out.append((path, f"another agent is already named {conv.name}"))
            continue
        report += [Entry(f"{conv.name}.{e.field}", e.kind, e.detail) for e in conv.report]
        parsed = parse(conv.text)
        entry: dict[str, Any] = {}
        for f in parsed.fields:
            if f.key == "name":
                continue
            if f.key not in AGENTS_JSON_KEYS:
                report.append(Entry(f"{conv.name}.{f.key}", "dropped", "not an --agents key"))
                continue
            entry[f.key] = tool_names(f.value) if f.key in _LIST_KEYS else f.value
        entry["prompt"] = parsed.body.strip()
        agents[conv.name] = entry
    return to_json(agents), report, left_out


def to_json(data: object) -> str:
    """``data`` as indented JSON; what JSON has no type for as YAML wrote it (``!!binary`` as
    its base64), or as text."""
    return json.dumps(data, indent=2, ensure_ascii=False, default=_as_text) + "\n"


def _as_text(value: object) -> str:
    return base64.b64encode(value).decode() if isinstance(value, bytes) else str(value)
