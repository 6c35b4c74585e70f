"""What the user looks for, and where it occurs in one text.

A :class:`Query` is the find field and its three toggles; :meth:`Query.compile` turns it into
one regular expression (a plain text is escaped, a whole word is fenced by ``\\w`` look-arounds)
or raises :class:`PatternError` with a message a user can read. Matches never have zero width:
``^`` or ``a*`` would find an empty match at every line, which no editor can select or
replace usefully, so those are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import Edit

#: characters of a line shown around a match in a result: a minified line can be megabytes
CONTEXT = 80
_WORD = r"(?<!\w)(?:{})(?!\w)"  # a whole word: no word character either side


class PatternError(ValueError):
    """A regular expression (or a replacement template) that Python cannot use."""


@dataclass(frozen=True, slots=True)
class Query:
    """The find field: ``text`` and the match case, whole word and regex toggles."""

    text: str
    case: bool = False
    word: bool = False
    regex: bool = False

    def compile(self) -> re.Pattern[str]:
        """The pattern that finds the query (raises :class:`PatternError`)."""
        flags = re.MULTILINE | (0 if self.case else re.IGNORECASE)
        try:
            pattern = re.compile(self.text if self.regex else re.escape(self.text), flags)
            # fenced only once it compiles alone: errors point into what the user typed
            return re.compile(_WORD.format(pattern.pattern), flags) if self.word else pattern
        except re.error as exc:
            raise PatternError(_bad("pattern", exc)) from None

    def replacement(self, match: re.Match[str], template: str) -> str:
        """What replaces ``match``: ``template`` as typed, or, for a regex, with its groups
        (``\\1``, ``\\g<name>``) filled in (raises :class:`PatternError`)."""
        if not self.regex:
            return template
        try:
            return match.expand(template)
        except (re.error, IndexError) as exc:
            raise PatternError(_bad("replacement", exc)) from None

    def check_replacement(self, pattern: re.Pattern[str], template: str) -> None:
        """Raise :class:`PatternError` now for a template no match could use (a group that
        does not exist, a stray backslash), before anything is replaced."""
        if self.regex:
            try:
                pattern.sub(template, "")  # parses the template even with nothing to replace
            except (re.error, IndexError) as exc:
                raise PatternError(_bad("replacement", exc)) from None


def _bad(what: str, exc: re.error | IndexError) -> str:
    """'Bad pattern: missing ), unterminated subpattern at position 3'."""
    message = getattr(exc, "msg", None) or str(exc)
    position = getattr(exc, "pos", None)
    if position is not None:
        message += f" at position {position}"
    return f"Bad {what}: {message}"


@dataclass(frozen=True, slots=True)
class Match:
    """One match: code-point offsets into the text, its 1-based line and column, and the
    line around it (at most :data:`CONTEXT` characters each side, trimmed), with the match's
    span in that context."""

    start: int
    end: int
    line: int
    column: int
    context: str
    span: tuple[int, int]


def find_all(text: str, pattern: re.Pattern[str], limit: int | None = None) -> list[Match]:
    """Every non-empty match of ``pattern`` in ``text`` (at most ``limit``)."""
    found: list[Match] = []
    line, line_start, counted = 1, 0, 0
    for m in pattern.finditer(text):
        start, end = m.span()
        if start == end:
            continue
        line += text.count("\n", counted, start)
        counted = start
        line_start = text.rfind("\n", 0, start) + 1
        found.append(_match(text, start, end, line, line_start))
        if limit is not None and len(found) >= limit:
            break
    return found


def _match(text: str, start: int, end: int, line: int, line_start: int) -> Match:
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, start - CONTEXT)
    right = min(line_end, max(end, start + 1) + CONTEXT) if end <= line_end else line_end
    raw = text[left:right].rstrip("\r")
    context = raw.lstrip()
    lead = len(raw) - len(context)
    head = "…" if left > line_start else ""
    tail = "…" if right < line_end else ""
    first = start - left - lead + len(head)
    last = min(end, right) - left - lead + len(head)
    return Match(start, end, line, start - line_start + 1, f"{head}{context}{tail}", (first, last))


def replacements(text: str, query: Query, template: str, matches: list[Match]) -> list[str]:
    """What replaces each of ``matches`` (found in ``text``): raises :class:`PatternError`
    when one is no longer there, or the template does not fit the pattern."""
    pattern = query.compile()
    query.check_replacement(pattern, template)
    out = []
    for found in matches:
        m = pattern.match(text, found.start)
        if m is None or m.end() != found.end:  # not the text that was searched
            raise PatternError(f"The text changed at line {found.line}: search again")
        out.append(query.replacement(m, template))
    return out


def replace_edits(
    text: str, query: Query, template: str, matches: list[Match] | None = None
) -> list[Edit]:
    """Minimal edits replacing ``matches`` (by default every match of ``query``) with
    ``template``; a match whose replacement equals it gives no edit."""
    if matches is None:
        matches = find_all(text, query.compile())
    news = replacements(text, query, template, matches)
    return [
        Edit(found.start, found.end, new).trimmed(text)
        for found, new in zip(matches, news, strict=True)
        if new != text[found.start : found.end]
    ]
