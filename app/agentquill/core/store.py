"""Saving files safely: atomic writes, external-change stamps, recovery of unsaved work."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import stat
import time
from dataclasses import dataclass
from pathlib import Path


def atomic_write(path: str | Path, data: bytes, *, private: bool = False) -> None:
    """Write ``data`` to ``path`` through a synced temp file in the same folder, then replace.

    An existing file keeps its permission bits (its copy is 0600 until it takes them, so no one
    else reads a private file meanwhile). A new one gets what any new file gets, 0666 less the
    umask, or 0600 when ``private`` (the app's own state, such as unsaved work). A failure
    leaves the original untouched.
    """
    path = Path(path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = _new_temp(path, 0o600 if private or mode is not None else 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _new_temp(path: Path, mode: int) -> tuple[int, Path]:
    """A new temp file beside ``path``, opened for writing.

    Not ``mkstemp``: it creates 0600, which the rename would hand on to every new file. Asking
    the kernel for ``mode`` lets it apply the umask (or the folder's default ACL) as it does for
    any new file, without reading the umask: ``os.umask`` can only be read by setting it, for
    the whole process, which would race with files other threads create meanwhile.
    """
    tmp = path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp"  # O_EXCL: never a link
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.open(tmp, flags, mode), tmp


@dataclass(frozen=True)
class DiskStamp:
    """What a file looked like on disk when we last read or wrote it."""

    mtime_ns: int
    size: int
    digest: str

    @classmethod
    def of(cls, path: str | Path, data: bytes | None = None) -> DiskStamp | None:
        try:
            st = Path(path).stat()
            if data is None:
                data = Path(path).read_bytes()
        except OSError:
            return None
        return cls(st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest())

    def changed(self, path: str | Path) -> bool:
        """True when the file's bytes now differ (a touch without a change is not a change)."""
        try:
            st = Path(path).stat()
        except OSError:
            return True
        if (st.st_mtime_ns, st.st_size) == (self.mtime_ns, self.size):
            return False
        now = DiskStamp.of(path)
        return now is None or now.digest != self.digest


@dataclass(frozen=True)
class Recovered:
    key: str
    path: str | None
    text: str
    saved_at: float


class RecoveryStore:
    """Unsaved buffers, autosaved to a folder so a crash loses nothing."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def save(self, key: str, path: str | None, text: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {"path": path, "text": text, "saved_at": time.time()}
        atomic_write(self.folder / f"{key}.json", json.dumps(data).encode(), private=True)

    def discard(self, key: str) -> None:
        with contextlib.suppress(OSError):
            (self.folder / f"{key}.json").unlink()

    def pending(self) -> list[Recovered]:
        """Buffers left behind by a session that did not close cleanly, newest first."""
        found = []
        for file in sorted(self.folder.glob("*.json")):
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
                found.append(
                    Recovered(
                        file.stem, data.get("path"), data["text"], float(data.get("saved_at", 0))
                    )
                )
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return sorted(found, key=lambda r: r.saved_at, reverse=True)
