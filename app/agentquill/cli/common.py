"""What every command shares: exit codes, the one error line, reading a file, the one walk of
the paths named."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import NamedTuple

from ..core.agentfile import AgentFile
from ..core.project import Sniffer, Source, discover_paths
from ..core.text import DecodeError, decode


class Parser(argparse.ArgumentParser):
    """Usage errors exit 2 with one line (not in the package face: the app's start-up reads
    the command names there, without ``argparse``)."""

    def error(self, message: str) -> None:
        self.exit(Exit.USAGE, f"{self.prog}: error: {message}\n")


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2


def failure(exc: BaseException, path: object = None, within: object = None) -> str:
    """The one line that says what failed and where: ``error: PATH: cause``.

    ``path`` is the file the command was working on; it names the failure rather than a temp
    copy or folder the error names (which is used when there is no ``path``). ``within`` is
    the folder being written, named when neither names anything (a failed write or sync).
    """
    cause = exc.__cause__ if isinstance(exc.__cause__, OSError) else None
    if isinstance(exc, OSError) or cause is not None:
        os_error = cause if cause is not None else exc
        assert isinstance(os_error, OSError)
        where = path or os_error.filename or within
        reason = os_error.strerror or str(os_error)
    elif isinstance(exc, RecursionError):
        where, reason = path, "nested too deep to read"
    else:
        where, reason = path, str(exc)
    return f"error: {where}: {reason}" if where is not None else f"error: {reason}"


def err(message: str) -> None:
    print(message, file=sys.stderr)


def load(
    path: Path | str, dialect: str | None = None, data: bytes | None = None
) -> AgentFile | None:
    """The file (from ``data`` when already read), or None after printing a one-line error
    that says what and where."""
    try:
        if data is not None:
            return AgentFile(decode(data), path, dialect)
        return AgentFile.read(path, dialect)
    except DecodeError as exc:
        err(f"{path}:{exc.line}:{exc.column}: error: not valid UTF-8 (byte {exc.offset})")
    except FileNotFoundError:
        err(f"error: {path}: no such file or folder")
    except IsADirectoryError:
        err(f"error: {path}: is a folder")
    except OSError as exc:
        err(failure(exc, path))
    return None


class Found(NamedTuple):
    """A file a command works on: its path as the user wrote it, its absolute path, and the
    source it was found in (None for a file named directly)."""

    shown: str
    path: str
    source: Source | None


def walk(paths: Sequence[str], sniffer: Sniffer) -> list[Found] | None:
    """The files named and the agent files found in the folders named, by the project's own
    discovery: every command visits the files lint reads. ``sniffer`` keeps the bytes of the
    agent files discovery opened."""
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        err(f"error: {p}: no such file or folder")
    if missing:
        return None
    found: list[Found] = []
    for raw in paths:
        if not os.path.isdir(raw):
            found.append(Found(raw, os.path.abspath(raw), None))
            continue
        top = os.path.abspath(raw)
        given = raw.rstrip("/\\") or raw
        for source, files in discover_paths(Path(top), is_agent=sniffer):
            found += [Found(given + f[len(top) :], f, source) for f in files]
    return found


def walked_paths(paths: Sequence[str]) -> list[Path] | None:
    """The files of :func:`walk`, as the user wrote them (None when a path is missing)."""
    found = walk(paths, Sniffer())
    return None if found is None else [Path(f.shown) for f in found]
