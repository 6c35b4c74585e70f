"""The lines of ``claude -p … --output-format stream-json --verbose``, as typed messages.

Each line is one JSON object with a ``type``: ``system`` (subtype ``init`` first: what Claude
Code registered at start-up), ``assistant`` (text and tool calls), ``user`` (tool results fed
back), ``result`` (the last: how the run ended, turns, cost, duration, usage). The shapes are
the Agent SDK's (``SDKSystemMessage``, ``SDKAssistantMessage``, ``SDKUserMessage``,
``SDKResultMessage``) as Claude Code 2.1.332 prints them. A line that is not such an object is
:class:`Malformed`, never an exception; a message of another type is :class:`Other`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

#: what Claude Code 2.1.332 answers, as assistant text and result, when nobody is logged in
NOT_LOGGED_IN = "Not logged in · Please run /login"
#: the assistant message's ``error`` for it (the SDK's ``SDKAssistantMessage.error``)
AUTHENTICATION_FAILED = "authentication_failed"


@dataclass(frozen=True)
class Plugin:
    name: str
    path: str  # "builtin" for Claude Code's own
    source: str = ""


@dataclass(frozen=True)
class Init:
    """``system``/``init``: what Claude Code registered before the first turn."""

    version: str
    model: str
    cwd: str
    agents: tuple[str, ...]
    skills: tuple[str, ...]
    slash_commands: tuple[str, ...]
    tools: tuple[str, ...]
    plugins: tuple[Plugin, ...]
    permission_mode: str
    api_key_source: str
    session_id: str
    raw: dict[str, Any] = field(repr=False, compare=False)


@dataclass(frozen=True)
class ToolUse:
    id: str
    name: str
    input: dict[str, Any]


@dataclass(frozen=True)
class Assistant:
    """One assistant message: its text blocks joined, its tool calls, and the SDK's ``error``
    (``authentication_failed``, ``billing_error``, …) when Claude Code made it up itself."""

    text: str
    tool_uses: tuple[ToolUse, ...]
    error: str | None
    parent_tool_use_id: str | None
    raw: dict[str, Any] = field(repr=False, compare=False)


@dataclass(frozen=True)
class ToolResult:
    tool_use_id: str
    content: str
    is_error: bool


@dataclass(frozen=True)
class User:
    """A user message: in a headless run, the results of the tool calls fed back."""

    results: tuple[ToolResult, ...]
    text: str
    raw: dict[str, Any] = field(repr=False, compare=False)


@dataclass(frozen=True)
class Result:
    """``result``: how the run ended. ``subtype`` is ``success`` or an ``error_…`` one; a
    run that failed on the API (not logged in) is ``success`` with ``is_error`` and
    ``terminal_reason: api_error``."""

    subtype: str
    is_error: bool
    text: str
    terminal_reason: str
    num_turns: int
    duration_ms: int
    duration_api_ms: int
    total_cost_usd: float
    usage: dict[str, Any]
    structured_output: Any
    raw: dict[str, Any] = field(repr=False, compare=False)

    @property
    def tokens(self) -> int:
        """Input and output tokens of the run, cache reads and writes included."""
        keys = ("input_tokens", "output_tokens", "cache_read_input_tokens")
        keys += ("cache_creation_input_tokens",)
        return sum(n for k in keys if isinstance(n := self.usage.get(k), int))


@dataclass(frozen=True)
class Other:
    """A message of a type or subtype this module does not read (status, hooks, …)."""

    type: str
    subtype: str
    raw: dict[str, Any] = field(repr=False, compare=False)


@dataclass(frozen=True)
class Malformed:
    """A line that is not a stream-json message, and why."""

    line: str
    reason: str

    @property
    def said(self) -> str:
        """What a run that printed it is told: the line, shortened."""
        return f"Claude Code printed a line that is not a message: {self.line.strip()[:120]}"


Message = Init | Assistant | User | Result | Other | Malformed


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _text(content: Any) -> str:
    """The text of a content string or of a list of blocks' ``text`` blocks."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        return ""
    return "\n".join(
        b["text"]
        for b in content
        if isinstance(b, dict) and b.get("type") == "text" and isinstance(b.get("text"), str)
    )


def _blocks(message: Any) -> list[dict[str, Any]]:
    content = message.get("content") if isinstance(message, dict) else None
    return [b for b in content if isinstance(b, dict)] if isinstance(content, list) else []


def _init(m: dict[str, Any]) -> Init:
    plugins = tuple(
        Plugin(_str(p.get("name")), _str(p.get("path")), _str(p.get("source")))
        for p in m.get("plugins") or []
        if isinstance(p, dict)
    )
    return Init(
        version=_str(m.get("claude_code_version")),
        model=_str(m.get("model")),
        cwd=_str(m.get("cwd")),
        agents=_strings(m.get("agents")),
        skills=_strings(m.get("skills")),
        slash_commands=_strings(m.get("slash_commands")),
        tools=_strings(m.get("tools")),
        plugins=plugins,
        permission_mode=_str(m.get("permissionMode")),
        api_key_source=_str(m.get("apiKeySource")),
        session_id=_str(m.get("session_id")),
        raw=m,
    )


def _assistant(m: dict[str, Any]) -> Assistant:
    message = m.get("message")
    uses = tuple(
        ToolUse(_str(b.get("id")), _str(b.get("name")), b.get("input") or {})
        for b in _blocks(message)
        if b.get("type") == "tool_use"
    )
    content = message.get("content") if isinstance(message, dict) else None
    error = m.get("error")
    parent = m.get("parent_tool_use_id")
    return Assistant(
        _text(content), uses, error if isinstance(error, str) else None, parent or None, m
    )


def _user(m: dict[str, Any]) -> User:
    message = m.get("message")
    results = tuple(
        ToolResult(_str(b.get("tool_use_id")), _text(b.get("content")), b.get("is_error") is True)
        for b in _blocks(message)
        if b.get("type") == "tool_result"
    )
    content = message.get("content") if isinstance(message, dict) else None
    return User(results, _text(content), m)


def _result(m: dict[str, Any]) -> Result:
    cost = m.get("total_cost_usd")
    usage = m.get("usage")
    return Result(
        subtype=_str(m.get("subtype")),
        is_error=m.get("is_error") is True,
        text=_str(m.get("result")) or "\n".join(_strings(m.get("errors"))),
        terminal_reason=_str(m.get("terminal_reason")),
        num_turns=_int(m.get("num_turns")),
        duration_ms=_int(m.get("duration_ms")),
        duration_api_ms=_int(m.get("duration_api_ms")),
        total_cost_usd=float(cost) if isinstance(cost, int | float) else 0.0,
        usage=usage if isinstance(usage, dict) else {},
        structured_output=m.get("structured_output"),
        raw=m,
    )


def parse_line(line: str) -> Message:
    """The message on one line of stream-json output."""
    try:
        m = json.loads(line)
    except ValueError as error:
        return Malformed(line, f"not JSON: {error}")
    if not isinstance(m, dict) or not isinstance(m.get("type"), str):
        return Malformed(line, "not a message: no type")
    kind, subtype = m["type"], _str(m.get("subtype"))
    if kind == "system" and subtype == "init":
        return _init(m)
    if kind == "assistant":
        return _assistant(m)
    if kind == "user":
        return _user(m)
    if kind == "result":
        return _result(m)
    return Other(kind, subtype, m)


def parse_lines(output: str) -> list[Message]:
    """The messages of a whole output, its blank lines skipped."""
    return [parse_line(line) for line in output.splitlines() if line.strip()]
