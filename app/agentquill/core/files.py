"""Files on disk: atomic writes, external-change stamps, recovery of unsaved work, and the
folders no agent lives in."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

#: folders of tools, caches and builds, never of the user's agents: not walked
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "env",
        "__pycache__",
        ".tox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "dist",
        "build",
        "site-packages",
    }
)

#: our temp files, ``.NAME.<16 hex>.tmp``: the only names :func:`sweep_temps` removes
TEMP_NAME = re.compile(r"\.(.+)\.[0-9a-f]{16}\.tmp", re.DOTALL)
#: a temp file younger than this may belong to a save still running (ours or another process's)
STALE_AFTER = 60.0
_MAX_LINKS = 40  # as Linux's limit on a chain of symbolic links


def atomic_write(path: str | Path, data: bytes, *, private: bool = False) -> None:
    """Write ``data`` to ``path`` through a synced temp file in the same folder, then replace.

    A symbolic link is written through: the file it points to (at the end of a chain; a
    relative link read from the link's folder; a dangling link makes its target) gets the new
    bytes and the link stays a link. The temp sits beside that file, so the rename stays on one
    file system. An existing file keeps its permission bits, its owner where we may set it and
    its extended attributes (ACLs, labels); its copy is 0600 until it takes them, so no one
    else reads a private file meanwhile. A new file gets what any new file gets, 0666 less the
    umask, or 0600 when ``private`` (the app's own state, such as unsaved work). The file and
    then its folder are synced, so the new name survives a power cut. A failure leaves the
    original untouched.

    A file with other hard links is written in place once its complete copy is synced, so
    every name shows the new text (a rename would leave the others on the old text, unseen,
    and a refusal would leave the user no way to save). That last write is not atomic: if it
    fails, the copy stays beside the file and the error names it, and :func:`sweep_temps` keeps
    copies beside such a file.

    Temp files that a killed save left in the folder go first (:func:`sweep_temps`).
    """
    target = _link_target(Path(path))
    sweep_temps(target.parent)
    try:
        old = target.stat()
    except FileNotFoundError:
        old = None
    linked = old is not None and old.st_nlink > 1
    fd, tmp = _new_temp(target, 0o600 if private or old is not None else 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if old is not None and not linked:
            _take_metadata(tmp, target, old)
        if not linked:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if linked:
        _write_in_place(target, data, tmp)
    _sync_folder(target.parent)


def sweep_temps(folder: str | Path, older_than: float = STALE_AFTER) -> int:
    """Remove the temp files killed saves left in ``folder``; how many went. Never raises.

    Only regular files named as ours (``.NAME.<16 hex>.tmp``) and untouched for ``older_than``
    seconds (a younger one may be a save still running, in another process too). A copy beside
    a file with other hard links stays: it may be the only whole copy of an in-place write
    that did not finish. One ``scandir``, cheap enough for every save and every open.
    """
    removed = 0
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            found = name.endswith(".tmp") and TEMP_NAME.fullmatch(name)
            if not found:
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                if now - entry.stat(follow_symlinks=False).st_mtime < older_than:
                    continue
                if os.lstat(os.path.join(folder, found.group(1))).st_nlink > 1:
                    continue
            except FileNotFoundError:
                pass  # the file itself is gone: its copy is debris all the same
            except OSError:
                continue
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    return removed


def _link_target(path: Path) -> Path:
    """The file a chain of symbolic links ends at (``path`` itself when it is no link); ELOOP
    when the chain goes round. Only the last name is followed: a linked folder on the way is
    the same folder to the kernel."""
    for _ in range(_MAX_LINKS):
        if not path.is_symlink():
            return path
        path = path.parent / os.readlink(path)  # an absolute target replaces the folder
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))


def _take_metadata(tmp: Path, target: Path, old: os.stat_result) -> None:
    """Give the copy the owner, mode and extended attributes of the file it replaces.

    The owner first, as a chown clears set-id bits. Only root may give a file to someone else
    and only to a group we are in, so we try both, then the group alone, then leave it. The
    extended attributes last, as a POSIX ACL sets the group bits too; one that the file system
    or our rights refuse (a ``security.*`` label, say) is skipped.
    """
    if hasattr(os, "chown") and (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
        for uid in (old.st_uid, -1):
            try:
                os.chown(tmp, uid, old.st_gid)
                break
            except PermissionError:
                continue
    os.chmod(tmp, stat.S_IMODE(old.st_mode))
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(target)
    except OSError:  # no xattrs on this file system
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(tmp, name, os.getxattr(target, name))


def _write_in_place(target: Path, data: bytes, copy: Path) -> None:
    """Overwrite a hard-linked file in place (the inode, its owner, mode and attributes stay);
    ``copy`` holds the same bytes, synced, and stays if the write fails part-way."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(copy)
        raise
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        reason = f"{exc.strerror or exc}; the new text is kept in {copy}"
        raise OSError(exc.errno, reason, str(target)) from exc
    os.unlink(copy)


def _sync_folder(folder: Path) -> None:
    """Sync ``folder``, so the rename in it reaches the disk; skipped where folders cannot be
    opened (Windows) or synced (some network file systems)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno == errno.EIO:  # the disk failed: the save may not last
            raise
    finally:
        os.close(fd)


def _new_temp(path: Path, mode: int) -> tuple[int, Path]:
    """A new temp file beside ``path``, opened for writing.

    Not ``mkstemp``: it creates 0600, which the rename would hand on to every new file. Asking
    the kernel for ``mode`` lets it apply the umask (or the folder's default ACL) as it does for
    any new file, without reading the umask: ``os.umask`` can only be read by setting it, for
    the whole process, which would race with files other threads create meanwhile.
    """
    tmp = path.parent / f".{path.name}.{os.urandom(8).hex()}.tmp"  # O_EXCL: never a link
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.open(tmp, flags, mode), tmp


@dataclass(frozen=True)
class DiskStamp:
    """What a file looked like on disk when we last read or wrote it.

    ``digest`` is Python's ``hash`` of the bytes, 64 bits of SipHash keyed afresh in each
    process (a stamp is never kept beyond it): ``hashlib`` would load OpenSSL, ~3 ms of every
    start-up."""

    mtime_ns: int
    size: int
    digest: int

    @classmethod
    def of(cls, path: str | Path, data: bytes | None = None) -> DiskStamp | None:
        try:
            st = Path(path).stat()
            if data is None:
                data = Path(path).read_bytes()
        except OSError:
            return None
        return cls(st.st_mtime_ns, st.st_size, hash(data))

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
    """One buffer an unclean exit left: its recovery key, its file (None: never saved), its
    text and when it was autosaved."""

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
        """Buffers left behind by a session that did not close cleanly, newest first (and temp
        files of autosaves killed part-way removed)."""
        sweep_temps(self.folder)
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
