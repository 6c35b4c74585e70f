"""Schema data for each agent-file dialect, as plain literals (see FORMATS.md §1–§3).

:mod:`.registry` turns these rows into ``FieldSpec``/``Dialect`` objects; nothing here has
behaviour. Each field row is ``F(key, type, help, **options)`` where the options are
``FieldSpec`` attributes. Help texts are user-facing: one or two sentences each.
"""

from __future__ import annotations

from typing import Any


def F(key: str, type: str, help: str, **options: Any) -> dict[str, Any]:
    """One field row: the ``FieldSpec`` keyword arguments."""
    return {"key": key, "type": type, "help": help, **options}


# fmt: off
CLAUDE_COLORS = ("red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan")
PERMISSION_MODES = (
    "default", "acceptEdits", "auto", "dontAsk", "bypassPermissions", "plan", "manual",
)
EFFORTS = ("low", "medium", "high", "xhigh", "max")
#: the agent schema's ``autoCompactWindow: z.number().int().min(1e5)`` (Claude Code 2.1.332)
AUTO_COMPACT_MIN = 100_000
MAX_OBSERVERS = 4
CACHE_TTLS = ("5m", "1h")

# --- Claude Code (FORMATS §1.2), shared by the plugin dialect ------------------------------
CLAUDE_FIELDS = [
    F("name", "string", "Unique identifier: lowercase letters and hyphens. Claude refers to the "
      "agent by this name, not by the file name.", required=True, since="2025-07",
      notes="Must not contain ':' or start with '-' (the file is then skipped)."),
    F("description", "string", "When Claude should delegate to this agent. Claude reads it to "
      "decide, so name the situations (and add 'use proactively' to encourage it).",
      required=True, since="2025-07"),
    F("tools", "tools", "Tools the agent may use, as a comma-separated list or a YAML list. Leave "
      "it out to inherit every tool; accepts Agent(type, …) and mcp__<server> entries.",
      list_style="comma", since="2025-07",
      notes="Lists were read inconsistently before 2.1.332 (#13331); a comma string suits all."),
    F("model", "string", "Model alias (sonnet, opus, haiku, fable), a full model ID, or "
      "'inherit' to use the main conversation's model.", default="inherit", since="2025-09-15"),
    F("color", "enum", "Colour used for the agent in the Claude Code interface.",
      allowed=CLAUDE_COLORS, since="2026-04-02",
      notes="'magenta' is taught by plugin-dev only; hex is unsupported."),
    F("disallowedTools", "tools", "Tools removed from the agent, applied before the 'tools' "
      "allowlist. 'mcp__*' removes every MCP tool.", list_style="comma", since="2026-01-10"),
    F("permissionMode", "enum", "How the agent handles permission prompts. The parent session's "
      "bypassPermissions, acceptEdits or auto mode takes precedence.", allowed=PERMISSION_MODES,
      ignored_in_plugin=True, since="2025-11-18", notes="'manual' is an alias of 'default'."),
    F("maxTurns", "int", "Maximum number of agentic turns before the agent stops.", minimum=1,
      since="2026-02-07"),
    F("skills", "string_list", "Skills whose full content is loaded into the agent at start. "
      "Missing or disabled skills are skipped.", list_style="block", since="2025-11-18"),
    F("mcpServers", "any", "MCP servers for this agent: the name of a configured server, or an "
      "inline {name: config} definition.", list_style="block", ignored_in_plugin=True,
      since="2026-02-07"),
    F("hooks", "map", "Lifecycle hooks scoped to this agent, in the settings.json hooks format. "
      "A Stop hook runs as SubagentStop.", ignored_in_plugin=True, since="2026-01-08",
      notes="Use {} for none: 'hooks: []' makes the agent disappear (#91781)."),
    F("memory", "enum", "Persistent memory directory for the agent (user, project or local "
      "scope). Enabling it also grants Read, Write and Edit.", allowed=("user", "project", "local"),
      since="2026-02-05"),
    F("background", "bool", "Set to true to always run this agent in the background.",
      since="2026-02-20"),
    F("effort", "enum", "Reasoning effort for the agent: a level (which exist depends on the "
      "model) or a whole number.", allowed=EFFORTS, pattern=r"^\d+$", also_int=True,
      since="2026-03-20"),
    F("isolation", "enum", "'worktree' runs the agent in its own git worktree; 'remote' runs it "
      "in a remote session.", allowed=("worktree", "remote"), since="2026-02-20"),
    F("initialPrompt", "string", "First user message sent automatically when the agent runs as "
      "the main session (claude --agent).", ignored_in_plugin=True, since="2026-03-25"),
    F("autoCompactWindow", "int", "Token count at which the agent compacts its own conversation "
      "as a subagent; it can only lower the window it inherits.", minimum=AUTO_COMPACT_MIN,
      since="2.1.332"),
    F("omitClaudeMd", "bool", "Set to true to run the agent without the user, project and local "
      "CLAUDE.md files, for agents that get all they need from the delegation prompt.",
      since="2.1.332"),
    F("observer", "string", "Agent started as a read-only background observer whenever this "
      f"agent runs, or a comma-separated list of up to {MAX_OBSERVERS}.",
      ignored_in_plugin=True, since="2.1.332"),
    F("observerMessage", "string", "Text appended to each activity digest sent to the observer.",
      ignored_in_plugin=True, since="2.1.332"),
    F("observeSubagents", "bool", "Set to false so the agents this one spawns do not inherit its "
      "observers.", default="true", ignored_in_plugin=True, since="2.1.332"),
    F("observeToolResults", "bool", "Set to false to leave tool results out of the digests its "
      "observers receive.", default="true", since="2.1.332"),
    F("experimental", "map", "Experimental settings; 'cacheTtl' (5m or 1h) sets the prompt-cache "
      "lifetime of the agent's requests.", allowed=CACHE_TTLS, since="2.1.332"),
]

