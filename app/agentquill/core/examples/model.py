"""An agent's ``description`` as intro prose + ``<example>`` blocks + trailing prose.

The input is the decoded YAML value. Three encodings occur (FORMATS.md §1.6): real line
breaks, one line with inline examples, and one line where the two characters ``\\n`` act as
line breaks. Fields are read with line breaks decoded; spans and edits are offsets into the
original string. Unchanged examples keep their exact text; an edited or added example is
rendered in the house style detected from the others (FORMATS.md §2.4 shows the convention).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

LITERAL_NEWLINE = "\\n"
QUOTES = "\"'"
ROLES = ("user", "assistant", "human", "ai", "agent", "claude", "user_request")
ASSISTANTS = {"assistant", "ai", "agent", "claude"}

_EXAMPLE_TAG = re.compile(r"<example>|</example>")
_BODY = rf"<(?P<tag>commentary|context|{'|'.join(ROLES)})>|(?P<label>context|{'|'.join(ROLES)}):"
# Block examples: a part starts a line; any word followed by a quoted text is a speaker too.
_BLOCK_PART = re.compile(
    rf"^(?P<indent>[ \t]*)(?:{_BODY}|(?P<speaker>[a-z][\w-]{{0,19}}):(?=[ \t]*[\"']))", re.M | re.I
)
# Inline examples: a part starts after whitespace.
_INLINE_PART = re.compile(rf"(?<!\S)(?P<indent>)(?:{_BODY})", re.I)
_BULLET = r"(?:[-*+][ \t]+)?"
_SEPARATOR = re.compile(rf"\s*{_BULLET}")  # what may stand between examples


@dataclass
class Turn:
    """One line of the exchange: ``role`` as written (user, assistant, human…), text unquoted."""

    role: str
    text: str


@dataclass
class Example:
    """The information of one ``<example>``: unrecognised lines are kept in ``extra``."""

    context: str = ""
    turns: list[Turn] = field(default_factory=list)
    commentary: str = ""
    extra: str = ""


@dataclass(frozen=True)
class ParsedExample:
    """An example as found, with the span of ``<example>…</example>`` in the description."""

    example: Example
    span: tuple[int, int]


@dataclass(frozen=True)
class Style:
    """How examples are written. Text fields hold real line breaks; ``newline`` says how a
    line break is written in the description: ``"\\n"`` or the two characters backslash-n."""

    newline: str = "\n"
    open: str = "\n"  # between <example> and the first part
    join: str = "\n"  # between parts: a line break plus the indent, or a space (inline)
    close: str = "\n"  # between the last part and </example>
    quote: str = '"'  # around turn texts: '"', "'" or ""
    commentary_block: bool = True  # <commentary>, its text and </commentary> on own lines
    tags: bool = False  # <context>…</context>, <user>…</user> instead of Context:, user:
    gap: str = "\n\n"  # between two examples

    @property
    def inline(self) -> bool:
        return "\n" not in self.join

    @property
    def indent(self) -> str:
        return "" if self.inline else self.join.rpartition("\n")[2]


DEFAULT_STYLE = Style()


@dataclass(frozen=True)
class Examples:
    """A parsed description. ``intro_span``/``outro_span`` exclude the separators around
    the examples, which belong to no field."""

    intro: str
    examples: list[ParsedExample]
    outro: str
    style: Style
    intro_span: tuple[int, int]
    outro_span: tuple[int, int]


# --- parsing -----------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def parse(description: str) -> Examples:
    """Split ``description`` into intro, examples and outro. Never raises. The result is
    shared by all who parse the same text (one edit's checks, pane and preview): read it,
    never change it."""
    literal = "\n" not in description and LITERAL_NEWLINE in description
    newline = LITERAL_NEWLINE if literal else "\n"
    brk = r"(?:\s|\\n)" if literal else r"\s"
    after_break = r"(?:^|(?<=\n)|(?<=\\n))" if literal else r"(?:^|(?<=\n))"
    spans = _example_spans(description)
    parsed, observed = [], []
    for start, end in spans:
        example, seen = _parse_inner(_decode(description[start + 9 : end - 10], newline))
        parsed.append(ParsedExample(example, (start, end)))
        observed.append(seen)
    if spans:
        lead = re.compile(rf"{brk}*(?:{after_break}[ \t]*{_BULLET})?\Z")
        intro_end = lead.search(description, 0, spans[0][0]).start()
        outro_start = re.compile(rf"{brk}*").match(description, spans[-1][1]).end()
    else:
        intro_end = re.compile(rf"{brk}*\Z").search(description).start()
        outro_start = len(description)
    separators = [description[a[1] : b[0]] for a, b in zip(spans, spans[1:], strict=False)]
    if len(spans) == 1 and intro_end:
        separators.append(description[intro_end : spans[0][0]])
    style = _house_style(observed, [_decode(s, newline) for s in separators], newline)
    return Examples(
        intro=_decode(description[:intro_end], newline),
        examples=parsed,
        outro=_decode(description[outro_start:], newline),
        style=style,
        intro_span=(0, intro_end),
        outro_span=(outro_start, len(description)),
    )


def _decode(text: str, newline: str) -> str:
    return text.replace(LITERAL_NEWLINE, "\n") if newline == LITERAL_NEWLINE else text


def encode(text: str, newline: str) -> str:
    """``text`` with its line breaks written as the description writes them."""
    return text.replace("\n", LITERAL_NEWLINE) if newline == LITERAL_NEWLINE else text


def _example_spans(text: str) -> list[tuple[int, int]]:
    """``<example>…</example>`` pairs; an unclosed opening tag or a stray closing one is text."""
    spans, opened = [], -1
    for m in _EXAMPLE_TAG.finditer(text):
        if m.group() == "<example>":
            opened = m.start()
        elif opened >= 0:
            spans.append((opened, m.end()))
            opened = -1
    return spans


def _parse_inner(inner: str) -> tuple[Example, dict]:
    """The fields of one example's inner text, and the layout observed in it."""
    inline = "\n" not in inner
    example, extra = Example(), []
    seen: dict = {"inline": inline, "open": inner[: len(inner) - len(inner.lstrip())]}
    seen["close"] = inner[len(inner.rstrip()) :] if inner.strip() else ""
    joins, quotes, tags = Counter(), Counter(), Counter()
    has_context = has_commentary = False
    pos, first_indent = 0, ""
    lower = inner.lower()
    while True:
        m, close = _next_part(inner, lower, pos, inline)
        begin = m.end("indent") if m else len(inner)
        between = inner[pos:begin]
        _add_extra(extra, between, inline)
        if m is None:
            break
        indent = m.group("indent") if not inline else ""
        if pos:
            joins[between[len(between.rstrip()) :]] += 1
        elif not inline:
            first_indent = indent
        name = (m.group("tag") or m.group("label") or m.group("speaker")).lower()
        if m.group("tag"):
            end = close + len(name) + 3
            text = _clean(inner[m.end() : close], indent)
        else:
            end = _value_end(inner, lower, m.end(), inline, quoted=name != "context")
            text = _clean(inner[m.end() : end], indent)
        if name == "context" and not has_context:
            example.context, has_context = text, True
            tags[bool(m.group("tag"))] += 1
        elif name == "commentary" and not has_commentary:
            example.commentary, has_commentary = text, True
            seen["commentary_block"] = inner[m.end() : close].lstrip(" \t")[:1] == "\n"
        elif name not in ("context", "commentary"):
            role = m.group("tag") or m.group("label") or m.group("speaker")
            if not m.group("tag"):
                text, quote = _unquote(text)
                quotes[quote] += 1
            example.turns.append(Turn(role, text))
            tags[bool(m.group("tag"))] += 1
        else:
            _add_extra(extra, inner[begin:end], inline)
        pos = end
    example.extra = "\n".join(extra)
    if not joins and not inline and pos:
        joins["\n" + first_indent] += 1  # a single part: assume the parts' indent
    for key, counter in (("join", joins), ("quote", quotes), ("tags", tags)):
        if counter:
            seen[key] = counter.most_common(1)[0][0]
    return example, seen


def _next_part(inner: str, lower: str, pos: int, inline: bool) -> tuple[re.Match | None, int]:
    """The next part start at or after ``pos``, and for a tag where its closing tag starts."""
    pattern = _INLINE_PART if inline else _BLOCK_PART
    while (m := pattern.search(inner, pos)) is not None:
        if not m.group("tag"):
            return m, -1
        close = lower.find(f"</{m.group('tag').lower()}>", m.end())
        if close >= 0:
            return m, close
        pos = m.start() + 1
    return None, -1


def _value_end(inner: str, lower: str, start: int, inline: bool, quoted: bool) -> int:
    """End of a ``label:`` value: the line (block) or up to the next part (inline). A
    ``quoted`` value opened by a quote runs on to where the quote closes, if it does."""
    stops = _inline_stops(inner, lower, start) if inline else _line_stops(inner, start)
    end = next(stops)
    value = inner[start:end].strip()
    if quoted and value and value[0] in QUOTES and (len(value) == 1 or value[-1] != value[0]):
        end = next((stop for stop in stops if inner[start:stop].rstrip()[-1:] == value[0]), end)
    return start + len(inner[start:end].rstrip())


def _inline_stops(inner: str, lower: str, pos: int):
    while True:
        m, _ = _next_part(inner, lower, pos, True)
        if m is None:
            yield len(inner)
            return
        yield m.start()
        pos = m.start() + 1


def _line_stops(inner: str, pos: int):
    while True:
        end = inner.find("\n", pos)
        yield len(inner) if end < 0 else end
        if end < 0 or _BLOCK_PART.match(inner, end + 1):
            return
        pos = end + 1


def _add_extra(extra: list[str], text: str, inline: bool) -> None:
    lines = [text] if inline else text.split("\n")
    extra.extend(s for line in lines if (s := line.strip()))


def _clean(text: str, indent: str) -> str:
    if indent and "\n" in text:
        lines = text.split("\n")
        lines[1:] = [line[len(indent) :] if line.startswith(indent) else line for line in lines[1:]]
        text = "\n".join(lines)
    return text.strip()


def _unquote(text: str) -> tuple[str, str]:
    if len(text) > 1 and text[0] in QUOTES and text[-1] == text[0]:
        return text[1:-1], text[0]
    return text, ""


def _house_style(observed: list[dict], separators: list[str], newline: str) -> Style:
    """The majority of what the examples show; the default (seed) style for the rest."""

    def vote(key, values=None, default=None):
        counts = Counter(o[key] for o in observed if key in o) if values is None else values
        return counts.most_common(1)[0][0] if counts else default

    if not observed:
        return Style(newline=newline)
    inline = vote("inline")
    gaps = Counter(s for s in separators if _SEPARATOR.fullmatch(s))
    return Style(
        newline=newline,
        open=vote("open"),
        join=vote("join", default=" " if inline else "\n"),
        close=vote("close"),
        quote=vote("quote", default=DEFAULT_STYLE.quote),
        commentary_block=vote("commentary_block", default=DEFAULT_STYLE.commentary_block),
        tags=vote("tags", default=False),
        gap=vote("gap", gaps, default=" " if inline else DEFAULT_STYLE.gap),
    )
