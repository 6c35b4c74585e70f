"""Field-by-field conversion rules between Claude Code and the other dialects.

Each rule works on a :class:`FieldRewriter`, which applies verified edits from
:mod:`agentquill.core.frontmatter.fields` and records a report :class:`Entry` for every field
it maps, changes, adds or drops. ``TO_CLAUDE[dialect]`` and ``FROM_CLAUDE[dialect]`` are the
entry points used by :func:`agentquill.core.convert.agent.convert`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .. import dialects
from ..dialects import tool_names
from ..frontmatter import Parsed, fields, parse
from ..text import Edit, apply_edits
from . import vocabulary as vocab

CLAUDE, COPILOT, OPENCODE, GEMINI = (
    dialects.CLAUDE_CODE,
    dialects.COPILOT,
    dialects.OPENCODE,
    dialects.GEMINI,
)
_CLAUDE_NAME = dialects.get(CLAUDE).name_re
_GEMINI_NAME = dialects.get(GEMINI).name_re


class ConvertError(ValueError):
    """The file cannot be converted (its frontmatter cannot be edited safely)."""


@dataclass(frozen=True)
class Entry:
    """One line of a conversion report: a field, what happened to it, and why."""

    field: str
    kind: str  # mapped (renamed key) | changed | dropped | added
    detail: str

    def __str__(self) -> str:
        return f"{self.field}: {self.kind}: {self.detail}"


def slug(text: str) -> str:
    """``Code Reviewer`` / ``CodeReviewer`` / ``code_reviewer`` → ``code-reviewer``."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", text)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class FieldRewriter:
    """The text being converted; every change goes through a verified field operation.

    Keys dropped one after another are removed together, with one check of the result, when
    the text is next read or changed: one by one, each a parse and a check of the whole
    frontmatter, a thousand keys took seconds."""

    def __init__(self, text: str, report: list[Entry], parsed: Parsed | None = None):
        self._text, self.report = text, report
        self._parsed = parsed  # the text's parse, when the caller has it
        self._dropping: dict[str, None] = {}  # keys to drop, in order (looked up per field)

    @property
    def text(self) -> str:
        self._drop_pending()
        return self._text

    @property
    def parsed(self) -> Parsed:
        self._drop_pending()
        return self._read()

    def _read(self) -> Parsed:
        """The parse of the text, keys still to drop included."""
        if self._parsed is None:
            self._parsed = parse(self._text)
        return self._parsed

    def field_keys(self) -> list[str]:
        keys = dict.fromkeys(f.key for f in self._read().fields)
        return [k for k in keys if k not in self._dropping]

    def value(self, key: str) -> Any:
        # dropping other keys leaves this one's value as it is (the drop checks that)
        return None if key in self._dropping else self._read().value(key)

    def apply(self, key: str, op: Any, *args: Any) -> None:
        """Apply the field operation ``op`` (of :mod:`fields`) to the text, given its parse."""
        text = self.text  # keys dropped by now are gone first
        try:
            edits = op(text, *args, parsed=self._read())
        except fields.EditRefused as exc:
            raise ConvertError(f"{key}: {exc}") from None
        self._text, self._parsed = apply_edits(self._text, edits), None

    def note(self, key: str, kind: str, detail: str) -> None:
        self.report.append(Entry(key, kind, detail))

    def set(self, key: str, value: Any, kind: str = "", detail: str = "") -> None:
        self.apply(key, fields.set_value, key, value)
        if kind:
            self.note(key, kind, detail)

    def drop(self, key: str, why: str) -> None:
        self._dropping[key] = None
        self.note(key, "dropped", why)

    def _drop_pending(self) -> None:
        """Remove the keys dropped since the text was last read."""
        keys, self._dropping = list(self._dropping), {}
        if keys:
            self._remove(keys)

    def _remove(self, keys: list[str]) -> None:
        """Remove ``keys`` all at once when that reads as every other field unchanged, else
        each half so, down to one key's own verified edit: a few keys that cannot go with the
        rest (an anchor another field uses) cost a few reads, not one read per key."""
        if len(keys) == 1:
            self.apply(keys[0], fields.remove_key, keys[0])
            return
        together = fields.remove_together(self._text, keys, self._read())
        if together is not None:
            self._text, self._parsed = apply_edits(self._text, together), None
            return
        half = len(keys) // 2
        self._remove(keys[:half])
        self._remove(keys[half:])

    def rename(self, old: str, new: str, why: str = "") -> None:
        self.apply(old, fields.rename_key, old, new)
        self.note(old, "mapped", f"written as {new!r}" + (f" ({why})" if why else ""))

    def add_after(self, key: str, value: Any, after: str | None, why: str) -> None:
        self.apply(key, fields.add_key, key, value, after)
        self.note(key, "added", why)

    def prepend(self, key: str, value: Any, why: str) -> None:
        """Add ``key`` as the first field (the name leads a Claude file)."""
        fm = self.parsed.frontmatter
        if fm is None or not fm.fields:
            return self.add_after(key, value, None, why)
        probe = fields.add_key(self.text, key, value)  # a verified rendering of the line
        line = "".join(e.text for e in probe)
        new_text = apply_edits(self.text, [Edit(fm.start, fm.start, line)])
        new = parse(new_text)
        expected = [(key, value)] + [(f.key, f.value) for f in fm.fields]
        got = [(f.key, f.value) for f in new.fields]
        if (
            new.body != self.parsed.body
            or len(got) != len(expected)
            or not all(
                a[0] == b[0] and fields.same(a[1], b[1]) for a, b in zip(got, expected, strict=True)
            )
        ):
            return self.add_after(key, value, None, why)
        self._text, self._parsed = new_text, None
        self.note(key, "added", why)


