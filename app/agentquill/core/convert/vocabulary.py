"""Vocabulary tables for dialect conversion: tool names, models and colours (FORMATS §3.10).

Claude Code is the hub: every table maps a Claude Code name to or from another dialect's.
``to_claude_tools`` and ``from_claude_tools`` return the new names plus notes on what could
not be carried over, so the conversion report can say why.
"""

from __future__ import annotations

import re

from .. import dialects

# Claude tool -> OpenCode permission key (FORMATS §3.1: write/patch share the edit permission)
TO_OPENCODE = {
    "Read": "read", "NotebookRead": "read", "Write": "edit", "Edit": "edit", "MultiEdit": "edit",
    "NotebookEdit": "edit", "Grep": "grep", "Glob": "glob", "LS": "list", "Bash": "bash",
    "BashOutput": "bash", "KillShell": "bash", "PowerShell": "bash", "WebFetch": "webfetch",
    "WebSearch": "websearch", "Agent": "task", "Task": "task", "TodoWrite": "todowrite",
    "Skill": "skill",
}  # fmt: skip
FROM_OPENCODE = {
    "read": ("Read",), "edit": ("Edit", "Write"), "write": ("Write",), "patch": ("Edit",),
    "grep": ("Grep",), "glob": ("Glob",), "list": ("LS",), "bash": ("Bash",),
    "webfetch": ("WebFetch",), "websearch": ("WebSearch",), "task": ("Agent",),
    "todowrite": ("TodoWrite",), "todoread": ("TodoWrite",), "skill": ("Skill",),
}  # fmt: skip

# Claude tool -> Gemini CLI tool (FORMATS §3.3)
TO_GEMINI = {
    "Read": "read_file", "NotebookRead": "read_file", "Write": "write_file", "Edit": "replace",
    "MultiEdit": "replace", "Grep": "grep_search", "Glob": "glob", "LS": "list_directory",
    "Bash": "run_shell_command", "WebFetch": "web_fetch", "WebSearch": "google_web_search",
    "TodoWrite": "write_todos", "Skill": "activate_skill",
}  # fmt: skip
FROM_GEMINI = {
    "read_file": ("Read",), "read_many_files": ("Read",), "write_file": ("Write",),
    "replace": ("Edit",), "grep_search": ("Grep",), "search_file_content": ("Grep",),
    "glob": ("Glob",), "list_directory": ("LS",), "run_shell_command": ("Bash",),
    "web_fetch": ("WebFetch",), "google_web_search": ("WebSearch",),
    "write_todos": ("TodoWrite",), "activate_skill": ("Skill",),
}  # fmt: skip

# Copilot aliases and VS Code built-in tools -> Claude tools. Learnt from agents published in
# both dialects: `codebase`, `editFiles`, `fetch`, `runCommands` and their `set/tool` forms.
FROM_COPILOT = {
    "read": ("Read",), "edit": ("Edit", "Write"), "search": ("Grep", "Glob"),
    "execute": ("Bash",), "agent": ("Agent",), "web": ("WebSearch", "WebFetch"),
    "todo": ("TodoWrite",), "shell": ("Bash",), "powershell": ("PowerShell",),
    "custom-agent": ("Agent",), "codebase": ("Grep", "Glob"), "editfiles": ("Edit", "Write"),
    "fetch": ("WebFetch",), "runcommands": ("Bash",), "terminalcommand": ("Bash",),
    "runinterminal": ("Bash",), "runtests": ("Bash",), "runtasks": ("Bash",),
    "findtestfiles": ("Glob",), "usages": ("Grep",), "todos": ("TodoWrite",),
    "runsubagent": ("Agent",), "readfile": ("Read",), "websearch": ("WebSearch",),
}  # fmt: skip
_COPILOT_SETS = frozenset({"read", "edit", "search", "execute", "agent", "web", "todo", "vscode"})

_CLAUDE = dialects.get(dialects.CLAUDE_CODE)
_COPILOT = dialects.get(dialects.COPILOT)
_OPENCODE = dialects.get(dialects.OPENCODE)
_CLAUDE_BY_FOLD = {t.casefold(): t for t in _CLAUDE.known_tools}
_MCP = re.compile(r"mcp__([\w.-]+?)(?:__([\w.*-]+))?")

