"""Lint rules for agent files (FORMATS.md §5), each with a stable ``AQ`` code.

``lint(agent)`` returns :class:`Diagnostic` objects with a line and column and, where one
exists, a :class:`Fix` whose edits are computed only when asked for.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from .. import claude_versions, dialects
from ..agentfile import AgentFile
from ..dialects import MAX_OBSERVERS, tool_names
from ..frontmatter import Field, fields
from ..text import Edit, line_col

#: what Claude Code makes of a file without frontmatter (claude-load): a project or user agents
#: folder skips it, a plugin still registers it, under its file name
_NO_FRONTMATTER = {
    None: "No frontmatter: Claude Code treats this file as documentation, not an agent",
    dialects.CLAUDE_PLUGIN: (
        "No frontmatter: in a plugin Claude Code still loads this file, as an agent named "
        "after the file"
    ),
}
#: the same when a '---' opens the frontmatter below line 1 (claude-load 2.1.332)
_LATE_OPENER = {
    None: (
        "The opening '---' is not on line 1, so Claude Code does not register this file as an "
        "agent; remove what comes before it"
    ),
    dialects.CLAUDE_PLUGIN: (
        "The opening '---' is not on line 1: in a plugin Claude Code loads this file as an agent "
        "named after the file, with none of its fields; remove what comes before it"
    ),
}
#: Claude Code's longest agent name (``bU`` in its parser); claude-load 2.1.332: a project or
#: user agent with a longer name is not registered, a plugin agent registers under its file stem
MAX_NAME_CHARS = 256


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Rule:
    """A check's code (``AQ…``), how bad a finding is and what it says, in the table of all."""

    code: str
    severity: Severity
    summary: str


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("AQ100", Severity.ERROR, "Claude Code cannot parse the frontmatter"),
        Rule("AQ101", Severity.WARNING, "Frontmatter is not valid YAML (Claude Code recovers)"),
        Rule("AQ102", Severity.WARNING, "A '---' inside the frontmatter ends it early"),
        Rule("AQ103", Severity.ERROR, "Frontmatter has no closing '---' line"),
        Rule("AQ104", Severity.ERROR, "No frontmatter"),
        Rule("AQ105", Severity.ERROR, "Frontmatter is not a mapping of keys to values"),
        Rule("AQ106", Severity.WARNING, "Frontmatter closed by '...', which Claude Code ignores"),
        Rule("AQ107", Severity.WARNING, "Key appears twice"),
        Rule("AQ200", Severity.ERROR, "Required field missing"),
        Rule("AQ202", Severity.ERROR, "Name Claude Code refuses (contains ':' or starts with '-')"),
        Rule("AQ203", Severity.WARNING, "Name is not lowercase-with-hyphens"),
        Rule("AQ204", Severity.WARNING, "Name length outside 3–50 characters"),
        Rule("AQ205", Severity.INFO, "Name differs from the file name"),
        Rule("AQ206", Severity.ERROR, "Name over 256 characters"),
        Rule("AQ210", Severity.WARNING, "Unknown key"),
        Rule("AQ211", Severity.ERROR, "Value has the wrong type"),
        Rule("AQ212", Severity.WARNING, "Value is not one of the allowed values"),
        Rule("AQ213", Severity.WARNING, "Unknown model"),
        Rule("AQ214", Severity.WARNING, "Colour not supported"),
        Rule("AQ220", Severity.WARNING, "Tools written as a list"),
        Rule("AQ221", Severity.WARNING, "Unknown tool name"),
        Rule("AQ222", Severity.WARNING, "Tool both allowed and disallowed"),
        Rule("AQ223", Severity.INFO, "Agent(...) restrictions are ignored in a subagent"),
        Rule("AQ224", Severity.ERROR, "'hooks: []' makes the agent vanish"),
        Rule("AQ225", Severity.WARNING, "Field ignored for plugin agents"),
        Rule("AQ230", Severity.INFO, "Description holds literal '\\n' sequences"),
        Rule("AQ300", Severity.INFO, "Description length outside 10–5,000 characters"),
        Rule("AQ301", Severity.INFO, "Example count outside 2–6"),
        Rule("AQ302", Severity.INFO, "Unbalanced <example> tags"),
        Rule("AQ310", Severity.WARNING, "Body (system prompt) is empty or very short"),
        Rule("AQ311", Severity.WARNING, "Body longer than the tool accepts"),
        Rule("AQ312", Severity.WARNING, "Description or body large enough to crowd the context"),
        # across the files of a project (core/crosslint.py)
        Rule("AQ400", Severity.ERROR, "File cannot be read or checked"),
        Rule("AQ401", Severity.WARNING, "Two agents share a name where both load"),
        Rule("AQ402", Severity.WARNING, "A project agent shadows a user agent"),
        Rule("AQ403", Severity.WARNING, "Plugin agent sets a field plugins ignore"),
        Rule("AQ404", Severity.INFO, "Name differs from the file name"),
        # the context budget (core/project/budget.py)
        Rule("AQ420", Severity.WARNING, "Agent descriptions together pass Claude Code's limit"),
        Rule("AQ421", Severity.WARNING, "Skill description and when_to_use pass the cap"),
        # what Claude Code itself registers (core/claude/registration.py)
        Rule("AQ430", Severity.WARNING, "Claude Code registers a file otherwise than predicted"),
    )
}