# --- to Claude Code ---------------------------------------------------------------------------


def claude_name(ed: FieldRewriter, file_stem: str) -> None:
    name = ed.value("name")
    if isinstance(name, str) and _CLAUDE_NAME and _CLAUDE_NAME.fullmatch(name):
        return
    candidates = [slug(file_stem), slug(name) if isinstance(name, str) else ""]
    new = next((c for c in candidates if c), "")
    if not new:
        raise ConvertError("name: no name in the file and no file name to take one from")
    why = "Claude Code names are lowercase words joined by hyphens"
    if name is None:
        ed.prepend("name", new, f"{new!r}, from the file name (Claude Code requires a name)")
    else:
        ed.set("name", new, "changed", f"{name!r} written as {new!r}: {why}")


def _report_tools(ed: FieldRewriter, key: str, old: list[str], new: list[str], notes: list) -> None:
    """One entry for the renamed list, and one per tool dropped or needing attention."""
    for tool, why in notes:
        if why.endswith("equivalent") or why.startswith(("no equivalent", "Gemini subagents")):
            ed.note(key, "dropped", f"{tool}: {why}")
        elif "written as" not in why:
            ed.note(key, "changed", f"{tool}: {why}")
    if old != new:
        ed.note(key, "changed", f"{', '.join(old)} → {', '.join(new) or '(none)'}")


def _tools_to_claude(ed: FieldRewriter, key: str, names: list[str], source: str) -> list[str]:
    new, notes = vocab.to_claude_tools(names, source)
    _report_tools(ed, key, names, new, notes)
    return new


def _model_to_claude(ed: FieldRewriter, source: str) -> None:
    model, why = vocab.model_to_claude(ed.value("model"), source)
    if model is None:
        ed.drop("model", why)
    elif model != ed.value("model"):
        ed.set("model", model, "changed", why)


def _copilot_to_claude(ed: FieldRewriter) -> None:
    for key in ed.field_keys():
        value = ed.value(key)
        if key in ("name", "description"):
            continue
        if key == "tools":
            names = tool_names(value)
            if names == ["*"]:
                ed.drop(key, "'*' grants every tool, which is Claude Code's default")
            elif not names:
                ed.drop(key, "Copilot's empty list grants no tools; Claude Code cannot say so")
            else:
                new = ", ".join(_tools_to_claude(ed, key, names, COPILOT))
                if new != value:
                    ed.set(key, new)
        elif key == "model":
            _model_to_claude(ed, COPILOT)
        elif key == "mcp-servers" and isinstance(value, dict):
            ed.rename(key, "mcpServers")
            ed.set("mcpServers", _servers_to_claude(value), "changed", "written as a list")
        else:
            ed.drop(key, _why_not(key, CLAUDE))


