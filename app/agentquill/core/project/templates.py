"""Templates for new agent files: a blank agent, a specialist, a reviewer, one per dialect;
and one each for a skill, a slash command, an output style and a rule.

A :class:`Template` turns a name (and an optional description) into the text of a new file
in its dialect, and says where such files usually live. Every template lints without errors
in its dialect, and the Claude ones parse in Claude Code (tests/core/test_templates.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import dialects
from ..frontmatter import emit

_NL = "\n"


@dataclass(frozen=True)
class Template:
    """One kind of new agent file."""

    id: str
    title: str
    dialect: str  # a dialects.DIALECTS id
    summary: str  # one sentence for the template list
    default_name: str
    folder: str  # where such files live, relative to a project root
    user_folder: str  # where they live in the home folder ("" when there is no such place)
    build: Callable[[str, str], str]  # (name, description or "") -> file text

    def text(self, name: str, description: str = "") -> str:
        """The new file's text for an agent called ``name``."""
        return self.build(name, description.strip())

    def file_name(self, name: str) -> str:
        """The file name of an agent called ``name`` (``.agent.md`` for Copilot,
        ``name/SKILL.md`` for a skill)."""
        return name + dialects.get(self.dialect).file_suffix


def title_of(name: str) -> str:
    """``api-designer`` → ``Api Designer``: the name as words, for prose."""
    words = name.replace("_", "-").split("-")
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or name


def _field(key: str, value: str) -> str:
    """``key: value`` as YAML; a ``|`` block, then a blank line, for several lines."""
    if "\n" in value:
        block = emit.literal(value, 2, _NL)
        if block is not None:
            return f"{key}: {block}\n"  # a blank line after a block, as in the seed
    return f"{key}: {emit.inline_str(value)}{_NL}"


def _file(fields: list[tuple[str, str]], extra: str, body: str) -> str:
    """Frontmatter from ``fields`` plus raw ``extra`` YAML lines, then the body."""
    head = "".join(_field(k, v) for k, v in fields)
    return f"---\n{head}{extra}---\n\n{body}"


def _examples(name: str, cases: list[tuple[str, str, str, str]]) -> str:
    """``<example>`` blocks from (context, user, assistant, commentary) cases."""
    blocks = []
    for context, user, assistant, commentary in cases:
        assistant = assistant.format(name=name)
        blocks.append(
            f'<example>\nContext: {context}\nuser: "{user}"\nassistant: "{assistant}"\n'
            f"<commentary>\n{commentary}\n</commentary>\n</example>"
        )
    return "\n\n".join(blocks)


# --- blank ----------------------------------------------------------------------------------


def _blank(name: str, description: str) -> str:
    description = description or f"Describe when Claude should hand a task to {name}."
    return _file([("name", name), ("description", description)], "", "")


# --- specialist (in the style of a role agent with worked examples) -------------------------


def _specialist(name: str, description: str) -> str:
    role = title_of(name)
    intro = description or (
        f"Use this agent for {role.lower()} work: say here which tasks it owns and what it "
        "knows that the main conversation does not."
    )
    examples = _examples(
        name,
        [
            (
                "The user asks outright for work in this agent's specialty",
                "Replace this with a request that names the work directly",
                "I'll use the {name} agent to take this on.",
                f"The request is plainly {role.lower()} work, so the specialist should do it.",
            ),
            (
                "The user describes a goal or a symptom without naming the specialty",
                "Replace this with a request that only implies the specialty",
                "This calls for {name}, so I'll hand it to that agent.",
                "The need is implied rather than stated; delegating still gives a better result.",
            ),
            (
                "Claude has just finished a change this specialist should check",
                "Thanks, that part works now",
                "Before we move on, I'll use the {name} agent to check the change.",
                "A proactive hand-off after related work catches problems while they are cheap.",
            ),
        ],
    )
    body = f"""You are an expert {role} agent. Say in one sentence which field you master and \
what kind of results you deliver.

**Your Core Responsibilities:**

1. **Main Area**
   - Name the kind of task this agent owns
   - List the methods and tools it brings to it
   - State the standard its results must meet

2. **Second Area**
   - Name a related kind of task
   - Say where this agent's work stops and another's begins

3. **Communication**
   - Explain decisions and trade-offs in plain words
   - Flag risks, assumptions and open questions early

**Working Process:**

1. **Understand the Task**
   - Restate the goal and the constraints before starting
   - Ask for what is missing instead of guessing

2. **Plan**
   - Break the work into small steps that can each be checked
   - Read the existing code and follow its conventions

3. **Do the Work**
   - Change only what the task needs
   - Keep each change easy to review

4. **Verify**
   - Check the result against the goal
   - Run the tests that exist and add the ones that are missing

**Quality Standards:**

- Results are complete, not sketches
- Every claim about the code is backed by what you read or ran
- Nothing outside the task changes without a reason you state

**Output Format:**

- A short summary of what you did and why
- The changes, file by file
- What you checked, and anything left for the user to decide
"""
    fields = [("name", name), ("description", f"{intro}\n\n{examples}\n")]
    return _file(fields, "model: inherit\ncolor: blue\n", body)


