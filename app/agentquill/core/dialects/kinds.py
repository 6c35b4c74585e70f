"""Schema data for the other markdown files Claude Code loads beside agents: skills, slash
commands, output styles and rules, as plain literals in the shape of :mod:`.schemas`.

What each table rests on (Claude Code 2.1.332, the pinned binary):

- Its bundle holds one zod schema per kind, with a description for each key: commands
  (``name``, ``description``, ``model``, ``allowed-tools``, ``disallowed-tools``,
  ``argument-hint``, ``arguments``, ``disable-model-invocation``, ``user-invocable``,
  ``effort``, ``shell``), skills (those plus ``when_to_use``, ``paths``, ``hooks``,
  ``context`` = inline | fork, ``agent``, ``background``, ``metadata``, and ``license``) and
  output styles (``name``, ``description``, ``keep-coding-instructions``,
  ``force-for-plugin``). Scalars are read loosely (text, number or boolean); ``allowed-tools``
  and ``paths`` take a comma string or a YAML list. Keys it marks ``@internal`` are left out.
- ``compatibility`` and the 1–64-character lowercase-hyphen skill name come from the Agent
  Skills standard, which the binary also checks (``^(?=.{1,64}$)[a-z0-9]+(?:-[a-z0-9]+)*$``).
- Registration seen with ``claude-load``: a skill registers under its folder's name in a
  project and in a plugin, whatever its ``name`` says; a command and a skill of one name give
  one slash command, the skill's (the command is dropped even when the skill sets
  ``user-invocable: false``).
- Rules (``.claude/rules/**/*.md``) take ``paths`` only: the globs that load the rule; without
  it the rule always loads (Claude Code memory docs).
- Eval cases (``evals/<case>/prompt.md`` and ``evals/<case>/graders/*.md``, read by ``claude
  plugin eval``) take the keys of :mod:`agentquill.core.evals.schema`, which holds what the
  binary checks; their rows here add the help. Unknown keys stop the case (``strict_keys``).
"""

from __future__ import annotations

from typing import Any

from ..evals import schema as eval_schema
from .schemas import CLAUDE, EFFORTS, F

SKILL = "claude-skill"
COMMAND = "claude-command"
OUTPUT_STYLE = "claude-output-style"
RULE = "claude-rule"
EVAL_PROMPT = "claude-eval-prompt"
EVAL_GRADER = "claude-eval-grader"

#: kind id → (its title in the project tree, the folder it lives in)
KINDS = {
    "agent": ("Agents", "agents"),
    "skill": ("Skills", "skills"),
    "command": ("Commands", "commands"),
    "output-style": ("Output styles", "output-styles"),
    "rule": ("Rules", "rules"),
    "eval": ("Evals", "evals"),
}

# fmt: off
_TOOLS_HELP = ("Tools Claude may use without asking while this is active, as a comma-separated "
               "list or YAML list; 'Bash(git diff:*)' allows one command pattern.")
