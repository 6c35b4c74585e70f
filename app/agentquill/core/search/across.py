"""Find and replace across many files: a project's agents, or the files open in tabs.

Searching reads each file once and decodes it strictly; a file that holds no match costs one
regex scan. Texts of files open in the editor are given by the caller and searched instead
of the disk, so results are what the user sees. Line breaks are searched as the editor holds
them (``\\n`` only), so a match and its offsets mean the same in a tab and on disk.

Replacing on disk (:func:`replace_in_file`) writes a file only when it reads and writes back
byte for byte, still holds the matches the user was shown, and keeps frontmatter that read
as YAML readable; otherwise it says why and leaves the file alone.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..files import atomic_write
from ..frontmatter import parse
from ..text import DecodeError, FileText, apply_edits, decode, join_breaks, split_breaks
from .query import Match, PatternError, Query, find_all, replace_edits

#: matches listed at most: past it a search says so (and Replace in Project refuses)
LIMIT = 10_000


@dataclass(frozen=True)
class FileMatches:
    """The matches in one file; ``key`` is its path, or what the caller named an unsaved text."""

    key: Hashable
    matches: list[Match]


@dataclass(frozen=True)
class Skipped:
    """A file left alone, and why (in words for the user)."""

    key: Hashable
    reason: str


@dataclass
class Found:
    """The result of one search: files with matches, in the order searched."""

    files: list[FileMatches] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    searched: int = 0
    count: int = 0  # matches in ``files``
    truncated: bool = False  # stopped at LIMIT matches: later files were not searched


def search_texts(
    items: Iterable[tuple[Hashable, str]], pattern: re.Pattern[str], found: Found | None = None
) -> Found:
    """Search ``(key, text)`` pairs (texts with ``\\n`` breaks), adding to ``found``."""
    found = found if found is not None else Found()
    for key, text in items:
        if found.truncated:
            break
        found.searched += 1
        if pattern.search(text) is None:
            continue
        matches = find_all(text, pattern, LIMIT - found.count)
        if matches:
            found.files.append(FileMatches(key, matches))
            found.count += len(matches)
            found.truncated = found.count >= LIMIT
    return found


def search_files(
    paths: Iterable[Path], pattern: re.Pattern[str], open_texts: Mapping[Path, str] = {}
) -> Found:
    """Search the files at ``paths``; for a path in ``open_texts``, that text instead."""
    found = Found()
    for path in paths:
        if found.truncated:
            break
        text = open_texts.get(path)
        if text is None:
            try:
                text = read_text(path)
            except (OSError, DecodeError) as exc:
                found.skipped.append(Skipped(path, _unreadable(exc)))
                found.searched += 1
                continue
        search_texts(((path, text),), pattern, found)
    return found


def read_text(path: Path) -> str:
    """The file's text as the editor holds it (``\\n`` breaks, no BOM)."""
    with open(path, "rb") as fh:
        data = fh.read()
    text = decode(data).text
    return split_breaks(text)[0] if "\r" in text or "\u2028" in text or "\u2029" in text else text


def _unreadable(exc: OSError | DecodeError) -> str:
    if isinstance(exc, DecodeError):
        return f"Not valid UTF-8 at line {exc.line}, column {exc.column}"
    return f"Cannot read the file: {exc.strerror or exc}"


def refusal(before: str, after: str) -> str | None:
    """Why a change from ``before`` to ``after`` must not be made, or None: frontmatter that
    read as YAML must still read as YAML (a replacement that breaks it would leave an agent
    no tool loads)."""
    old = parse(before).frontmatter
    if old is None or old.error is not None:
        return None
    new = parse(after).frontmatter
    if new is None or new.error is not None:
        return "The change would break the frontmatter (it would no longer read as YAML)"
    return None


@dataclass(frozen=True)
class Written:
    """A file :func:`replace_in_file` wrote: its bytes before and after, to put it back."""

    path: Path
    before: bytes
    after: bytes


def replace_in_file(
    path: Path, query: Query, template: str, matches: list[Match]
) -> Written | Skipped:
    """Replace ``matches`` (from a search of this file) in the file on disk, atomically."""
    try:
        data = path.read_bytes()
        doc = decode(data)
    except (OSError, DecodeError) as exc:
        return Skipped(path, _unreadable(exc))
    lf, breaks = split_breaks(doc.text)
    if FileText(join_breaks(lf, lf, breaks), doc.bom).encode() != data:  # as the editor holds it
        return Skipped(path, "The file would not be written back byte for byte")
    try:
        edits = replace_edits(lf, query, template, matches)
    except PatternError:
        return Skipped(path, "The file changed since the search: search again")
    if not edits:
        return Skipped(path, "Nothing to change")
    new_lf = apply_edits(lf, edits)
    reason = refusal(lf, new_lf)
    if reason:
        return Skipped(path, reason)
    new_text = join_breaks(new_lf, lf, breaks)
    if split_breaks(new_text)[0] != new_lf:  # a "\r" or U+2028 the replacement put in a line
        return Skipped(path, "The replacement holds a line break that would not read back as typed")
    after = FileText(new_text, doc.bom).encode()
    try:
        atomic_write(path, after)
    except OSError as exc:
        return Skipped(path, f"Cannot write the file: {exc.strerror or exc}")
    return Written(path, data, after)


def restore(written: Written) -> Skipped | None:
    """Put back what :func:`replace_in_file` replaced, unless the file changed since."""
    try:
        if written.path.read_bytes() != written.after:
            return Skipped(written.path, "The file changed since the replace: left as it is")
        atomic_write(written.path, written.before)
    except OSError as exc:
        return Skipped(written.path, f"Cannot write the file: {exc.strerror or exc}")
    return None
