"""One open agent file: the single QTextDocument every view edits, and its file on disk.

Views never rewrite the text: they ask the core for edits and call :meth:`AgentDocument.apply`,
which turns them into one undoable step. Qt keeps only ``\\n`` line breaks and counts UTF-16
units, so this class maps core offsets to Qt positions and puts the file's own line breaks
and BOM back on save.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from ...core.agentfile import AgentFile
from ...core.files import DiskStamp, atomic_write, sweep_temps
from ...core.frontmatter import Parsed, parse
from ...core.text import (
    DecodeError,
    Edit,
    FileText,
    apply_edits,
    decode,
    join_breaks,
    split_breaks,
)

HELD = 8  # texts of the file remembered with their line breaks (``_hold``)
#: a text longer than this goes into the buffer in pieces, one per event-loop turn
#: (``_load``): one setPlainText of 5 MB, with its highlighting and layout, holds the UI thread
#: about a second. An edit of this size or less is applied at once.
LOAD_PIECE = 256_000
#: what one piece aims to take, highlighting included: each piece's size is set from the
#: time the last one took, so a slow or busy machine gets smaller pieces
PIECE_MS = 20
FIRST_PIECE, LEAST_PIECE = 16_000, 8_000
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
#: what Qt turns into a block break, or :meth:`AgentDocument.text` into "\n", on insertion
_QT_BREAKS = re.compile("[\r\u2028\u2029\ufdd0\ufdd1]")


class AgentDocument(QObject):
    """The buffer of one file and what it was on disk."""

    saved = Signal()
    applied = Signal()  # after apply(): a discrete edit, not typing
    path_changed = Signal()
    progress = Signal(int)  # while loading in pieces: the percentage in the buffer so far
    loaded = Signal()  # a load in pieces is complete: the views read the whole text now

    def __init__(self, text: str = "", path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.key = os.urandom(16).hex()  # names the recovery file while unsaved
        self.path = path
        self.suggested: Path | None = None  # where Save As first proposes to write it, if new
        self.bom = False
        self.read_only_reason = ""
        self.stamp: DiskStamp | None = None
        self.qdoc = QTextDocument(self)
        self.qdoc.setDocumentLayout(QPlainTextDocumentLayout(self.qdoc))
        self._original, self._breaks = "", []
        #: texts the file held when read or written (size, digest, their breaks): the one it
        #: was opened with, then the latest few
        self._held: list[tuple[int, int, list[str]]] = []
        #: a load in pieces: the text, how much of it is in the buffer, modified once done
        self._load_text, self._load_at, self._load_modified = "", 0, False
        self._piece = FIRST_PIECE  # the size of the next piece
        self._pieces = QTimer(self, singleShot=True, interval=0, timeout=self._next_piece)
        self._cache: tuple[int, str, Parsed] | None = None  # the parse of a revision
        self._text = (-1, "")  # the text of a revision
        self._seen = -1  # the revision at the last contents change (``_follow``)
        self.qdoc.contentsChange.connect(self._follow)
        self._reset(text)

    # --- loading and saving ----------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, parent: QObject | None = None) -> AgentDocument:
        """Read ``path`` (OSError propagates). Bytes that are not UTF-8 open read-only. Temp
        files that killed saves left beside it go (:func:`sweep_temps`)."""
        data = path.read_bytes()
        sweep_temps(path.parent)
        try:
            decoded = decode(data)
            doc = cls(decoded.text, path, parent)
            doc.bom = decoded.bom
        except DecodeError as exc:
            doc = cls(data.decode("utf-8", "replace"), path, parent)
            doc.read_only_reason = (
                f"This file is not valid UTF-8 (line {exc.line}, column {exc.column}, byte "
                f"{exc.offset}); it is shown read-only so it cannot be damaged."
            )
        doc.stamp = DiskStamp.of(path, data)
        return doc

    def _hold(self, lf: str, breaks: list[str]) -> None:
        """``lf`` is what the file holds now, with ``breaks``: an undo back to it later gets
        those breaks again, even after a reload or a save gave the file others."""
        self._original, self._breaks = lf, breaks
        key = (len(lf), _digest(lf))
        first, later = self._held[:1], [h for h in self._held[1:] if h[:2] != key]
        self._held = first + later[-(HELD - 2) :] + [(*key, breaks)]  # as opened, and lately

    def _reset(self, text: str) -> None:
        self._hold(*split_breaks(text))
        if len(self._original) > LOAD_PIECE:
            self._load(self._original, modified=False)
            return
        self.qdoc.setUndoRedoEnabled(False)
        self.qdoc.setPlainText(self._original)
        self.qdoc.setUndoRedoEnabled(True)
        self.qdoc.setModified(False)
        self._cache, self._text = None, (-1, "")  # setPlainText starts the revisions again

    @property
    def loading(self) -> bool:
        """Whether a load in pieces is under way: the buffer holds only part of the text, so
        nothing may edit or save it yet."""
        return bool(self._load_text)

    def _load(self, text: str, modified: bool) -> None:
        """Put ``text`` in the buffer a piece per event-loop turn, with no undo history (Qt
        clears it), then mark it ``modified`` or not and emit :attr:`loaded`."""
        self._load_text, self._load_at, self._load_modified = text, 0, modified
        self._piece = FIRST_PIECE
        self.qdoc.setUndoRedoEnabled(False)
        self.qdoc.setPlainText("")
        self._cache, self._text = None, (-1, "")
        self.progress.emit(0)
        self._pieces.start()

    def _next_piece(self) -> None:
        """Append the next piece, cut after a line break where there is one; once all is in,
        finish on a turn of its own (the views then read the whole text)."""
        text, at = self._load_text, self._load_at
        if at == len(text):
            self._loaded()
            return
        start = time.perf_counter()
        end = text.find("\n", at + self._piece) + 1 or len(text)
        cursor = QTextCursor(self.qdoc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text[at:end])
        self._load_at = end
        self.progress.emit(100 * end // len(text))
        spent = max(time.perf_counter() - start, 0.001)
        fits = int((end - at) * PIECE_MS / 1000 / spent)
        self._piece = max(LEAST_PIECE, min(2 * self._piece, fits))
        self._pieces.start()

    def _loaded(self) -> None:
        text, self._load_text = self._load_text, ""
        self.qdoc.setUndoRedoEnabled(True)
        self.qdoc.setModified(False)  # the pieces set it; :attr:`modified` said False meanwhile
        self.qdoc.setModified(self._load_modified)  # a change either way: the title shows it
        self._cache = None
        # the buffer is the text loaded, unless Qt turned some of its characters into breaks
        self._text = (-1, "") if _QT_BREAKS.search(text) else (self.qdoc.revision(), text)
        self.loaded.emit()

    def become(self, text: str, modified: bool) -> None:
        """Make the buffer ``text``: one undoable step that changes only what differs when
        that is small (a big file changed at its end is not re-laid out whole), else a fresh
        load in pieces, which clears the undo history."""
        edit = None if self.loading else self.change_to(text)
        if edit is None or len(edit.text) + edit.end - edit.start > LOAD_PIECE:
            self._load(text, modified)
            return
        if not edit.empty:
            self._replace([edit])
        self.qdoc.setModified(modified)

    def reload(self) -> None:
        """Replace the buffer with the file on disk (:meth:`become`)."""
        assert self.path is not None
        data = self.path.read_bytes()
        decoded = decode(data)
        lf, breaks = split_breaks(decoded.text)
        self._hold(lf, breaks)
        self.bom = decoded.bom
        self.stamp = DiskStamp.of(self.path, data)
        self.become(lf, modified=False)

    def file_bytes(self) -> bytes:
        """Exactly what saving writes: the buffer with the file's line breaks and BOM."""
        return FileText(self.file_text(), self.bom).encode()

    def file_text(self) -> str:
        text = self.text()
        earlier = self._held[:-1]
        if text != self._original and any(breaks for _, _, breaks in earlier):  # not LF only
            for size, digest, breaks in reversed(earlier):  # the newest first
                if size == len(text) and digest == _digest(text):
                    return join_breaks(text, text, breaks)
        return join_breaks(text, self._original, self._breaks)

    def save(self, path: Path | None = None) -> None:
        """Write atomically (OSError propagates; the buffer stays as it is)."""
        if self.read_only_reason:
            raise PermissionError(self.read_only_reason)
        if self.loading:
            raise PermissionError("The file is still loading; save it once it is all shown.")
        target = path or self.path
        assert target is not None
        data = self.file_bytes()
        atomic_write(target, data)
        self._hold(*split_breaks(self.file_text()))
        self.stamp = DiskStamp.of(target, data)
        if target != self.path:
            self.path = target
            self.path_changed.emit()
        self.qdoc.setModified(False)
        self.saved.emit()

    def changed_on_disk(self) -> bool:
        return self.path is not None and self.stamp is not None and self.stamp.changed(self.path)

    # --- reading ----------------------------------------------------------------------------
    def text(self) -> str:
        """The buffer with ``\n`` breaks (toPlainText would turn no-break spaces into spaces);
        cached per document revision, which only grows."""
        revision = self.qdoc.revision()
        if self._text[0] != revision:
            self._text = (revision, _lf(self.qdoc.toRawText()))
        return self._text[1]

    def _follow(self, position: int, removed: int, added: int) -> None:
        """Keep the text read last in step with a change by reading only what it added: a
        read of the whole buffer takes tens of milliseconds a keystroke at 5 MB.

        Qt counts UTF-16 units: the lengths agree only when neither the text nor what was
        added holds a character outside the BMP, else the text is read again whole."""
        revision, text = self._text
        size = self.qdoc.characterCount() - 1
        if revision == self._seen != self.qdoc.revision() and len(text) - removed + added == size:
            cursor = QTextCursor(self.qdoc)
            cursor.setPosition(position)
            cursor.setPosition(position + added, QTextCursor.MoveMode.KeepAnchor)
            new = _lf(cursor.selectedText())
            if len(new) == added:
                self._text = (
                    self.qdoc.revision(),
                    text[:position] + new + text[position + removed :],
                )
        self._seen = self.qdoc.revision()

    def parsed(self) -> Parsed:
        """The parse of the current text (cached per document revision)."""
        revision = self.qdoc.revision()
        if self._cache is None or self._cache[0] != revision:
            text = self.text()
            self._cache = (revision, text, parse(text))
        return self._cache[2]

    def agent(self) -> AgentFile:
        """The file as the core sees it (with its real line breaks), for lint. When the file
        has only ``\n`` breaks that is the buffer itself, and its cached parse is reused."""
        doc = FileText(self.file_text(), self.bom)
        if self._breaks:
            return AgentFile(doc, self.path)
        return AgentFile.parsed_as(doc, self.parsed(), self.path)

    @property
    def modified(self) -> bool:
        """Edited since read or saved (never while loading: no one could edit it yet)."""
        return self.qdoc.isModified() and not self.loading

    @property
    def title(self) -> str:
        """The file's name (a skill's with its folder: every skill is a SKILL.md; an eval
        case's files with their case); an unsaved buffer is named by its agent, so two are
        told apart."""
        if self.path:
            name = self.path.name
            if name in ("SKILL.md", "prompt.md"):
                return f"{self.path.parent.name}/{name}"
            if self.path.parent.name == "graders":
                return f"{self.path.parent.parent.name}/{name}"
            return name
        return untitled(self.text())

    @property
    def deleted_on_disk(self) -> bool:
        """The file was read or written, or restored from autosave, and is not there now:
        saving writes it again."""
        return self.path is not None and not self.path.exists()

    # --- writing ----------------------------------------------------------------------------
    def apply(self, edits: list[Edit]) -> None:
        """Apply core edits (offsets into :meth:`text`) as one undo step.

        Each edit is a block of its own, joined to the first: one block around all of them
        would make Qt re-highlight and re-lay out every line between the first and the last."""
        if not edits or self.read_only_reason or self.loading:
            return
        self._replace(edits)
        self.applied.emit()

    def change_to(self, text: str) -> Edit:
        """The one edit that turns the buffer into ``text``, leaving out what they share."""
        current = self.text()
        return Edit(0, len(current), text).trimmed(current)

    def _replace(self, edits: list[Edit]) -> None:
        text = self.text()
        astral = self.qdoc.characterCount() - 1 != len(text)  # each takes two UTF-16 units
        position = qt_position if astral else lambda _text, offset: offset
        cursor = QTextCursor(self.qdoc)
        for i, edit in enumerate(sorted(edits, key=lambda e: e.start, reverse=True)):
            if i:
                cursor.joinPreviousEditBlock()
            else:
                cursor.beginEditBlock()
            cursor.setPosition(position(text, edit.start))
            cursor.setPosition(position(text, edit.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(edit.text)
            cursor.endEditBlock()
        if not any(_QT_BREAKS.search(edit.text) for edit in edits):  # Qt stored them as given
            self._text = (self.qdoc.revision(), apply_edits(text, edits))


def _lf(raw: str) -> str:
    """Qt's text with ``\n`` for its block and line separators."""
    return raw.replace("\u2029", "\n").replace("\u2028", "\n")


def untitled(text: str) -> str:
    """``Untitled — <name>`` for an unsaved buffer whose frontmatter names the agent."""
    name = parse(text).value("name")
    return f"Untitled — {name.strip()}" if isinstance(name, str) and name.strip() else "Untitled"


def _digest(text: str) -> int:
    """Told apart within this process only: ``hash`` (keyed SipHash, as :class:`DiskStamp`)."""
    return hash(text)


def qt_position(text: str, offset: int) -> int:
    """A code-point offset in ``text`` as a Qt (UTF-16) position."""
    head = text[:offset]
    return offset + len(_ASTRAL.findall(head)) if _ASTRAL.search(head) else offset
