"""Improving an open agent with Claude Code: "Improve description", "Write examples" and
"Tighten prompt" each send our short instruction and the agent's text, take a structured
answer, and turn it into a :class:`Proposal`: hunks of minimal edits the user accepts or
rejects one by one.

Each hunk makes its edits against the buffer as it is when accepted (the field edit of the
description's intro, an example added through the description's own edits, a run of the
prompt's lines), so accepting some and rejecting others in any order is always sound, and
a hunk whose text has changed meanwhile is refused rather than misplaced.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from .. import examples as ex
from ..frontmatter import fields, parse
from ..text import Edit
from .generate import (
    EXAMPLES_SCHEMA,
    MAX_PROMPT,
    BadAnswer,
    examples_of,
    object_of,
    text_of,
    with_examples,
)


@dataclass(frozen=True)
class Ask:
    """One improvement: its menu title, our instruction, and the answer's schema."""

    id: str
    title: str
    instruction: str
    answer: dict[str, Any]


def _one(key: str, kind: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {key: kind},
        "required": [key],
        "additionalProperties": False,
    }


ASKS = {
    a.id: a
    for a in (
        Ask(
            "description",
            "Improve Description",
            "Rewrite the description of this agent (its prose, not its examples) so that "
            "Claude knows exactly when to hand it a task: one clear paragraph, no examples.",
            _one("description", {"type": "string"}),
        ),
        Ask(
            "examples",
            "Write Examples",
            "Write 2 or 3 new examples of conversations where Claude should hand a task to "
            "this agent, unlike the ones it has: a context, what the user says, how Claude "
            "hands it over, and why.",
            _one("examples", EXAMPLES_SCHEMA),
        ),
        Ask(
            "prompt",
            "Tighten Prompt",
            "Tighten the system prompt of this agent (the Markdown after its frontmatter): "
            "cut repetition and filler, keep every instruction that matters and its headings.",
            _one("prompt", {"type": "string"}),
        ),
    )
}


def prompt(ask: Ask, text: str) -> str:
    """What is sent for ``ask`` on an agent whose file is ``text``."""
    said = f"{ask.instruction} Answer only through the structured output."
    return f"{said}\n\n<agent-file>\n{text}</agent-file>"


class Stale(ValueError):
    """A hunk whose text has changed since it was proposed."""


@dataclass
class Hunk:
    """One change to accept or reject: what it replaces and with what, for the diff."""

    title: str
    before: str
    after: str
    make: Callable[[str], list[Edit]] = field(repr=False)  # the edits of the text as it is now
    applied: bool = False


@dataclass
class Proposal:
    """The hunks of one answer, against the text it was asked about."""

    ask: Ask
    hunks: list[Hunk]

    def accept(self, index: int, text: str) -> list[Edit]:
        """The edits that apply hunk ``index`` to ``text`` (the buffer now); :class:`Stale`
        when its text has changed since."""
        hunk = self.hunks[index]
        edits = hunk.make(text)
        hunk.applied = True
        return edits


def propose(ask: Ask, text: str, value: Any) -> Proposal:
    """The proposal of the structured output ``value`` for ``ask`` on ``text``; raises
    :class:`BadAnswer` when the answer does not fit or proposes no change."""
    answer = object_of(value)
    make = {"description": _description, "examples": _examples, "prompt": _prompt}[ask.id]
    hunks = make(text, answer)
    if not hunks:
        raise BadAnswer("Claude Code proposed no change")
    return Proposal(ask, hunks)


def _description(text: str, answer: dict[str, Any]) -> list[Hunk]:
    new = " ".join(text_of(answer, "description").split("\n")).strip()
    if not new:
        raise BadAnswer("The answer's 'description' is empty")
    old = parse(text).value("description")
    old_intro = ex.parse(old).intro if isinstance(old, str) else ""
    if new == old_intro:
        return []
    try:
        _intro_edits(text, new)  # refused now, not when accepted
    except (fields.EditRefused, ex.RefusedChange) as refused:
        raise BadAnswer(f"The description cannot be written as given: {refused}") from refused
    return [Hunk("Description", old_intro, new, lambda now: _intro_edits(now, new, old_intro))]


def _intro_edits(text: str, intro: str, expected: str | None = None) -> list[Edit]:
    parsed = parse(text)
    made = ex.description_edits(text, parsed, lambda d: _checked_intro(d, intro, expected))
    return fields.set_value(text, "description", intro, parsed) if made is None else made[0]


def _checked_intro(description: str, intro: str, expected: str | None) -> list[Edit]:
    if expected is not None and ex.parse(description).intro != expected:
        raise Stale("The description changed since Claude Code read it")
    return ex.intro_edits(description, intro)


def _examples(text: str, answer: dict[str, Any]) -> list[Hunk]:
    examples = examples_of(answer)
    if examples and not isinstance(parse(text).value("description"), str):
        raise BadAnswer("The agent has no description to hold examples")
    style = ex.parse(parse(text).value("description") or "").style
    for example in examples:
        with_examples(text, [example])  # each is refused now if it cannot be written
    return [
        Hunk(f"Example {n}", "", ex.render_example(e, style), lambda now, e=e: _added(now, e))
        for n, e in enumerate(examples, 1)
    ]


def _added(text: str, example: ex.Example) -> list[Edit]:
    after = with_examples(text, [example])
    return [Edit(0, len(text), after).trimmed(text)]


def _prompt(text: str, answer: dict[str, Any]) -> list[Hunk]:
    body = parse(text).body
    new = text_of(answer, "prompt", MAX_PROMPT).strip("\n") + "\n"
    if not new.strip():
        raise BadAnswer("The answer's 'prompt' is empty")
    lead = body[: len(body) - len(body.lstrip("\n"))]  # the blank line after the frontmatter
    old_lines = body[len(lead) :].splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    first_line = text[: parse(text).body_start].count("\n") + lead.count("\n") + 1
    runs = BodyRuns(body)
    hunks = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start = len(lead) + sum(map(len, old_lines[:i1]))
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        index = runs.add(start, before, after)
        first, last = first_line + i1, first_line + max(i2 - 1, i1)
        lines = f"line {first}" if first == last else f"lines {first}–{last}"
        hunks.append(Hunk(f"Prompt, {lines}", before, after, partial(runs.edits, i=index)))
    return hunks


class BodyRuns:
    """Replacements of runs of a body's lines, proposed together and applied in any order:
    each is placed by its offset in the body as proposed, shifted by those applied before it."""

    def __init__(self, body: str):
        self.body = body
        self.runs: list[tuple[int, str, str]] = []  # (offset, old, new)
        self.applied: set[int] = set()

    def add(self, start: int, old: str, new: str) -> int:
        self.runs.append((start, old, new))
        return len(self.runs) - 1

    def edits(self, text: str, i: int) -> list[Edit]:
        start, old, new = self.runs[i]
        done = [self.runs[j] for j in self.applied]
        at = start + sum(len(n) - len(o) for s, o, n in done if s < start)
        parsed = parse(text)
        if parsed.body[at : at + len(old)] != old:
            raise Stale("The prompt changed since Claude Code read it")
        self.applied.add(i)
        return parsed.body_edits([Edit(at, at + len(old), new)])
