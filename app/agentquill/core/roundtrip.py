"""Proof that reading is lossless and edits are minimal, file by file.

For each file: (a) decode → encode gives the same bytes; (b) each field written anew with its
own value, in its own style, changes nothing where the writer writes it as found, and elsewhere
reads back as the same value (a field edits refuse to write, in frontmatter that is not valid
YAML or tied by anchors, is left alone: setting it to its own value changes nothing); (c)
setting ``model`` to ``opus`` touches only that field's lines and re-reads with every other
field equal; (d) a no-op edit of each example changes nothing, and appending a sentence to the
description's intro changes only description lines; (e) renaming each section to its own
title changes nothing.

A duplicated key: edits change its first field (the one the form shows), so the checks do.
Lines are counted as the edits count them: ``\n`` ends a line (``\r``, U+2028 … do not).
The file is read once; a check reads the text again only where it has changed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import examples, outline
from .frontmatter import Field, Parsed, fields, parse
from .text import DecodeError, apply_edits, decode

SENTENCE = " AgentQuill round-trip check."


@dataclass
class Result:
    path: Path
    identical: bool = False
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.identical and not self.failures

    def as_dict(self) -> dict[str, object]:
        return {"file": str(self.path), "identical": self.identical, "failures": self.failures}


def check_file(path: Path) -> Result:
    """Run every check on one file; never raises for file content."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Result(path, failures=[f"cannot read: {exc.strerror or exc}"])
    return check_bytes(data, path)


def check_bytes(data: bytes, path: Path) -> Result:
    result = Result(path)
    try:
        doc = decode(data)
    except DecodeError as exc:
        result.failures.append(str(exc))
        return result
    result.identical = doc.encode() == data
    if not result.identical:
        result.failures.append("(a) decode → encode changed the bytes")
    text = doc.text
    parsed = parse(text)
    for check in (_same_values, _set_model, _examples, _outline):
        try:
            problem = check(text, parsed)
        except fields.EditRefused as exc:
            problem = f"{check.__name__.strip('_')}: edit refused: {exc}"
        except Exception as exc:  # a bug, reported per file rather than stopping the run
            problem = f"{check.__name__.strip('_')}: {type(exc).__name__}: {exc}"
        if problem:
            result.failures.append(problem)
    return result


def _same_values(text: str, parsed: Parsed) -> str | None:
    """(b): every field written anew reads back as the same value; all at once first (one
    check), then field by field to name the one that does not."""
    first = {}
    for i, f in enumerate(parsed.fields):
        first.setdefault(f.key, i)  # a duplicate key: edits change the first
    if fields.rewrite_together(text, parsed, list(first.values())) is not None:
        return None
    for i in first.values():
        f = parsed.fields[i]
        try:
            fields.rewrite(text, parsed, i)
        except fields.EditRefused as exc:
            if _writable(text, parsed, f):  # refused like (c)-(e): safe, but a failure here
                return f"(b) {f.key!r} cannot be written again: edit refused: {exc}"
            if fields.set_value(text, f.key, f.value, parsed):  # left alone, as edits leave it
                return f"(b) setting {f.key!r} to its own value changed the text"
    return None


def _writable(text: str, parsed: Parsed, f: Field) -> bool:
    """Whether the writer must be able to write ``f`` anew: a valid field of frontmatter that
    reads as YAML, with no anchor or alias in it (which no writing of one field alone keeps).
    Edits refuse the others (nothing written), so a no-op set must leave them as they are."""
    fm = parsed.frontmatter
    start, end = parsed.fields[0].key_span[0], parsed.fields[-1].value_span[1]
    return (
        fm is not None
        and fm.tier == "yaml"
        and f.valid
        # an anchor or alias: no writing of the field alone keeps what ties it to others
        and not fields.ANCHOR.search(text, max(start - 1, 0), end)
        and not fields.ALIAS.search(text, max(start - 1, 0), end)
    )


def _lines(text: str) -> list[str]:
    """The lines of ``text``, each with its ``\n`` (the last without one when it has none)."""
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def _changed_lines(old: str, new: str) -> tuple[int, int]:
    """(first, last + 1) of the old text's lines that differ from the new text's."""
    a, b = _lines(old), _lines(new)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, len(a) - tail


def _field_line_range(text: str, parsed: Parsed, key: str) -> tuple[int, int]:
    f = parsed.get(key)
    assert f is not None
    first = text.count("\n", 0, f.key_span[0])
    end = f.value_span[1]
    last = text.count("\n", 0, end - 1 if end and text[end - 1] == "\n" else end)
    return first, last + 1


def _only_field_changed(
    text: str, parsed: Parsed, new_text: str, key: str, value: object, label: str
) -> str | None:
    first, end = _changed_lines(text, new_text)
    if first < end and parsed.get(key) is None:
        return f"{label} changed existing lines {first + 1}–{end}"
    if first < end:
        lo, hi = _field_line_range(text, parsed, key)
        if first < lo or end > hi:
            return f"{label} changed lines {first + 1}–{end} outside {key!r} ({lo + 1}–{hi})"
    reread = parse(new_text)
    expected = [(f.key, f.value) for f in parsed.fields]
    at = next((i for i, (k, _) in enumerate(expected) if k == key), len(expected))
    expected[at : at + 1] = [(key, value)]  # the first field of that name, or a new last one
    if not fields.same_pairs([(f.key, f.value) for f in reread.fields], expected):
        return f"{label} re-read with different fields"
    if reread.body != parsed.body:
        return f"{label} changed the body"
    return None


def _set_model(text: str, parsed: Parsed) -> str | None:
    if parsed.frontmatter is None:
        return None
    new_text = apply_edits(text, fields.set_value(text, "model", "opus", parsed))
    return _only_field_changed(text, parsed, new_text, "model", "opus", "(c) model → opus")


def _examples(text: str, parsed: Parsed) -> str | None:
    description = parsed.value("description")
    if not isinstance(description, str):
        return None
    doc = examples.parse(description)
    for i, ex in enumerate(doc.examples):
        if examples.replace_example(description, i, ex.example):
            return f"(d) a no-op edit of example {i + 1} changed the description"
    intro = doc.intro
    content = intro.rstrip()
    new_intro = content + SENTENCE + intro[len(content) :]
    new_description = apply_edits(description, examples.set_intro(description, new_intro))
    new_text = apply_edits(text, fields.set_value(text, "description", new_description, parsed))
    return _only_field_changed(
        text, parsed, new_text, "description", new_description, "(d) intro + sentence"
    )


def _outline(text: str, parsed: Parsed) -> str | None:
    body = parsed.body
    for path, section in outline.parse(body).walk():
        if outline.rename_section(body, path, section.title):
            return f"(e) renaming section {section.title!r} to itself changed the body"
    return None


def summary(results: list[Result]) -> str:
    identical = sum(r.identical for r in results)
    minimal = sum(r.ok for r in results)
    failures = sum(not r.ok for r in results)
    return (
        f"{len(results)} files: {identical} identical, {minimal} edit-minimal, {failures} failures"
    )