@dataclass(frozen=True)
class Fix:
    """A quick-fix; ``safe`` fixes keep every value's meaning and may be applied unasked."""

    title: str
    compute: Callable[[], list[Edit]]
    safe: bool = True

    def edits(self) -> list[Edit]:
        return self.compute()


@dataclass(slots=True)
class Diagnostic:
    """One finding of a rule in a file: where (1-based line and column, the field's key) and
    its quick-fix, if any."""

    code: str
    severity: Severity
    message: str
    line: int
    column: int
    key: str | None = None
    fix: Fix | None = None

    def as_dict(self) -> dict[str, Any]:
        d = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
            "column": self.column,
        }
        if self.key:
            d["key"] = self.key
        if self.fix:
            d["fix"] = self.fix.title
        return d


#: characters per token, for estimates that say they are estimates (the status bar, AQ312)
CHARS_PER_TOKEN = 4
#: AQ312's thresholds, in estimated tokens. A 200k-token context is the common size. Claude
#: Code lists every agent's description in each turn's tool list, so a description costs
#: tokens in every conversation, used or not: 2,500 tokens (10,000 characters, twice AQ300's
#: 5,000) already costs 1.25 % of the window per agent. The body is the subagent's system
#: prompt, read only when it runs, but all of it before the task: 25,000 tokens (100,000
#: characters) is an eighth of the window gone before the first file is read.
CROWDED_DESCRIPTION_TOKENS = 2_500
CROWDED_BODY_TOKENS = 25_000
CONTEXT_TOKENS = 200_000


def _crowding(what: str, chars: int, limit: int, every_turn: bool) -> str | None:
    """AQ312's message when ``chars`` of ``what`` come to more than ``limit`` tokens."""
    tokens = chars // CHARS_PER_TOKEN
    if tokens <= limit:
        return None
    share = tokens * 100 / CONTEXT_TOKENS
    when = "in every turn, whether or not the agent is used" if every_turn else "before any work"
    return (
        f"The {what} is ≈{tokens:,} tokens ({chars:,} characters, estimate): {share:.1f} % of a "
        f"200k-token context {when}; keep it under {limit:,} tokens"
    )


