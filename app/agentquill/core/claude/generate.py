"""A new agent written by Claude Code from a brief: the prompt and the JSON schema we pass to
``claude -p --json-schema``, and its answer turned into a file through our own templates and
field edits, so a generated agent reads like one made in the editor.

Claude Code 2.1.332 checks the schema at start-up (an invalid one exits with status 1), gives
the model a ``StructuredOutput`` tool whose input must fit it, and puts that input in the
result's ``structured_output`` (a run that never fits ends ``error_max_structured_output_retries``).
With ``--tools ""`` that tool is the only one: the run reads and changes nothing.

The answer is untrusted: every value is checked (type, size, vocabulary) and the file is
built by verified edits, then read back; what does not fit is a :class:`BadAnswer` with a
sentence to show, never a broken file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import dialects
from .. import examples as ex
from ..frontmatter import fields, parse
from ..project import manage, templates
from ..text import Edit, apply_edits
from .messages import Result

#: the dialects a brief can be written for, and the starter template each is built from
TEMPLATE_FOR = {
    dialects.CLAUDE_CODE: "claude-code",
    dialects.CLAUDE_PLUGIN: "claude-plugin",
    dialects.COPILOT: "copilot",
    dialects.OPENCODE: "opencode",
    dialects.GEMINI: "gemini",
}
#: the most a prompt may take, in UTF-8 bytes: Linux refuses one argument over 128 KiB
MAX_SENT = 120_000
#: the limits of an answer; a longer value is refused rather than written
MAX_NAME, MAX_TEXT, MAX_PROMPT, MAX_EXAMPLES = 200, 4_000, 60_000, 8

#: what we ask for a new agent: our words, short, shown in the dialog as sent
BRIEF_PROMPT = """\
Write a {dialect} for this brief:

{brief}

It is a {scope}. Give it a short lowercase-hyphenated name; a description of one paragraph \
saying when to hand it a task (no examples in it); 2 or 3 examples of such hand-offs; only \
the tools it needs{tools}; and a system prompt in Markdown that says who it is, how it works \
and what it reports. Answer only through the structured output."""

SCOPES = {
    "project": "project agent, shared with everyone who works in this repository",
    "user": "personal agent, used in all of its author's projects",
}

_EXAMPLE = {
    "type": "object",
    "properties": {
        "context": {"type": "string", "description": "The situation, in one sentence"},
        "user": {"type": "string", "description": "What the user says"},
        "assistant": {"type": "string", "description": "How Claude hands the task over"},
        "commentary": {"type": "string", "description": "Why this agent fits"},
    },
    "required": ["context", "user", "assistant", "commentary"],
    "additionalProperties": False,
}
EXAMPLES_SCHEMA = {"type": "array", "items": _EXAMPLE}


_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")


class BadAnswer(ValueError):
    """Claude Code's answer cannot be used; the message says why in one sentence."""


@dataclass(frozen=True)
class Brief:
    """What the user asks for: a paragraph, the dialect, the scope and the tools to allow."""

    text: str
    dialect: str = dialects.CLAUDE_CODE
    scope: str = "project"
    tools: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    """A checked answer: every value of the schema, ready to write."""

    name: str
    description: str
    examples: tuple[ex.Example, ...]
    tools: tuple[str, ...]
    model: str
    color: str
    prompt: str


def offered_tools(dialect_id: str) -> tuple[str, ...]:
    """The tools a brief may allow in ``dialect_id`` (none where the dialect has no tool list:
    OpenCode asks through ``permission``)."""
    dialect = dialects.get(dialect_id)
    spec = dialect.spec("tools")
    if spec is None or spec.type is not dialects.FieldType.TOOLS:
        return ()
    legacy = set(dialect.legacy_tools)
    return tuple(t for t in dialect.known_tools if t not in legacy and t != "*")


def schema(brief: Brief) -> dict[str, Any]:
    """The JSON schema of an agent in the brief's dialect: its tools limited to those allowed,
    its model and colour to the dialect's own words (where it has them)."""
    dialect = dialects.get(brief.dialect)
    text = {"type": "string"}
    properties: dict[str, Any] = {
        "name": {**text, "description": "Lowercase words joined by hyphens, 3 to 50 characters"},
        "description": {**text, "description": "When to hand this agent a task, one paragraph"},
        "examples": EXAMPLES_SCHEMA,
    }
    if brief.tools:
        properties["tools"] = {"type": "array", "items": {"type": "string", "enum": [*brief.tools]}}
    if dialect.models and dialect.spec("model") is not None and len(dialect.models) > 1:
        properties["model"] = {"type": "string", "enum": [*dialect.models]}
    if dialect.colors and dialect.id in (dialects.CLAUDE_CODE, dialects.CLAUDE_PLUGIN):
        properties["color"] = {"type": "string", "enum": [*dialect.colors]}
    properties["prompt"] = {**text, "description": "The system prompt, in Markdown"}
    return {
        "type": "object",
        "properties": properties,
        "required": [*properties],
        "additionalProperties": False,
    }