_SHARED = [  # the command schema; skills extend it
    F("description", "string", "What it does and when to use it: shown in the / menu and read "
      "by Claude to decide when to invoke it."),
    F("argument-hint", "string", "Placeholder shown after the slash command's name, such as "
      "'[issue-number]'."),
    F("allowed-tools", "tools", _TOOLS_HELP, list_style="comma"),
    F("disallowed-tools", "tools", "Tools removed while this is active (until the next user "
      "message).", list_style="comma"),
    F("model", "string", "Model override: sonnet, opus, haiku, fable or a full model ID; "
      "'inherit' keeps the conversation's model."),
    F("effort", "any", "Thinking effort: low, medium, high, xhigh, max, or a number.",
      allowed=EFFORTS),
    F("disable-model-invocation", "bool", "Set to true so only people can run it (as /name); "
      "Claude cannot invoke it, and agents cannot preload it.", default="false"),
    F("user-invocable", "bool", "Set to false to hide it from the / menu; only Claude can "
      "invoke it.", default="true"),
    F("shell", "enum", "Shell for !`command` blocks.", allowed=("bash", "powershell"),
      default="bash"),
    F("version", "string", "Your own version label; Claude Code keeps it with the "
      "skill or command and shows it nowhere."),
]
SKILL_FIELDS = [
    F("name", "string", "The skill's name: lowercase letters, digits and hyphens, up to 64. "
      "Claude Code registers the skill under its folder's name, so keep the two equal.",
      notes="Agent Skills standard."),
    _SHARED[0],
    F("when_to_use", "string", "More guidance on when Claude should use the skill; added to "
      "its description in the listing (both together are cut at 1,536 characters)."),
    *_SHARED[1:],
    F("arguments", "string_list", "Named arguments, as a list or a space-separated string; "
      "the typed form of argument-hint."),
    F("paths", "string_list", "Glob patterns: the skill loads only when Claude works on "
      "matching files.", list_style="block"),
    F("context", "enum", "'fork' runs the skill in a subagent of its own; 'inline' (the "
      "default) expands it into the conversation.", allowed=("inline", "fork"), default="inline"),
    F("agent", "string", "The agent type to run the skill with when context is 'fork'."),
    F("background", "bool", "With context 'fork': run as a background task that reports back.",
      default="true"),
    F("hooks", "map", "Hooks active while the skill runs, in the settings.json hooks format."),
    F("license", "string", "The skill's licence: an SPDX identifier or a file name.",
      notes="Agent Skills standard."),
    F("compatibility", "string", "Environment the skill needs (products, system packages, "
      "network), at most 500 characters.", notes="Agent Skills standard."),
    F("metadata", "map", "Free-form map for your own keys (version, author…); kept as is."),
]
COMMAND_FIELDS = [
    *_SHARED,
    F("arguments", "string_list", "Named arguments, as a list or a space-separated string."),
    F("name", "string", "Display name; the file name (without .md) is the command."),
]
OUTPUT_STYLE_FIELDS = [
    F("name", "string", "Name shown in the output style picker (/config) and used in settings. "
      "Defaults to the file name."),
    F("description", "string", "Shown in the output style picker."),
    F("keep-coding-instructions", "bool", "Set to true to keep Claude Code's coding "
      "instructions in the system prompt beside this style.", default="false"),
    F("force-for-plugin", "bool", "In a plugin: turn this style on whenever the plugin is "
      "enabled. Ignored outside plugins.", default="false"),
]
RULE_FIELDS = [
    F("paths", "string_list", "Glob patterns of the files this rule applies to; without them "
      "the rule always loads.", list_style="block"),
]

_CLAUDE_TOOLS = {
    "known_tools": CLAUDE["known_tools"],
    "legacy_tools": CLAUDE["legacy_tools"],
    "tool_aliases": CLAUDE["tool_aliases"],
    # Bash(git add:*), Read(./docs/**), mcp__server__tool: a tool with an argument pattern
    "tool_patterns": (*CLAUDE["tool_patterns"], r"\w+\(.*\)"),
    "models": CLAUDE["models"],
    "model_pattern": CLAUDE["model_pattern"],
}
_NEAR = {"allowed_tools": "allowed-tools", "allowedTools": "allowed-tools",
         "tools": "allowed-tools", "argument_hint": "argument-hint",
         "argumentHint": "argument-hint", "disable_model_invocation": "disable-model-invocation",
         "user_invocable": "user-invocable", "disallowedTools": "disallowed-tools",
         "when-to-use": "when_to_use", "whenToUse": "when_to_use"}

SKILL_DATA = {
    "label": "Claude Code skill", "kind": "skill", **_CLAUDE_TOOLS,
    "file_suffix": "/SKILL.md",  # a skill is a folder: <name>/SKILL.md
    "locations": (".claude/skills/<name>/SKILL.md", "~/.claude/skills/<name>/SKILL.md",
                  "<plugin>/skills/<name>/SKILL.md"),
    "name_pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$", "name_length": (1, 64), "near_misses": _NEAR,
}
COMMAND_DATA = {
    "label": "Claude Code command", "kind": "command", **_CLAUDE_TOOLS,
    "locations": (".claude/commands/**/*.md", "~/.claude/commands/**/*.md",
                  "<plugin>/commands/**/*.md"),
    "near_misses": {**_NEAR, "when_to_use": None},
}
OUTPUT_STYLE_DATA = {
    "label": "Claude Code output style", "kind": "output-style",
    "locations": (".claude/output-styles/*.md", "~/.claude/output-styles/*.md",
                  "<plugin>/output-styles/*.md"),
    "near_misses": {"keep_coding_instructions": "keep-coding-instructions",
                    "keepCodingInstructions": "keep-coding-instructions"},
}
RULE_DATA = {
    "label": "Claude Code rule", "kind": "rule",
    "locations": (".claude/rules/**/*.md", "~/.claude/rules/**/*.md"),
    "near_misses": {"globs": "paths", "path": "paths", "applyTo": "paths"},
}

