"""What Claude Code registers from a project or a plugin, file by file, beside our prediction.

A headless start-up's init message (:class:`~.messages.Init`) lists the *names* of the agents,
skills and slash commands Claude Code registered, not the files they came from. We map them
back through our prediction (:func:`agentquill.core.inventory.combined`), which says which file
each name comes from and which file wins a name that several claim:

- a file we predict registered under NAME is registered when NAME is in the list of its kind.
  The list holds a shared name once and cannot say which file won it, so the winner is our
  prediction's, and the others "lose a clash" to it;
- a listed name that no predicted file registers is given to a file we predicted under another
  name when it is that file's stem (a plugin agent whose name Claude Code refused), else to a
  file we predicted skipped that claims it (the last in path order, as in a clash);
- a name a *baseline* start-up also lists (the same Claude Code in an empty folder: its own
  agents, skills and commands, the user's and their plugins') is never given to a skipped
  file: it is not this project's.

Each disagreement is an :data:`CODE` problem. Claude Code runs as the user runs it: their HOME
and settings, every setting source (``--setting-sources`` without ``project`` would load no
project agent at all, seen with 2.1.332), a plugin folder with ``--plugin-dir``; but without
the project's hooks and MCP servers, and with no session or memory folder left in ``~/.claude``
(:data:`UNTOUCHED`). It is ended as soon as it has said what it registers, before the prompt
would reach the model and spend the user's tokens. Its answer is kept on disk under
:func:`cache_key`, so an unchanged project is not run again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .. import inventory
from ..frontmatter import parse
from ..lint import RULES
from ..project import ProjectProblem
from ..words import plural
from .messages import Init, parse_line
from .run import arguments, start_up

#: the problem of a file Claude Code registers otherwise than we predicted
CODE = "AQ430"
#: the init message's list of each kind
LISTS = {"agent": "agents", "skill": "skills", "command": "slash_commands"}
#: files besides the agents, skills and commands that change what loads
SETTINGS = (
    ".claude/settings.json",
    ".claude/settings.local.json",
    ".claude/plugins/installed_plugins.json",
    ".claude-plugin/plugin.json",
)
_KEPT = 64  # cached answers kept on disk, the newest
#: no hook runs (a SessionStart hook would, before the init message), no MCP server starts,
#: and no session or auto-memory folder is written under ``~/.claude/projects``
UNTOUCHED = (
    "--settings",
    '{"disableAllHooks": true, "autoMemoryEnabled": false}',
    "--strict-mcp-config",
    "--no-session-persistence",
)


@dataclass(frozen=True)
class Registration:
    """One file's registration as one kind: ``name`` as Claude Code registers it ("" when it
    does not), ``expected`` as we predicted it ("" when we predicted it skipped), ``winner``
    the file that takes its name when it loses a clash, ``reason`` our prediction's."""

    file: Path
    kind: str
    name: str
    expected: str
    winner: str = ""
    reason: str = ""

    @property
    def agrees(self) -> bool:
        return self.name == self.expected

    def summary(self) -> str:
        """What a row says: ``registered as p:alpha``, ``loses a clash to b.md``, …"""
        if self.name:
            return f"registered as {self.name}"
        if self.winner:
            return f"loses a clash to {Path(self.winner).name}"
        return "not registered by Claude Code"

    def disagreement(self, version: str) -> str:
        """The problem's message ("" when Claude Code does as we predicted)."""
        said = f"Claude Code {version}"
        if self.agrees:
            return ""
        if not self.name:
            return f"{said} does not register this file; our lint expected it to"
        if not self.expected:
            why = f" ({self.reason})" if self.reason else ""
            return f"{said} registers this file as {self.name}; our lint expected it not to{why}"
        return f"{said} registers this file as {self.name}; our lint expected {self.expected}"