CLAUDE_TOOLS = (
    "Read", "Grep", "Glob", "Bash", "PowerShell", "Edit", "Write", "NotebookEdit", "WebFetch",
    "WebSearch", "TodoWrite", "Skill", "ToolSearch", "EnterWorktree", "ExitWorktree", "Monitor",
    "TaskStop", "SendMessage", "Artifact", "Agent", "Task",
)
CLAUDE_LEGACY_TOOLS = {
    "LS": "Legacy tool name, still used by official plugins.",
    "NotebookRead": "Legacy tool name, still used by official plugins.",
    "KillShell": "Legacy tool name, still used by official plugins.",
    "BashOutput": "Legacy tool name, still used by official plugins.",
    "MultiEdit": "Removed from Claude Code; use Edit.",
}
CLAUDE_NEAR_MISSES: dict[str, str | None] = {
    "tool": "tools", "allowed-tools": "tools", "allowed_tools": "tools",
    "allowedTools": "tools", "disallowed_tools": "disallowedTools",
    "disallowed-tools": "disallowedTools", "max_turns": "maxTurns", "max-turns": "maxTurns",
    "permission_mode": "permissionMode", "permission-mode": "permissionMode",
    "mcp_servers": "mcpServers", "mcp-servers": "mcpServers", "initial_prompt": "initialPrompt",
    "initial-prompt": "initialPrompt", "colour": "color", "skill": "skills",
    "outputStyle": None, "output-style": None,
}

CLAUDE = {
    "label": "Claude Code subagent",
    "locations": (".claude/agents/**/*.md", "~/.claude/agents/**/*.md"),
    "known_tools": CLAUDE_TOOLS + tuple(CLAUDE_LEGACY_TOOLS),
    "legacy_tools": CLAUDE_LEGACY_TOOLS,
    "tool_aliases": {"Task": ("Agent",)},
    "tool_patterns": (r"mcp__[\w.-]+(__([\w.-]+|\*))?", r"mcp__\*", r"(Agent|Task)\([^()]*\)"),
    "models": ("inherit", "sonnet", "opus", "haiku", "fable"),
    "model_pattern": r"claude-[\w.-]+",
    "colors": CLAUDE_COLORS,
    "unofficial_colors": {"magenta": "Taught by the plugin-dev skill but not in the Claude Code "
                          "docs' colour list."},
    "name_pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$",
    "name_length": (3, 50),
    "near_misses": CLAUDE_NEAR_MISSES,
}
CLAUDE_PLUGIN = {
    **CLAUDE,
    "label": "Claude Code plugin agent",
    "plugin": True,
    "locations": ("<plugin>/agents/**/*.md",),
}

