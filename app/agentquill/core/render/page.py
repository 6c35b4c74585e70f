"""An agent file → one HTML document for the preview (a QTextBrowser; no Qt here).

Layout: a header card (name, colour, model, tools as chips, other fields), the description
(intro, each ``<example>`` as a chat transcript, outro), then the body. Only Qt's rich-text
subset is used: tables with ``bgcolor``/``cellpadding``, colours, margins. Anchors for the UI:
``description``, ``example-N`` (0-based), ``body``, and a ``b-…`` anchor at the start of each
top-level body block, named after the block's text; ``render_parts`` maps those to source lines
(see :mod:`.markdown`).
Everything read from the frontmatter is escaped.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from itertools import islice
from string import Template
from typing import Any

from ... import resources_dir
from .. import examples as examples_mod
from .. import frontmatter
from ..dialects import tool_names
from .code import code_background, code_stylesheet
from .markdown import render_body_parts, render_prose


@dataclass(frozen=True)
class Palette:
    bg: str
    fg: str
    muted: str
    card: str
    border: str
    link: str
    chip: str
    chip_fg: str
    user: str
    assistant: str
    note: str
    inline_code: str
    warn: str
    warn_fg: str
    colors: dict[str, str]


LIGHT = Palette(
    bg="#ffffff", fg="#1f2328", muted="#656d76", card="#f3f5f7", border="#d0d7de",
    link="#0969da", chip="#dde9f7", chip_fg="#0b4f9c", user="#dbeafe", assistant="#eef0f3",
    note="#fbf6e4", inline_code="#eef0f3", warn="#fff1c2", warn_fg="#6b4500",
    colors={
        "red": "#d1383d", "blue": "#2f6fdb", "green": "#2a8c4a", "yellow": "#c99a06",
        "purple": "#8250df", "orange": "#e0701f", "pink": "#d6409f", "cyan": "#0a97b0",
        "magenta": "#b832c4",
    },
)  # fmt: skip
DARK = Palette(
    bg="#1e1f22", fg="#e3e5e8", muted="#9aa1aa", card="#2a2c31", border="#43474e",
    link="#6cb0ff", chip="#2c3e57", chip_fg="#b7d5ff", user="#23395b", assistant="#30333a",
    note="#35321f", inline_code="#34373d", warn="#4a3b10", warn_fg="#ffd97a",
    colors={
        "red": "#ff6b6b", "blue": "#5ea2ff", "green": "#4cc474", "yellow": "#f2c744",
        "purple": "#b58cff", "orange": "#ff9a4d", "pink": "#ff7ac2", "cyan": "#3fd0e0",
        "magenta": "#e27bf0",
    },
)  # fmt: skip

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_USER_ROLES = {"user", "human", "user_request"}
_SHOWN = {"name", "description", "model", "tools", "color"}
_EXAMPLE_TAG = re.compile("<example>")
#: Other fields the card names at most: it summarises, the Form lists them all
_CARD_FIELDS = 60
#: between two fields of the card: a line breaks after the dot, never before it
_SEPARATOR = "&nbsp;&nbsp;·&nbsp; "
_BREAKS_AFTER = re.compile(r"[^\w\s](?=.)")
#: rows and columns a list of maps shows in the card (the Form and Source show them all)
_RECORD_ROWS, _RECORD_COLUMNS = 8, 6
#: between two examples: a paragraph of no height, so that the second starts after a line of
#: text, not after a table, and the preview can re-parse one example alone
_BETWEEN_EXAMPLES = '<p style="line-height: 0%; margin-top: 0px;">&nbsp;</p>'


@lru_cache(maxsize=1)
def _css_template() -> Template:
    try:
        return Template((resources_dir() / "preview" / "preview.css").read_text("utf-8"))
    except OSError:  # pragma: no cover - a broken install: inline colours still apply
        return Template("")


@lru_cache(maxsize=2)
def _stylesheet(dark: bool) -> str:
    pal = DARK if dark else LIGHT
    values = {k: v for k, v in vars(pal).items() if isinstance(v, str)}
    css = _css_template().safe_substitute(values, code_bg=code_background(dark))
    return f"{css}\n{code_stylesheet(dark)}"


def render_html(text: str, *, dark: bool = False, kind: str = "agent", called: str = "") -> str:
    """The preview of the agent file ``text`` as a complete HTML document. Never raises on
    odd input (invalid YAML, no frontmatter, unclosed fences). ``kind`` is the file's
    (``dialects.KINDS``): a skill, command, style or rule has no tools line of its own.
    ``called`` is the name its path gives it (``inventory.path_name``): a skill and a command
    are shown under it whatever their ``name``, an output style when it has none."""
    head, parts, tail, _ = render_parts(text, dark=dark, kind=kind, called=called)
    return head + "".join(parts) + tail


def render_parts(
    text: str, *, dark: bool = False, kind: str = "agent", called: str = ""
) -> tuple[str, list[str], str, dict[str, int]]:
    """:func:`render_html` as ``(head, parts, tail, lines)``: the parts are the top-level
    pieces of the page in order (warnings, card, description pieces, each body block), so a
    view can re-parse only the parts an edit changed; ``lines`` maps each body block's anchor
    to its 1-based line in ``text``, and ``description``, ``example-N`` and ``body`` to theirs."""
    pal = DARK if dark else LIGHT
    parsed = frontmatter.parse(text)
    head = (
        f"<html><head><style>{_stylesheet(dark)}</style></head>"
        f'<body style="color: {pal.fg}; background-color: {pal.bg};">'
    )
    parts = _header(parsed, pal, kind, called)
    description = parsed.value("description")
    if description not in (None, ""):
        parts += _description(_text(description), pal)
    body_line = text.count("\n", 0, parsed.body_start) + 1
    body, lines = render_body_parts(parsed.body, body_line)
    if body:
        heading = _body_heading(kind, parsed)
        parts += [f'<p class="section"><a name="body"></a>{heading}</p>', *body]
    lines.update(_description_lines(text, parsed), body=body_line)
    return head, parts, "</body></html>", lines


def _body_heading(kind: str, parsed: frontmatter.Parsed) -> str:
    """What the body is: the instructions Claude follows, but an eval case's prompt (in
    prompt.md) or a grader's criteria (in a file with a ``type``)."""
    if kind != "eval":
        return "INSTRUCTIONS"
    return "CRITERIA" if parsed.value("type") is not None else "PROMPT"


