"""Whether a JavaScript regular expression compiles, as Claude Code's ``new RegExp`` decides.

Graders' ``input_match`` and ``pattern`` run in JavaScript, whose syntax differs from Python's:
``(?<name>…)``, ``\\k<name>``, ``\\u{…}`` (with the ``u`` flag), ``[]`` and ``[^]`` are
JavaScript's; ``(?P<name>…)``, ``(?P=name)``, ``(?#…)``, ``(?i)``, ``(?>…)`` and ``a++`` are
Python's and JavaScript refuses them. Without ``u`` (or ``v``) JavaScript is lenient: a stray
``{``, ``}`` or ``]``, ``\\A`` or an incomplete ``\\x6`` are literal characters; with it they
are errors. :func:`problem` walks the pattern with JavaScript's rules, reports in the binary's
own words what it refuses, and hands Python a translation whose structure Python checks.
Checked against the binary on a set of patterns (tests/core/evals/test_jsregex.py).
"""

from __future__ import annotations

import re

_SYNTAX = frozenset("^$\\.*+?()[]{}|/")
_CLASS_ESCAPES = frozenset("dDwWsS")
_CONTROL = {"f": 0x0C, "n": 0x0A, "r": 0x0D, "t": 0x09, "v": 0x0B}
_QUANTIFIER = re.compile(r"\{(\d+)(,(\d*))?\}")
_MODIFIERS = re.compile(r"\(\?([ims]*)(?:-([ims]*))?:")
_NAME = re.compile(r"\(\?<([^>=!][^>]*)>")
_PROPERTY = re.compile(r"[pP]\{[\w=]+\}")


class JsRegexError(ValueError):
    """A pattern JavaScript refuses, in the words of its message."""


def problem(pattern: str, flags: str = "") -> str | None:
    """Why JavaScript's ``new RegExp(pattern, flags)`` throws, or None."""
    try:
        translated = _Walk(pattern, "u" in flags or "v" in flags).run()
        re.compile(translated)
    except JsRegexError as exc:
        return str(exc)
    except re.error as exc:
        return str(exc)
    except RecursionError:
        return "nested too deeply"
    return None


def _is_name(name: str) -> bool:
    """A JavaScript identifier: ``$``, ``_`` and Unicode letters; digits after the first."""
    head, tail = name[:1], name[1:]
    return (
        bool(head)
        and (head in "$_" or head.isidentifier())
        and all(c in "$\u200c\u200d" or ("a" + c).isidentifier() for c in tail)
    )