@dataclass
class Report:
    """A check's answer: the registration of each file (its :func:`primary` one), every
    disagreement as a problem, and ``problem`` (one line) when Claude Code gave no answer
    (the registrations are then our prediction's, as when ``version`` is "")."""

    version: str = ""
    registrations: list[Registration] = field(default_factory=list)
    problem: str = ""

    @property
    def files(self) -> dict[Path, Registration]:
        by_file: dict[Path, list[Registration]] = {}
        for r in self.registrations:
            by_file.setdefault(r.file, []).append(r)
        return {path: primary(found) for path, found in by_file.items()}

    @property
    def problems(self) -> list[ProjectProblem]:
        severity = RULES[CODE].severity.value
        return [
            ProjectProblem(CODE, severity, message, r.file, 1)
            for r in self.registrations
            if (message := r.disagreement(self.version))
        ]

    def headline(self) -> str:
        """``Claude Code 2.1.332 registers 41 agents · 3 skills`` (the kinds it registers)."""
        counts = {kind: 0 for kind in LISTS}
        for r in self.registrations:
            counts[r.kind] += bool(r.name)
        shown = [plural(n, kind) for kind, n in counts.items() if n] or ["nothing here"]
        return f"Claude Code {self.version} registers {' · '.join(shown)}"


def primary(found: list[Registration]) -> Registration:
    """The registration a file's row shows: a disagreement first, then one that registers
    (a skill's before the slash command it also is)."""
    return min(found, key=lambda r: (r.agrees, not r.name))


def layout_of(root: Path) -> str:
    """``plugin`` or ``project``: how Claude Code is pointed at ``root``."""
    return "plugin" if inventory.detect_layout(root) == "plugin" else "project"


def prediction(root: Path, user: Path | None = None) -> list[inventory.Entry]:
    """Our prediction for ``root`` (a plugin with the project it may hold), with the user's
    folder ``user`` (``~/.claude``) loaded beside it when given."""
    places: list[tuple[Path, str | None]] = []
    if layout_of(root) == "plugin":
        places += [(root, "project")] if (root / ".claude").is_dir() else []
    places.append((root, layout_of(root)))
    if user is not None and user.is_dir():
        places.append((user, "user"))
    return inventory.combined(places)


def run_arguments(root: Path | None = None) -> list[str]:
    """A start-up in ``root`` (None: the baseline's empty folder) with a plugin loaded when
    ``root`` is one, and the project's hooks and MCP servers left alone: a check runs on every
    save, unasked (with 2.1.332 these switches change nothing of what registers)."""
    plugin = [root] if root is not None and layout_of(root) == "plugin" else []
    return arguments(plugin_dirs=plugin, extra=UNTOUCHED)


def predicted(root: Path, user: Path | None = None) -> Report:
    """Our prediction alone, as a report that agrees with itself: what the tree shows while
    there is no Claude Code to ask."""
    try:
        return _predicted(prediction(root, user))
    except (OSError, ValueError) as error:
        return Report(problem=_unreadable(root, error))


def _predicted(entries: list[inventory.Entry], problem: str = "") -> Report:
    winners = _winners(entries)
    found = [
        Registration(Path(e.file), e.kind, name, name, winner, e.reason)
        for e in entries
        for name in [e.name if e.registered else ""]
        for winner in ["" if e.registered else winners.get((e.kind, e.name), "")]
    ]
    return Report(registrations=found, problem=problem)


def _winners(entries: list[inventory.Entry]) -> dict[tuple[str, str], str]:
    """(kind, name) → the file that registers it, by our prediction."""
    return {(e.kind, e.name): e.file for e in entries if e.registered}


def _unreadable(root: Path, error: Exception) -> str:
    return f"Cannot read {root}: {getattr(error, 'strerror', None) or error}"


def compare(entries: list[inventory.Entry], init: Init, baseline: Init | None = None) -> Report:
    """Each entry of our prediction as Claude Code registered it, by the rules of the module's
    docstring."""
    said = {kind: set(getattr(init, attr)) for kind, attr in LISTS.items()}
    winners = _winners(entries)
    free = {kind: set(names) for kind, names in said.items()}
    for kind, name in winners:
        free[kind].discard(name)
    if baseline is not None:
        for kind, attr in LISTS.items():
            free[kind] -= set(getattr(baseline, attr))
    found: dict[int, Registration] = {}
    for i, e in enumerate(entries):
        if not e.registered:
            continue
        name = e.name if e.name in said[e.kind] else ""
        other = _stem_name(e)
        if not name and other in free[e.kind]:
            name = other
            free[e.kind].discard(other)
        found[i] = Registration(Path(e.file), e.kind, name, e.name, reason=e.reason)
    for i in reversed(range(len(entries))):
        e = entries[i]
        if e.registered:
            continue
        claimed = e.name or (_written_name(e) if free[e.kind] else "")
        name = claimed if claimed in free[e.kind] else ""
        free[e.kind].discard(name)
        winner = winners.get((e.kind, e.name), "") if e.name else ""
        found[i] = Registration(Path(e.file), e.kind, name, "", winner, e.reason)
    return Report(init.version, [found[i] for i in sorted(found)])