_HEX = re.compile(r"#[0-9a-fA-F]{6}")
# module constants: an Enum member looked up on its class costs a descriptor call (3.10, 3.11)
_STRING, _ENUM, _TOOLS = (
    dialects.FieldType.STRING,
    dialects.FieldType.ENUM,
    dialects.FieldType.TOOLS,
)
#: field types whose check ``value`` passes for any text
_TEXT_OK = frozenset((_STRING, _TOOLS, dialects.FieldType.STRING_LIST, dialects.FieldType.ANY))


def _quiet_text(dialect: dialects.Dialect) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """The text values of ``dialect``'s fields that ``value`` reports nothing for, worked out
    once per dialect: (keys where any text is fine, key → the text values that are fine)."""
    quiet = _QUIET.get(dialect)
    if quiet is None:
        any_text: set[str] = set()
        values: dict[str, frozenset[str]] = {}
        special = _SPECIAL_VALUES if dialect.id.startswith("claude") else {}
        for k, spec in dialect.fields.items():
            if k in dialect.ignored_keys or spec.type not in _TEXT_OK | {_ENUM} or k in special:
                continue  # AQ225 for any value; text has the wrong type; or a closer look
            if spec.type is _STRING and k != "model":
                any_text.add(k)
            elif k == "model":
                if dialect.models:
                    values[k] = frozenset(dialect.models)
                else:
                    any_text.add(k)
            elif k == "color":
                values[k] = frozenset(dialect.colors)
            elif spec.type is _ENUM and spec.allowed:
                values[k] = frozenset(spec.allowed)
            else:
                any_text.add(k)
        quiet = _QUIET[dialect] = (frozenset(any_text), values)
    return quiet


_QUIET: dict[dialects.Dialect, tuple[frozenset[str], dict[str, frozenset[str]]]] = {}


