"""Reading frontmatter that PyYAML rejects, and predicting whether Claude Code can read it.

Claude Code splits the frontmatter off with a lazy regex (so any ``---`` inside the block ends
it early), parses it as YAML and, when that fails, retries once after double-quoting every
top-level single-line ``key: value`` whose value holds a YAML special character. Those rules
were established against the real Claude Code (``claude plugin validate``); the tests pin
them with the cases we probed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text import line_col
from . import fast
from .model import Field, Parsed, locate

if TYPE_CHECKING:
    import yaml

# JavaScript's `.` stops at \r, so a CRLF line never matches: Claude Code's recovery
# does not apply to CRLF files (anthropics/claude-code#80890).
#: Claude Code's line is /^([a-zA-Z_-]+):\s+(.+)$/ (JavaScript's `.` stops at line breaks);
#: read in two steps by :func:`_simple_line`, as the one regex backtracks quadratically
_KEY_SPACE = re.compile(r"([a-zA-Z_-]+):(\s+)")
_JS_BREAKS = frozenset("\r\n\u2028\u2029")
_SPECIAL = re.compile(r"[{}\[\]*&#!|>%@`]|: ")
# Claude Code's block is /^---\s*\n([\s\S]*?)---\s*\n?/: it ends at the first "---" anywhere
_CLAUDE_OPEN = re.compile(r"---\s*\n")
_BLANK = frozenset(" \t\r\n\x0b\x0c")
_KEY_LINE = re.compile(r"""([A-Za-z_][\w.-]*|"[^"\n]*"|'[^'\n]*')[ \t]*:(?=[ \t\r\n]|$)""")
_FIELD_KEY = re.compile(r"[a-z_][A-Za-z0-9_.-]*")
#: words that begin lines of prose inside an unindented description, never a field
_PROSE_KEYS = frozenset(
    "user assistant human ai context example examples commentary note notes response "
    "output input question answer q a e.g i.e".split()
)


@dataclass(frozen=True, slots=True)
class _Line:
    """Where one line of the source went in Claude Code's recovered text."""

    orig_start: int  # offset of the line in the original source
    new_start: int  # offset of the line in the transformed source
    quoted: tuple[int, int] | None  # original (start, end) of a value that was quoted


def quote_problematic(source: str) -> tuple[str, list[_Line]]:
    """Claude Code's recovery pass over ``source``, with a map back to the original."""
    out: list[str] = []
    lines: list[_Line] = []
    orig = new = 0
    for line in source.split("\n"):
        quoted = None
        m = _simple_line(line)
        if m:
            key, value_start = m
            value = line[value_start:]
            already = len(value) > 0 and (
                (value[0] == value[-1] == '"') or (value[0] == value[-1] == "'")
            )
            if not already and _SPECIAL.search(value):
                escaped = value.replace("\\", "\\\\").replace('"', '\\"')
                quoted = (orig + value_start, orig + len(line))
                line = f'{key}: "{escaped}"'
        lines.append(_Line(orig, new, quoted))
        out.append(line)
        orig += len(line if quoted is None else source[orig : source.find("\n", orig)]) + 1
        new += len(line) + 1
    return "\n".join(out), lines


def _simple_line(line: str) -> tuple[str, int] | None:
    """(key, start of the value) where Claude Code's single-line pattern matches all of
    ``line``. The whitespace run after the colon goes to the pattern's ``\\s+`` and the rest to
    its value; a line of only whitespace there gives its last character to the value."""
    m = _KEY_SPACE.match(line)
    if m is None:
        return None
    rest = line[m.end() :]
    if rest:
        return None if _JS_BREAKS.intersection(rest) else (m.group(1), m.end())
    space = m.group(2)
    if len(space) < 2 or space[-1] in _JS_BREAKS:
        return None
    return m.group(1), len(line) - 1


