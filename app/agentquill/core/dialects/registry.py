"""Agent-file dialects: field schemas per tool, and detection of a file's dialect.

A ``Dialect`` describes one tool's agent-file format (Claude Code, Claude Code plugin agents,
GitHub Copilot agents and legacy chat modes, OpenCode, Gemini CLI): its frontmatter fields in
the conventional order, the tool names, models and colours it knows, and what a linter needs
to explain mistakes (near-miss keys, legacy tools, fields a plugin ignores). The data lives in
``schemas.py``; FORMATS.md is the source for every value.

``detect(path, keys)`` picks the dialect of a file from its path (cheap string tests, plus one
cached ``stat`` per candidate plugin root) and falls back on its frontmatter keys.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Any, Literal

from . import kinds, schemas

CLAUDE_CODE = "claude-code"
CLAUDE_PLUGIN = "claude-plugin"
COPILOT = "copilot"
COPILOT_CHATMODE = "copilot-chatmode"
OPENCODE = "opencode"
GEMINI = "gemini"

ListStyle = Literal["comma", "block", "flow"]
_EMPTY: Mapping[Any, Any] = MappingProxyType({})


def _no_map() -> Any:
    return field(default_factory=lambda: _EMPTY)


class FieldType(str, Enum):
    """The value shape a field expects."""

    STRING = "string"
    ENUM = "enum"  # one of FieldSpec.allowed (or matching FieldSpec.pattern)
    BOOL = "bool"
    INT = "int"
    NUMBER = "number"
    TOOLS = "tools"  # a tool list, written as a comma string or a YAML list
    STRING_LIST = "string_list"
    MAP = "map"
    ANY = "any"  # several shapes are valid; see the help text


@dataclass(frozen=True)
class FieldSpec:
    """One frontmatter field of a dialect.

    ``allowed`` lists an enum's values; for an ``any`` field it lists the values expected at its
    leaves (OpenCode ``permission`` actions). A value is also valid when it matches ``pattern``
    (e.g. OpenCode hex colours). ``list_style`` says how the dialect expects a list written.
    """

    key: str
    type: FieldType
    help: str
    required: bool = False
    allowed: tuple[str, ...] = ()
    pattern: str = ""
    minimum: float | None = None
    maximum: float | None = None
    list_style: ListStyle | None = None
    also_list: bool = False  # a list of such values is accepted too (Copilot `model`)
    also_int: bool = False  # a whole number is accepted too (Claude Code `effort`)
    default: str = ""  # the documented default, as text
    since: str = ""
    notes: str = ""
    deprecated: bool = False
    replaced_by: str = ""
    ignored_in_plugin: bool = False  # Claude Code ignores it in plugin agents
    #: (key, values): the field applies only while ``key`` holds one of ``values`` (an eval
    #: grader's keys, by its type); a form shows it then, or when the file sets it
    when: tuple[str, tuple[str, ...]] | None = None


@dataclass(frozen=True, eq=False)
class Dialect:
    """One agent-file format: its fields in conventional order and its vocabularies."""

    id: str
    label: str
    fields: Mapping[str, FieldSpec]
    file_suffix: str = ".md"
    locations: tuple[str, ...] = ()  # where such files live, for help and discovery
    plugin: bool = False  # a Claude Code plugin agent: `ignored_in_plugin` fields do nothing
    known_tools: tuple[str, ...] = ()  # includes the legacy ones
    legacy_tools: Mapping[str, str] = _no_map()  # tool -> note
    tool_aliases: Mapping[str, tuple[str, ...]] = _no_map()  # alias -> the tools it stands for
    tool_patterns: tuple[str, ...] = ()  # regexes for dynamic names (MCP tools, Agent(...))
    tools_ignore_case: bool = False
    models: tuple[str, ...] = ()  # suggestions; see also model_pattern
    model_pattern: str = ""  # shape of a full model ID
    colors: tuple[str, ...] = ()
    unofficial_colors: Mapping[str, str] = _no_map()  # colour seen in the wild -> note
    name_pattern: str = ""
    name_length: tuple[int, int] | None = None
    strict_keys: bool = False  # unknown keys are a load error (Gemini)
    near_misses: Mapping[str, str | None] = _no_map()  # wrong key -> right key, or None: no such
    max_body_chars: int | None = None
    kind: str = "agent"  # or a kinds.KINDS key: skill, command, output-style, rule

    def __repr__(self) -> str:
        return f"Dialect({self.id!r})"

    @cached_property
    def name_re(self) -> re.Pattern[str] | None:
        return re.compile(self.name_pattern) if self.name_pattern else None

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(self.fields)

    @cached_property
    def required_keys(self) -> tuple[str, ...]:
        return tuple(k for k, spec in self.fields.items() if spec.required)

    @cached_property
    def ignored_keys(self) -> frozenset[str]:
        """Keys the tool accepts but ignores in this dialect (plugin agents)."""
        if not self.plugin:
            return frozenset()
        return frozenset(k for k, spec in self.fields.items() if spec.ignored_in_plugin)

    def spec(self, key: str) -> FieldSpec | None:
        return self.fields.get(key)

    def suggest_key(self, key: str) -> str | None:
        """The field an unknown ``key`` was probably meant to be, or None."""
        if key in self.near_misses:
            return self.near_misses[key]
        return self._folded_keys.get(_fold(key))

    @cached_property
    def _folded_keys(self) -> dict[str, str]:
        """Folded key → the first field key that folds to it."""
        folded: dict[str, str] = {}
        for k in self.fields:
            folded.setdefault(_fold(k), k)
        return folded

    def is_known_tool(self, name: str) -> bool:
        """True for a listed tool, an alias, or a dynamic name (``mcp__x__y``, ``Agent(a)``)."""
        known = self._tool_verdicts.get(name)
        if known is None:
            known = self._tool_verdicts[name] = self._is_known_tool(name.strip())
        return known

    def unknown_tools(self, names: list[str]) -> list[str]:
        """The names that are not known tools (see ``is_known_tool``), in order."""
        verdicts = self._tool_verdicts
        if all(map(verdicts.get, names)):  # the usual case: each already known
            return []
        return [n for n in names if not verdicts.get(n, False) and not self.is_known_tool(n)]

    @cached_property
    def _tool_verdicts(self) -> dict[str, bool]:
        return {}

    def _is_known_tool(self, name: str) -> bool:
        flags = re.IGNORECASE if self.tools_ignore_case else 0
        if self.tools_ignore_case:
            if name.casefold() in self._folded_tools:
                return True
        elif name in self.known_tools or name in self.tool_aliases:
            return True
        return any(re.fullmatch(p, name, flags) for p in self.tool_patterns)

    def is_known_model(self, value: str) -> bool:
        return value in self.models or bool(
            self.model_pattern and re.fullmatch(self.model_pattern, value)
        )

    @cached_property
    def _folded_tools(self) -> frozenset[str]:
        return frozenset(t.casefold() for t in (*self.known_tools, *self.tool_aliases))


def _fold(key: str) -> str:
    return key.replace("-", "").replace("_", "").casefold()


class _Fields(Mapping[str, FieldSpec]):
    """A dialect's fields by key, read-only: its keys from its rows, its specs built from them
    when one is first read. A file reads its own dialect's: building the ~160 rows of every
    dialect took ~0.5 ms of each start-up."""

    def __init__(self, rows: list[dict[str, Any]]):
        self._rows = rows

    @cached_property
    def _specs(self) -> dict[str, FieldSpec]:
        return {r["key"]: FieldSpec(**{**r, "type": FieldType(r["type"])}) for r in self._rows}

    def __getitem__(self, key: str) -> FieldSpec:
        return self._specs[key]

    def __iter__(self) -> Iterator[str]:
        return (row["key"] for row in self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def _build(dialect_id: str, data: Mapping[str, Any], rows: list[dict[str, Any]]) -> Dialect:
    frozen = {k: MappingProxyType(dict(v)) if isinstance(v, dict) else v for k, v in data.items()}
    return Dialect(id=dialect_id, fields=_Fields(rows), **frozen)


DIALECTS: dict[str, Dialect] = {
    dialect_id: _build(dialect_id, data, rows)
    for dialect_id, (data, rows) in {**schemas.SCHEMAS, **kinds.SCHEMAS}.items()
}

#: Every key of every dialect (the tolerant YAML reader uses it to find where a field starts).
ALL_KNOWN_KEYS: frozenset[str] = frozenset().union(*(d.keys for d in DIALECTS.values()))


def get(dialect_id: str) -> Dialect:
    """The dialect with this id; KeyError naming the valid ids otherwise."""
    try:
        return DIALECTS[dialect_id]
    except KeyError:
        raise KeyError(f"unknown dialect {dialect_id!r}; known: {', '.join(DIALECTS)}") from None


# --- detection --------------------------------------------------------------------------------


def detect(path: str | os.PathLike[str] | None, keys: Iterable[str] = ()) -> Dialect:
    """The dialect of an agent file: by its path, else by its frontmatter keys, else Claude Code."""
    return dialect_for_path(path) or dialect_for_keys(keys) or DIALECTS[CLAUDE_CODE]


def dialect_for_path(path: str | os.PathLike[str] | None) -> Dialect | None:
    """The dialect implied by a file's location or suffix, or None when the path says nothing.

    Only plain string tests, except for a file under an ``agents/`` folder that no other rule
    claims: then the folder's parent is checked once for ``.claude-plugin/plugin.json``.
    """
    if path is None:
        return None
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if "\\" in text:
        text = text.replace("\\", "/")
    folder, _, name = text.rpartition("/")
    if "evals/" in folder + "/" and (kind := kinds.eval_kind(folder.split("/"), name)):
        return DIALECTS[kind]
    name = name.lower()
    suffix = ".chatmode.md" if name.endswith(".chatmode.md") else ""
    if name.endswith(".agent.md"):
        suffix = ".agent.md"
    elif name == "skill.md":
        suffix = "SKILL.md"
    found = _dialect_for_folder(folder, suffix, text.startswith("/"))
    return DIALECTS[found] if found else None


@lru_cache(maxsize=8192)
def _dialect_for_folder(folder: str, suffix: str, absolute: bool) -> str | None:
    """The dialect id for files with ``suffix`` in ``folder`` (cached: folders repeat)."""
    dirs = folder.split("/") if folder else []
    kind = kinds.kind_of_folder(dirs, suffix == "SKILL.md", lambda up: _is_plugin(up, absolute))
    if kind is not None:
        return kind
    if _has_run(dirs, ".claude", "agents"):
        return CLAUDE_CODE  # also read by Copilot CLI, in the Claude format
    if suffix == ".chatmode.md" or _has_run(dirs, ".github", "chatmodes"):
        return COPILOT_CHATMODE
    if (
        suffix == ".agent.md"
        or _has_run(dirs, ".github", "agents")
        or _has_run(dirs, ".copilot", "agents")
    ):
        return COPILOT
    if ".opencode" in dirs or _has_run(dirs, ".config", "opencode"):
        return OPENCODE
    if _has_run(dirs, ".gemini", "agents") or _has_run(dirs, "gemini-cli", "agents"):
        return GEMINI
    if "agents" in dirs and _in_plugin(dirs, absolute):
        return CLAUDE_PLUGIN
    return None


def dialect_for_keys(keys: Iterable[str]) -> Dialect | None:
    """The dialect whose distinctive keys the frontmatter uses most, or None if none appear."""
    scores: dict[str, float] = {}
    for key in keys:
        for dialect_id, weight in _SIGNALS.get(key, ()):
            scores[dialect_id] = scores.get(dialect_id, 0.0) + weight
    if not scores:
        return None
    best = max(scores.values())
    return DIALECTS[next(d for d in _TIE_ORDER if scores.get(d) == best)]


def clear_cache() -> None:
    """Forget the plugin-manifest lookups (after files were created or deleted)."""
    _has_manifest.cache_clear()
    _dialect_for_folder.cache_clear()


def _has_run(dirs: list[str], first: str, second: str) -> bool:
    """True when ``first/second`` occur as consecutive folders."""
    return any(d == first and dirs[i + 1 : i + 2] == [second] for i, d in enumerate(dirs))


def _in_plugin(dirs: list[str], absolute: bool) -> bool:
    for i in range(len(dirs) - 1, -1, -1):
        if dirs[i] == "agents" and _is_plugin(dirs[:i], absolute):
            return True
    return False


def _is_plugin(dirs: list[str], absolute: bool) -> bool:
    """True when the folder ``dirs`` is a plugin root: ``plugins/<name>``, or one holding
    ``.claude-plugin/plugin.json``."""
    if len(dirs) >= 2 and dirs[-2] == "plugins":
        return True
    root = "/".join(dirs) or ("/" if absolute else ".")
    return _has_manifest(os.path.abspath(root))


@lru_cache(maxsize=4096)
def _has_manifest(root: str) -> bool:
    return os.path.isfile(os.path.join(root, ".claude-plugin", "plugin.json"))


def _signals() -> dict[str, tuple[tuple[str, float], ...]]:
    distinctive = {
        OPENCODE: "mode permission permissions top_p variant steps maxSteps hidden "
        "hidden_from_cycle disable options prompt",
        GEMINI: "kind max_turns timeout_mins",
        COPILOT: "handoffs target mcp-servers argument-hint user-invocable "
        "disable-model-invocation infer agents",
        CLAUDE_CODE: "disallowedTools permissionMode maxTurns skills memory background effort "
        "isolation initialPrompt",
    }
    shared = {
        "temperature": (OPENCODE, GEMINI),
        "color": (CLAUDE_CODE, OPENCODE),
        "mcpServers": (CLAUDE_CODE, GEMINI),
        "hooks": (CLAUDE_CODE, COPILOT),
    }
    signals = {k: ((d, 1.0),) for d, ks in distinctive.items() for k in ks.split()}
    signals.update({k: tuple((d, 0.5) for d in ds) for k, ds in shared.items()})
    return signals


_SIGNALS = _signals()
_TIE_ORDER = (CLAUDE_CODE, OPENCODE, GEMINI, COPILOT)
