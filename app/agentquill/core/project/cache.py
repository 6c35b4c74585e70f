"""The on-disk cache of a project index: one marshal file per opened folder.

A record is a tuple whose first three items are the file's path, size and mtime_ns; the
index decides what follows. The file also remembers which markdown files are *not* agents
(path → size, mtime_ns), so a warm scan reads no file at all. A cache written by another
format version, AgentQuill version or Python, by core modules that changed since (lint
results may differ), for another target Claude Code version (the version-dependent rules
differ), for another folder, or one that does not load is ignored: the scan
simply reads the files again.

Layout: a header tuple, then the records in chunks, then the non-agent dict, which also
marks the end; each is one marshal value behind its length (``marshal.load`` from a file is
~20× slower than ``marshal.loads``), so neither writing nor reading holds the whole file.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from ... import __version__
from .. import claude_versions

FORMAT = 2
_MAGIC = "agentquill-index"
_CHUNK = 512

Record = tuple  # (path, size, mtime_ns, ...)


def cache_path(cache_dir: Path, root: Path, user_agents: Path | None = None) -> Path:
    """The cache file for a project opened at ``root`` (with ``user_agents`` or not)."""
    key = f"{os.path.abspath(root)}\0{os.path.abspath(user_agents) if user_agents else ''}"
    digest = hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return Path(cache_dir) / "projects" / f"{digest}.idx"


def _header(root: Path, width: int) -> tuple:
    target = claude_versions.read_setting(root) or claude_versions.PINNED
    return (_MAGIC, FORMAT, __version__, _code_stamp(), sys.version[:8], str(root), width, target)


def _code_stamp() -> tuple:
    """(module, mtime_ns) of every source of the core, its packages included: lint results may
    change within one version. (Plain os calls: Path.rglob took 1 ms, twice an opening.)"""
    core = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        return tuple(sorted(_sources(core, "")))
    except OSError:  # no sources (a frozen build): the version alone decides
        return ()


def _sources(folder: str, prefix: str) -> Iterator[tuple[str, int]]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py"):
                yield prefix + entry.name, entry.stat().st_mtime_ns
            elif entry.is_dir() and entry.name != "__pycache__":
                yield from _sources(entry.path, f"{prefix}{entry.name}/")


def load(
    path: Path, root: Path, width: int
) -> tuple[dict[str, Record], dict[str, tuple[int, int]]]:
    """(records by path, non-agent stamps by path); both empty when the cache is unusable.

    ``width`` is the record length the caller expects; any other length means another layout.
    """
    records: dict[str, Record] = {}
    try:
        with open(path, "rb") as fh:
            end = os.fstat(fh.fileno()).st_size
            if _read(fh, end) != _header(root, width):
                return {}, {}
            while type(chunk := _read(fh, end)) is tuple:
                for r in chunk:
                    if type(r) is not tuple or len(r) != width:
                        return {}, {}
                    records[r[0]] = r
        if type(chunk) is not dict:
            return {}, {}
        return records, chunk
    except (OSError, EOFError, ValueError, TypeError):
        return {}, {}


def save(
    path: Path,
    root: Path,
    width: int,
    records: Iterable[Record],
    others: dict[str, tuple[int, int]],
) -> None:
    """Write the cache through a temp file; a failure to write is not an error (only a cache).

    It stays private (``mkstemp`` makes it 0600): only this app reads it."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".index.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            _write(fh, _header(root, width))
            it = iter(records)
            while chunk := tuple(islice(it, _CHUNK)):
                _write(fh, chunk)
            _write(fh, others)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _write(fh: BinaryIO, value: object) -> None:
    data = marshal.dumps(value)
    fh.write(len(data).to_bytes(8, "little"))
    fh.write(data)


def _read(fh: BinaryIO, end: int) -> object:
    size = int.from_bytes(fh.read(8), "little")
    if size > end - fh.tell():
        raise EOFError("cache file cut short")
    return marshal.loads(fh.read(size))
