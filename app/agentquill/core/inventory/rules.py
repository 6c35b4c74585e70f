"""What Claude Code 2.1.332 registers from one file, and which file wins a shared name.

Every rule here was seen with ``claude-load`` 2.1.332 on generated files (the cases in
``tests/inventory_cases.py``) unless it says otherwise; the frontmatter is read by the core's
reader and judged by :func:`~agentquill.core.frontmatter.claude_verdict`, which models Claude
Code's own split, YAML parse and recovery.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from ..frontmatter import claude_verdict, parse
from ..path_names import KIND_DIRS, command_name
from ..text import DecodeError, decode
from .sources import Source

#: the reason of the command entry every user-invocable skill adds
SKILL_COMMAND = "a skill is also a slash command"
#: why a skill or command with ``user-invocable: false`` is not listed
HIDDEN = "user-invocable: false keeps it out of the skill and command lists"
#: why a project or user skill with ``paths`` is not listed at start-up
CONDITIONAL = "conditional: listed once a file matching paths is touched"
#: a ``name`` longer than this is refused in a project and replaced by the stem in a plugin
NAME_LIMIT = 256


@dataclass(frozen=True)
class Entry:
    """One file's registration: ``name`` as Claude Code lists it (plugin prefix included),
    or "" when it has none; ``reason`` says why a file is skipped or which file won its name,
    or, for a registered file, anything worth knowing about how it was named."""

    kind: str  # agent | skill | command
    name: str
    file: str
    scope: str  # project | user | plugin
    registered: bool
    reason: str = ""
    description: str = ""
    #: the kind whose name a skipped file still keeps from other files (a hidden skill's)
    keeps: str = ""
    #: a skill Claude Code holds back until a file matching its ``paths`` is touched
    conditional: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "file": self.file,
            "scope": self.scope,
            "registered": self.registered,
            "reason": self.reason,
            "description": self.description,
            "conditional": self.conditional,
        }


@dataclass(frozen=True)
class Header:
    """A file's frontmatter as Claude Code reads it: ``values`` is None when it has none it
    can parse, and ``why`` then says what is wrong."""

    values: dict[str, Any] | None
    why: str = ""


def read_header(data: bytes) -> Header:
    """Claude Code's reading of a file's frontmatter.

    A BOM is skipped (a file opening with one registers); the opening ``---`` must be the
    first line (after a blank line the file has no frontmatter); an unclosed block is none;
    the block ends at the first ``---`` (``description: Ends with ---`` ends it, and the
    fields after it are not read); the YAML must parse, after Claude Code's recovery, as a
    mapping (a CRLF file with ``: `` in a plain value does not, a tab in the indentation does).
    """
    try:
        text = decode(data).text
    except DecodeError:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    parsed = parse(text)
    fm = parsed.frontmatter
    if fm is None:
        if text.lstrip().startswith("---") and not text.startswith("---"):
            return Header(None, "its opening --- is not on the first line")
        if parsed.unterminated:
            return Header(None, "its frontmatter is never closed")
        return Header(None, "it has no frontmatter")
    verdict = claude_verdict(text, parsed)
    if not verdict.parses:
        return Header(None, "Claude Code cannot parse its frontmatter")
    if verdict.cut_at is not None:  # its block ends at the first "---", even mid-line
        fm = parse(f"---\n{text[fm.start : verdict.cut_at]}\n---\n").frontmatter
        assert fm is not None
    if fm.not_mapping:
        return Header(None, "its frontmatter is not a set of fields")
    return Header(fm.values())


def lost(entry: Entry, winner: Entry) -> Entry:
    """``entry`` skipped because ``winner`` registers the same name."""
    why = f"{winner.file} takes the name {entry.name!r}"
    return replace(entry, registered=False, reason=why)


def won(entry: Entry, over: list[str]) -> Entry:
    """``entry`` keeping its name over the files ``over`` that also claim it."""
    why = "; ".join(filter(None, [entry.reason, f"wins the name over {', '.join(over)}"]))
    return replace(entry, reason=why)


def unloaded(entries: list[Entry], failure: str) -> list[Entry]:
    """A file's entries when its plugin does not load: one line saying why."""
    why = f"the plugin does not load: {failure}"
    return [replace(e, registered=False, reason=why, keeps="") for e in entries[:1]]


