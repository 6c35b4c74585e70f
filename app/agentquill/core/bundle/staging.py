"""All-or-nothing writes of a set of files under one folder.

``install`` writes every file into a hidden staging folder inside the target, then moves them
into place one by one; if any step fails, the files already moved are taken back out, the files
they replaced are restored, and the staging folder is removed, so the target is as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath


class StagingError(OSError):
    """The files could not be written; the target folder is unchanged."""


class DiskError(StagingError):
    """The system refused a step (read-only, full disk, name too long...), not ``install``."""


def safe_relative(rel: str) -> PurePosixPath:
    """``rel`` as a relative path that stays inside its folder (ValueError otherwise)."""
    path = PurePosixPath(rel)
    if not rel or path.is_absolute() or "\\" in rel or ".." in path.parts or ":" in path.parts[0]:
        raise ValueError(f"{rel!r} is not a safe relative path")
    return path


def existing(root: Path, files: Mapping[str, bytes]) -> list[str]:
    """The files of ``files`` that already exist under ``root``."""
    return [rel for rel in files if (root / rel).exists() or (root / rel).is_symlink()]


def install(root: Path, files: Mapping[str, bytes], overwrite: bool = False) -> None:
    """Write ``files`` (relative posix path → bytes) under ``root``, all or nothing.

    Refuses (StagingError) when a file exists and ``overwrite`` is false, or when a path would
    leave ``root`` or pass through a symlink. New files get the mode the umask gives; a
    replaced file keeps its own, as with :func:`agentquill.core.files.atomic_write`.
    """
    for rel in files:
        try:
            safe_relative(rel)
        except ValueError as exc:
            raise StagingError(str(exc)) from None
    clashes = existing(root, files)
    if clashes and not overwrite:
        raise StagingError(f"{root / clashes[0]}: already exists (not overwritten)")
    created = root  # the outermost folder this call creates, removed again on failure
    while not created.parent.exists():
        created = created.parent
    created_root = not root.exists()
    stage: Path | None = None
    placed: list[Path] = []
    backups: list[tuple[Path, Path]] = []
    made_dirs: list[Path] = []
    try:  # from the first folder made: a read-only or full disk fails here as anywhere else
        root.mkdir(parents=True, exist_ok=True)
        real_root = root.resolve()
        stage = Path(tempfile.mkdtemp(prefix=".agentquill-stage-", dir=root))
        for i, data in enumerate(files.values()):
            staged = stage / f"{i}.new"
            staged.write_bytes(data)
        for i, rel in enumerate(files):
            dest = root / rel
            _make_parents(dest.parent, root, made_dirs)
            if not dest.parent.resolve().is_relative_to(real_root) or dest.is_symlink():
                raise StagingError(f"{dest}: leaves the target folder through a link")
            if dest.exists():
                if dest.is_dir():
                    raise StagingError(f"{dest}: is a folder")
                backup = stage / f"{i}.old"
                os.replace(dest, backup)
                backups.append((backup, dest))
                os.chmod(stage / f"{i}.new", stat.S_IMODE(backup.stat().st_mode))  # as it was
            os.replace(stage / f"{i}.new", dest)
            placed.append(dest)
    except BaseException as exc:
        _roll_back(placed, backups, made_dirs)
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)
        if created_root:
            shutil.rmtree(created, ignore_errors=True)
        if isinstance(exc, OSError) and not isinstance(exc, StagingError):
            raise DiskError(f"{exc.filename or root}: {exc.strerror or exc}") from exc
        raise
    shutil.rmtree(stage, ignore_errors=True)


def _make_parents(folder: Path, root: Path, made: list[Path]) -> None:
    missing = []
    while folder != root and not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for d in reversed(missing):
        d.mkdir()
        made.append(d)


def _roll_back(placed: list[Path], backups: list[tuple[Path, Path]], made: list[Path]) -> None:
    for dest in placed:
        with contextlib.suppress(OSError):
            dest.unlink()
    for backup, dest in backups:
        with contextlib.suppress(OSError):
            os.replace(backup, dest)
    for d in reversed(made):
        with contextlib.suppress(OSError):
            d.rmdir()
