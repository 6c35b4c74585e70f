"""What a project index keeps per agent file (:class:`Entry`) and per cross-file finding.

An entry holds only what the project tree, its filter box and the cross-file rules need:
no full text. Its ``body`` is a lowercased UTF-8 copy kept for search while the index's
budget allows; without it :meth:`Entry.matches` reads the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import dialects
from ..agentfile import AgentFile
from ..frontmatter import locate
from ..lint import RULES, Diagnostic, Severity
from ..text import DecodeError, decode, line_col
from .budget import js_length
from .discovery import Source, agent_stem

_DESCRIPTION_CHARS = 200
_PLUGIN_IGNORED = dialects.get(dialects.CLAUDE_PLUGIN).ignored_keys


@dataclass(slots=True)
class Entry:
    """What the index knows about one agent file."""

    path: Path
    source: Source
    dialect: str
    name: str  # the `name` field, else the file name without its suffixes
    description: str  # one line, at most ~200 characters
    tools: str
    model: str
    color: str
    errors: int
    warnings: int
    infos: int
    size: int
    mtime_ns: int
    name_line: int = 0  # line of the `name` field; 0 when the file has none
    #: (key, line) of each field Claude Code ignores in plugin agents, wherever the file lives
    plugin_ignored: tuple[tuple[str, int], ...] = ()
    body: bytes | None = None  # lowercased UTF-8 body for search; None: read the file when asked
    problem: str = ""  # why the file could not be read, when it could not
    #: an agent's ``skills:`` (the names, and the line of the field), for the cross-file rules
    skills: tuple[str, ...] = ()
    skills_line: int = 0
    manual_only: bool = False  # a skill or command that sets disable-model-invocation
    #: the whole description's length in UTF-16 units (budget.js_length), for the context budget
    description_length: int = 0

    def matches(self, query: str) -> bool:
        """True when ``query`` (case-insensitive) occurs in the name, description, tools or body."""
        q = query.lower()
        if q in self.name.lower() or q in self.description.lower() or q in self.tools.lower():
            return True
        body = self.body if self.body is not None else _read_body(self.path)
        return q.encode("utf-8", "surrogatepass") in body

    def record(self) -> tuple:
        """The entry as a cache record (path, size, mtime_ns first)."""
        return (
            str(self.path),
            self.size,
            self.mtime_ns,
            self.source.scope,
            self.source.plugin,
            self.dialect,
            self.name,
            self.description,
            self.tools,
            self.model,
            self.color,
            self.errors,
            self.warnings,
            self.infos,
            self.name_line,
            self.plugin_ignored,
            self.body,
            self.problem,
            self.skills,
            self.skills_line,
            self.manual_only,
            self.description_length,
        )

    @classmethod
    def from_record(cls, r: tuple, path: Path, source: Source, keep_body: bool) -> Entry:
        """The entry a record stores (``r[5:14]``: dialect … infos, in field order)."""
        return cls(
            path, source, *r[5:14], r[1], r[2], r[14], r[15],
            r[16] if keep_body else None, *r[17:22],
        )  # fmt: skip


#: the length of :meth:`Entry.record` tuples
RECORD_WIDTH = 22


@dataclass(frozen=True)
class ProjectProblem:
    """A cross-file finding (core/crosslint.py): ``others`` are the files involved with it."""

    code: str
    severity: str  # "error" | "warning" | "info"
    message: str
    path: Path
    line: int
    others: tuple[Path, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The same shape as ``lint.Diagnostic.as_dict``, plus the other files involved."""
        d: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": 1,
        }
        if self.others:
            d["others"] = [str(p) for p in self.others]
        return d


def problem(
    code: str, message: str, path: Path, line: int, others: tuple[Path, ...] = ()
) -> ProjectProblem:
    """A cross-file finding with the severity of its rule."""
    return ProjectProblem(code, RULES[code].severity.value, message, path, line, others)


_SHOWN = ("description", "tools", "model", "color")


def entry_for(
    path: Path,
    source: Source,
    agent: AgentFile,
    found: list[Diagnostic],
    stamp: tuple[int, int],
    body: bytes | None = None,
) -> Entry:
    """The entry for a file already read and linted (``found`` are its diagnostics)."""
    text = agent.text
    fields: dict[str, Any] = {}  # key → its first field
    ignored = []
    for f in agent.parsed.fields:
        if f.key not in fields:
            fields[f.key] = f
        if f.key in _PLUGIN_IGNORED and f.value is not None:
            ignored.append((f.key, _line(text, f.key_span[0])))
    counts = dict.fromkeys(Severity, 0)
    for d in found:
        counts[d.severity] += 1
    skills = fields.get("skills") if agent.dialect.kind == "agent" else None
    manual = fields.get("disable-model-invocation") if agent.dialect.kind != "agent" else None
    name_field = fields.get("name")
    name = name_field.value if name_field is not None else None
    value = {k: fields[k].value if k in fields else None for k in _SHOWN}
    description = value["description"]
    return Entry(
        path,
        source,
        agent.dialect.id,
        name if isinstance(name, str) and name else agent_stem(path),
        _one_line(description),
        _joined(value["tools"]),
        _joined(value["model"]),
        _joined(value["color"]),
        counts[Severity.ERROR],
        counts[Severity.WARNING],
        counts[Severity.INFO],
        stamp[0],
        stamp[1],
        _line(text, name_field.key_span[0]) if name_field is not None else 0,
        tuple(ignored),
        body,
        skills=tuple(dialects.tool_names(skills.value)) if skills is not None else (),
        skills_line=_line(text, skills.key_span[0]) if skills is not None else 0,
        manual_only=manual is not None and manual.value is True,
        description_length=js_length(description) if isinstance(description, str) else 0,
    )


def unreadable_entry(
    path: Path, source: Source, stamp: tuple[int, int] | None, problem: str
) -> Entry:
    """The entry for a file that could not be read or decoded: one error, ``problem`` says why."""
    size, mtime = stamp or (0, 0)
    dialect = dialects.detect(str(path)).id
    blank = dict.fromkeys(_SHOWN, "")
    return Entry(path, source, dialect, agent_stem(path), **blank, errors=1, warnings=0,
                 infos=0, size=size, mtime_ns=mtime, problem=problem)  # fmt: skip


def _read_body(path: Path) -> bytes:
    """The lowercased UTF-8 body of a file, read now (empty when it cannot be read)."""
    try:
        text = decode(path.read_bytes()).text
    except (OSError, DecodeError):
        return b""
    where = locate(text)
    return text[where[2] if where else 0 :].lower().encode()


def _one_line(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(value[: _DESCRIPTION_CHARS * 2].replace("\\n", " ").split())[
        :_DESCRIPTION_CHARS
    ]


def _joined(value: Any) -> str:
    """A field value as one line: a list joined by commas, a map by its enabled keys."""
    if isinstance(value, dict):  # OpenCode's {tool: true|false}
        return ", ".join(str(k) for k, v in value.items() if v)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value).strip()


def _line(text: str, offset: int) -> int:
    return line_col(text, offset)[0]
