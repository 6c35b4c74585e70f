"""Syntax highlighting for agent files: YAML frontmatter, then a markdown body.

One :class:`AgentHighlighter` sits on a file's QTextDocument. Each line is highlighted from
its text and the previous line's *block state*, which says where the line is:

- ``START``: the first line; ``---`` there opens the frontmatter, anything else is body.
- ``FRONT``: a frontmatter line; ``---``/``...`` closes the block.
- ``SCALAR + indent``: a key at column ``indent`` has a value (plain, quoted or ``|``/``>``)
  and lines indented deeper (or blank) continue it, so ``Context: ...`` inside a
  description is never taken for a key.
- ``BODY``: markdown.
- ``FENCE + 2 * length + tilde``: inside a fenced code block opened by ``length`` backticks
  (or tildes); its lines are code, never markdown.

Regex offsets are code points while QSyntaxHighlighter counts UTF-16 units, so lines with
characters outside the BMP (emoji) are mapped before formatting.

A long document is coloured progressively: one pass (opening, a restore, a paste, a fence
typed at the top) colours lines for at most ``PASS_MS``, and the lines after wait for later
event-loop turns, a slice at a time from the top, so the text is on screen and typing goes on
meanwhile. A small document is coloured at once, as Qt does.
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
)

START, FRONT, BODY = -1, 1, 2
SCALAR = 0x100
FENCE = 0x10000
_MAX_INDENT = FENCE - SCALAR - 1
#: Colours stop this far into a line: a megabyte on one line would take seconds per pass, and
#: what decides the next line's state (a key, a quote, a fence) is at the line's start.
LINE_LIMIT = 10_000
#: documents with more lines than this are coloured progressively (a 200 KB agent has ~5,000)
PROGRESSIVE_LINES = 5_000
PASS_MS = 20  # the longest one pass (or slice) of a long document colours lines

# name: (light colour, dark colour, style): GitHub's light and dark syntax palettes.
_STYLES: dict[str, tuple[str, str, str]] = {
    "marker": ("#cf222e", "#ff7b72", "bold"),
    "punct": ("#cf222e", "#ff7b72", ""),
    "key": ("#116329", "#7ee787", ""),
    "string": ("#0a3069", "#a5d6ff", ""),
    "constant": ("#0550ae", "#79c0ff", ""),
    "comment": ("#6e7781", "#8b949e", "italic"),
    "tag": ("#8250df", "#d2a8ff", ""),
    "role": ("", "", "bold"),
    "heading": ("#0550ae", "#79c0ff", "bold"),
    "label": ("#0550ae", "#79c0ff", "bold"),
    "bold": ("", "", "bold"),
    "italic": ("", "", "italic"),
    "code": ("#953800", "#ffa657", ""),
    "link": ("#0550ae", "#79c0ff", ""),
    "quote": ("#116329", "#7ee787", "italic"),
}

FRONT_OPEN = re.compile(r"\ufeff?---[ \t]*$")
FRONT_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*$")
YAML_LINE = re.compile(
    r"(?P<indent>[ \t]*)(?P<dash>(?:-(?:[ \t]+|$))*)"
    r"(?:(?P<key>\w[\w.\- ]*?|\"[^\"\n]*\"|'[^'\n]*')[ \t]*:(?=\s|$))?"
)
BLOCK_HEADER = re.compile(r"[|>][1-9+-]{0,2}(?=\s|$)")
DQUOTED = re.compile(r'"(?:[^"\\]|\\.)*"?')
SQUOTED = re.compile(r"'(?:[^']|'')*'?")
PLAIN = re.compile(r".*?(?=[ \t]+#|\s*$)")
CONSTANT = re.compile(
    r"(?:true|false|yes|no|on|off|null|~|[-+]?\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?)", re.I
)
ESCAPE = re.compile(r"\\.")
COMMENT = re.compile(r"[ \t]+(#.*)$")
TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
ROLE = re.compile(r"\s*(?:Context|[Uu]ser|[Aa]ssistant)\s*:")

FENCE_OPEN = re.compile(r" {0,3}(`{3,}(?=[^`]*$)|~{3,})")
FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*$")
WHOLE_LINE = (
    (re.compile(r" {0,3}#{1,6}(?=\s|$)"), "heading"),
    (re.compile(r"\s*\*\*[^*]+\*\*:?\s*$"), "label"),
    (re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$"), "marker"),
)
LINE_MARKER = re.compile(r"\s*([-*+]|\d{1,9}[.)]|>)(?=\s|$)")
INLINE = (  # later rules win where they overlap: code spans beat emphasis
    (TAG, "tag"),
    (re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"), "link"),
    (re.compile(r"(?<![\w*])\*(?![\s*])[^*]+?(?<![\s*])\*(?![\w*])"), "italic"),
    (re.compile(r"(?<![\w_])_(?![\s_])[^_]+?(?<![\s_])_(?![\w_])"), "italic"),
    (re.compile(r"\*\*(?!\s).+?(?<!\s)\*\*|__(?!\s).+?(?<!\s)__"), "bold"),
    (re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)"), "code"),
)


def is_dark_palette(palette: QPalette) -> bool:
    """True when the palette's text background is dark."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def _make_formats(dark: bool) -> dict[str, QTextCharFormat]:
    formats = {}
    for name, (light_colour, dark_colour, style) in _STYLES.items():
        fmt = QTextCharFormat()
        colour = dark_colour if dark else light_colour
        if colour:
            fmt.setForeground(QColor(colour))
        if style == "bold":
            fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontItalic(style == "italic")
        formats[name] = fmt
    return formats


