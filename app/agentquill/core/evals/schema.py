"""The keys eval case files take, and the checks Claude Code makes when it loads them.

Read from the zod schemas in Claude Code 2.1.332's bundle and checked against
``claude plugin eval`` offline (it validates every case before the first run):

- ``prompt.md`` frontmatter: the case's top keys (``schema_version``, ``name``,
  ``description``, ``tags``, ``plugins``, ``runs``, ``expected_outcome``) and its execution
  keys (``model``, ``max_turns`` 1–200, ``timeout_seconds`` 1–3600, ``allowed_tools``,
  ``disallowed_tools``, ``artifact_publish``, ``growthbook_overrides``,
  ``append_system_prompt``, ``env``); any other key stops the case. The body is the prompt.
- ``graders/<name>.md``: the frontmatter is one grader (its ``name`` is the file's stem), the
  body fills ``criteria`` (llm, baseline) or ``pattern`` (regex). A grader file without
  frontmatter is skipped. Each type takes its own keys and no others (zod ``strict``).

Regular expressions are JavaScript's (:mod:`.jsregex`). The binary does not compile
``input_match`` nor compare ``min`` with ``max`` when it loads a case (a case that cannot pass
loads fine), so :func:`grader_problems` reports those too, as lint does.
"""

from __future__ import annotations

import re
from typing import Any

#: the places a regex grader reads and an llm grader focuses on (or ``{source: file, path}``)
FOCUS = ("trace", "last_message", "files", "mock_calls")
ARMS = ("with-only", "both")

#: prompt.md frontmatter key → kind of value
PROMPT_KEYS: dict[str, str] = {
    "schema_version": "string",
    "name": "string",
    "description": "string",
    "tags": "strings",
    "plugins": "strings",
    "runs": "count",
    "expected_outcome": "any",
    "model": "string",
    "max_turns": "count",
    "timeout_seconds": "count",
    "allowed_tools": "strings",
    "disallowed_tools": "strings",
    "artifact_publish": "bool",
    "growthbook_overrides": "map",
    "append_system_prompt": "string",
    "env": "map",
}
#: upper bounds of the counts above
LIMITS = {"runs": 50, "max_turns": 200, "timeout_seconds": 3600}

_COMMON = {"type": "string", "name": "string", "weight": "weight", "arm": "arm"}
#: grader type → key → kind of value
GRADER_KEYS: dict[str, dict[str, str]] = {
    "regex": {**_COMMON, "target": "focus", "pattern": "regex", "flags": "flags", "match": "match"},
    "tool_order": {**_COMMON, "before": "step", "after": "step"},
    "tool_used": {
        **_COMMON,
        "tool": "string",
        "input_match": "regex",
        "min": "natural",
        "max": "natural",
    },
    "file_exists": {**_COMMON, "path": "string", "exists": "bool"},
    "llm": {**_COMMON, "criteria": "string", "focus": "focus"},
    "baseline": {**_COMMON, "baseline_file": "string", "criteria": "string"},
}
#: grader type → the keys it cannot do without
REQUIRED: dict[str, tuple[str, ...]] = {
    "regex": ("pattern",),
    "tool_order": ("before", "after"),
    "tool_used": ("tool",),
    "file_exists": ("path",),
    "llm": ("criteria",),
    "baseline": ("baseline_file", "criteria"),
}
#: grader type → the key its file's body fills when the frontmatter leaves it out
BODY_KEY = {"llm": "criteria", "baseline": "criteria", "regex": "pattern"}

_FLAGS = re.compile(r"[dgimsuvy]*")
_MATCH = re.compile(r"contains|not_contains|count:\d+")