def prompt(brief: Brief) -> str:
    """The prompt sent for ``brief``."""
    tools = f" (of {', '.join(brief.tools)})" if brief.tools else ""
    return BRIEF_PROMPT.format(
        dialect=dialects.get(brief.dialect).label,
        brief=brief.text.strip(),
        scope=SCOPES.get(brief.scope, SCOPES["project"]),
        tools=tools,
    )


def too_large(prompt: str) -> str:
    """Why ``prompt`` cannot be sent as an argument ("" when it can)."""
    size = len(prompt.encode("utf-8", "surrogatepass"))
    if size <= MAX_SENT:
        return ""
    return f"The prompt is too large to send ({size // 1000:,} kB; at most {MAX_SENT // 1000} kB)"


def run_arguments(answer_schema: dict[str, Any]) -> list[str]:
    """The extra arguments of a run that answers through ``answer_schema``, with no tool but
    ``StructuredOutput``."""
    return ["--json-schema", json.dumps(answer_schema), "--tools", ""]


# --- reading the answer ---------------------------------------------------------------------


def structured(result: Result | None) -> Any:
    """The structured output of a run's ``result``, or :class:`BadAnswer` saying why none."""
    if result is None:
        raise BadAnswer("Claude Code ended without a result")
    if result.subtype == "error_max_structured_output_retries":
        raise BadAnswer("Claude Code could not write an answer that fits the form; try again")
    if result.is_error:
        raise BadAnswer(f"Claude Code ended with an error: {result.text or result.subtype}")
    if result.structured_output is None:
        raise BadAnswer("Claude Code answered in prose, not in the form asked for")
    return result.structured_output


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "true or false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


def text_of(answer: dict[str, Any], key: str, limit: int = MAX_TEXT, where: str = "") -> str:
    """``answer[key]`` as checked text: present, a string, of at most ``limit`` characters,
    without NUL; every kind of line break (CR LF, NEL, U+2028…) as ``\\n``."""
    label = f"{where}'{key}'" if where else f"'{key}'"
    if key not in answer:
        raise BadAnswer(f"The answer has no {label}")
    value = answer[key]
    if not isinstance(value, str):
        raise BadAnswer(f"The answer's {label} is {_kind(value)}, not text")
    if len(value) > limit:
        raise BadAnswer(f"The answer's {label} has {len(value):,} characters (at most {limit:,})")
    if "\0" in value:
        raise BadAnswer(f"The answer's {label} holds a NUL character")
    return _BREAKS.sub("\n", value)