def _utf16_units(text: str) -> list[int] | None:
    """Code-point index → UTF-16 index, or None when they agree (no astral characters)."""
    if text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text):
        return None
    units = [0]
    for ch in text:
        units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return units


def _ranges(slots: list[QTextCharFormat | None]) -> list[QTextLayout.FormatRange]:
    """The runs of one format in ``slots`` (a format or None per UTF-16 unit)."""
    ranges = []
    start = 0
    for i in range(1, len(slots) + 1):
        if i == len(slots) or slots[i] is not slots[start]:
            if slots[start] is not None:
                run = QTextLayout.FormatRange()
                run.start, run.length, run.format = start, i - start, slots[start]
                ranges.append(run)
            start = i
    return ranges


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _fence_state(marker: str) -> int:
    return FENCE + 2 * len(marker) + (marker[0] == "~")


def _fence_of(state: int) -> tuple[str, int]:
    """The fence character and length that a FENCE state was opened with."""
    length, tilde = divmod(state - FENCE, 2)
    return ("~" if tilde else "`"), length


class AgentHighlighter(QSyntaxHighlighter):
    """Highlights an agent file: frontmatter as YAML, the body as markdown."""

    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        self._dark = dark
        self._formats = _make_formats(dark)
        self._units: list[int] | None = None
        self._slots: list[QTextCharFormat | None] | None = None  # a slice's line's formats
        #: lines before this place are coloured; from it on they may wait for a slice (a
        #: cursor, so that edits above it move it along)
        self._frontier = QTextCursor(document)
        self._frontier.movePosition(QTextCursor.MoveOperation.End)
        self._pass_start: float | None = None  # when this event-loop turn's colouring began
        self._skipping = False  # this turn's budget is spent: lines wait for a slice
        self._pass_end = QTimer(self, singleShot=True, interval=0, timeout=self._end_pass)
        self._slices = QTimer(self, singleShot=True, interval=0, timeout=self._next_slice)

    def coloured(self) -> bool:
        """Whether every line has its colours (a long document gets them progressively)."""
        return self._frontier.atEnd() and not self._slices.isActive()

    def is_dark(self) -> bool:
        return self._dark

    def set_dark(self, dark: bool) -> None:
        """Switch between the light and dark colour sets and rehighlight."""
        if dark != self._dark:
            self._dark = dark
            self._formats = _make_formats(dark)
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        if self._skipping or self._waiting() or self._over_budget():
            return  # coloured by a later slice
        self.setCurrentBlockState(self._colour(text, self.previousBlockState()))

    def _waiting(self) -> bool:
        """Whether this line is past the frontier: the lines above it have no state yet to
        start from (a big file loading in pieces appends its lines there), so it waits for
        its slice."""
        frontier = self._frontier
        return not frontier.atEnd() and self.currentBlock().position() > frontier.position()

    def _colour(self, text: str, state: int) -> int:
        """Format ``text``, a line after one that ended in ``state``; its own end state."""
        text = text[:LINE_LIMIT]
        self._units = _utf16_units(text)
        return self._line(text, state)

    def _over_budget(self) -> bool:
        """Start timing this turn's pass, or end it when a long document's pass is spent;
        the frontier then moves back to this line."""
        now = time.perf_counter()
        if self._pass_start is None:
            self._pass_start = now
            self._pass_end.start()
            return False
        document = self.document()
        if (now - self._pass_start) * 1000 < PASS_MS or document.blockCount() <= PROGRESSIVE_LINES:
            return False
        self._skipping = True
        here = self.currentBlock().position()
        if here < self._frontier.position():
            self._frontier.setPosition(here)
        return True

    def _end_pass(self) -> None:
        self._pass_start, self._skipping = None, False
        if not self._frontier.atEnd():
            self._slices.start()

    def _next_slice(self) -> None:
        """Colour the lines from the frontier on for one budget, as QSyntaxHighlighter would
        but without its edit block (each of those is a document revision: the views would
        re-read the text after every slice); the next slice follows on a later turn."""
        block = self._frontier.block()
        first, previous = block.position(), block.previous().userState()
        deadline = time.perf_counter() + PASS_MS / 1000
        while block.isValid() and time.perf_counter() < deadline:
            self._slots = []
            previous = self._colour(block.text(), previous)
            block.layout().setFormats(_ranges(self._slots))
            block.setUserState(previous)
            block = block.next()
        self._slots = None
        if block.isValid():
            self._frontier.setPosition(block.position())
        else:
            self._frontier.movePosition(QTextCursor.MoveOperation.End)
        self.document().markContentsDirty(first, self._frontier.position() - first)
        self._end_pass()

    def _line(self, text: str, state: int) -> int:
        if state == START:
            return self._first_line(text)
        if state >= FENCE:
            return self._fence_line(text, state)
        if state >= SCALAR and self._continuation(text, state - SCALAR):
            return state
        if state == BODY:
            return self._body_line(text)
        return self._front_line(text)

    def _set(self, start: int, end: int, name: str) -> None:
        if self._units is not None:
            start, end = self._units[start], self._units[end]
        if self._slots is not None:  # a slice: later formats replace earlier ones, as here
            if len(self._slots) < end:
                self._slots.extend([None] * (end - len(self._slots)))
            self._slots[start:end] = [self._formats[name]] * (end - start)
            return
        self.setFormat(start, end - start, self._formats[name])

    # Frontmatter

    def _first_line(self, text: str) -> int:
        if not FRONT_OPEN.match(text):
            return self._body_line(text)
        self._set(0, len(text), "marker")
        return FRONT

    def _front_line(self, text: str) -> int:
        if FRONT_CLOSE.match(text):
            self._set(0, len(text), "marker")
            return BODY
        m = YAML_LINE.match(text)
        self._set(m.start("dash"), m.end("dash"), "punct")
        if m.group("key") is None:
            self._value(text, m.end())
            return FRONT
        self._set(m.start("key"), m.end("key"), "key")
        has_value = self._value(text, m.end())
        return SCALAR + min(m.start("key"), _MAX_INDENT) if has_value else FRONT

    def _continuation(self, text: str, indent: int) -> bool:
        """Format a line that continues a multi-line value; False if the line is not one."""
        if text.strip() and _indent(text) <= indent:
            return False
        self._set(0, len(text), "string")
        self._apply(TAG, text, 0, len(text), "tag")
        role = ROLE.match(text)
        if role:
            self._set(role.start(), role.end(), "role")
        return True

    def _value(self, text: str, start: int) -> bool:
        """Format a value from ``start``; True when there is one (not just a comment)."""
        i = start + len(text[start:]) - len(text[start:].lstrip())
        if i >= len(text):
            return False
        if text[i] == "#":
            self._set(i, len(text), "comment")
            return False
        end = self._scalar(text, i)
        comment = COMMENT.match(text, end)
        if comment:
            self._set(comment.start(1), len(text), "comment")
        return True

    def _scalar(self, text: str, i: int) -> int:
        """Format the scalar starting at ``i``; return where it ends."""
        header = BLOCK_HEADER.match(text, i)
        if header:
            self._set(i, header.end(), "punct")
            return header.end()
        quoted = DQUOTED.match(text, i) or SQUOTED.match(text, i)
        if quoted:
            self._set(i, quoted.end(), "string")
            if text[i] == '"':
                self._apply(ESCAPE, text, i, quoted.end(), "constant")
            self._apply(TAG, text, i, quoted.end(), "tag")
            return quoted.end()
        plain = PLAIN.match(text, i)
        if CONSTANT.fullmatch(plain.group()):
            self._set(i, plain.end(), "constant")
        self._apply(TAG, text, i, plain.end(), "tag")
        return plain.end()

    def _apply(self, regex: re.Pattern[str], text: str, start: int, end: int, name: str) -> None:
        for m in regex.finditer(text, start, end):
            self._set(m.start(), m.end(), name)

    # Body

    def _body_line(self, text: str) -> int:
        fence = FENCE_OPEN.match(text)
        if fence:
            self._set(0, len(text), "marker")
            return _fence_state(fence.group(1))
        self._markdown(text)
        return BODY

    def _fence_line(self, text: str, state: int) -> int:
        char, length = _fence_of(state)
        close = FENCE_CLOSE.match(text)
        if close and close.group(1)[0] == char and len(close.group(1)) >= length:
            self._set(0, len(text), "marker")
            return BODY
        self._set(0, len(text), "code")
        return state

    def _markdown(self, text: str) -> None:
        whole = next((name for regex, name in WHOLE_LINE if regex.match(text)), None)
        if whole:
            self._set(0, len(text), whole)
            return
        marker = LINE_MARKER.match(text)
        if marker:
            self._set(marker.start(1), marker.end(1), "punct")
        for regex, name in INLINE:
            self._apply(regex, text, 0, len(text), name)