def _description_lines(text: str, parsed: frontmatter.Parsed) -> dict[str, int]:
    """The source lines of the ``description`` key and of each ``<example>`` tag in its value."""
    field = parsed.get("description")
    if field is None:
        return {}
    start, end = field.value_span
    found = {"description": text.count("\n", 0, field.key_span[0]) + 1}
    line, at = found["description"], field.key_span[0]
    for i, m in enumerate(_EXAMPLE_TAG.finditer(text, start, end)):
        line += text.count("\n", at, m.start())
        at = m.start()
        found[f"example-{i}"] = line
    return found


# --- header card ---------------------------------------------------------------------------


def _header(parsed: frontmatter.Parsed, pal: Palette, kind: str, called: str) -> list[str]:
    fm = parsed.frontmatter
    warnings = _warnings(parsed)
    if fm is None:
        return warnings or ['<p class="muted">No frontmatter: the whole file is the body.</p>']
    name = _text(parsed.value("name", "")).strip()
    colour_name = _text(parsed.value("color", "")).strip()
    swatch = _colour(colour_name, pal)
    title = _title(name, kind, called)
    rows = [f'<p class="name"><span style="color: {swatch};">&#9679;</span>&nbsp;{title}</p>']
    meta = []
    model = parsed.value("model")
    if model not in (None, ""):
        meta.append(f'model&nbsp;<span class="value">{escape(_text(model))}</span>')
    if colour_name:
        meta.append(f'color&nbsp;<span class="value">{escape(colour_name)}</span>')
    if meta:
        rows.append(f'<p class="meta">{_SEPARATOR.join(meta)}</p>')
    if kind == "agent":  # the others add to the conversation's tools (allowed-tools)
        rows += _chips(parsed, pal)
    others = [f for f in parsed.fields if f.key not in _SHOWN]
    if others:
        named = others[:_CARD_FIELDS]
        shown = [_field(f.key, f.value) for f in named if not _records_value(f.value)]
        if len(others) > _CARD_FIELDS:
            shown.append(f'<span class="muted">{len(others) - _CARD_FIELDS:,} more</span>')
        if shown:
            rows.append(f'<p class="fields">{_SEPARATOR.join(shown)}</p>')
        rows += [_records(str(f.key), f.value, pal) for f in named if _records_value(f.value)]
    card = (
        f'<table class="card" width="100%" border="0" cellspacing="0" cellpadding="0" '
        f'bgcolor="{pal.card}"><tr><td width="6" bgcolor="{swatch}"></td>'
        f'<td class="card">{"".join(rows)}</td></tr></table>'
    )
    return [*warnings, card]