def _written_name(entry: inventory.Entry) -> str:
    """The ``name`` an agent we predicted without frontmatter writes anyway, read leniently
    (its opening ``---`` after a blank line): the name Claude Code would list if it read it."""
    if entry.kind != "agent":
        return ""
    try:
        text = Path(entry.file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    fm = parse(text.lstrip()).frontmatter
    name = fm.values().get("name") if fm is not None and not fm.not_mapping else None
    return name if isinstance(name, str) else ""


def _stem_name(entry: inventory.Entry) -> str:
    """The name a plugin agent falls back to, its path below ``agents/`` (``p:sub:x``)."""
    parts = PurePosixPath(Path(entry.file).as_posix()).parts
    if entry.kind != "agent" or entry.scope != "plugin" or "agents" not in parts[:-1]:
        return ""
    top = len(parts) - parts[::-1].index("agents")
    prefix = entry.name.partition(":")[0]
    return ":".join([prefix, *parts[top:-1], PurePosixPath(parts[-1]).stem])


def cache_key(claude: str, root: Path, entries: list[inventory.Entry], home: Path) -> str:
    """A digest of what decides the answer: the Claude Code (its path, size and time), where
    it runs, and the content of every agent, skill and command file and of the settings and
    manifests that change what loads (the project's and ``home``'s)."""
    digest = hashlib.sha256()
    try:
        stat = os.stat(claude)
        digest.update(f"{claude}\0{stat.st_size}\0{stat.st_mtime_ns}\0{root}\0".encode())
    except OSError:
        digest.update(f"{claude}\0?\0{root}\0".encode())
    files = {Path(e.file) for e in entries}
    files |= {root / name for name in SETTINGS} | {home / name for name in SETTINGS[:3]}
    for path in sorted(files):
        digest.update(os.fsencode(path) + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"-")
    return digest.hexdigest()


def check(
    claude: str,
    root: Path,
    user: Path | None = None,
    env: Mapping[str, str] | None = None,
    cache: Path | None = None,
) -> Report:
    """Run Claude Code's start-up for ``root`` (and, once per Claude Code and user folder, in
    an empty folder for the baseline) and compare what it registers with our prediction.
    Answers come from ``cache`` (a folder) when their :func:`cache_key` is there. Blocking:
    call it off the UI thread."""
    home = Path((os.environ if env is None else env).get("HOME") or Path.home())
    try:
        entries = prediction(root, user)
    except (OSError, ValueError) as error:
        return Report(problem=_unreadable(root, error))
    key = cache_key(claude, root, entries, home)
    init, problem = _start_up(claude, root, run_arguments(root), env, cache, key)
    if init is None:
        return _predicted(entries, problem)
    user_home = home / ".claude"
    own = inventory.combined([(user_home, "user")]) if user_home.is_dir() else []
    with tempfile.TemporaryDirectory(prefix="agentquill-baseline-") as empty:
        base_key = cache_key(claude, Path("/"), own, home)
        baseline, _ = _start_up(claude, Path(empty), run_arguments(), env, cache, base_key)
    return compare(entries, init, baseline)


def _start_up(
    claude: str,
    folder: Path,
    args: list[str],
    env: Mapping[str, str] | None,
    cache: Path | None,
    key: str,
) -> tuple[Init | None, str]:
    """The init message of a start-up in ``folder`` (cached under ``key``), or why none."""
    kept = cache / f"{key}.json" if cache is not None else None
    if kept is not None and kept.is_file():
        try:
            message = parse_line(kept.read_text(encoding="utf-8"))
        except (OSError, UnicodeError):  # unreadable: asked again, and kept anew
            message = None
        if isinstance(message, Init):
            return message, ""
    outcome = start_up(claude, folder, args, env, until_init=True)
    init = outcome.init
    if init is None:
        return None, outcome.problem
    if kept is not None:
        _keep(kept, json.dumps(init.raw, ensure_ascii=False))
    return init, ""


def _keep(path: Path, text: str) -> None:
    """Write a cached answer, and drop all but the newest :data:`_KEPT`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        old = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
        for stale in old[:-_KEPT]:
            stale.unlink()
    except OSError:
        pass  # a cache that cannot be written only costs a run next time