class _Linter:
    """Collects diagnostics for one file."""

    def __init__(self, agent: AgentFile, target: str):
        self.agent = agent
        self.text = agent.text
        self.parsed = agent.parsed
        self.dialect = agent.dialect
        self.target = target  # the Claude Code version the version-dependent rules follow
        self.fields: dict[str, Field] = {}  # key → its first field, filled by keys()
        self.out: list[Diagnostic] = []
        self._at, self._line_col = -1, (1, 1)  # the last place add() located

    def add(
        self, code: str, message: str, at: int = 0, key: str | None = None, fix=None, severity=None
    ):
        if at != self._at:  # diagnostics often share a place (each unknown tool of a list)
            self._at, self._line_col = at, line_col(self.text, at)
        line, col = self._line_col
        severity = severity or RULES[code].severity
        self.out.append(Diagnostic(code, severity, message, line, col, key, fix))

    def at_key(self, f: Field) -> int:
        return f.key_span[0]

    def at_value(self, f: Field) -> int:
        return f.value_span[0]

    def run(self) -> list[Diagnostic]:
        self.structure()
        fm = self.parsed.frontmatter
        if fm is not None and fm.not_mapping is None:
            self.keys()
            self.name()
            self.tools()
            self.description()
        self.body()
        if len(self.out) > 1:
            self.out.sort(key=lambda d: (d.line, d.column, d.code))
        return self.out

    # --- the block ---------------------------------------------------------------------------
    def structure(self) -> None:
        parsed, text = self.parsed, self.text
        fm = parsed.frontmatter
        if parsed.unterminated:
            self.add("AQ103", "The frontmatter opened on line 1 has no closing '---' line")
            return
        if fm is None:
            late = text.lstrip().startswith("---") and self.dialect.id.startswith("claude")
            messages = _LATE_OPENER if late else _NO_FRONTMATTER
            self.add("AQ104", messages.get(self.dialect.id, messages[None]))
            return
        closer = text[fm.end : fm.end + 3]
        claude = self.agent.claude
        if closer == "..." and not self.dialect.id.startswith(("copilot", "opencode")):
            self.add(
                "AQ106", "Claude Code does not accept '...' as the closing line; use '---'", fm.end
            )
        if not claude.parses:
            self.add(
                "AQ100",
                "Claude Code cannot parse this frontmatter: the agent loads with "
                f"its file name and every field dropped ({_where(fm)})",
                _offset(text, claude.line, claude.column),
                fix=self._repair_fix(),
            )
        elif fm.error is not None:
            self.add(
                "AQ101",
                f"Not valid YAML ({fm.error.message}); Claude Code recovers but "
                "other tools and parsers fail",
                fm.error.offset,
                fix=self._repair_fix(),
            )
        if claude.cut_at is not None:
            self.add(
                "AQ102",
                "This '---' ends the frontmatter early for Claude Code: what follows "
                "becomes part of the prompt",
                claude.cut_at,
            )
        if fm.not_mapping is not None:
            self.add(
                "AQ105", f"The frontmatter is a {fm.not_mapping}, not 'key: value' lines", fm.start
            )

    def _repair_fix(self) -> Fix | None:
        if not any(not f.valid for f in self.parsed.fields):
            return None
        text = self.text
        return Fix("Rewrite the broken values as valid YAML", lambda: fields.repair(text))

    # --- keys --------------------------------------------------------------------------------
    def keys(self) -> None:
        """Duplicates, unknown and missing keys; each known field's value."""
        dialect = self.dialect
        seen = self.fields
        specs, (any_text, text_ok) = dialect.fields, _quiet_text(dialect)
        newer = self._newer_keys()
        for f in self.parsed.fields:
            key = f.key
            if key in seen:
                self.add("AQ107", f"'{key}' is set twice; the last one wins", self.at_key(f), key)
            else:
                seen[key] = f
            if key in newer:
                self.add("AQ210", newer[key], self.at_key(f), key)
                continue
            if type(f.value) is str and (key in any_text or f.value in text_ok.get(key, ())):
                continue  # the usual case: text that ``value`` would pass
            spec = specs.get(key)
            if spec is not None:
                self.value(f, spec)
                continue
            suggestion = dialect.suggest_key(f.key)
            message = f"'{f.key}' is not a {dialect.label} field"
            fix = None
            if suggestion and self.parsed.get(suggestion) is None:
                message += f"; did you mean '{suggestion}'?"
                text, old = self.text, f.key
                fix = Fix(
                    f"Rename to '{suggestion}'",
                    lambda t=text, o=old, s=suggestion: fields.rename_key(t, o, s),
                    safe=False,
                )
            else:
                message += " and is ignored" if not dialect.strict_keys else " and is rejected"
            severity = Severity.ERROR if dialect.strict_keys else None
            self.add("AQ210", message, self.at_key(f), f.key, fix, severity)
        for key in dialect.required_keys:
            if key not in seen:
                at = self.parsed.frontmatter.start if self.parsed.frontmatter else 0
                self.add("AQ200", f"'{key}' is required by {dialect.label}", at, key)

    def _newer_keys(self) -> dict[str, str]:
        """Key → message, for the fields the target Claude Code version may not read."""
        if not self.dialect.id.startswith("claude"):
            return {}
        return {
            key: f"'{key}' is known from Claude Code {behaviour.since} (the oldest version "
            f"checked); the target version {self.target} may ignore it"
            for key, name in claude_versions.FIELD_BEHAVIOUR.items()
            if not (behaviour := claude_versions.BEHAVIOURS[name]).in_version(self.target)
        }

    def name(self) -> None:
        f = self.fields.get("name")
        if f is None or not isinstance(f.value, str):
            return
        at = self.at_value(f)
        for code, message in name_problems(f.value, self.dialect):
            registers = code == "AQ206" and self.dialect.plugin  # under its file name
            self.add(code, message, at, "name", severity=Severity.WARNING if registers else None)
        path = self.agent.path
        if path is not None and self.dialect.id.startswith(("claude", "gemini")):
            stem = os.path.basename(path).split(".")[0]
            if stem != f.value:
                self.add(
                    "AQ205", f"The name '{f.value}' differs from the file name '{stem}'", at, "name"
                )

    # --- values ------------------------------------------------------------------------------
    def value(self, f: Field, spec: dialects.FieldSpec) -> None:
        if f.value is None:
            return
        if f.key in self.dialect.ignored_keys:
            self.add(
                "AQ225", f"Claude Code ignores '{f.key}' in plugin agents", self.at_key(f), f.key
            )
        special = _SPECIAL_VALUES.get(f.key) if self.dialect.id.startswith("claude") else None
        if type(f.value) is str and spec.type is _STRING and f.key != "model" and not special:
            return  # the common case: text where text belongs
        if f.key == "hooks" and f.value == []:
            text = self.text
            self.add(
                "AQ224",
                "'hooks: []' makes Claude Code drop the agent silently; use '{}'",
                self.at_value(f),
                "hooks",
                Fix("Write 'hooks: {}'", lambda: fields.set_value(text, "hooks", {})),
            )
            return
        if _read_anyway(f, spec, self.dialect.kind):
            return
        check = _TYPE_CHECKS.get(spec.type)
        if check is not None and not check(f.value, spec):
            self.add("AQ211", f"'{f.key}' should be {_type_words(spec)}", self.at_value(f), f.key)
            return
        if special is not None:
            special(self, f, spec)
        elif f.key == "model" and isinstance(f.value, str):
            self.model(f)
        elif f.key == "color" and isinstance(f.value, str):
            self.color(f)
        elif spec.type is _ENUM:
            self.enum(f, spec)

    def newer_value(self, f: Field, behaviour: str, newer: set[str]) -> bool:
        """AQ212 when ``f``'s value is one only newer Claude Code versions read; True if so."""
        known = claude_versions.BEHAVIOURS[behaviour]
        if known.in_version(self.target) or not (f.value in newer or isinstance(f.value, int)):
            return False
        self.add(
            "AQ212",
            f"'{f.value}' is a valid {f.key} in Claude Code {known.since} (the oldest version "
            f"checked); the target version {self.target} may not accept it",
            self.at_value(f),
            f.key,
        )
        return True

    def effort(self, f: Field, spec: dialects.FieldSpec) -> None:
        if not self.newer_value(f, "effort-xhigh-max-int", {"xhigh", "max"}):
            self.enum(f, spec)

    def isolation(self, f: Field, spec: dialects.FieldSpec) -> None:
        if not self.newer_value(f, "isolation-remote", {"remote"}):
            self.enum(f, spec, Severity.ERROR)

    def enum(self, f: Field, spec: dialects.FieldSpec, severity: Severity | None = None) -> None:
        """AQ212 when ``f``'s value is not one of the field's allowed values."""
        if _not_allowed(f.value, spec):
            self.add(
                "AQ212",
                f"'{f.value}' is not a valid {f.key}: use one of {', '.join(spec.allowed)}",
                self.at_value(f),
                f.key,
                severity=severity,
            )

    def observer(self, f: Field, spec: dialects.FieldSpec) -> None:
        names = [n.strip() for n in f.value.split(",")]
        if len(names) > MAX_OBSERVERS or not all(names):
            self.add(
                "AQ212",
                f"'observer' names {len(names)} agents; Claude Code takes one agent name or a "
                f"comma-separated list of up to {MAX_OBSERVERS}",
                self.at_value(f),
                f.key,
            )

    def experimental(self, f: Field, spec: dialects.FieldSpec) -> None:
        for key, value in f.value.items():
            if str(key).replace("_", "").replace("-", "").lower() != "cachettl":
                self.add(
                    "AQ210",
                    f"'experimental' has no '{key}' setting; Claude Code reads only 'cacheTtl'",
                    self.at_value(f),
                    f.key,
                )
            elif value not in spec.allowed:
                self.add(
                    "AQ212",
                    f"'{value}' is not a valid cacheTtl: use one of {', '.join(spec.allowed)}",
                    self.at_value(f),
                    f.key,
                )

    def model(self, f: Field) -> None:
        if self.dialect.models and not self.dialect.is_known_model(f.value):
            self.add(
                "AQ213",
                f"'{f.value}' is not a known model; use one of "
                f"{', '.join(self.dialect.models)} or a full model ID",
                self.at_value(f),
                "model",
            )

    def color(self, f: Field) -> None:
        dialect, value = self.dialect, f.value
        spec = dialect.spec("color")
        if spec is None or value in dialect.colors:
            return
        if spec.pattern and re.fullmatch(spec.pattern, value):
            return
        note = dialect.unofficial_colors.get(value)
        if note:
            message = f"'{value}': {note}"
        elif _HEX.fullmatch(value):
            message = f"{dialect.label} does not support hex colours"
        else:
            message = f"'{value}' is not a {dialect.label} colour"
        if dialect.colors:
            message += f" (use {', '.join(dialect.colors)})"
        self.add("AQ214", message, self.at_value(f), "color")

    # --- tools -------------------------------------------------------------------------------
    def tools(self) -> None:
        dialect = self.dialect
        lists: dict[str, list[str]] = {}
        for key in ("tools", "disallowedTools"):
            f = self.fields.get(key)
            spec = dialect.fields.get(key) if f is not None else None
            if spec is None or spec.type is not _TOOLS:
                continue
            names = lists[key] = tool_names(f.value)
            if isinstance(f.value, list) and f.value and spec.list_style == "comma":
                self._tools_as_list(f, key, names)
            if dialect.known_tools:
                for name in dialect.unknown_tools(names):
                    self.add(
                        "AQ221",
                        f"'{name}' is not a known {dialect.label} tool",
                        self.at_value(f),
                        key,
                    )
            if key == "tools" and not dialect.plugin and "Agent(" in str(f.value):
                self.add(
                    "AQ223",
                    "Agent(...) limits spawnable agents only for the main "
                    "agent (--agent); a subagent ignores the list",
                    self.at_value(f),
                    key,
                )
        if len(lists) == 2:
            f = self.fields["tools"]
            for name in sorted(set(lists["tools"]) & set(lists["disallowedTools"])):
                self.add(
                    "AQ222",
                    f"'{name}' is in both tools and disallowedTools; it is removed",
                    self.at_value(f),
                    "tools",
                )

    def _tools_as_list(self, f: Field, key: str, names: list[str]) -> None:
        known = claude_versions.BEHAVIOURS["tools-list"]
        if known.in_version(self.target):
            return
        text, joined = self.text, ", ".join(names)
        self.add(
            "AQ220",
            f"Claude Code {self.target} may read a '{key}' list as no tools at all (#13331; "
            f"{known.since} reads lists); write a comma-separated string",
            self.at_value(f),
            key,
            Fix(
                "Write as a comma-separated string",
                lambda: fields.set_value(text, key, joined),
            ),
        )

    # --- prose -------------------------------------------------------------------------------
    def description(self) -> None:
        f = self.fields.get("description")
        if f is None or not isinstance(f.value, str):
            return
        desc, at = f.value, self.at_value(f)
        if "\\n" in desc and desc.find("\n") in (-1, len(desc) - 1):
            self.add(
                "AQ230",
                "The description uses literal '\\n' sequences: the model sees a "
                "backslash and an 'n', not line breaks",
                at,
                "description",
            )
        if not 10 <= len(desc) <= 5000:
            self.add(
                "AQ300",
                f"The description has {len(desc):,} characters; 10–5,000 works "
                "best (200–1,000 ideally)",
                at,
                "description",
            )
        crowding = _crowding("description", len(desc), CROWDED_DESCRIPTION_TOKENS, True)
        if crowding:
            self.add("AQ312", crowding, at, "description")
        opened, closed = desc.count("<example>"), desc.count("</example>")
        if opened != closed:
            self.add(
                "AQ302", f"{opened} <example> tags but {closed} </example> tags", at, "description"
            )
        elif opened and not 2 <= opened <= 6:
            self.add(
                "AQ301",
                f"{opened} examples; 2–6 help Claude decide when to delegate (3–4 is ideal)",
                at,
                "description",
            )

    def body(self) -> None:
        at = self.parsed.body_start
        body_size = len(self.text) - at
        if self.parsed.frontmatter is not None and (
            body_size < 200 and len(self.text[at:].strip()) < 20
        ):
            self.add(
                "AQ310",
                "The body is the agent's system prompt; it is empty or nearly so",
                min(at, len(self.text)),
            )
        limit = self.dialect.max_body_chars
        if limit and body_size > limit:
            self.add(
                "AQ311",
                f"The body has {body_size:,} characters; {self.dialect.label} "
                f"reads at most {limit:,}",
                at,
            )
        crowding = _crowding(
            "system prompt (the body)", body_size, CROWDED_BODY_TOKENS, every_turn=False
        )
        if crowding:
            self.add("AQ312", crowding + " (move reference material into files it reads)", at)