#: the title of a file without a ``name``, by kind: Claude Code names these after the file
#: (a skill after its folder)
def _title(name: str, kind: str, called: str) -> str:
    """What Claude Code calls the file: a skill its folder and a command ``/`` and its path
    (``called``), whatever their ``name`` says; others their ``name``, else ``called``."""
    if called and kind in ("skill", "command"):
        shown = escape(f"/{called}" if kind == "command" else called)
        if name and name != called:
            shown += f' <span class="muted">(its name “{escape(name)}” is not used)</span>'
        return shown
    if name or called:
        return escape(name or called)
    return f'<span class="muted">{_UNNAMED.get(kind, "(no name)")}</span>'


_UNNAMED = {
    "skill": "(named after its folder)",
    "command": "(named after its file)",
    "output-style": "(named after its file)",
    "rule": "Rule",
}


def _warnings(parsed: frontmatter.Parsed) -> list[str]:
    fm, out = parsed.frontmatter, []
    if parsed.unterminated:
        out.append("The frontmatter has no closing <b>---</b> line: it is read as body text.")
    elif fm is not None and fm.not_mapping:
        out.append(f"The frontmatter is a YAML {escape(fm.not_mapping)}, not a mapping of fields.")
    elif fm is not None and fm.error is not None:
        how = "as Claude Code reads it" if fm.tier == "recovered" else "what could be read"
        out.append(f"The frontmatter is not valid YAML ({escape(str(fm.error))}); showing {how}.")
    return [
        '<table class="warn" width="100%" border="0" cellspacing="0" cellpadding="8">'
        f"<tr><td>&#9888;&nbsp; {w}</td></tr></table>"
        for w in out
    ]


def _colour(name: str, pal: Palette) -> str:
    if _HEX.fullmatch(name):
        return name
    return pal.colors.get(name.lower(), pal.muted)


def _chips(parsed: frontmatter.Parsed, pal: Palette) -> list[str]:
    value = parsed.value("tools")
    if value is None:
        if parsed.get("tools") is None:
            return ['<p class="meta">tools <span class="value">all (inherited)</span></p>']
        value = ""
    if isinstance(value, dict):  # OpenCode: {write: true, bash: false}
        names = [f"{k}" if v else f"{k}: off" for k, v in value.items()]
    else:
        names = tool_names(value)
    if not names:
        return ['<p class="meta">tools <span class="value">none listed</span></p>']
    chips = (
        f'<span style="background-color: {pal.chip};">&nbsp;{_unbreakable(n)}&nbsp;</span>'
        for n in names
    )
    return [f'<p class="chips">{"&nbsp; ".join(chips)}</p>']


def _unbreakable(name: str) -> str:
    """``name`` escaped, with no place a line may break inside it: a chip moves to the next
    line whole ("MultiEdit", not "MultiE / dit"); the spaces between chips are the breaks."""
    joined = _BREAKS_AFTER.sub("\\g<0>\u2060", name)  # a word joiner after "-", "/", "(" …
    return escape(joined).replace(" ", "&nbsp;")


