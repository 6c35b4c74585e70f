"""Checked edits of a description's examples, as the Examples pane makes them.

The core renders and places examples; these checks refuse a change the description could not
hold as written, such as a typed ``</example>`` that would split an example in two.
"""

from __future__ import annotations

from collections.abc import Callable

from ..frontmatter import Parsed, fields
from ..text import Edit, apply_edits
from .edits import render_example, replace_example, set_intro
from .model import Example, Turn, parse


class RefusedChange(ValueError):
    """A change the description could not hold as written."""


def written(example: Example) -> Example:
    """``example`` as the description can hold it: no space around texts, a one-line context,
    no blank lines in the other text."""
    extra = "\n".join(s for line in example.extra.split("\n") if (s := line.strip()))
    return Example(
        context=" ".join(example.context.split("\n")).strip(),
        turns=[Turn(t.role, t.text.strip()) for t in example.turns],
        commentary=example.commentary.strip(),
        extra=extra,
    )


def replace_edits(description: str, index: int, example: Example) -> list[Edit]:
    """``replace_example`` of the :func:`written` example, refused unless the new text
    reads back as that example (nothing typed may open or close a part or another example)."""
    doc = parse(description)
    example = written(example)
    edits = replace_example(description, index, example)
    if edits:
        found = parse(apply_edits(description, edits)).examples
        wanted = render_example(example, doc.style)
        if (
            len(found) != len(doc.examples)
            or render_example(found[index].example, doc.style) != wanted
        ):
            raise RefusedChange(
                f"Example {index + 1} cannot hold this text as written: a tag such as "
                "</example> or a line starting with a role (user:, Context:) would split it. "
                "Nothing was written; change the text to continue."
            )
    return edits


def intro_edits(description: str, intro: str) -> list[Edit]:
    """``set_intro``, refused when the prose would start or end an example."""
    count = len(parse(description).examples)
    edits = set_intro(description, intro)
    if edits:
        after = parse(apply_edits(description, edits))
        if len(after.examples) != count or after.intro != intro.rstrip():
            raise RefusedChange(
                "The intro cannot hold an <example> tag; write examples as cards. "
                "Nothing was written."
            )
    return edits


def description_edits(
    text: str, parsed: Parsed, make: Callable[[str], list[Edit]]
) -> tuple[list[Edit], str] | None:
    """The file edits that make ``make``'s edits of the description (one verified edit of the
    field), and the new description; None when the description is not text. Raises what
    ``make`` raises, and :class:`fields.EditRefused` when the field cannot hold the result."""
    description = parsed.value("description")
    if not isinstance(description, str):
        return None
    edits = make(description)
    if not edits:
        return [], description
    new = apply_edits(description, edits)
    return fields.set_value(text, "description", new, parsed), new