def name_problems(name: str, dialect: dialects.Dialect) -> list[tuple[str, str]]:
    """(code, message) for each thing wrong with an agent name in ``dialect``."""
    found = []
    if dialect.id.startswith("claude") and (":" in name or name.startswith("-")):
        found.append(
            ("AQ202", "Claude Code skips an agent whose name contains ':' or starts with '-'")
        )
    if dialect.id.startswith("claude") and len(name) > MAX_NAME_CHARS:
        return [*found, ("AQ206", _too_long(len(name), dialect.plugin))]  # AQ203/204: moot
    if dialect.name_re is not None and not dialect.name_re.fullmatch(name):
        found.append(("AQ203", f"'{name}' should be lowercase letters, digits and hyphens"))
    bounds = dialect.name_length
    if bounds and not bounds[0] <= len(name) <= bounds[1]:
        found.append(("AQ204", f"The name has {len(name)} characters; use {bounds[0]}–{bounds[1]}"))
    return found


def _too_long(length: int, plugin: bool) -> str:
    if plugin:
        return (
            f"The name has {length} characters, over Claude Code's {MAX_NAME_CHARS}: in a plugin "
            "it registers this agent under its file name instead"
        )
    return (
        f"The name has {length} characters, over Claude Code's {MAX_NAME_CHARS}: Claude Code "
        "does not register this agent"
    )