def replaced(kind: str, source: Source) -> Entry:
    """A file of a plugin's default folder that the manifest's own list replaces."""
    folder = KIND_DIRS[kind]
    why = f"the manifest's {folder} list replaces {folder}/"
    return Entry(kind, "", str(source.shown), "plugin", False, why)


def js_string(value: Any) -> str:
    """``value`` as JavaScript's ``String()`` writes it: a plugin agent's ``name: 12345``
    registers as ``12345`` and ``name: [a, b]`` as ``a,b``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ",".join("" if v is None else js_string(v) for v in value)
    if isinstance(value, dict):
        return "[object Object]"
    return str(value)


def stem(rel: PurePosixPath) -> str:
    return rel.name[: -len(".md")]  # any case: a plugin's ``x.MD``


def agent(source: Source, scope: str, prefix: str) -> Entry:
    """A file under ``agents/`` (any depth: subfolders are searched).

    Only ``*.md`` files count, in a project and a user folder with the extension in lower case
    (``x.MD`` is ignored there, a plugin takes it); hidden files and a README with frontmatter
    register like any other file.
    """
    shown = str(source.shown)
    suffix = source.rel.suffix.lower() if scope == "plugin" else source.rel.suffix
    if suffix != ".md":
        return Entry("agent", "", shown, scope, False, "not a .md file")
    header = read_header(source.read())
    values = header.values or {}
    description = js_string(values.get("description"))
    if scope == "plugin":
        return _plugin_agent(source, shown, prefix, header, values, description)
    why = header.why or _project_refusal(values)
    if why:
        return Entry("agent", _shown_name(values), shown, scope, False, why, description)
    return Entry("agent", values["name"], shown, scope, True, "", description)


def _project_refusal(values: dict[str, Any]) -> str:
    """Why a project or user agent with parsed frontmatter is skipped, or "".

    ``name`` must be a non-empty string (a number or a list is refused) of at most 256
    characters without a ``:`` (spaces, ``/`` and accents are kept as written); ``description``
    a non-empty string (``42`` is refused, ``'  '`` is not); ``hooks`` a mapping when given
    (``[]``, ``text`` or ``5`` are refused, unknown events are not). Other wrong types
    (``model: 42``, ``tools: 7``, ``maxTurns: -1``, ``permissionMode: nonsense``) are not.
    """
    name = values.get("name")
    if not isinstance(name, str) or not name:
        return "its name is missing or not text" if name in (None, "") else "its name is not text"
    if len(name) > NAME_LIMIT:
        return f"its name has {len(name)} characters, over {NAME_LIMIT}"
    if ":" in name:
        return "its name contains ':'"
    description = values.get("description")
    if not isinstance(description, str) or not description:
        return "its description is missing, empty or not text"
    if values.get("hooks") is not None and not isinstance(values["hooks"], dict):
        return "its hooks are not a mapping"
    return ""


def _plugin_agent(
    source: Source,
    shown: str,
    prefix: str,
    header: Header,
    values: dict[str, Any],
    description: str,
) -> Entry:
    """A plugin agent always registers: under its ``name`` (as ``String()`` writes it) when
    that is non-empty and at most 256 characters, else under the file's stem; subfolders
    become part of the name (``agents/sub/x.md`` → ``plugin:sub:x``)."""
    name = js_string(values.get("name"))
    if name and len(name) <= NAME_LIMIT:
        why = ""
    else:
        name = stem(source.rel)
        why = f"named after its file: {header.why or _stem_cause(values)}"
    folders = "".join(f"{part}:" for part in source.rel.parts[:-1])
    return Entry("agent", f"{prefix}{folders}{name}", shown, "plugin", True, why, description)


def _stem_cause(values: dict[str, Any]) -> str:
    if js_string(values.get("name")):
        return f"its name has over {NAME_LIMIT} characters"
    return "it has no name"


def _shown_name(values: dict[str, Any]) -> str:
    name = values.get("name")
    return name if isinstance(name, str) else ""


def skill(source: Source, scope: str, prefix: str) -> list[Entry]:
    """A ``skills/<folder>/SKILL.md`` (that exact case) registers under the folder's name
    whatever its ``name`` says, in every layout: listed as a skill when it has a description
    or a ``when_to_use`` (``description: 42`` counts; blank does not), and as a slash command
    even without. ``user-invocable: false`` (or ``'false'``) keeps it out of both lists.
    Other files in a skill's folder, ``skill.md``, ``SKILL.MD``, a ``SKILL.md`` two folders
    down and loose files in ``skills/`` register nothing."""
    shown = str(source.shown)
    if len(source.rel.parts) != 2 or source.rel.name != "SKILL.md":
        why = "not a SKILL.md directly inside a skill's folder"
        return [Entry("skill", "", shown, scope, False, why)] if _main_file(source) else []
    folder = source.rel.parts[0]
    name = prefix + folder
    header = read_header(source.read())
    values = header.values or {}
    description = js_string(values.get("description")).strip()
    if _hidden(values):
        # in a project it still keeps its name from a command file (seen: a commands/t06.md
        # beside a hidden skills/t06 is not listed); in a plugin it does not
        keeps = "command" if scope != "plugin" else ""
        return [Entry("skill", name, shown, scope, False, HIDDEN, description, keeps)]
    if scope != "plugin" and conditional_paths(values.get("paths")):
        return [
            Entry(kind, name, shown, scope, False, CONDITIONAL, description, conditional=True)
            for kind in ("skill", "command")
        ]
    named = values.get("name")
    note = f"named after its folder, not its name {named!r}" if named not in (None, folder) else ""
    as_command = Entry("command", name, shown, scope, True, SKILL_COMMAND, description)
    if not description and "when_to_use" not in values:
        why = header.why or "it has no description (it is still a slash command)"
        return [Entry("skill", name, shown, scope, False, why), as_command]
    return [Entry("skill", name, shown, scope, True, note, description), as_command]


def conditional_paths(paths: Any) -> list[str]:
    """The patterns of a skill's ``paths`` that make it conditional, as Claude Code reads
    them: a string split at commas outside braces, or a list of such strings (anything else
    is none), each trimmed, a trailing ``/**`` dropped, empty ones left out; none when only
    ``**`` remains. Seen with claude-load 2.1.332: ``"src/**"``, ``[src/**]``, ``"/"`` and
    ``"src/**, lib/**"`` hold a project's or user's skill back (a plugin's is listed);
    ``[]``, ``""``, ``"**"``, ``["", ""]``, ``5`` and ``null`` do not."""
    found = [q for p in _split_paths(paths) if (q := p.removesuffix("/**"))]
    return [] if all(p == "**" for p in found) else found


def _split_paths(value: Any) -> list[str]:
    if isinstance(value, list):
        return [p for item in value for p in _split_paths(item)]
    if not isinstance(value, str):
        return []
    parts, depth, current = [], 0, ""
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()]


def _hidden(values: dict[str, Any]) -> bool:
    return js_string(values.get("user-invocable")) == "false"


def _main_file(source: Source) -> bool:
    """A file that looks meant as a skill (markdown), worth a line saying it is not one;
    a skill's scripts and references are not."""
    return source.rel.suffix.lower() == ".md" and (
        len(source.rel.parts) == 1 or source.rel.name.lower() == "skill.md"
    )


def command(source: Source, scope: str, prefix: str) -> list[Entry]:
    """A ``*.md`` under ``commands/`` at any depth registers, named by its path
    (``grp/sub/x.md`` → ``grp:sub:x``), whatever its frontmatter (none, broken or naming
    itself otherwise); a README and hidden files too. A plugin also takes ``x.MD``, and
    lists it as ``x.MD``. ``user-invocable: false`` keeps it out of the list, and
    ``disable-model-invocation: true`` lists it among the skills as well."""
    shown = str(source.shown)
    suffix = source.rel.suffix.lower() if scope == "plugin" else source.rel.suffix
    if suffix != ".md":
        return [Entry("command", "", shown, scope, False, "not a .md file")]
    name = prefix + command_name(source.rel)
    values = read_header(source.read()).values or {}
    description = js_string(values.get("description"))
    if _hidden(values):
        return [Entry("command", name, shown, scope, False, HIDDEN, description)]
    found = [Entry("command", name, shown, scope, True, "", description)]
    if values.get("disable-model-invocation") is True:
        why = "a command with disable-model-invocation: true is listed among the skills"
        found.append(Entry("skill", name, shown, scope, True, why, description))
    return found
