"""A project's index: one compact :class:`Entry` per agent file, kept current and cached.

``ProjectIndex.scan()`` discovers the files (core/project.py), parses and lints each with the
core, and keeps only what the project tree and the cross-file rules need: no full texts. A
lowercased copy of each body (UTF-8) is kept for search while the copies fit :data:`BODY_BUDGET`;
beyond it :meth:`Entry.matches` reads the file. The cache (:mod:`.cache`) is keyed by
path, size and mtime_ns, so a warm scan only walks and stats. Plain Python: scan, refresh and
problems may run on a worker thread (one at a time); a scan fills a new ``entries`` dict as it
goes, a refresh replaces ``entries`` in one assignment.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import dialects
from ..agentfile import AgentFile
from ..lint import lint
from ..text import DecodeError, decode
from . import budget
from . import cache as index_cache
from .crosslint import check
from .discovery import (
    Sniffer,
    Source,
    discover_paths,
    looks_like_agent,
    may_be_agent,
    named_as_agent,
)
from .entry import RECORD_WIDTH, Entry, ProjectProblem, entry_for, unreadable_entry

#: bytes of lowercased body text (UTF-8: compact, and substring search still works) kept in
#: memory for search, over all entries; past it a search reads the remaining files
BODY_BUDGET = 32_000_000


@dataclass
class Changes:
    added: list[Path]
    changed: list[Path]
    removed: list[Path]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


class ProjectIndex:
    """The agent files of one opened folder (plus, optionally, the user's agents folder)."""

    def __init__(self, root: Path, cache_dir: Path | None = None, user_agents: Path | None = None):
        self.root = Path(os.path.abspath(root))
        self.user_agents = Path(os.path.abspath(user_agents)) if user_agents else None
        self.cache_file = (
            index_cache.cache_path(cache_dir, self.root, self.user_agents) if cache_dir else None
        )
        #: the discovered groups, set before files are read (a tree can show them early)
        self.sources: list[tuple[Source, list[Path]]] = []
        self.entries: dict[Path, Entry] = {}
        self._non_agents: dict[str, tuple[int, int]] = {}
        self._body_bytes = 0
        self._sniffer = Sniffer(0)  # the bytes discovery read, for the scan that follows
        #: the agents and skills Claude Code registers, found again by each :meth:`problems`
        self.agents: list[budget.Agent] = []
        self.skills: list[budget.Skill] = []

    # --- scanning ----------------------------------------------------------------------------
    def scan(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        """Discover, read, parse and lint every agent file (cache hits are not read).

        ``entries`` becomes a new dict that fills as files are read; ``progress(done, total)``
        is called once after discovery (``done`` = 0), then whenever 128 more entries are in,
        and at the end, on the scanning thread. A cancelled scan leaves the entries read so
        far and writes no cache.
        """
        records: dict[str, tuple] = {}
        if self.cache_file is not None:
            records, self._non_agents = index_cache.load(self.cache_file, self.root, RECORD_WIDTH)
        self._sniffer = Sniffer()
        agents = {k: (r[1], r[2]) for k, r in records.items()}
        probe = _Probe(agents, self._non_agents, self._sniffer)
        dialects.clear_cache()
        found = discover_paths(self.root, self.user_agents, probe.is_agent)
        self.sources = [(source, [Path(f) for f in files]) for source, files in found]
        total = sum(len(files) for _, files in found)
        self.entries = entries = {}
        self._body_bytes = done = read = 0
        if progress is not None:
            progress(0, total)
        for (source, keys), (_, paths) in zip(found, self.sources, strict=True):
            for key, path in zip(keys, paths, strict=True):
                if cancelled is not None and cancelled():
                    self._sniffer = Sniffer(0)
                    return
                stamp = probe.stats.get(key)
                cached = records.get(key)
                if (
                    cached is not None
                    and stamp == (cached[1], cached[2])
                    and (cached[3], cached[4]) == (source.scope, source.plugin)
                ):
                    entry = Entry.from_record(cached, path, source, self._fits(cached[16]))
                else:
                    entry = self._read(path, source, stamp, key)
                    read += 1
                entries[path] = entry
                done += 1
                if progress is not None and (done % 128 == 0 or done == total):
                    progress(done, total)
        self._sniffer = Sniffer(0)
        unchanged = not read and len(entries) == len(records)
        if not unchanged or probe.non_agents != self._non_agents:
            self._non_agents = probe.non_agents
            self.save_cache()

    def save_cache(self) -> None:
        """Write the cache (the index does it after each scan and refresh)."""
        if self.cache_file is None:
            return
        records = (e.record() for e in self.entries.values())
        index_cache.save(self.cache_file, self.root, RECORD_WIDTH, records, self._non_agents)

    def _fits(self, body: bytes | None) -> bool:
        if body is None or self._body_bytes + len(body) > BODY_BUDGET:
            return False
        self._body_bytes += len(body)
        return True

    def _read(
        self, path: Path, source: Source, stamp: tuple[int, int] | None, key: str | None = None
    ) -> Entry:
        """Read, parse and lint one file; an unreadable file is an entry with one error.

        ``key`` is ``str(path)`` when the caller has it (a scan of 10,000 files saves time).
        """
        key = key or str(path)
        try:
            data = self._sniffer.take(key) if stamp is not None else None
            if data is None:
                with open(key, "rb") as fh:
                    data = fh.read()
                    st = os.fstat(fh.fileno())
                    stamp = (st.st_size, st.st_mtime_ns)
            doc = decode(data)
        except DecodeError as exc:
            where = f"line {exc.line}, column {exc.column} (byte {exc.offset})"
            return unreadable_entry(path, source, stamp, f"Not valid UTF-8 at {where}")
        except OSError as exc:
            return unreadable_entry(
                path, source, stamp, f"Cannot read the file: {exc.strerror or exc}"
            )
        agent = AgentFile(doc, key)
        try:
            found = lint(agent)
        except Exception as exc:  # a bug on one file must not keep a whole project closed
            problem = f"AgentQuill failed to check this file ({type(exc).__name__}: {exc})"
            return unreadable_entry(path, source, stamp, problem)
        body = agent.parsed.body.lower().encode()
        return entry_for(path, source, agent, found, stamp, body if self._fits(body) else None)

    # --- keeping current ---------------------------------------------------------------------
    def refresh(self, paths: Iterable[Path]) -> Changes:
        """Bring the index up to date after files or folders changed on disk.

        Changed, added and deleted agent files in folders the index already knows are handled
        one by one; anything else (a new or deleted folder, a manifest) re-runs discovery,
        which stats every file but reads only new and changed ones.
        """
        paths = [Path(os.path.abspath(p)) for p in paths]
        folders = {p.parent: e.source for p, e in self.entries.items()}
        if all(
            p.parent in folders and may_be_agent(p) and (p in self.entries or p.is_file())
            for p in paths
        ):
            changes = self._refresh_files(paths, folders)
        else:
            changes = self._rediscover()
        if changes:
            self.save_cache()
        return changes

    def _refresh_files(self, paths: list[Path], folders: dict[Path, Source]) -> Changes:
        changes = Changes([], [], [])
        entries = dict(self.entries)
        for path in dict.fromkeys(paths):
            old = entries.get(path)
            stamp = _stamp(path)
            if stamp is None or not (
                looks_like_agent(path) or named_as_agent(folders[path.parent], path.name)
            ):
                if old is not None:
                    self._forget(entries.pop(path))
                    changes.removed.append(path)
                continue
            if old is not None and (old.size, old.mtime_ns) == stamp:
                continue
            if old is not None:
                self._forget(old)
            entries[path] = self._read(path, folders[path.parent], stamp)
            (changes.changed if old is not None else changes.added).append(path)
        self.entries = entries
        return changes

    def _rediscover(self) -> Changes:
        known = {str(p): (e.size, e.mtime_ns) for p, e in self.entries.items()}
        self._sniffer = Sniffer()
        probe = _Probe(known, self._non_agents, self._sniffer)
        dialects.clear_cache()
        sources = [
            (source, [Path(f) for f in files])
            for source, files in discover_paths(self.root, self.user_agents, probe.is_agent)
        ]
        changes = Changes([], [], [])
        entries: dict[Path, Entry] = {}
        for source, files in sources:
            for path in files:
                old = self.entries.get(path)
                stamp = probe.stats.get(str(path))
                if old is not None and old.source == source and stamp == (old.size, old.mtime_ns):
                    entries[path] = old
                    continue
                if old is not None:
                    self._forget(old)
                entries[path] = self._read(path, source, stamp)
                (changes.changed if old is not None else changes.added).append(path)
        for path, old in self.entries.items():
            if path not in entries:
                self._forget(old)
                changes.removed.append(path)
        self.sources, self.entries, self._sniffer = sources, entries, Sniffer(0)
        self._non_agents = probe.non_agents
        return changes

    def _forget(self, entry: Entry) -> None:
        if entry.body is not None:
            self._body_bytes -= len(entry.body)

    # --- cross-file rules --------------------------------------------------------------------
    def problems(self) -> list[ProjectProblem]:
        """Cross-file lint over the current entries (core/crosslint.py) and the agents and
        skills Claude Code registers (kept in :attr:`agents` and :attr:`skills`)."""
        entries = list(self.entries.values())
        self.agents, self.skills = budget.registered(self.root, self.user_agents, entries)
        return check(entries, budget.budget(self.agents, self.skills))


class _Probe:
    """Decides which files are agents, from the cache when size and mtime still match."""

    def __init__(
        self,
        agents: dict[str, tuple[int, int]],
        non_agents: dict[str, tuple[int, int]],
        sniff: Callable[[str], bool],
    ):
        self.agents = agents  # path → (size, mtime_ns) of files known to be agents
        self.sniff = sniff
        self.cached_non_agents = non_agents
        self.non_agents: dict[str, tuple[int, int]] = {}
        self.stats: dict[str, tuple[int, int]] = {}

    def is_agent(self, key: str) -> bool:
        if not may_be_agent(key):
            return False
        stamp = _stamp(key)
        if stamp is None:
            return False
        self.stats[key] = stamp
        if self.agents.get(key) == stamp:
            return True
        if self.cached_non_agents.get(key) == stamp:
            self.non_agents[key] = stamp
            return False
        if self.sniff(key):
            return True
        self.non_agents[key] = stamp
        return False


def _stamp(path: str | Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