def _mapper(lines: list[_Line], new_source: str, offset: int):
    """Map an index in the transformed source to an offset in the document."""
    starts = [ln.new_start for ln in lines]

    def pos(index: int) -> int:
        ln = lines[bisect.bisect_right(starts, index) - 1]
        if ln.quoted is not None:
            value_start = new_source.index('"', ln.new_start)
            if index >= value_start:
                line_end = new_source.find("\n", ln.new_start)
                at_end = index >= (len(new_source) if line_end < 0 else line_end)
                return offset + (ln.quoted[1] if at_end else ln.quoted[0])
        return offset + ln.orig_start + (index - ln.new_start)

    return pos


def recover(text: str, start: int, end: int) -> list[Field] | None:
    """Fields as Claude Code's recovery reads them, or None when that fails too."""
    source = text[start:end]
    new_source, lines = quote_problematic(source)
    if all(ln.quoted is None for ln in lines):
        return None
    pos = _mapper(lines, new_source, start)
    fields = _simple_fields(new_source, pos)
    if fields is None:
        node = _mapping(new_source)
        if node is None:
            return None
        from .nodes import fields_of

        fields = fields_of(node, text, pos)
    quoted_keys = {text[ln.orig_start + start : ln.quoted[0] + start] for ln in lines if ln.quoted}
    for f in fields:
        line_prefix = text[f.key_span[0] : f.value_span[0]]
        if line_prefix in quoted_keys:
            f.style, f.valid = "invalid", False
    return fields


def _mapping(source: str) -> yaml.MappingNode | None:
    """The composed mapping of ``source``, or None when it is not YAML or not a mapping."""
    import yaml

    from .nodes import compose

    try:
        node = compose(source)
    except yaml.YAMLError:
        return None
    return node if isinstance(node, yaml.MappingNode) else None


def _simple_fields(new_source: str, pos: Callable[[int], int]) -> list[Field] | None:
    """The fast reader's fields of the quoted source with their spans mapped back by ``pos``,
    or None when the source is not simple enough for it."""
    fields = fast.read(new_source, 0, len(new_source))
    if fields is None:
        return None
    for f in fields:
        f.key_span = (pos(f.key_span[0]), pos(f.key_span[1]))
        f.value_span = (pos(f.value_span[0]), pos(f.value_span[1]))
    return fields


def tolerant_fields(text: str, start: int, end: int) -> list[Field]:
    """Read field by field: each top-level key line starts a field, and each field reads as
    its chunk of lines reads alone, so one broken field costs only itself.

    The fast reader takes the runs of simple chunks in one pass; PyYAML reads the others one
    at a time (a parse a field made 10,000 keys cost 0.3 s a read of the file)."""
    fields: list[Field] = []
    chunks = _chunks(text, start, end)
    i = 0
    while i < len(chunks):
        taken = _simple_run(text, chunks, i, end, fields)
        if not taken:
            fields.extend(_read_chunk(text, *chunks[i]))
            taken = 1
        i += taken
    return fields


def _simple_run(
    text: str, chunks: list[tuple[int, int]], i: int, end: int, out: list[Field]
) -> int:
    """How many chunks from ``i`` on the fast reader reads, each as exactly one field of its
    own, their fields added to ``out``. A ``|+`` block is left to its chunk: its value would
    take the blank lines that end its chunk."""
    read, stop = fast.read_prefix(text, chunks[i][0], end)
    taken = 0
    for k, f in enumerate(read):
        j = i + taken
        if f.key_span[0] != chunks[j][0] or f.header == "|+":
            break
        after = chunks[j + 1][0] if j + 1 < len(chunks) else end
        went_on = read[k + 1].key_span[0] if k + 1 < len(read) else stop
        if went_on != after:  # more of the chunk than this field, or a stop inside it
            break
        out.append(f)
        taken += 1
        if j + 1 == len(chunks):
            break
    return taken


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each field's lines, trailing blank and comment lines left out."""
    starts: list[int] = []
    pos = start
    first = True
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl + 1
        m = _KEY_LINE.match(text, pos, line_end)
        if m and (first or _is_field_key(m.group(1))):
            starts.append(pos)
            first = False
        pos = line_end
    chunks = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else end
        chunks.append((s, _trim_trailing(text, s, e)))
    return chunks