def _not_allowed(value: Any, spec: dialects.FieldSpec) -> bool:
    return (
        isinstance(value, str)
        and bool(spec.allowed)
        and value not in spec.allowed
        and not (spec.pattern and re.fullmatch(spec.pattern, value))
    )


def _int_ok(v: Any, spec: dialects.FieldSpec) -> bool:
    return (
        isinstance(v, int)
        and not isinstance(v, bool)
        and (spec.minimum is None or v >= spec.minimum)
        and (spec.maximum is None or v <= spec.maximum)
    )


def _number_ok(v: Any, spec: dialects.FieldSpec) -> bool:
    return (
        isinstance(v, (int, float))
        and not isinstance(v, bool)
        and (spec.minimum is None or v >= spec.minimum)
        and (spec.maximum is None or v <= spec.maximum)
    )


def _string_ok(v: Any, spec: dialects.FieldSpec) -> bool:
    return (
        isinstance(v, str)
        or (spec.also_list and isinstance(v, list))
        or (spec.also_int and isinstance(v, int) and not isinstance(v, bool))
    )


_TYPE_CHECKS: dict[dialects.FieldType, Callable[[Any, dialects.FieldSpec], bool]] = {
    dialects.FieldType.BOOL: lambda v, s: isinstance(v, bool),
    dialects.FieldType.INT: _int_ok,
    dialects.FieldType.NUMBER: _number_ok,
    dialects.FieldType.STRING: _string_ok,
    dialects.FieldType.ENUM: _string_ok,
    dialects.FieldType.TOOLS: lambda v, s: isinstance(v, (str, list)),
    dialects.FieldType.STRING_LIST: lambda v, s: isinstance(v, (list, str)),
    dialects.FieldType.MAP: lambda v, s: isinstance(v, dict),
}
_TYPE_WORDS = {
    dialects.FieldType.BOOL: "true or false",
    dialects.FieldType.INT: "a whole number in range",
    dialects.FieldType.NUMBER: "a number in range",
    dialects.FieldType.STRING: "text",
    dialects.FieldType.ENUM: "text",
    dialects.FieldType.TOOLS: "a comma-separated list of tools",
    dialects.FieldType.STRING_LIST: "a list",
    dialects.FieldType.MAP: "a mapping of keys to values",
}