def _opencode_permissions_to_claude(ed: FieldRewriter) -> None:
    """OpenCode ``permission`` (and the legacy ``tools`` map) as Claude tools / disallowedTools."""
    perm_keys = [k for k in ed.field_keys() if k in ("permission", "tools")]
    if not perm_keys:
        return
    rules = [(k, ed.value(k)) for k in sorted(perm_keys, key=lambda k: k == "permission")]
    allowed, denied, notes = _opencode_access(rules)
    for tool, why in notes:
        ed.note("permission", "changed", f"{tool}: {why}")
    first, *rest = perm_keys
    for other in rest:
        ed.drop(other, f"merged into {'tools' if allowed is not None else 'disallowedTools'}")
    targets = [("tools", allowed)] if allowed is not None else []
    if denied:
        targets.append(("disallowedTools", denied))
    if not targets:
        ed.drop(first, "grants every tool, which is Claude Code's default")
    for i, (key, names) in enumerate(targets):
        written = ", ".join(_tools_to_claude(ed, key, names, OPENCODE))
        if i:
            ed.add_after(key, written, "tools", "from the denied tools")
            continue
        if first != key:
            ed.rename(first, key)
        ed.set(key, written)


def _opencode_to_claude(ed: FieldRewriter) -> None:
    _opencode_permissions_to_claude(ed)
    for key in ed.field_keys():
        value = ed.value(key)
        if key in ("name", "description", "tools", "disallowedTools"):
            continue
        if key == "model":
            _model_to_claude(ed, OPENCODE)
        elif key in ("steps", "maxSteps") and "maxTurns" not in ed.field_keys():
            ed.rename(key, "maxTurns")
        elif key == "color":
            color, why = vocab.color_to_claude(value)
            if color is None:
                ed.drop(key, why)
            elif color != value:
                ed.set(key, color, "changed", why)
        elif key == "mode":
            ed.drop(
                key,
                "Claude Code agents are subagents; `claude --agent` runs one as the main agent",
            )
        else:
            ed.drop(key, _why_not(key, CLAUDE))


def _opencode_access(rules: list[tuple[str, Any]]) -> tuple[list[str] | None, list[str], list]:
    """(allowed OpenCode tools or None for all, denied tools, notes) from tools/permission."""
    default, actions, notes = "allow", {}, []
    for _key, value in rules:
        if isinstance(value, str):
            default = "deny" if value == "deny" else "allow"
            continue
        for tool, rule in (value or {}).items() if isinstance(value, dict) else ():
            if isinstance(rule, bool):
                rule = "allow" if rule else "deny"
            if isinstance(rule, dict):
                kinds = {"deny" if v == "deny" else "allow" for v in rule.values()}
                if len(kinds) > 1:
                    notes.append((tool, "per-pattern rules do not carry over; granted whole"))
                rule = "allow" if "allow" in kinds else "deny"
            rule = "deny" if rule == "deny" else "allow"
            if tool == "*":
                default, actions = rule, {}
            else:
                actions[tool] = rule
    if default == "deny":
        return [t for t, a in actions.items() if a == "allow"], [], notes
    return None, [t for t, a in actions.items() if a == "deny"], notes


def _gemini_to_claude(ed: FieldRewriter) -> None:
    for key in ed.field_keys():
        value = ed.value(key)
        if key in ("name", "description"):
            continue
        if key == "tools":
            names = tool_names(value)
            new = ", ".join(_tools_to_claude(ed, key, names, GEMINI))
            ed.set(key, new)
        elif key == "model":
            _model_to_claude(ed, GEMINI)
        elif key == "max_turns":
            ed.rename(key, "maxTurns")
        elif key == "mcpServers" and isinstance(value, dict):
            ed.set(key, _servers_to_claude(value), "changed", "written as a list")
        else:
            ed.drop(key, _why_not(key, CLAUDE))


# --- from Claude Code -------------------------------------------------------------------------


def _tools_from_claude(ed: FieldRewriter, key: str, target: str) -> list[str]:
    names = tool_names(ed.value(key))
    new, notes = vocab.from_claude_tools(names, target)
    _report_tools(ed, key, names, new, notes)
    return new


def _model_from_claude(ed: FieldRewriter, target: str) -> None:
    value = ed.value("model")
    model, why = vocab.model_from_claude(value, target) if isinstance(value, str) else (None, "")
    if model is None:
        ed.drop("model", why or "not a model name")
    elif model != value:
        ed.set("model", model, "changed", why)


def _to_copilot(ed: FieldRewriter) -> None:
    for key in ed.field_keys():
        value = ed.value(key)
        if key in ("name", "description"):
            continue
        if key == "tools":
            new = _tools_from_claude(ed, key, COPILOT)
            if new != tool_names(value):
                ed.set(key, ", ".join(new) if isinstance(value, str) else new)
        elif key == "model":
            _model_from_claude(ed, COPILOT)
        elif key == "mcpServers" and _inline_servers(value):
            ed.rename(key, "mcp-servers")
            ed.set("mcp-servers", _servers_from_claude(ed, value, COPILOT), "changed", "a map")
        else:
            ed.drop(key, _why_not(key, COPILOT))


