"""Which Claude Code version a project targets, and the behaviours that differ by version.

A project names its target in ``.agentquill.json`` at its root (``{"claudeCode": "2.1.332"}``);
a file's target is that of the nearest such file above it, else :data:`PINNED`, the version the
lint was checked against. The app writes the file, the CLI reads it (``agentquill lint
--target-version`` overrides it), so both follow the same setting.

:data:`BEHAVIOURS` lists each version-dependent behaviour the lint knows, the oldest version
known to have it and what that rests on. None of the versions that introduced them could be
found in a changelog we could read, so each ``since`` is the oldest version it was checked
with (the pin); a target older than that is treated as maybe not having it.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

#: the Claude Code the lint's facts were checked with (the claude-oracle pin)
PINNED = "2.1.332"
PROJECT_FILE = ".agentquill.json"
KEY = "claudeCode"

_VERSION = re.compile(r"^\d+(\.\d+){0,2}$")
SUBAGENTS_DOC = "https://code.claude.com/docs/en/sub-agents"
SEEN = f"seen with claude-load {PINNED} and its bundled agent-file parser"


@dataclass(frozen=True)
class Behaviour:
    """A behaviour of Claude Code that the lint follows only for targets that have it."""

    since: str  # the oldest version known to have it
    rests_on: str

    def in_version(self, target: str) -> bool:
        return parse(target) >= parse(self.since)


BEHAVIOURS: dict[str, Behaviour] = {
    # tools/disallowedTools as a YAML list: the agent schema takes an array (z.array(string));
    # older versions were reported to read a list as no tools (anthropics/claude-code#13331),
    # the version that fixed it is not in the changelog we could search
    "tools-list": Behaviour(PINNED, SEEN),
    # effort levels xhigh and max, and an integer effort (the parser's "low, medium, high,
    # xhigh, max or an integer")
    "effort-xhigh-max-int": Behaviour(PINNED, SEEN),
    # isolation: remote beside worktree
    "isolation-remote": Behaviour(PINNED, SEEN),
    # the agent-file fields 2.1.332 reads that older tables lacked; third-party notes name
    # 2.1.271 and 2.1.293 for omitClaudeMd, neither confirmed by a changelog we could read
    "fields-2.1.332": Behaviour(PINNED, SEEN),
}

#: agent-file keys known only from the versions that have ``BEHAVIOURS[...]``
FIELD_BEHAVIOUR = {
    key: "fields-2.1.332"
    for key in (
        "autoCompactWindow",
        "omitClaudeMd",
        "observer",
        "observerMessage",
        "observeSubagents",
        "observeToolResults",
        "experimental",
    )
}


def parse(version: str) -> tuple[int, ...]:
    """``"2.1.332"`` → ``(2, 1, 332)``; missing parts count as 0."""
    parts = tuple(int(p) for p in version.split("."))
    return parts + (0,) * (3 - len(parts))


def valid(version: str) -> bool:
    return bool(_VERSION.match(version.strip()))


def has(behaviour: str, target: str) -> bool:
    """Whether Claude Code ``target`` has ``behaviour`` (a key of :data:`BEHAVIOURS`)."""
    return BEHAVIOURS[behaviour].in_version(target)


def read_setting(root: str | Path) -> str | None:
    """The target named by ``root``'s project file, or None (no file, or none readable)."""
    try:
        data = json.loads(Path(root, PROJECT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = data.get(KEY) if isinstance(data, dict) else None
    return version.strip() if isinstance(version, str) and valid(version) else None


def write_setting(root: str | Path, version: str) -> None:
    """Record ``version`` in ``root``'s project file, keeping its other keys."""
    if not valid(version):
        raise ValueError(f"'{version}' is not a version such as {PINNED}")
    path = Path(root, PROJECT_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    data = data if isinstance(data, dict) else {}
    data[KEY] = version.strip()
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    clear_cache()


_FOUND: dict[str, str] = {}  # folder → the target that applies there


def target_for(path: str | Path | None) -> str:
    """The target of the file at ``path``: the nearest project file's, else :data:`PINNED`."""
    if path is None:
        return PINNED
    return _target_in(os.path.dirname(os.path.abspath(path)))


def _target_in(folder: str) -> str:
    """The target that applies in ``folder`` (found once per folder, up to the root)."""
    found = _FOUND.get(folder)
    if found is None:
        parent = os.path.dirname(folder)
        if os.path.isfile(os.path.join(folder, PROJECT_FILE)):
            found = read_setting(folder) or PINNED
        else:
            found = PINNED if parent == folder else _target_in(parent)
        _FOUND[folder] = found
    return found


def clear_cache() -> None:
    """Forget the targets found, after a project file changed."""
    _FOUND.clear()