# --- reviewer -------------------------------------------------------------------------------


def _reviewer(name: str, description: str) -> str:
    intro = description or (
        "Use this agent to review code after it is written or changed: it reads the change, "
        "finds defects and risks, and reports them by severity without editing files."
    )
    examples = _examples(
        name,
        [
            (
                "The user has finished a feature and wants a second opinion",
                "I've finished the export feature, can you review it?",
                "I'll use the {name} agent to review the export changes.",
                "A finished change and an explicit request for review.",
            ),
            (
                "Claude has just made a large change across several files",
                "Great, commit it",
                "Before committing, I'll use the {name} agent to review the change.",
                "Large changes deserve a review before they land; the agent is used proactively.",
            ),
        ],
    )
    body = """You are a careful code reviewer. You read changes, find what is wrong or risky, \
and explain it clearly. You do not edit files: you report.

**Your Core Responsibilities:**

1. **Correctness**
   - Look for logic errors, unhandled cases and broken contracts
   - Check that tests cover the changed behaviour

2. **Safety**
   - Look for injection, unsafe input handling and leaked secrets
   - Check error handling and resource cleanup

3. **Maintainability**
   - Point out unclear names, duplication and needless complexity
   - Check that the change follows the project's conventions

**Review Process:**

1. **Scope**
   - Find what changed (for example with git diff) and read it in full
2. **Context**
   - Read the surrounding code each change depends on
3. **Findings**
   - Note each problem with its file, line and a suggested fix

**Output Format:**

- **Critical**: must be fixed before merging
- **Warnings**: should be fixed
- **Suggestions**: worth considering
- End with a one-line verdict; if nothing is wrong, say so plainly
"""
    fields = [("name", name), ("description", f"{intro}\n\n{examples}\n")]
    return _file(fields, "tools: Read, Grep, Glob, Bash\nmodel: inherit\ncolor: cyan\n", body)


# --- one starter per dialect ----------------------------------------------------------------

_STARTER_BODY = """You are {role}. Describe your expertise in a sentence or two.

## When you are called

- Say what the caller hands you and what they expect back

## How you work

1. Read what you need before changing anything
2. Make the smallest change that does the job
3. Check the result

## What you report

Summarise what you did, what you checked, and anything left open.
"""


def _starter_body(name: str) -> str:
    return _STARTER_BODY.format(role=f"the {title_of(name)} agent")


def _default_description(name: str) -> str:
    return f"Say which tasks {name} takes on and when to hand them to it."


def _claude_code(name: str, description: str) -> str:
    fields = [("name", name), ("description", description or _default_description(name))]
    extra = "tools: Read, Grep, Glob, Edit, Write, Bash\nmodel: inherit\ncolor: green\n"
    return _file(fields, extra, _starter_body(name))


def _claude_plugin(name: str, description: str) -> str:
    # plugin agents ignore hooks, mcpServers and permissionMode, so none are offered here
    fields = [("name", name), ("description", description or _default_description(name))]
    extra = "tools: Read, Grep, Glob\nmodel: inherit\ncolor: purple\n"
    return _file(fields, extra, _starter_body(name))


def _copilot(name: str, description: str) -> str:
    fields = [("name", name), ("description", description or _default_description(name))]
    return _file(fields, "tools: ['read', 'search', 'edit']\n", _starter_body(name))


def _opencode(name: str, description: str) -> str:
    # OpenCode names an agent after its file, so no `name` field
    fields = [("description", description or _default_description(name))]
    extra = "mode: subagent\npermission:\n  edit: ask\n  bash: ask\n"
    return _file(fields, extra, _starter_body(name))


def _gemini(name: str, description: str) -> str:
    fields = [("name", name), ("description", description or _default_description(name))]
    extra = (
        "kind: local\ntools:\n  - read_file\n  - grep_search\n  - glob\n  - list_directory\n"
        "model: inherit\nmax_turns: 20\n"
    )
    return _file(fields, extra, _starter_body(name))


# --- skills, commands, output styles, rules ----------------------------------------------


def _skill(name: str, description: str) -> str:
    fields = [
        ("name", name),
        ("description", description or f"Say what {name} does and when Claude should use it."),
    ]
    body = (
        f"# {title_of(name)}\n\n## Steps\n\n1. Read what the task needs.\n"
        "2. Do it, one step at a time.\n3. Check the result before reporting it.\n\n"
        "Keep this file short: put long references in files beside it and link them.\n"
    )
    return _file(fields, "allowed-tools: Read, Grep, Glob\n", body)


def _command(name: str, description: str) -> str:
    fields = [("description", description or f"What /{name} does, shown in the / menu.")]
    body = f"Do the {title_of(name)} task for: $ARGUMENTS\n\nReport what you changed.\n"
    return _file(fields, "argument-hint: '[what to work on]'\n", body)


def _output_style(name: str, description: str) -> str:
    fields = [("name", name), ("description", description or "How Claude answers.")]
    body = "Answer briefly. Show code before prose, and say what you could not check.\n"
    return _file(fields, "keep-coding-instructions: true\n", body)