def object_of(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadAnswer(f"The answer is {_kind(value)}, not an object")
    return value


def examples_of(answer: dict[str, Any]) -> tuple[ex.Example, ...]:
    """The answer's ``examples`` as examples of a description (user, then assistant)."""
    found = answer.get("examples")
    if not isinstance(found, list):
        raise BadAnswer(f"The answer's 'examples' is {_kind(found)}, not a list")
    if len(found) > MAX_EXAMPLES:
        raise BadAnswer(f"The answer has {len(found)} examples (at most {MAX_EXAMPLES})")
    made = []
    for n, item in enumerate(found, 1):
        if not isinstance(item, dict):
            raise BadAnswer(f"Example {n} of the answer is {_kind(item)}, not an object")
        part = {k: text_of(item, k, where=f"example {n} ").strip() for k in _EXAMPLE["required"]}
        turns = [ex.Turn("user", part["user"]), ex.Turn("assistant", part["assistant"])]
        made.append(ex.written(ex.Example(part["context"], turns, part["commentary"])))
    return tuple(made)


def _word(answer: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    if key not in answer:
        return ""
    word = text_of(answer, key, 100)
    if word not in allowed:
        raise BadAnswer(f"The answer's '{key}' is '{word[:40]}', not one of {', '.join(allowed)}")
    return word


def read_draft(value: Any, brief: Brief) -> Draft:
    """The structured output ``value`` checked against ``brief``'s schema."""
    answer = object_of(value)
    dialect = dialects.get(brief.dialect)
    name = templates.slug(text_of(answer, "name", MAX_NAME), dialect)
    if dialect.name_length:
        name = name[: dialect.name_length[1]].rstrip("-_")
    tools: tuple[str, ...] = ()
    if brief.tools and "tools" in answer:
        found = answer["tools"]
        if not isinstance(found, list) or not all(isinstance(t, str) for t in found):
            raise BadAnswer(f"The answer's 'tools' is {_kind(found)}, not a list of names")
        strays = [t for t in found if t not in brief.tools]
        if strays:
            raise BadAnswer(f"The answer gives the agent {strays[0][:40]}, which you did not allow")
        tools = tuple(dict.fromkeys(found))
    description = text_of(answer, "description").strip()
    if not description:
        raise BadAnswer("The answer's 'description' is empty")
    body = text_of(answer, "prompt", MAX_PROMPT).strip()
    if not body:
        raise BadAnswer("The answer's 'prompt' is empty")
    return Draft(
        name=name,
        description=description,
        examples=examples_of(answer),
        tools=tools,
        model=_word(answer, "model", schema(brief)["properties"].get("model", {}).get("enum", ())),
        color=_word(answer, "color", dialect.colors),
        prompt=body,
    )


# --- writing the file ----------------------------------------------------------------------


def _edited(text: str, edits: list[Edit]) -> str:
    return apply_edits(text, edits) if edits else text


def with_examples(text: str, examples: tuple[ex.Example, ...] | list[ex.Example]) -> str:
    """``text`` with ``examples`` added after its description's others, each checked to read
    back as written (a ``</example>`` in a turn would end it early)."""
    for example in examples:
        parsed = parse(text)
        count = len(ex.parse(parsed.value("description") or "").examples)
        made = ex.description_edits(
            text, parsed, lambda d, n=count, e=example: ex.insert_example(d, n, e)
        )
        if made is None:
            raise BadAnswer("The agent has no description to hold examples")
        text = _edited(text, made[0])
        found = ex.parse(made[1]).examples
        if len(found) != count + 1 or found[count].example != example:
            raise BadAnswer(
                f"Example {count + 1} cannot be written as given: it holds a tag such as "
                "</example> or a line that starts another part"
            )
    return text


def _set(text: str, key: str, value: Any) -> str:
    return _edited(text, fields.set_value(text, key, value))


def body_edit(text: str, body: str) -> Edit:
    """The edit that makes ``text``'s body ``body`` (after one blank line)."""
    start = parse(text).body_start
    return Edit(start, len(text), "\n" + body.strip("\n") + "\n")


def build(draft: Draft, brief: Brief) -> str:
    """The file of ``draft``: the dialect's starter template, then one verified field edit
    per value, the examples through the description's own edits, the prompt as the body.
    Raises :class:`BadAnswer` when the result would not read back as the draft."""
    dialect = dialects.get(brief.dialect)
    template = templates.TEMPLATES[TEMPLATE_FOR[brief.dialect]]
    text = template.text(draft.name)
    try:
        text = _set(text, "description", draft.description)
        text = with_examples(text, draft.examples)
        if draft.tools:
            comma = dialect.spec("tools").list_style == "comma"
            text = _set(text, "tools", ", ".join(draft.tools) if comma else list(draft.tools))
        elif offered_tools(brief.dialect):  # none allowed: the agent inherits them all
            text = _edited(text, fields.remove_key(text, "tools"))
        for key in ("model", "color"):
            if getattr(draft, key):
                text = _set(text, key, getattr(draft, key))
    except (fields.EditRefused, ex.RefusedChange) as refused:
        raise BadAnswer(f"The answer cannot be written as a file: {refused}") from refused
    text = apply_edits(text, [body_edit(text, draft.prompt)])
    _check(text, draft)
    return text


def _check(text: str, draft: Draft) -> None:
    """Refuse a file that does not read back as ``draft``."""
    parsed = parse(text)
    description = parsed.value("description")
    if parsed.frontmatter is None or not isinstance(description, str):
        raise BadAnswer("The generated file did not read back: its frontmatter is broken")
    read = ex.parse(description)
    if read.intro != draft.description or len(read.examples) != len(draft.examples):
        raise BadAnswer("The generated description did not read back as written")
    if parsed.body.strip() != draft.prompt:
        raise BadAnswer("The generated prompt did not read back as written")


def save_path(brief: Brief, name: str, project: Path | None, home: Path | None = None) -> Path:
    """Where the new agent ``name`` would be saved: its dialect's folder in ``project`` (for
    the project scope), else in the home folder; numbered when the name is taken there."""
    template = templates.TEMPLATES[TEMPLATE_FOR[brief.dialect]]
    folder = manage.default_folder(template, project if brief.scope == "project" else None, home)
    suffix = dialects.get(brief.dialect).file_suffix
    return folder / template.file_name(manage.free_name(folder, name, suffix))


def generate(value: Any, brief: Brief) -> str:
    """The new file's text for the structured output ``value`` (:class:`BadAnswer` if none)."""
    return build(read_draft(value, brief), brief)