Notes = list[tuple[str, str]]  # (tool, why it changed or was dropped)


def _dedupe(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def from_claude_tools(names: list[str], target: str) -> tuple[list[str], Notes]:
    """Claude tool names in ``target``'s vocabulary, and notes on each one changed or dropped."""
    out: list[str] = []
    notes: Notes = []
    for name in names:
        new, why = _from_claude_tool(name, target)
        out += new
        if why:
            notes.append((name, why))
    return _dedupe(out), notes


def _from_claude_tool(name: str, target: str) -> tuple[list[str], str]:
    mcp = _MCP.fullmatch(name)
    call = re.fullmatch(r"(Agent|Task)\(.*\)", name)
    if target == dialects.COPILOT:
        if mcp:
            new = f"{mcp[1]}/{mcp[2] or '*'}"
            return [new], f"MCP tool written as Copilot's {new!r}"
        if call:
            return ["agent"], "Copilot cannot limit which subagents are called"
        if _COPILOT.is_known_tool(name):
            return [name], ""
        return [name], "Copilot has no such tool and ignores the name"
    table = TO_OPENCODE if target == dialects.OPENCODE else TO_GEMINI
    if mcp:
        new = f"{mcp[1]}_{mcp[2] or '*'}"
        new = f"mcp_{new}" if target == dialects.GEMINI else new
        return [new], f"MCP tool written as {new!r}"
    if call:
        name = call[1]
    if name in table:
        new = table[name]
        return [new], "" if new.casefold() == name.casefold() else f"written as {new!r}"
    if target == dialects.GEMINI and name in ("Agent", "Task"):
        return [], "Gemini subagents cannot call other agents"
    return [], "no equivalent tool"


def to_claude_tools(names: list[str], source: str) -> tuple[list[str], Notes]:
    """Tool names of ``source``'s vocabulary as Claude tools, with notes on what changed."""
    out: list[str] = []
    notes: Notes = []
    for name in names:
        new, why = _to_claude_tool(name, source)
        out += new
        if why:
            notes.append((name, why))
    return _dedupe(out), notes


def _to_claude_tool(name: str, source: str) -> tuple[list[str], str]:
    if name in _CLAUDE.known_tools or _MCP.fullmatch(name):
        return [name], ""
    if source == dialects.OPENCODE:
        server, _, tool = name.partition("_")
        if tool and name not in _OPENCODE.known_tools:  # MCP tools are <server>_<tool>
            new = f"mcp__{server}" if tool == "*" else f"mcp__{server}__{tool}"
            return [new], f"MCP tool written as {new!r}"
        return _from_table(name, FROM_OPENCODE, "an OpenCode")
    if source == dialects.GEMINI:
        if name.startswith("mcp_"):
            server, _, tool = name[4:].partition("_")
            new = f"mcp__{server}" if tool in ("*", "") else f"mcp__{server}__{tool}"
            return [new], f"MCP tool written as {new!r}"
        return _from_table(name, FROM_GEMINI, "a Gemini")
    folded = name.casefold()
    if folded in _CLAUDE_BY_FOLD:
        return [_CLAUDE_BY_FOLD[folded]], f"written as {_CLAUDE_BY_FOLD[folded]!r}"
    head, slash, tail = name.partition("/")
    if slash and head.casefold() not in _COPILOT_SETS:
        new = f"mcp__{head}" if tail == "*" else f"mcp__{head}__{tail}"
        return [new], f"MCP tool written as {new!r}"
    key = tail.casefold() if tail.casefold() in FROM_COPILOT else head.casefold()
    return _from_table(key, FROM_COPILOT, "a Copilot")


def _from_table(key: str, table: dict[str, tuple[str, ...]], label: str) -> tuple[list[str], str]:
    if key in table:
        new = list(table[key])
        return new, f"{label} name, written as {', '.join(new)}"
    return [], f"{label} tool with no Claude Code equivalent"


# --- models -----------------------------------------------------------------------------------

# What each Claude Code alias resolves to, from the model catalog of Claude Code 2.1.332
# (`aliases.<name>.default`, first party): (model ID, display name). Other dialects have no
# alias that follows the newest model, so an alias is written as the model it names today and
# read back as the alias. Update it when Claude Code moves an alias to a newer model.
ALIAS_MODELS = {
    "sonnet": ("claude-sonnet-5-5", "Sonnet 5.5"),
    "opus": ("claude-opus-5-5", "Opus 5.5"),
    "haiku": ("claude-haiku-5-5", "Haiku 5.5"),
    "fable": ("claude-fable-5-2", "Fable 5.2"),
}
_ALIAS_OF_ID = {model_id: alias for alias, (model_id, _) in ALIAS_MODELS.items()}
_DISPLAY_MODEL = re.compile(r"claude[\s-]+(sonnet|opus|haiku|fable)\b", re.I)


def model_from_claude(model: str, target: str) -> tuple[str | None, str]:
    """(model for ``target`` or None to drop it, note)."""
    if model == "inherit":
        if target == dialects.GEMINI:
            return model, ""
        return None, "'inherit' is already the default"
    if target == dialects.GEMINI:
        return None, "Gemini CLI runs Gemini models only"
    if model in ALIAS_MODELS:
        model_id, display = ALIAS_MODELS[model]
        why = f"the alias {model!r} written as the model it names today ({display})"
        if target == dialects.OPENCODE:
            return f"anthropic/{model_id}", why
        return f"Claude {display} (copilot)", why
    if not _CLAUDE.is_known_model(model):
        return None, f"{model!r} is not a Claude Code model"
    if target == dialects.OPENCODE:
        return f"anthropic/{model}", "written as provider/model-id"
    return model, ""


def model_to_claude(model: object, source: str) -> tuple[str | None, str]:
    """(Claude model or None to drop it, note) for a model value of ``source``.

    A model an alias names today comes back as the alias, so aliases survive a round trip.
    """
    candidates = model if isinstance(model, list) else [model]
    for value in candidates:
        if not isinstance(value, str):
            continue
        picked = "" if value == model else f"{value!r} taken from the list"
        if value == "inherit" or _CLAUDE.is_known_model(value):
            return value, picked
        if source == dialects.OPENCODE and value.startswith("anthropic/"):
            model_id = value.partition("/")[2]
            if model_id in _ALIAS_OF_ID:
                alias = _ALIAS_OF_ID[model_id]
                return alias, f"{value!r} is what the alias {alias!r} names; written as the alias"
            return model_id, "provider prefix removed"
        found = _DISPLAY_MODEL.search(value)
        if found:
            return found[1].lower(), f"{value!r} written as the alias {found[1].lower()!r}"
    return None, f"{model!r} is not a Claude model"


# --- colours ----------------------------------------------------------------------------------

CLAUDE_HEX = {
    "red": "#EF4444", "blue": "#3B82F6", "green": "#22C55E", "yellow": "#EAB308",
    "purple": "#A855F7", "orange": "#F97316", "pink": "#EC4899", "cyan": "#06B6D4",
}  # fmt: skip
_THEME_COLOR = {"error": "red", "warning": "yellow", "success": "green", "info": "blue"}


def color_to_claude(value: object) -> tuple[str | None, str]:
    """The Claude colour nearest an OpenCode colour (hex or theme name), with a note."""
    if not isinstance(value, str):
        return None, "not a colour"
    if value in _THEME_COLOR:
        return _THEME_COLOR[value], f"theme colour {value!r} written as {_THEME_COLOR[value]!r}"
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return None, f"theme colour {value!r} has no Claude Code equivalent"
    rgb = [int(value[i : i + 2], 16) for i in (1, 3, 5)]

    def distance(name: str) -> int:
        hex_ = CLAUDE_HEX[name]
        return sum((int(hex_[i : i + 2], 16) - c) ** 2 for i, c in zip((1, 3, 5), rgb, strict=True))

    best = min(CLAUDE_HEX, key=distance)
    exact = CLAUDE_HEX[best].casefold() == value.casefold()
    return best, "" if exact else f"{value} written as the nearest Claude colour {best!r}"