_EVAL_HELP = {
    # prompt.md
    "schema_version": "Version of the case format; leave it out for the current one.",
    "name": "The case's name in reports and for --case; defaults to its folder's name. In a "
    "grader file: the grader's name, else the file's.",
    "description": "What the case checks, for people reading the report.",
    "tags": "Labels that --tag selects cases by.",
    "plugins": "Other plugins to load for this case.",
    "runs": "How many times the case runs (each arm); --runs overrides it. Default 3.",
    "expected_outcome": "What a good run does, in words, for people reading the report.",
    "model": "The model the case runs with (sonnet, opus, haiku or a full ID).",
    "max_turns": "Turns Claude gets before the run stops. Default 10.",
    "timeout_seconds": "Seconds before the run is stopped. Default 300.",
    "allowed_tools": "Tools the run may use without asking; a grader on a tool not granted "
    "here cannot pass.",
    "disallowed_tools": "Tools kept from Claude in this case.",
    "artifact_publish": "Whether the run's files go into the published report.",
    "growthbook_overrides": "Feature-flag values for the run (Anthropic's own testing).",
    "append_system_prompt": "Text added to the system prompt of the run.",
    "env": "Environment variables for the run.",
    # graders
    "type": "What the grader checks: regex, tool_order, tool_used, file_exists, llm or baseline.",
    "weight": "The grader's share of the case's score. Default 1.",
    "arm": "'with-only' counts it only in the run with the plugin (a plugin-fired indicator); "
    "'both' scores both runs.",
    "tool": "tool_used: the tool whose calls are counted (Agent for delegation, Bash, Skill, "
    "mcp__…).",
    "input_match": "tool_used: a regular expression tested against each call's input as JSON; "
    "only matching calls count. For delegation: '\"subagent_type\":\\s*\"plugin:agent\"'.",
    "min": "tool_used: the fewest matching calls that pass. Default 1.",
    "max": "tool_used: the most matching calls that pass (0 with min 0: never called).",
    "pattern": "regex: the regular expression to find; the file's body when left out.",
    "target": "regex: where to look: last_message (default), trace, files, mock_calls, or "
    "{source: file, path: …}.",
    "flags": "regex: JavaScript flags (d g i m s u v y).",
    "match": "regex: contains (default), not_contains, or count:N.",
    "before": "tool_order: the tool called first: a name or {tool, input_match}.",
    "after": "tool_order: the tool called after it: a name or {tool, input_match}.",
    "path": "file_exists: the file (a glob) relative to the run's folder.",
    "exists": "file_exists: false to pass when the file is absent. Default true.",
    "criteria": "llm, baseline: what a passing answer does, for the judge; the file's body "
    "when left out.",
    "focus": "llm: what the judge reads: last_message (default), trace, files, mock_calls.",
    "baseline_file": "baseline: the file holding the reference answer.",
}
_EVAL_TYPES = {  # the schema's kind of value → (field type, options)
    "string": ("string", {}), "regex": ("string", {}), "flags": ("string", {}),
    "match": ("string", {}), "strings": ("string_list", {"list_style": "flow"}),
    "count": ("int", {"minimum": 1}), "natural": ("int", {"minimum": 0}),
    "weight": ("number", {}), "bool": ("bool", {}), "map": ("map", {}),
    "arm": ("enum", {"allowed": eval_schema.ARMS}), "focus": ("any", {}), "step": ("any", {}),
    "any": ("any", {}),
}