_EXPECTED = {
    "string": "text",
    "strings": "a list of text",
    "count": "a whole number above 0",
    "natural": "a whole number, 0 or more",
    "weight": "a number above 0",
    "bool": "true or false",
    "map": "a mapping of keys to values",
    "arm": "with-only or both",
    "focus": f"one of {', '.join(FOCUS)}, or {{source: file, path: …}}",
    "flags": "JavaScript regex flags (d g i m s u v y)",
    "match": "contains, not_contains or count:N",
    "step": "a tool name, or {tool, input_match}",
    "regex": "a regular expression",
}


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _fits(kind: str, value: Any) -> bool:
    """Whether ``value`` has the shape ``kind`` asks for (the regex itself is checked apart)."""
    if kind in ("string", "regex"):
        return isinstance(value, str)
    if kind == "strings":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind in ("count", "natural"):
        return _number(value) and value == int(value) and value >= (0 if kind == "natural" else 1)
    if kind == "weight":
        return _number(value) and value > 0
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "map":
        return isinstance(value, dict)
    if kind == "arm":
        return value in ARMS
    if kind == "focus":
        return value in FOCUS or (
            isinstance(value, dict)
            and set(value) == {"source", "path"}
            and value["source"] == "file"
            and isinstance(value["path"], str)
        )
    if kind == "flags":
        return isinstance(value, str) and _FLAGS.fullmatch(value) is not None
    if kind == "match":
        return isinstance(value, str) and _MATCH.fullmatch(value) is not None
    if kind == "step":
        return isinstance(value, str) or (
            isinstance(value, dict)
            and "tool" in value
            and set(value) <= {"tool", "input_match"}
            and all(isinstance(v, str) for v in value.values())
        )
    return True


def expected(kind: str) -> str:
    """What a value of ``kind`` must be, in words."""
    return _EXPECTED.get(kind, "any value")


def regex_problem(pattern: str, flags: str = "") -> str | None:
    """Why ``pattern`` does not compile as the JavaScript ``RegExp`` the binary builds from it
    (with ``flags``, a regex grader's), or None."""
    from . import jsregex  # on the first regex checked: the key tables load at start-up

    return jsregex.problem(pattern, flags)


def value_problem(kind: str, key: str, value: Any, flags: str = "") -> str | None:
    """Why ``value`` does not fit ``key`` (of ``kind``; a regex is read with ``flags``), or
    None."""
    if not _fits(kind, value):
        return f'"{key}" must be {expected(kind)}'
    limit = LIMITS.get(key)
    if limit is not None and value > limit:
        return f'"{key}" must be at most {limit}'
    if kind == "regex" and (why := regex_problem(value, flags)):
        return f'"{key}" is not a valid regular expression: {why}'
    return None


def prompt_problems(values: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, message) for each frontmatter key of a ``prompt.md`` Claude Code refuses."""
    problems = []
    for key, value in values.items():
        kind = PROMPT_KEYS.get(key)
        if kind is None:
            problems.append((key, f'unknown frontmatter key "{key}"'))
        elif why := value_problem(kind, key, value):
            problems.append((key, why))
    return problems


def grader_problems(values: dict[str, Any], body: str = "") -> list[tuple[str, str]]:
    """(key, message) for each thing wrong with one grader's frontmatter (and body, which
    fills its criteria or pattern); key ``""`` for the grader as a whole."""
    kind = values.get("type")
    if kind not in GRADER_KEYS:
        types = " | ".join(GRADER_KEYS)
        if not isinstance(kind, str):
            return [("type", f'a grader needs "type:" ({types})')]
        return [("type", f'unknown grader type "{kind}" (expected {types})')]
    keys = GRADER_KEYS[kind]
    problems = []
    flags = values.get("flags") if isinstance(values.get("flags"), str) else ""
    for key, value in values.items():
        if key not in keys:
            problems.append((key, f'"{key}" is not a key of a {kind} grader'))
        elif why := value_problem(keys[key], key, value, flags if key == "pattern" else ""):
            problems.append((key, why))
    filled = {BODY_KEY[kind]} if kind in BODY_KEY and body.strip() else set()
    for key in REQUIRED[kind]:
        if key not in values and key not in filled:
            where = " (or the file's body)" if BODY_KEY.get(kind) == key else ""
            problems.append(("", f'a {kind} grader needs "{key}"{where}'))
    if kind == "tool_used" and (why := count_problem(values)):
        problems.append(("max", why))
    return problems


def count_problem(values: dict[str, Any]) -> str | None:
    """Why a ``tool_used`` grader's ``min`` and ``max`` can never both hold, or None."""
    low, high = values.get("min"), values.get("max")
    if not _number(high):
        return None
    if low is None and high < 1:
        return f'max {high:g} is below the default min of 1: add "min: 0"'
    if _number(low) and low > high:
        return f"min {low:g} is above max {high:g}: it can never pass"
    return None