def _type_words(spec: dialects.FieldSpec) -> str:
    if spec.type is dialects.FieldType.INT and spec.minimum is not None and spec.maximum is None:
        return f"a whole number of at least {spec.minimum:,}"
    if spec.also_int:
        return f"one of {', '.join(spec.allowed)} or a whole number"
    return _TYPE_WORDS[spec.type]


#: the Claude Code fields whose values need more than a type and an allowed list
_SPECIAL_VALUES: dict[str, Callable[[_Linter, Field, dialects.FieldSpec], None]] = {
    "effort": _Linter.effort,
    "isolation": _Linter.isolation,
    "observer": _Linter.observer,
    "experimental": _Linter.experimental,
}
#: the Claude Code switches whose text 'true' and 'false' count as the booleans (the 2.1.332
#: agent-file parser: `x === "true" || x === true`, and "false" likewise)
_TEXT_BOOLS = frozenset(("background", "omitClaudeMd", "observeSubagents", "observeToolResults"))
#: the words the 2.1.332 parser of skills, commands and output styles reads as a switch
#: (``String(x).toLowerCase().trim()`` in these, for a string or a number)
_SWITCH_WORDS = frozenset(("1", "true", "yes", "on", "0", "false", "no", "off"))
#: keys of skills and commands Claude Code reads with ``String(x)``: a number or a list is text
_STRINGIFIED = frozenset(("argument-hint", "when_to_use", "version", "agent"))