def _rule(name: str, description: str) -> str:
    body = f"# {title_of(name)}\n\n{description or 'Write the rule Claude follows here.'}\n"
    return f"---\npaths:\n  - 'src/**/*'\n---\n\n{body}"


TEMPLATES: dict[str, Template] = {
    t.id: t
    for t in (
        Template(
            "blank",
            "Blank agent",
            dialects.CLAUDE_CODE,
            "Just a name and a description: write the rest yourself.",
            "new-agent",
            ".claude/agents",
            ".claude/agents",
            _blank,
        ),
        Template(
            "specialist",
            "Specialist role",
            dialects.CLAUDE_CODE,
            "An expert role with worked examples of when to delegate, responsibilities, "
            "process, quality standards and output format.",
            "domain-specialist",
            ".claude/agents",
            ".claude/agents",
            _specialist,
        ),
        Template(
            "reviewer",
            "Code reviewer",
            dialects.CLAUDE_CODE,
            "A read-only reviewer that reports findings by severity.",
            "code-reviewer",
            ".claude/agents",
            ".claude/agents",
            _reviewer,
        ),
        Template(
            "claude-code",
            "Claude Code subagent",
            dialects.CLAUDE_CODE,
            "A starter subagent with tools, model and colour.",
            "new-agent",
            ".claude/agents",
            ".claude/agents",
            _claude_code,
        ),
        Template(
            "claude-plugin",
            "Claude Code plugin agent",
            dialects.CLAUDE_PLUGIN,
            "An agent for a plugin's agents/ folder, using only fields plugins honour.",
            "plugin-agent",
            "agents",
            "",
            _claude_plugin,
        ),
        Template(
            "copilot",
            "GitHub Copilot agent",
            dialects.COPILOT,
            "A custom agent (.agent.md) for VS Code, Copilot CLI and the cloud agent.",
            "new-agent",
            ".github/agents",
            ".copilot/agents",
            _copilot,
        ),
        Template(
            "opencode",
            "OpenCode agent",
            dialects.OPENCODE,
            "A subagent that asks before editing files or running commands.",
            "new-agent",
            ".opencode/agents",
            ".config/opencode/agents",
            _opencode,
        ),
        Template(
            "gemini",
            "Gemini CLI subagent",
            dialects.GEMINI,
            "A local subagent with read-only Gemini tools.",
            "new-agent",
            ".gemini/agents",
            ".gemini/agents",
            _gemini,
        ),
        Template(
            "skill",
            "Claude Code skill",
            dialects.SKILL,
            "A skill folder with its SKILL.md: instructions Claude loads when the task fits.",
            "new-skill",
            ".claude/skills",
            ".claude/skills",
            _skill,
        ),
        Template(
            "command",
            "Claude Code slash command",
            dialects.COMMAND,
            "A prompt run as /name, with $ARGUMENTS for what follows it.",
            "new-command",
            ".claude/commands",
            ".claude/commands",
            _command,
        ),
        Template(
            "output-style",
            "Claude Code output style",
            dialects.OUTPUT_STYLE,
            "How Claude writes its answers, picked in /config.",
            "new-style",
            ".claude/output-styles",
            ".claude/output-styles",
            _output_style,
        ),
        Template(
            "rule",
            "Claude Code rule",
            dialects.RULE,
            "Instructions loaded for the files that match its paths.",
            "new-rule",
            ".claude/rules",
            ".claude/rules",
            _rule,
        ),
    )
}


#: the description ``starter_frontmatter`` writes, for the user to replace
DESCRIPTION_TO_FILL = "Say which tasks this agent takes on and when to hand them to it."


_GRADER_STARTER = [("type", "tool_used"), ("tool", "Agent")]


def starter_frontmatter(dialect_id: str, stem: str) -> str:
    """The smallest frontmatter a file in ``dialect_id`` needs: the fields the dialect
    requires (a ``name`` from the file's ``stem``, a description to fill in), offered to an
    empty or frontmatter-less file so that it starts from valid YAML rather than an error."""
    dialect = dialects.get(dialect_id)
    if dialect.kind == "eval":  # a grader: the delegation check; a prompt needs no key
        fields = _GRADER_STARTER if dialect_id == dialects.EVAL_GRADER else []
        return "---\n" + "".join(_field(k, v) for k, v in fields) + "---\n"
    fields = [("name", slug(stem, dialect))] if "name" in dialect.required_keys else []
    if "description" in dialect.fields:  # not in a rule
        fields.append(("description", DESCRIPTION_TO_FILL))
    return "---\n" + "".join(_field(k, v) for k, v in fields) + "---\n"


def slug(stem: str, dialect: dialects.Dialect) -> str:
    """``My Agent`` → ``my-agent``: a file stem as a name the dialect accepts."""
    underscores = dialect.name_re is None or "_" in dialect.name_re.pattern
    name = re.sub("[^a-z0-9_]+" if underscores else "[^a-z0-9]+", "-", stem.lower())
    name = re.sub("-{2,}", "-", name).strip("-_")
    return name or "new-agent"