# --- GitHub Copilot custom agents (FORMATS §3.2) -------------------------------------------
COPILOT_ALIASES = {
    "execute": ("shell", "Bash", "powershell"), "read": ("Read", "NotebookRead"),
    "edit": ("Edit", "MultiEdit", "Write", "NotebookEdit"), "search": ("Grep", "Glob"),
    "agent": ("custom-agent", "Task"), "web": ("WebSearch", "WebFetch"), "todo": ("TodoWrite",),
}
COPILOT_TOOLS = ("*", *COPILOT_ALIASES, *sorted({t for ts in COPILOT_ALIASES.values() for t in ts}))
COPILOT_TOOLS_HELP = (
    "Tools the agent may use; leave it out or use ['*'] for all, [] for none. Aliases such as "
    "read, edit, search and execute cover groups of tools; 'server/*' selects an MCP server."
)
COPILOT_FIELDS = [
    F("name", "string", "Display name of the agent. Defaults to the file name."),
    F("description", "string", "What the agent does and when to pick it. VS Code shows it as "
      "the chat input's placeholder.", required=True),
    F("argument-hint", "string", "Hint shown in the chat input about what to type (VS Code only)."),
    F("tools", "tools", COPILOT_TOOLS_HELP, list_style="flow"),
    F("model", "string", "Model to use. VS Code also accepts a list, tried in order.",
      also_list=True),
    F("target", "enum", "Where the agent is offered; leave it out for both.",
      allowed=("vscode", "github-copilot")),
    F("agents", "string_list", "Subagents this agent may call (VS Code only).", list_style="flow"),
    F("handoffs", "any", "Buttons that hand the conversation to another agent, each with label, "
      "agent, prompt, send and optional model (VS Code only).", list_style="block"),
    F("user-invocable", "bool", "Whether people can pick this agent in the agent picker.",
      default="true"),
    F("disable-model-invocation", "bool", "Set to true so other agents cannot call this one "
      "as a subagent.", default="false"),
    F("infer", "bool", "Retired switch for subagent use.", deprecated=True,
      replaced_by="disable-model-invocation"),
    F("mcp-servers", "map", "MCP servers for the cloud agent and Copilot CLI, in the YAML form "
      "of the MCP JSON config. Values may use ${{ secrets.X }}."),
    F("metadata", "map", "Free-form string labels (cloud agent only)."),
    F("hooks", "map", "Lifecycle hooks for the agent (VS Code preview)."),
]
COPILOT = {
    "label": "GitHub Copilot agent",
    "file_suffix": ".agent.md",
    "locations": (".github/agents/*.agent.md", "~/.copilot/agents/*.agent.md"),
    "known_tools": COPILOT_TOOLS,
    "tool_aliases": COPILOT_ALIASES,
    "tool_patterns": (r"[\w.-]+/([\w.-]+|\*)",),
    "tools_ignore_case": True,
    "near_misses": {
        "tool": "tools", "allowed-tools": "tools", "allowedTools": "tools",
        "mcpServers": "mcp-servers", "mcp_servers": "mcp-servers",
        "argument_hint": "argument-hint", "argumentHint": "argument-hint",
        "user_invocable": "user-invocable", "userInvocable": "user-invocable",
        "disable_model_invocation": "disable-model-invocation",
        "disableModelInvocation": "disable-model-invocation", "handoff": "handoffs",
    },
    "max_body_chars": 30_000,
}
CHATMODE_FIELDS = [
    F("description", "string", "What the chat mode is for; shown as the chat input's placeholder."),
    F("tools", "tools", COPILOT_TOOLS_HELP, list_style="flow"),
    F("model", "string", "Model to use for this chat mode."),
]
COPILOT_CHATMODE = {
    **COPILOT,
    "label": "GitHub Copilot chat mode (legacy)",
    "file_suffix": ".chatmode.md",
    "locations": (".github/chatmodes/*.chatmode.md",),
    "near_misses": {"tool": "tools", "allowed-tools": "tools", "allowedTools": "tools"},
    "max_body_chars": None,
}