def _field(key: str, value: Any) -> str:
    return f'{escape(str(key))}&nbsp;<span class="value">{escape(_cut(_text(value)))}</span>'


def _records(key: str, rows: list[dict], pal: Palette) -> str:
    """A list of maps (``services: [{name: …, url: …}]``) as a small table, one row each."""
    columns = list(dict.fromkeys(k for row in rows for k in row))[:_RECORD_COLUMNS]
    head = "".join(f"<th>{escape(_flow(c))}</th>" for c in columns)
    cells = (
        "".join(f"<td>{escape(_cut(_text(row.get(c))))}</td>" for c in columns) for row in rows
    )
    body = "".join(f"<tr>{row}</tr>" for row in islice(cells, _RECORD_ROWS))
    more = len(rows) - _RECORD_ROWS
    extra = f'<p class="fields"><span class="muted">{more:,} more</span></p>' if more > 0 else ""
    return (
        f'<p class="records">{escape(key)}</p><table class="records" border="1" cellspacing="0" '
        f'cellpadding="3" bgcolor="{pal.bg}"><tr>{head}</tr>{body}</table>{extra}'
    )


def _records_value(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _cut(text: str, most: int = 80) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _text(value: Any) -> str:
    """A value as the card shows it: a list as its items, maps in YAML's flow style."""
    if isinstance(value, list):
        return ", ".join(_flow(v) for v in value)
    return _flow(value)


def _flow(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return str(value)


# --- description and examples --------------------------------------------------------------


def _description(description: str, pal: Palette) -> list[str]:
    doc = examples_mod.parse(description)
    parts = ['<p class="section"><a name="description"></a>DESCRIPTION</p>']
    if doc.intro.strip():
        parts.append(render_prose(doc.intro))
    for i, parsed in enumerate(doc.examples):
        parts += [_BETWEEN_EXAMPLES] if i else []
        parts += _example(i, parsed.example, pal)
    if doc.examples:  # what follows starts after a plain break too (the preview patches there)
        parts.append(_BETWEEN_EXAMPLES)
    if doc.outro.strip():
        parts.append(render_prose(doc.outro))
    return parts


def _example(index: int, ex: examples_mod.Example, pal: Palette) -> list[str]:
    # The second anchor names the example by its text, so that a moved example's caption
    # differs from the one now at its old place: the preview then keeps the cards and
    # re-types only the captions whose number changed.
    turns = [(t.role, t.text) for t in ex.turns]
    own = zlib.crc32(repr((ex.context, turns, ex.commentary, ex.extra)).encode())
    parts = [
        f'<p class="example"><a name="example-{index}"></a><a name="x-{own:08x}"></a>'
        f"Example {index + 1}</p>"
    ]
    if ex.context.strip():
        parts.append(f'<p class="context">{_lines(ex.context)}</p>')
    for turn in ex.turns:
        parts.append(_bubble(turn, pal))
    if ex.commentary.strip():
        parts.append(
            '<table class="note" width="100%" border="0" cellspacing="0" cellpadding="8" '
            f'bgcolor="{pal.note}"><tr><td><span class="role">Why</span><br />'
            f'<span class="commentary">{_lines(ex.commentary)}</span></td></tr></table>'
        )
    if ex.extra.strip():
        parts.append(f'<p class="extra">{_lines(ex.extra)}</p>')
    return parts


def _bubble(turn: examples_mod.Turn, pal: Palette) -> str:
    user = turn.role.lower() in _USER_ROLES
    colour = pal.user if user else pal.assistant
    label = escape(turn.role.replace("_", " ").capitalize())
    bubble = (
        f'<td bgcolor="{colour}"><span class="role">{label}</span><br />{_lines(turn.text)}</td>'
    )
    spacer = '<td width="18%"></td>'
    cells = spacer + bubble if user else bubble + spacer
    return (
        '<table class="turn" width="100%" border="0" cellspacing="0" cellpadding="8">'
        f"<tr>{cells}</tr></table>"
    )


def _lines(text: str) -> str:
    return escape(text.strip()).replace("\n", "<br />")
