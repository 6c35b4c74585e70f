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

Eval case files (AQ510–AQ515) follow :mod:`agentquill.core.evals.schema`: ``claude plugin
eval`` refuses a case whose grader has a key its type does not take or lacks one it needs,
or whose prompt is empty; it loads a regex that does not compile and a ``min`` above ``max``,
but such a grader can never pass; it skips a grader file without frontmatter.
"""

from __future__ import annotations

from .. import claude_versions, dialects
from ..agentfile import AgentFile
from ..dialects import tool_names
from ..evals import schema as eval_schema
from ..frontmatter import Field
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
    Rule("AQ510", Severity.ERROR, "Eval grader key its type does not take"),
    Rule("AQ511", Severity.ERROR, "Eval grader without a key its type needs"),
    Rule("AQ512", Severity.ERROR, "Eval regular expression does not compile"),
    Rule("AQ513", Severity.ERROR, "Eval grader can never pass (min above max)"),
    Rule("AQ514", Severity.ERROR, "Eval prompt is empty"),
    Rule("AQ515", Severity.WARNING, "Eval grader file without frontmatter is skipped"),
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
        """A command, output style, rule or eval prompt without frontmatter is fine: the file
        is the prompt. A skill without one is a command only (AQ501); Claude Code skips a
        grader without one (AQ515)."""
        parsed = self.parsed
        if parsed.frontmatter is not None or parsed.unterminated:
            super().structure()
            if self.dialect.kind == "eval":
                self._strict_yaml()
        elif self.dialect.kind == "skill":
            self._undescribed(0)
        elif self.dialect.id == dialects.EVAL_GRADER:
            message = "Claude Code skips a grader file without frontmatter (type: …)"
            self.add("AQ515", message, 0)

    def _strict_yaml(self) -> None:
        """``claude plugin eval`` reads strict YAML, with no recovery: what the agent checks
        call recoverable (AQ101) or fatal to an agent (AQ100) stops the case."""
        fm = self.parsed.frontmatter
        broken = [d for d in self.out if d.code in ("AQ100", "AQ101")]
        if fm is None or fm.error is None or not broken:
            return
        self.out = [d for d in self.out if d not in broken]
        message = f"Not valid YAML ({fm.error.message}); claude plugin eval refuses the case"
        self.add("AQ100", message, fm.error.offset, fix=broken[0].fix)

    def enum(self, f: Field, spec: dialects.FieldSpec, severity: Severity | None = None) -> None:
        """A value outside its list stops an eval case (an error there, a warning elsewhere)."""
        super().enum(f, spec, Severity.ERROR if self.dialect.kind == "eval" else severity)

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
        for key in ("allowed-tools", "disallowed-tools", "allowed_tools", "disallowed_tools"):
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
        if kind == "eval":
            self._eval_prompt() if self.dialect.id == dialects.EVAL_PROMPT else self._grader()
            return
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

    def _eval_prompt(self) -> None:
        at = self.parsed.body_start
        if not self.text[at:].strip():
            message = "The body is the prompt the case sends; Claude Code refuses an empty one"
            self.add("AQ514", message, min(at, len(self.text)))

    def _grader(self) -> None:
        """The checks of one grader's type: its keys, its regexes, its call counts."""
        fields = self.fields
        kind = fields["type"].value if "type" in fields else None
        if self.parsed.frontmatter is None or eval_schema.GRADER_KEYS.get(str(kind)) is None:
            return  # no frontmatter (AQ515), no type (AQ200) or an unknown one (AQ212)
        keys = eval_schema.GRADER_KEYS[kind]
        for key, f in fields.items():
            if key not in keys and key in self.dialect.fields:
                message = f"A '{kind}' grader does not take '{key}'; Claude Code refuses the case"
                self.add("AQ510", message, self.at_key(f), key)
        body = self.text[self.parsed.body_start :].strip()
        filled = eval_schema.BODY_KEY.get(kind) if body else None
        for key in eval_schema.REQUIRED[kind]:
            if key not in fields and key != filled:
                message = f"A '{kind}' grader needs '{key}'"
                if eval_schema.BODY_KEY.get(kind) == key:
                    message += " (or the body)"
                self.add("AQ511", message, self.parsed.frontmatter.start, key)
        self._regexes(keys, body if filled == "pattern" else None)
        self._counts(keys)

    def _regexes(self, keys: dict[str, str], body_pattern: str | None) -> None:
        """JavaScript regexes: a regex grader's ``pattern`` with its ``flags``."""
        flags = self.fields["flags"].value if "flags" in self.fields else ""
        flags = flags if type(flags) is str and "flags" in keys else ""
        for key in ("input_match", "pattern"):
            f = self.fields.get(key)
            if f is None or type(f.value) is not str or key not in keys:
                continue
            if why := eval_schema.regex_problem(f.value, flags if key == "pattern" else ""):
                message = f"'{key}' is not a valid regular expression: {why}"
                self.add("AQ512", message, self.at_value(f), key)
        if body_pattern is not None and (why := eval_schema.regex_problem(body_pattern, flags)):
            message = f"The body (the pattern) is not a valid regular expression: {why}"
            self.add("AQ512", message, self.parsed.body_start)

    def _counts(self, keys: dict[str, str]) -> None:
        f = self.fields.get("max")
        values = self.parsed.frontmatter.values()
        if "max" in keys and f is not None and (why := eval_schema.count_problem(values)):
            self.add("AQ513", why, self.at_value(f), "max")


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