def _read_anyway(f: Field, spec: dialects.FieldSpec, kind: str) -> bool:
    """Whether Claude Code reads ``f`` as its field's type although YAML typed it otherwise."""
    value = f.value
    if kind == "agent":
        return f.key in _TEXT_BOOLS and value in ("true", "false")
    if spec.type is dialects.FieldType.BOOL:
        plain = isinstance(value, str | int) and not isinstance(value, bool)
        return plain and str(value).lower().strip() in _SWITCH_WORDS
    return f.key in _STRINGIFIED and not isinstance(value, dict)


def _offset(text: str, line: int, column: int) -> int:
    pos = 0
    for _ in range(line - 1):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    return min(pos + column - 1, len(text))


def _where(fm: Any) -> str:
    return str(fm.error) if fm.error is not None else "see the source"


def lint(agent: AgentFile, target: str | None = None) -> list[Diagnostic]:
    """Every diagnostic for one agent file, in document order.

    ``target`` is the Claude Code version the version-dependent rules follow; by default, the
    one the file's project names (see :mod:`agentquill.core.claude_versions`).
    """
    return _Linter(agent, target or claude_versions.target_for(agent.path)).run()


def fixes(diagnostics: list[Diagnostic], safe_only: bool = True) -> Iterator[Diagnostic]:
    """The diagnostics that carry a fix (only safe ones by default)."""
    return (d for d in diagnostics if d.fix is not None and (d.fix.safe or not safe_only))
