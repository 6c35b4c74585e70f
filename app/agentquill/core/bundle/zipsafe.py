"""Reading untrusted bundles (a zip or a folder) into memory, refusing anything hostile.

Both readers return ``{relative posix path: bytes}`` for regular files only, after checking
every entry before reading any: no absolute or ``..`` paths, no links or device files, no
names that are not UTF-8, no more than ``Limits.max_entries`` entries or ``Limits.max_total``
bytes, no entry that inflates more than ``Limits.max_ratio`` times. A refusal is a
:class:`BundleError` whose message names the entry.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..files import SKIP_DIRS


class BundleError(ValueError):
    """The bundle is refused; the message says which entry and why."""


@dataclass(frozen=True)
class Limits:
    max_entries: int = 5000
    max_total: int = 64 * 1024 * 1024  # uncompressed bytes, all entries together
    max_ratio: float = 200.0  # uncompressed / compressed, per entry
    ratio_floor: int = 1024 * 1024  # entries smaller than this are not ratio-checked


DEFAULT_LIMITS = Limits()
_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_DRIVE = re.compile(r"[A-Za-z]:")


def check_name(name: str) -> PurePosixPath:
    """The entry name as a safe relative path (BundleError naming it otherwise)."""
    if "\x00" in name:
        raise BundleError(f"{name!r}: the name contains a NUL character")
    if "\\" in name:
        raise BundleError(f"{name}: backslashes in names are refused (Windows path separators)")
    if name.startswith("/") or _DRIVE.match(name):
        raise BundleError(f"{name}: absolute paths are refused")
    path = PurePosixPath(name)
    if ".." in path.parts:
        raise BundleError(f"{name}: the path leaves the bundle ('..')")
    return path


def _decoded_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")  # how zipfile decoded a name without the UTF-8 flag
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        shown = raw.decode("utf-8", "backslashreplace")
        raise BundleError(f"{shown}: the entry name is not UTF-8") from None


def _check_mode(name: str, mode: int) -> None:
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        raise BundleError(f"{name}: symbolic links are refused")
    if kind in (stat.S_IFCHR, stat.S_IFBLK, stat.S_IFIFO, stat.S_IFSOCK):
        raise BundleError(f"{name}: device files, pipes and sockets are refused")


#: what reading a damaged or unusual entry raises: a bad CRC, a broken deflate stream
#: (zlib.error), a compression method or zip version Python does not know
_UNREADABLE = (zipfile.BadZipFile, OSError, RuntimeError, EOFError, zlib.error, NotImplementedError)


def read_zip(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """Every regular file of the zip at ``path``, after checking all entries."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, NotImplementedError) as exc:  # or a version too new
        raise BundleError(f"{path}: not a readable zip file ({exc})") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_entries:
            raise BundleError(f"{path}: {len(infos)} entries, more than {limits.max_entries}")
        wanted: list[tuple[str, zipfile.ZipInfo]] = []
        total = 0
        seen: set[str] = set()
        for info in infos:
            name = _decoded_name(info)
            rel = check_name(name)
            _check_mode(name, info.external_attr >> 16)
            if info.flag_bits & _ENCRYPTED_FLAG:
                raise BundleError(f"{name}: encrypted entries are refused")
            if info.is_dir():
                continue
            key = rel.as_posix()
            if key in seen:
                raise BundleError(f"{name}: appears twice in the zip")
            seen.add(key)
            total += info.file_size
            if total > limits.max_total:
                raise BundleError(f"{name}: the files add up to more than {limits.max_total} bytes")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size >= limits.ratio_floor and ratio > limits.max_ratio:
                raise BundleError(f"{name}: compressed {ratio:.0f} to 1, a likely zip bomb")
            wanted.append((key, info))
        files = {}
        for key, info in wanted:
            try:
                with zf.open(info) as fh:
                    data = fh.read(info.file_size + 1)
            except _UNREADABLE as exc:
                raise BundleError(f"{key}: cannot be read ({exc})") from None
            if len(data) > info.file_size:
                raise BundleError(f"{key}: larger than its header says")
            files[key] = data
        return files


def read_folder(root: str | Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """Every regular file under ``root``; links, devices and oversize trees are refused."""
    root = Path(root)
    found: list[tuple[str, Path]] = []
    total = 0
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in dirs + sorted(names):
            full = Path(folder, name)
            rel = full.relative_to(root).as_posix()
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:
                raise BundleError(f"{rel!r}: the name is not UTF-8") from None
            mode = full.lstat().st_mode
            _check_mode(rel, mode)
            if stat.S_ISDIR(mode):
                continue
            found.append((rel, full))
            if len(found) > limits.max_entries:
                raise BundleError(f"{root}: more than {limits.max_entries} files")
            total += full.lstat().st_size
            if total > limits.max_total:
                raise BundleError(f"{rel}: the files add up to more than {limits.max_total} bytes")
    return {rel: full.read_bytes() for rel, full in found}