class _Walk:
    """One pass over a pattern, building its Python translation in ``out``."""

    def __init__(self, pattern: str, unicode: bool) -> None:
        self.p, self.unicode, self.i, self.out = pattern, unicode, 0, []
        self.groups = len(re.findall(r"(?<!\\)\((?!\?)|\(\?<[^=!]", pattern))
        self.names = {m[1] for m in _NAME.finditer(pattern)}
        self.frames: list[set[str]] = [set()]  # names in each open group's current alternative
        self.can_repeat = False

    def run(self) -> str:
        while self.i < len(self.p):
            self.atom()
        if len(self.frames) > 1:
            raise JsRegexError("missing )")
        return "".join(self.out)

    def emit(self, text: str, can_repeat: bool) -> None:
        self.out.append(text)
        self.can_repeat = can_repeat

    def atom(self) -> None:
        c = self.p[self.i]
        rest = self.p[self.i :]
        if c in "*+?" or (c == "{" and _QUANTIFIER.match(rest)):
            self.quantifier()
        elif c == "(":
            self.group()
        elif c == ")":
            if len(self.frames) == 1:
                raise JsRegexError("unmatched parentheses")
            self.frames.pop()
            self.i += 1
            self.emit(")", True)
        elif c == "|":
            self.frames[-1].clear()
            self.i += 1
            self.emit("|", False)
        elif c == "[":
            self.char_class()
        elif c == "\\":
            self.escape()
        elif c in "{}]":
            if self.unicode:
                raise JsRegexError(
                    "incomplete {} quantifier for Unicode pattern"
                    if c == "{"
                    else "unmatched ] or } bracket for Unicode pattern"
                )
            self.i += 1
            self.emit("\\" + c, True)
        elif c in "^$":
            self.i += 1
            self.emit(c, False)
        else:
            self.i += 1
            self.emit("." if c == "." else re.escape(c), True)

    def quantifier(self) -> None:
        if not self.can_repeat:
            raise JsRegexError("nothing to repeat")
        m = _QUANTIFIER.match(self.p, self.i)
        if m is not None:
            low, high = int(m[1]), m[3]
            if high and int(high) < low:
                raise JsRegexError("numbers out of order in {} quantifier")
            text = m[0]
        else:
            text = self.p[self.i]
        self.i += len(text)
        if self.p.startswith("?", self.i):
            text += "?"
            self.i += 1
        self.emit(text, False)

    def group(self) -> None:
        rest = self.p[self.i :]
        if not rest.startswith("(?"):
            self.open("(", 1)
        elif rest[2:3] in (":", "=", "!") or rest[2:4] in ("<=", "<!"):
            head = rest[:3] if rest[2] != "<" else rest[:4]
            self.open(head, len(head))
        elif (m := _NAME.match(rest)) is not None:
            self.named(m[1], len(m[0]))
        elif (m := _MODIFIERS.match(rest)) is not None:
            on, off = m[1], m[2] or ""
            if len(set(on + off)) < len(on + off) or (m[2] is not None and not on + off):
                raise JsRegexError("invalid regular expression modifiers")
            self.open("(?:", len(m[0]))
        elif rest.startswith(("(?P<", "(?P=")):
            raise JsRegexError(
                "unrecognized character after (? — (?P<name>…) and (?P=name) are Python's; "
                "JavaScript writes (?<name>…) and \\k<name>"
            )
        else:
            raise JsRegexError("unrecognized character after (?")

    def open(self, text: str, length: int) -> None:
        self.i += length
        self.frames.append(set())
        self.emit(text, False)

    def named(self, name: str, length: int) -> None:
        if not _is_name(name):
            raise JsRegexError("invalid group specifier name")
        if any(name in frame for frame in self.frames):
            raise JsRegexError("duplicate group specifier name")
        for frame in self.frames:
            frame.add(name)
        self.open(f"(?P<g{len(self.out)}>", length)

    def escape(self) -> None:
        c = self.p[self.i + 1 : self.i + 2]
        if not c:
            raise JsRegexError("\\ at end of pattern")
        if c in _CLASS_ESCAPES or c in "bB":
            self.i += 2
            self.emit("\\" + c, c not in "bB")
        elif c == "k" and (self.unicode or self.names):
            m = re.compile(r"k<([^>]*)>").match(self.p, self.i + 1)
            if m is None or m[1] not in self.names:
                raise JsRegexError("invalid \\k<> named backreference")
            self.i += 1 + len(m[0])
            self.emit("(?:)", True)
        elif c.isdigit() and c != "0":
            digits = re.compile(r"\d+").match(self.p, self.i + 1)[0]
            if int(digits) <= self.groups:
                self.i += 1 + len(digits)
                self.emit("(?:)", True)
            elif self.unicode:
                raise JsRegexError("invalid backreference for Unicode pattern")
            else:
                self.literal(self.character())
        elif self.unicode and _PROPERTY.match(self.p, self.i + 1):
            self.i += 1 + len(_PROPERTY.match(self.p, self.i + 1)[0])
            self.emit("\\w", True)
        else:
            self.literal(self.character())

    def literal(self, code: int) -> None:
        self.emit(f"\\U{code:08x}", True)

    def character(self, in_class: bool = False) -> int:
        """The code point of the escape at ``i`` (a single character), moving past it."""
        p, i = self.p, self.i + 1
        c = p[i]
        if c in _CONTROL:
            self.i = i + 1
            return _CONTROL[c]
        if c == "0" and not p[i + 1 : i + 2].isdigit():
            self.i = i + 1
            return 0
        if c == "c" and p[i + 1 : i + 2].isascii() and p[i + 1 : i + 2].isalpha():
            self.i = i + 2
            return ord(p[i + 1]) % 32
        if c == "x" and (m := re.compile(r"x([0-9a-fA-F]{2})").match(p, i)):
            self.i = i + 3
            return int(m[1], 16)
        if c == "u":
            if self.unicode and (m := re.compile(r"u\{([0-9a-fA-F]+)\}").match(p, i)):
                if int(m[1], 16) > 0x10FFFF:
                    raise JsRegexError("invalid Unicode code point \\u{} escape")
                self.i = i + len(m[0])
                return int(m[1], 16)
            if m := re.compile(r"u([0-9a-fA-F]{4})").match(p, i):
                self.i = i + 5
                return int(m[1], 16)
            if self.unicode:
                raise JsRegexError("invalid Unicode \\u escape")
        if in_class and c == "b":
            self.i = i + 1
            return 8
        if self.unicode and not (c in _SYNTAX or (in_class and c == "-")):
            if c == "c":
                raise JsRegexError("invalid \\c escape for Unicode pattern")
            raise JsRegexError("invalid escaped character for Unicode pattern")
        if c == "c":  # Annex B: a lone "\c" is a backslash and a "c"
            self.i = i
            return ord("\\")
        self.i = i + 1
        return ord(c)

    def char_class(self) -> None:
        """``[…]``: JavaScript's ``[]`` matches nothing and ``[^]`` anything; ranges go up."""
        self.i += 1
        negated = self.p.startswith("^", self.i)
        self.i += negated
        parts: list[str] = []
        while True:
            if self.i >= len(self.p):
                raise JsRegexError("missing terminating ] for character class")
            if self.p[self.i] == "]":
                self.i += 1
                break
            low = self.class_atom()
            if self.p.startswith("-", self.i) and self.p[self.i + 1 : self.i + 2] not in ("]", ""):
                self.i += 1
                high = self.class_atom()
                if isinstance(low, str) or isinstance(high, str):
                    if self.unicode:
                        raise JsRegexError("invalid range in character class for Unicode pattern")
                    parts += [_class_text(low), "\\-", _class_text(high)]
                elif low > high:
                    raise JsRegexError("range out of order in character class")
                else:
                    parts.append(f"{_class_text(low)}-{_class_text(high)}")
            else:
                parts.append(_class_text(low))
        if not parts:
            self.emit("[\\s\\S]" if negated else "(?!)", True)
        else:
            self.emit(("[^" if negated else "[") + "".join(parts) + "]", True)

    def class_atom(self) -> int | str:
        """One member of a class: a code point, or a class escape such as ``\\d`` (as text)."""
        c = self.p[self.i]
        if c != "\\":
            self.i += 1
            return ord(c)
        nxt = self.p[self.i + 1 : self.i + 2]
        if nxt in _CLASS_ESCAPES:
            self.i += 2
            return "\\" + nxt
        if self.unicode and (m := _PROPERTY.match(self.p, self.i + 1)):
            self.i += 1 + len(m[0])
            return "\\w"
        if nxt == "B" and self.unicode:
            raise JsRegexError("invalid escaped character for Unicode pattern")
        return self.character(in_class=True)


def _class_text(atom: int | str) -> str:
    return atom if isinstance(atom, str) else f"\\U{atom:08x}"
