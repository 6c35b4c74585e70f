"""An open project: its index, built and refreshed on a worker thread, and what it watches.

The UI thread never touches the :class:`ProjectIndex`: every scan, refresh and cross-file
lint runs on one worker thread, in order, and the results come back as :class:`Entry`
objects. While the index is built, new entries arrive in batches (at most every
:data:`BATCH_SECONDS`); the UI thread takes them in order, every :data:`FEED_SECONDS`, as
many as it adds in about :data:`FEED_BUDGET` seconds, so the tree fills as files are found and
is laid out and painted a few times, not once per batch. The worker holds the GIL while it
parses; :data:`SWITCH_INTERVAL` bounds how long the UI thread waits for it on each Qt call.

It watches, through its share of the app's one file watcher (:mod:`agentquill.ui.watcher`),
the agents' folders (add, delete, rename) and files (edits in place), and the folders where a
new agents folder (or ``evals/`` folder) can appear: the project root, the tools' config
folders (``.claude``, ``.github``, ...) under it and under each folder holding one, plugin
roots, and the user's agents folder's parent. Changes are collected for :data:`DEBOUNCE_MS`
and passed to ``ProjectIndex.refresh``; the app passes the files it writes itself to
:meth:`ProjectSession.report`.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from itertools import islice
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from ...core.files import sweep_temps
from ...core.project import ProjectIndex, agent_locations
from ..watcher import FileWatcher

BATCH_SECONDS = 0.05
FEED_SECONDS = 0.05  # the tree takes new entries at most this often (the first at once)
FEED_BUDGET = 0.025  # seconds of UI-thread work per turn, to size the batches of entries
#: how soon a busy worker thread hands the GIL back, so the UI thread never waits long for it
SWITCH_INTERVAL = 0.001
DEBOUNCE_MS = 200
WATCH_CHUNK = 500  # files added to the watcher per event-loop turn
MAX_WATCHED_FILES = 50_000  # beyond this only folders are watched (add, delete, rename)
TOOL_SCOPES = ("project", "copilot", "opencode", "gemini")  # sources in a tool's agents folder


class _Worker(QObject):
    """Runs on the project's thread; owns the index. Each result is the name of a
    :class:`ProjectSession` signal and its arguments."""

    result = Signal(str, tuple)

    def __init__(self, index: ProjectIndex, cancel: threading.Event):
        super().__init__()
        self.index = index
        self.cancel = cancel

    @Slot()
    def scan(self) -> None:
        sent, due = 0, 0.0

        def progress(done: int, total: int) -> None:
            nonlocal sent, due
            now = time.monotonic()
            if now < due and done < total:
                return
            due = now + BATCH_SECONDS
            sent = self._send(sent)
            self.result.emit("progress", (done, total))

        try:
            self.index.scan(progress, self.cancel.is_set)
        except OSError as exc:
            self.result.emit("failed", (f"Cannot read {self.index.root}: {exc.strerror or exc}",))
            return
        except Exception as exc:  # a bug must not leave the tree waiting forever
            traceback.print_exc()
            self.result.emit("failed", (f"Indexing {self.index.root} failed: {exc}",))
            return
        if self.cancel.is_set():
            return
        for folder in {entry.path.parent for entry in self.index.entries.values()}:
            sweep_temps(folder)  # what killed saves left beside the agents
        self._send(sent)
        self.result.emit("scanned", ())
        self._problems()

    def _problems(self) -> None:
        """Emit the cross-file problems, then the agents and skills Claude Code registers
        (for the context budget), found on the way."""
        self.result.emit("problems", (self.index.problems(),))
        self.result.emit("registered", (list(self.index.agents), list(self.index.skills)))

    def _send(self, sent: int) -> int:
        """Emit the entries the index holds beyond the first ``sent``; returns how many are
        sent now."""
        entries = self.index.entries
        count = len(entries)
        if count > sent:
            self.result.emit("found", (list(islice(entries.values(), sent, count)),))
        return count

    @Slot(list)
    def refresh(self, paths: list[Path]) -> None:
        if self.cancel.is_set():
            return
        changes = self.index.refresh(paths)
        entries = self.index.entries
        added = [entries[p] for p in changes.added if p in entries]
        changed = [entries[p] for p in changes.changed if p in entries]
        if added or changed or changes.removed:
            self.result.emit("refreshed", (added, changed, list(changes.removed)))
            self._problems()


class ProjectSession(QObject):
    """The project at ``root``, watched through a share of ``watcher``: call :meth:`start`,
    then follow the signals; :meth:`close` cancels the work and stops the thread."""

    found = Signal(list)  # new entries while scanning
    progress = Signal(int, int)  # files done, total
    scanned = Signal()  # every entry found has been passed on (``done`` is now True)
    refreshed = Signal(list, list, list)  # added entries, changed entries, removed paths
    problems = Signal(list)  # ProjectProblem, after a scan or a refresh that changed something
    #: the budget.Agent and budget.Skill Claude Code registers, after each ``problems``
    registered = Signal(list, list)
    failed = Signal(str)
    _scan = Signal()
    _refresh = Signal(list)

    def __init__(
        self,
        root: Path,
        watcher: FileWatcher,
        cache_dir: Path | None = None,
        user_agents: Path | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.root = Path(root).resolve()
        self.done = False
        self._cancel = threading.Event()
        self._thread = QThread(self)
        self._thread.setObjectName("project.indexer")
        self._worker = _Worker(ProjectIndex(self.root, cache_dir, user_agents), self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._scan.connect(self._worker.scan)
        self._refresh.connect(self._worker.refresh)
        self._queue: list[tuple[str, tuple]] = []
        self._feed = QTimer(self, singleShot=True, timeout=self._feed_some)
        self._last_feed = 0.0
        self._chunk = 500  # entries per turn, adjusted to FEED_BUDGET as they are added
        self._worker.result.connect(self._post)
        self.watcher = watcher.watch(self)
        self.watcher.directoryChanged.connect(self._touched)
        self.watcher.fileChanged.connect(self._touched)
        self._pending: set[str] = set()
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self._flush)
        self._to_watch: list[str] = []
        self._files_watched = 0
        self._watch_timer = QTimer(self, interval=0, timeout=self._watch_some)
        self._locations: set[str] = set()  # agents folders, watched once they exist
        self._config_dirs: set[str] = set()  # watched only to see an agents folder appear
        self._agent_dirs: set[str] = set()  # folders of agents and sources: changes refreshed
        self._add_locations(self.root)
        self._tops = [self.root]  # what the index covers
        if user_agents is not None:
            user = Path(os.path.abspath(user_agents))
            self._tops.append(user)
            self._locations.add(str(user))
            self._config_dirs.add(str(user.parent))

    def start(self) -> None:
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        self._thread.start()
        self._watch_locations()
        self._scan.emit()

    def report(self, paths: list[Path]) -> None:
        """Refresh files the app itself created, changed or removed, now: the OS watcher tells
        later, and nothing at all about a folder that appeared since it last looked. Paths
        outside the project are not its business (each would cost a rescan)."""
        self._pending.update(str(p) for p in paths if any(p.is_relative_to(t) for t in self._tops))
        self._flush()

    def close(self) -> None:
        """Cancel the scan or refresh under way and wait for the thread to end."""
        self._cancel.set()
        self._feed.stop()
        self._debounce.stop()
        self._watch_timer.stop()
        self._thread.quit()
        self._thread.wait()
        self.watcher.clear()

    # --- results, in order ------------------------------------------------------------------
    @Slot(str, tuple)
    def _post(self, name: str, args: tuple) -> None:
        self._queue.append((name, args))
        if not self._feed.isActive():
            wait = self._last_feed + FEED_SECONDS - time.monotonic()
            self._feed.start(max(int(wait * 1000), 0))

    def _feed_some(self) -> None:
        """Pass on what the worker sent since the last turn, in order: the new entries as one
        batch of at most ``self._chunk`` (so the tree is laid out and painted once per
        turn), the latest progress, and the other results."""
        self._last_feed = time.monotonic()
        found: list = []
        progress = None
        while self._queue:
            name, args = self._queue[0]
            if name == "found":
                room = self._chunk - len(found)
                if room <= 0:
                    break
                found.extend(args[0][:room])
                if len(args[0]) > room:
                    self._queue[0] = (name, (args[0][room:],))
                    break
            del self._queue[0]
            if name == "progress":
                progress = args
            elif name != "found":
                if found:  # entries first: results refer to them
                    self._emit_found(found)
                    found = []
                if name == "refreshed":
                    self._watch_folders(args[0])
                elif name == "scanned":
                    self.done = True
                getattr(self, name).emit(*args)
        if found:
            self._emit_found(found)
        if progress is not None and not self.done:
            self.progress.emit(*progress)
        if self._queue:  # once the worker has finished, the next turn needs no pause
            finished = self._queue[-1][0] == "scanned"
            wait = 0 if finished else self._last_feed + FEED_SECONDS - time.monotonic()
            self._feed.start(max(int(wait * 1000), 0))

    def _emit_found(self, entries: list) -> None:
        """Pass on new entries, and size the next batch to take about FEED_BUDGET."""
        start = time.perf_counter()
        self._watch_folders(entries)
        self.found.emit(entries)
        per_entry = (time.perf_counter() - start) / len(entries)
        self._chunk = max(100, min(10_000, int(FEED_BUDGET / max(per_entry, 1e-6))))

    # --- watching ---------------------------------------------------------------------------

    def _watch_folders(self, entries: list) -> None:
        """Watch each new agent's folder and its source root (adds, deletes, renames), and
        queue its file (edits in place). A tool's folder (``sub/.claude/agents``) makes its
        project folder (``sub``) one whose other agents folders are watched for."""
        files = [str(e.path) for e in entries]
        sources = {e.source.label: e.source for e in entries}.values()
        folders = {os.path.dirname(f) for f in files} | {str(s.root) for s in sources}
        self._agent_dirs |= folders
        tools = [s.root for s in sources if s.scope in TOOL_SCOPES]
        bases = {r.parent.parent for r in tools if str(r) not in self._locations}
        for base in bases:
            self._add_locations(base)
        plugins = {s.root.parent for s in sources if s.scope == "plugin" and s.kind != "eval"}
        plugins = [root for root in plugins if self._add_evals(root)]
        new = [f for f in folders - set(self.watcher.directories()) if os.path.isdir(f)]
        if new:
            self.watcher.add(new)
        if bases or plugins:
            self._watch_locations()
        if self._files_watched + len(files) <= MAX_WATCHED_FILES:
            self._files_watched += len(files)
            self._to_watch.extend(files)
            self._watch_timer.start()

    def _watch_some(self) -> None:
        chunk, self._to_watch = self._to_watch[:WATCH_CHUNK], self._to_watch[WATCH_CHUNK:]
        if chunk:
            self.watcher.add(chunk)
        if not self._to_watch:
            self._watch_timer.stop()

    def _touched(self, path: str) -> None:
        self._pending.add(path)
        self._debounce.start()

    def _add_locations(self, base: Path) -> None:
        locations = agent_locations(base)
        self._locations.update(str(f) for f in locations)
        self._config_dirs.update({str(base)} | {str(f.parent) for f in locations})
        self._locations.add(str(base / "evals"))  # a project's cases, beside its .claude/

    def _add_evals(self, plugin: Path) -> bool:
        """Watch a plugin's root for its ``evals/`` folder to appear (the Delegation pane
        makes it with the first case); whether it was new."""
        if str(plugin / "evals") in self._locations:
            return False
        self._locations.add(str(plugin / "evals"))
        self._config_dirs.add(str(plugin))
        return True

    def _watch_locations(self) -> set[str]:
        """Watch the agents folders and config folders that exist but are not watched (new,
        or made again after a delete ended their watch); returns the agents folders among
        them."""
        watched = set(self.watcher.directories())
        new = [
            f for f in self._config_dirs | self._locations if f not in watched and os.path.isdir(f)
        ]
        if new:
            self.watcher.add(new)
        return self._locations.intersection(new)

    def _flush(self) -> None:
        """Refresh the changed paths and the agents folders that appeared; a change in a
        config folder alone (a README saved in the project root) is none of the index's
        business and is not passed on."""
        self._debounce.stop()
        appeared = self._watch_locations()
        ignored = self._config_dirs - self._agent_dirs
        paths, self._pending = sorted((self._pending | appeared) - ignored), set()
        if not paths:
            return
        watched = set(self.watcher.files())
        for path in paths:
            if Path(path).is_dir():  # a file created there may be read before it is written:
                new = [str(f) for f in Path(path).glob("*.md") if str(f) not in watched]
                if new:  # its watch sees the write
                    self.watcher.add(new)
            elif path not in watched and Path(path).is_file():
                self.watcher.add([path])  # editors that save by replacing a file end its watch
        self._refresh.emit([Path(p) for p in paths])