def _to_opencode(ed: FieldRewriter) -> None:
    keys = ed.field_keys()
    perm: dict[str, str] = {}
    if "tools" in keys:
        perm["*"] = "deny"
        perm.update(dict.fromkeys(_tools_from_claude(ed, "tools", OPENCODE), "allow"))
    if "disallowedTools" in keys:
        perm.update(dict.fromkeys(_tools_from_claude(ed, "disallowedTools", OPENCODE), "deny"))
    for key in keys:
        value = ed.value(key)
        if key in ("name", "description"):
            continue
        if key in ("tools", "disallowedTools") and "permission" not in ed.field_keys():
            ed.rename(key, "permission", "an allow/deny map")
            ed.set("permission", perm)
        elif key in ("tools", "disallowedTools"):
            ed.drop(key, "merged into permission")
        elif key == "model":
            _model_from_claude(ed, OPENCODE)
        elif key == "maxTurns":
            ed.rename(key, "steps")
        elif key == "color" and isinstance(value, str) and value in vocab.CLAUDE_HEX:
            ed.set(key, vocab.CLAUDE_HEX[value], "changed", "OpenCode takes #RRGGBB colours")
        elif key == "color":
            ed.drop(key, f"{value!r} is not a Claude Code colour")
        else:
            ed.drop(key, _why_not(key, OPENCODE))
    after = "description" if "description" in ed.field_keys() else None
    ed.add_after("mode", "subagent", after, "Claude Code agents are subagents")


def _to_gemini(ed: FieldRewriter) -> None:
    name = ed.value("name")
    if isinstance(name, str) and _GEMINI_NAME and not _GEMINI_NAME.fullmatch(name):
        ed.set("name", slug(name), "changed", "Gemini names are lowercase, digits, - and _")
    for key in ed.field_keys():
        value = ed.value(key)
        if key in ("name", "description"):
            continue
        if key == "tools":
            ed.set(key, _tools_from_claude(ed, key, GEMINI))
        elif key == "model":
            _model_from_claude(ed, GEMINI)
        elif key == "maxTurns":
            ed.rename(key, "max_turns")
        elif key == "mcpServers" and _inline_servers(value):
            ed.set(key, _servers_from_claude(ed, value, GEMINI), "changed", "written as a map")
        else:
            ed.drop(key, _why_not(key, GEMINI))


# --- MCP servers and reasons ------------------------------------------------------------------


def _inline_servers(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(v, dict) for v in value)


def _servers_from_claude(ed: FieldRewriter, value: list[Any], target: str) -> dict[str, Any]:
    servers: dict[str, Any] = {}
    for item in value:
        if not isinstance(item, dict):
            ed.note("mcpServers", "dropped", f"{item!r}: a reference to a configured server")
            continue
        for name, config in item.items():
            if target == COPILOT and isinstance(config, dict) and config.get("type") == "stdio":
                config = {**config, "type": "local"}
            servers[name] = config
    return servers


def _servers_to_claude(value: dict[str, Any]) -> list[Any]:
    out = []
    for name, config in value.items():
        if isinstance(config, dict) and config.get("type") == "local":
            config = {**config, "type": "stdio"}
        out.append({name: config})
    return out


_CLAUDE_ONLY = {
    "color": "has no agent colours",
    "permissionMode": "has no permission modes",
    "hooks": "has no agent hooks in this form",
    "skills": "cannot preload skills",
    "memory": "has no agent memory",
    "effort": "has no effort setting",
    "disallowedTools": "has no deny list",
    "maxTurns": "has no turn limit",
    "isolation": "has no worktree isolation",
    "background": "has no background agents",
    "initialPrompt": "has no initial prompt",
    "mcpServers": "cannot reuse servers by name",
}


def _why_not(key: str, target: str) -> str:
    label = dialects.get(target).label
    if key in _CLAUDE_ONLY and target != CLAUDE:
        return f"{label} {_CLAUDE_ONLY[key]}"
    return f"not a {label} field"


TO_CLAUDE = {COPILOT: _copilot_to_claude, OPENCODE: _opencode_to_claude, GEMINI: _gemini_to_claude}
FROM_CLAUDE = {COPILOT: _to_copilot, OPENCODE: _to_opencode, GEMINI: _to_gemini}
