"""Lint for the files beside agents (skills, commands, output styles, rules): ``AQ5xx``.

They share the agent checks of the block and its keys (AQ1xx, AQ2xx: parse, unknown keys,
types, allowed values) but not the agent-only ones: their name is not compared with the file
name (a skill is named by its folder, a command by its file),
their body is instructions rather than a system prompt, and there are no ``<example>`` blocks.
A skill's name is compared with its folder (AQ505, the per-file twin of AQ410) when the file
has a path.
:func:`lint` sends agents to :mod:`.rules` unchanged.

What the rules rest on (Claude Code 2.1.332): AQ501, ``claude-load`` lists a skill without a
description (or without frontmatter) as a slash command only, not among the skills Claude is
offered; a command without frontmatter registers under its file name (so no AQ104 for it).
AQ503 and AQ504 quote the binary: "force-for-plugin set, but this option only applies to
plugin output styles. Ignoring.", and ``agent`` is "Agent type to spawn when `context: fork`".
"""

from __future__ import annotations

from .. import claude_versions, dialects
from ..agentfile import AgentFile
from ..dialects import tool_names
from ..path_names import path_name
from .rules import RULES, Diagnostic, Rule, Severity, _Linter, name_problems
from .rules import lint as lint_agent

#: the 1,536 characters of ``description`` + ``when_to_use`` Claude Code keeps per skill in
#: the listing it sends the model (``skillListingMaxDescChars``, default 1536, in 2.1.332's
#: settings schema: "Descriptions longer than this are truncated")
SKILL_LISTING_CHARS = 1536

#: registered in RULES beside the agent rules
KIND_RULES = (
    Rule("AQ500", Severity.WARNING, "Skill description and when_to_use past the listing cap"),
    Rule("AQ501", Severity.WARNING, "Skill without a description"),
    Rule("AQ502", Severity.WARNING, "Body is empty"),
    Rule("AQ503", Severity.WARNING, "force-for-plugin outside a plugin is ignored"),
    Rule("AQ504", Severity.WARNING, "'agent' set without 'context: fork'"),
    Rule("AQ505", Severity.WARNING, "Skill name differs from its folder"),
)
RULES.update({r.code: r for r in KIND_RULES})

_BODY = {
    "skill": "the instructions Claude follows when it uses the skill",
    "command": "the prompt the command sends",
    "output-style": "the instructions that replace Claude Code's default style",
    "rule": "the instructions Claude Code loads",
}


def lint(agent: AgentFile, target: str | None = None) -> list[Diagnostic]:
    """Every diagnostic for one file, in document order, by the rules of its kind.

    ``target`` is the Claude Code version the version-dependent rules follow; by default, the
    one the file's project names (see :mod:`agentquill.core.claude_versions`).
    """
    if agent.dialect.kind == "agent":
        return lint_agent(agent, target)
    return _KindLinter(agent, target or claude_versions.target_for(agent.path)).run()


class _KindLinter(_Linter):
    """The agent linter with the name, tools, description and body checks of other kinds."""

    def structure(self) -> None:
        """A command, output style or rule without frontmatter is fine: the file is the
        prompt. A skill without one is a command only (AQ501)."""
        parsed = self.parsed
        if parsed.frontmatter is not None or parsed.unterminated:
            super().structure()
        elif self.dialect.kind == "skill":
            self._undescribed(0)

    def _undescribed(self, at: int) -> None:
        self.add(
            "AQ501",
            "No description: Claude Code offers the skill only as /name, never to Claude",
            at,
            "description",
        )

    def name(self) -> None:
        f = self.fields.get("name")
        if f is None or not isinstance(f.value, str) or self.dialect.kind != "skill":
            return  # a command's or a style's name is a free display name
        for code, message in name_problems(f.value, self.dialect):
            if code != "AQ202":  # the folder names the skill; AQ203 covers ':' in the name
                self.add(code, message, self.at_value(f), "name")
        folder = path_name("skill", self.agent.path or "")
        if folder and f.value != folder:
            message = (
                f"Claude Code registers this skill as '{folder}', its folder's name, not "
                f"'{f.value}': rename the folder or the name so they agree"
            )
            self.add("AQ505", message, self.at_value(f), "name")

    def tools(self) -> None:
        dialect = self.dialect
        for key in ("allowed-tools", "disallowed-tools"):
            f = self.fields.get(key)
            if f is None or key not in dialect.fields or not dialect.known_tools:
                continue
            for name in dialect.unknown_tools(tool_names(_spaced(f.value))):
                message = f"'{name}' is not a known Claude Code tool"
                self.add("AQ221", message, self.at_value(f), key)

    def description(self) -> None:
        kind = self.dialect.kind
        if "description" not in self.dialect.fields:
            return
        f = self.fields.get("description")
        if f is None:
            if kind == "skill":
                self._undescribed(self.parsed.frontmatter.start)
            return
        when = self.fields.get("when_to_use")
        size = sum(len(x.value) for x in (f, when) if x is not None and isinstance(x.value, str))
        if kind == "skill" and size > SKILL_LISTING_CHARS:
            self.add(
                "AQ500",
                f"description and when_to_use have {size:,} characters; Claude Code cuts "
                f"them to {SKILL_LISTING_CHARS:,} in the skill listing",
                self.at_value(f),
                "description",
            )

    def body(self) -> None:
        kind = self.dialect.kind
        at = self.parsed.body_start
        if self.parsed.frontmatter is not None and not self.text[at:].strip():
            where = min(at, len(self.text))
            self.add("AQ502", f"The body is {_BODY[kind]}; it is empty", where)
        style = self.fields.get("force-for-plugin")
        if style is not None and style.value is True and not _in_plugin(self.agent.path):
            self.add(
                "AQ503",
                "Claude Code honours force-for-plugin only for a plugin's output styles",
                self.at_key(style),
                "force-for-plugin",
            )
        fork = self.fields.get("context")
        agent = self.fields.get("agent")
        if agent is not None and (fork is None or fork.value != "fork"):
            self.add(
                "AQ504",
                "'agent' is used only with 'context: fork'; here the skill runs inline",
                self.at_key(agent),
                "agent",
            )


def _spaced(value: object) -> object:
    """An Agent Skills ``allowed-tools`` string (space-separated) as a comma string."""
    if isinstance(value, str) and "," not in value and "(" not in value:
        return ",".join(value.split())
    return value


def _in_plugin(path: object) -> bool:
    """Whether ``path`` lies in a plugin's ``output-styles`` folder (by its location)."""
    if path is None:
        return False
    parts = str(path).replace("\\", "/").split("/")
    return ".claude" not in parts and dialects.detect(str(path)).kind == "output-style"