def _eval_row(key: str, kind: str) -> dict[str, Any]:
    if key == "type":
        return F(key, "enum", _EVAL_HELP[key], allowed=tuple(eval_schema.GRADER_KEYS),
                 required=True)
    field_type, options = _EVAL_TYPES[kind]
    if key in eval_schema.LIMITS:
        options = {**options, "maximum": eval_schema.LIMITS[key]}
    return F(key, field_type, _EVAL_HELP[key], **options)


EVAL_PROMPT_FIELDS = [_eval_row(k, kind) for k, kind in eval_schema.PROMPT_KEYS.items()]
_GRADER_KEYS = {k: v for keys in eval_schema.GRADER_KEYS.values() for k, v in keys.items()}


def _grader_row(key: str, kind: str) -> dict[str, Any]:
    """A grader key's row; one that not every type takes applies only to those that do."""
    types = tuple(t for t, keys in eval_schema.GRADER_KEYS.items() if key in keys)
    row = _eval_row(key, kind)
    return row if len(types) == len(eval_schema.GRADER_KEYS) else {**row, "when": ("type", types)}


EVAL_GRADER_FIELDS = [_grader_row(k, kind) for k, kind in _GRADER_KEYS.items()]
EVAL_PROMPT_DATA = {
    "label": "Claude Code eval prompt", "kind": "eval", "strict_keys": True,
    "locations": ("<plugin>/evals/<case>/prompt.md", "evals/<case>/prompt.md"),
    "models": CLAUDE["models"], "model_pattern": CLAUDE["model_pattern"],
    "known_tools": CLAUDE["known_tools"], "tool_patterns": _CLAUDE_TOOLS["tool_patterns"],
}
EVAL_GRADER_DATA = {
    "label": "Claude Code eval grader", "kind": "eval", "strict_keys": True,
    "locations": ("<plugin>/evals/<case>/graders/*.md", "evals/<case>/graders/*.md"),
}

# id → (dialect data, field rows), merged into the registry beside the agent dialects
SCHEMAS: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {
    SKILL: (SKILL_DATA, SKILL_FIELDS),
    COMMAND: (COMMAND_DATA, COMMAND_FIELDS),
    OUTPUT_STYLE: (OUTPUT_STYLE_DATA, OUTPUT_STYLE_FIELDS),
    RULE: (RULE_DATA, RULE_FIELDS),
    EVAL_PROMPT: (EVAL_PROMPT_DATA, EVAL_PROMPT_FIELDS),
    EVAL_GRADER: (EVAL_GRADER_DATA, EVAL_GRADER_FIELDS),
}
# fmt: on


def kind_of_folder(dirs: list[str], skill_file: bool, plugin_root: Any) -> str | None:
    """The dialect id of a non-agent file in the folder ``dirs`` (its parts), or None.

    ``skill_file``: the file is named ``SKILL.md``; ``plugin_root(dirs[:i])`` says whether a
    folder is a plugin root. A skill is ``skills/<name>/SKILL.md`` anywhere (the name is the
    standard's); commands and output styles live in ``.claude/`` or at a plugin's root; rules
    anywhere under ``.claude/rules``.
    """
    if skill_file and len(dirs) >= 2 and dirs[-2] == "skills":
        return SKILL
    for i in range(len(dirs) - 1, -1, -1):
        folder = dirs[i]
        if folder not in ("commands", "output-styles", "rules"):
            continue
        under_claude = i > 0 and dirs[i - 1] == ".claude"
        if folder == "rules":
            if under_claude:
                return RULE
        elif under_claude or plugin_root(dirs[:i]):
            if folder == "commands":
                return COMMAND
            if i == len(dirs) - 1:  # output styles are not read from subfolders
                return OUTPUT_STYLE
    return None


def eval_kind(dirs: list[str], name: str) -> str | None:
    """The dialect id of an eval case file, by its place below an ``evals/`` folder: a case's
    ``prompt.md``, or a markdown file in a case's ``graders/`` folder; None for any other."""
    if "evals" not in dirs[:-1] or not name.endswith(".md"):
        return None
    if name == "prompt.md":
        return EVAL_PROMPT
    below = dirs[len(dirs) - dirs[::-1].index("evals") :]
    return EVAL_GRADER if len(below) >= 2 and below[-1] == "graders" else None