def _is_field_key(key: str) -> bool:
    return key[0] in "\"'" or (bool(_FIELD_KEY.fullmatch(key)) and key.lower() not in _PROSE_KEYS)


def _trim_trailing(text: str, start: int, end: int) -> int:
    """Drop trailing lines that are blank or comments (they belong to no field)."""
    lines = text[start:end].splitlines(keepends=True)
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return start + sum(map(len, lines))


def _read_chunk(text: str, c0: int, c1: int) -> list[Field]:
    node = _mapping(text[c0:c1])
    if node is not None and len(node.value) == 1:
        from .nodes import fields_of

        return fields_of(node, text, lambda index: index + c0)
    recovered = recover(text, c0, c1)
    if recovered is not None and len(recovered) == 1:
        return recovered
    return [_raw_field(text, c0, c1)]


def _raw_field(text: str, c0: int, c1: int) -> Field:
    """A field read as Claude Code would if it were lenient: a folded plain string."""
    m = _KEY_LINE.match(text, c0, c1)
    assert m is not None
    key = m.group(1).strip("\"'")
    v0 = m.end()
    while v0 < c1 and text[v0] in " \t":
        v0 += 1
    v1 = v0 + len(text[v0:c1].rstrip())
    return Field(
        key, fold_plain(text[v0:v1]), (c0, c0 + len(m.group(1))), (v0, v1), "invalid", valid=False
    )


def fold_plain(raw: str) -> str:
    """Fold lines as a YAML plain scalar does: a single break is a space, blank lines breaks."""
    out: list[str] = []
    pending_breaks = 0
    for line in raw.splitlines():
        line = line.strip()
        if not line:
            pending_breaks += 1
            continue
        if out:
            out.append("\n" * pending_breaks if pending_breaks else " ")
        out.append(line)
        pending_breaks = 0
    return "".join(out)


@dataclass(frozen=True, slots=True)
class ClaudeVerdict:
    """Whether Claude Code can parse a file's frontmatter, and why not."""

    parses: bool
    message: str = ""
    line: int = 1
    column: int = 1
    #: where Claude Code's frontmatter ends, when a ``---`` inside the block ends it early
    cut_at: int | None = None


PARSES = ClaudeVerdict(True)


def claude_verdict(text: str, parsed: Parsed | None = None) -> ClaudeVerdict:
    """Predict ``claude plugin validate``'s "YAML frontmatter failed to parse" verdict.

    ``parsed`` (the same text's parse) saves a second YAML pass in the common case.
    """
    fm = parsed.frontmatter if parsed is not None else None
    if (
        fm is not None
        and fm.tier in ("yaml", "recovered")
        and text[fm.start : fm.start + 1] not in _BLANK  # so both blocks start at fm.start
        and text.find("---", fm.start, fm.end) < 0  # and end at fm.end
    ):
        return PARSES
    m = _CLAUDE_OPEN.match(text)
    end = text.find("---", m.end()) if m else -1
    if end < 0:
        return PARSES
    start = m.end()
    source = text[start:end]
    where = (fm.start, fm.end) if fm is not None else locate(text)
    cut_at = end if where is not None and end < where[1] else None
    error = _claude_yaml_error(source)
    if error is None:
        return ClaudeVerdict(True, cut_at=cut_at)
    offset = start + min(error, len(source))
    line, col = line_col(text, offset)
    return ClaudeVerdict(False, "Claude Code cannot parse this frontmatter", line, col, cut_at)


def _claude_yaml_error(source: str) -> int | None:
    """Index of the YAML error Claude Code would hit in ``source``, or None if it parses."""
    first = _yaml_error(source)
    if first is None:
        return None
    quoted, _ = quote_problematic(source)
    if quoted != source and _yaml_error(quoted) is None:
        return None
    return first


def _yaml_error(source: str) -> int | None:
    import yaml

    from .nodes import _Loader

    try:
        yaml.compose(source, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        index = mark.index if mark is not None else 0
        if source[index : index + 1] == "\t":
            # Claude Code's parser accepts tabs where PyYAML does not.
            return _yaml_error(source.replace("\t", " "))
        return index
    return None