# --- OpenCode (FORMATS §3.1) -----------------------------------------------------------------
OPENCODE_ACTIONS = ("ask", "allow", "deny")
OPENCODE_COLORS = ("primary", "secondary", "accent", "success", "warning", "error", "info")
OPENCODE_FIELDS = [
    F("description", "string", "What the agent does and when to use it.", required=True),
    F("mode", "enum", "Whether the agent is a primary agent, a subagent, or both.",
      allowed=("primary", "subagent", "all"), default="all"),
    F("model", "string", "Model as provider/model-id. Subagents default to the calling agent's "
      "model."),
    F("variant", "string", "Model variant to use."),
    F("temperature", "number", "Sampling temperature: lower is more focused, higher more varied.",
      minimum=0),
    F("top_p", "number", "Nucleus-sampling cut-off.", minimum=0, maximum=1),
    F("steps", "int", "Maximum number of agentic steps.", minimum=1),
    F("permission", "any", "What the agent may do: one action (ask, allow, deny) or a map from "
      "tool to an action or to {pattern: action} rules; the last matching rule wins.",
      allowed=OPENCODE_ACTIONS),
    F("color", "enum", "Colour in the interface: a #RRGGBB hex value or a theme colour name.",
      allowed=OPENCODE_COLORS, pattern=r"^#[0-9a-fA-F]{6}$",
      notes="Claude colour names such as 'red' fail to load (#24797)."),
    F("hidden", "bool", "Hide this subagent from the @ menu."),
    F("hidden_from_cycle", "bool", "Leave this agent out when cycling through primary agents."),
    F("disable", "bool", "Turn the agent off without deleting the file."),
    F("prompt", "string", "System prompt text or {file:./path}; normally the file body is used."),
    F("options", "map", "Extra provider options. Unknown keys are moved here and sent to the "
      "model provider."),
    F("name", "string", "Overrides the agent name, which otherwise comes from the file path."),
    F("tools", "map", "Map of tool name to true/false.", deprecated=True, replaced_by="permission"),
    F("maxSteps", "int", "Maximum number of agentic steps.", minimum=1, deprecated=True,
      replaced_by="steps"),
]
OPENCODE_TOOLS = (
    "read", "edit", "glob", "grep", "list", "bash", "task", "external_directory", "question",
    "webfetch", "websearch", "lsp", "doom_loop", "skill", "write", "patch",
)
OPENCODE = {
    "label": "OpenCode agent",
    "locations": (".opencode/agents/**/*.md", "~/.config/opencode/agents/**/*.md"),
    "known_tools": OPENCODE_TOOLS,
    "legacy_tools": {"write": "Mapped to the 'edit' permission.",
                     "patch": "Mapped to the 'edit' permission."},
    "tool_patterns": (r"[\w.-]+\*",),
    "model_pattern": r"[\w.-]+/[\w.:/-]+",
    "colors": OPENCODE_COLORS,
    "near_misses": {
        "permissions": "permission", "max_steps": "steps", "maxTurns": "steps",
        "topP": "top_p", "top-p": "top_p", "hiddenFromCycle": "hidden_from_cycle",
        "disallowedTools": "permission", "allowed-tools": "permission",
    },
}

# --- Gemini CLI (FORMATS §3.3; tool names from gemini-cli tools/definitions) ----------------
GEMINI_FIELDS = [
    F("name", "string", "Agent identifier, also used as its tool name: lowercase letters, digits, "
      "hyphens and underscores.", required=True),
    F("description", "string", "What the agent does; the main agent reads it to decide when to "
      "call it.", required=True),
    F("kind", "enum", "Local agent, or a remote (A2A) agent.", allowed=("local", "remote"),
      default="local"),
    F("tools", "tools", "Gemini tool names the agent may use, such as read_file or grep_search. "
      "'*' or mcp_* wildcards are allowed; leave it out to inherit.", list_style="block"),
    F("model", "string", "Model ID, or 'inherit' to use the main session's model.",
      default="inherit"),
    F("temperature", "number", "Sampling temperature from 0.0 to 2.0.", minimum=0, maximum=2,
      default="1"),
    F("max_turns", "int", "Maximum number of turns.", minimum=1, default="30"),
    F("timeout_mins", "int", "Time limit for one run, in minutes.", minimum=1, default="10"),
    F("mcpServers", "map", "MCP servers defined inline for this agent."),
]
GEMINI_TOOLS = (
    "read_file", "read_many_files", "write_file", "replace", "list_directory", "glob",
    "grep_search", "run_shell_command", "web_fetch", "google_web_search", "write_todos",
    "save_memory", "activate_skill", "ask_user", "get_internal_docs", "enter_plan_mode",
    "exit_plan_mode", "search_file_content",
)
GEMINI = {
    "label": "Gemini CLI subagent",
    "locations": (".gemini/agents/*.md", "~/.gemini/agents/*.md"),
    "known_tools": GEMINI_TOOLS,
    "legacy_tools": {"search_file_content": "Old name of grep_search."},
    "tool_patterns": (r"\*", r"mcp_\*", r"mcp_[\w.:-]+_([\w.:-]+|\*)"),
    "models": ("inherit",),
    "model_pattern": r"gemini-[\w.-]+",
    "name_pattern": r"^[a-z0-9_-]+$",
    "strict_keys": True,
    "near_misses": {
        "maxTurns": "max_turns", "max-turns": "max_turns", "timeoutMins": "timeout_mins",
        "timeout": "timeout_mins", "mcp_servers": "mcpServers", "mcp-servers": "mcpServers",
        "color": None, "disallowedTools": None, "permissionMode": None,
    },
}

# id → (dialect data, field rows)
SCHEMAS: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {
    "claude-code": (CLAUDE, CLAUDE_FIELDS),
    "claude-plugin": (CLAUDE_PLUGIN, CLAUDE_FIELDS),
    "copilot": (COPILOT, COPILOT_FIELDS),
    "copilot-chatmode": (COPILOT_CHATMODE, CHATMODE_FIELDS),
    "opencode": (OPENCODE, OPENCODE_FIELDS),
    "gemini": (GEMINI, GEMINI_FIELDS),
}
# fmt: on
