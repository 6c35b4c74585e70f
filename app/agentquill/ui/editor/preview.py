"""The live preview: a QTextBrowser fed by core/render.py, rendered off the UI thread.

It never loads a resource (no remote images, no files) and runs no script; links are routed
to the owner. Rendering is coalesced: while one render runs, only the newest text waits.

The worker makes the HTML, but Qt's HTML parsing must run on the UI thread (PySide keeps the
GIL while it parses) and costs far more than the markdown: about 10 ms for a typical agent,
0.4 s for a 200 KB one. So the view re-parses only the top-level parts of the page that an
edit changed (see :meth:`PreviewView.show_parts`), and the whole page only when it must.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QMouseEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QThread, QUrl
    from PySide6.QtGui import QImage

# the anchor a part starts with (body blocks, description, examples): how a part is found
_LEADING_ANCHOR = re.compile(r'(?:\s*<[^>]+>)*?\s*<a name="([^"]+)"></a>')
_BREAK = "\u2029"  # Qt's paragraph separator: a plain break between two blocks
_END_OF_FRAME = "\ufdd1"  # ends a table
_SPACER = "<p>.</p>"  # a block before the parts re-parsed, so that they start after a break
#: texts longer than this get their first render on the worker too
SYNC_LIMIT = 50_000
#: a longer text's preview shows its first this many characters (to a line break) and says
#: so: Qt parses and lays out a page on the UI thread at about 2 ms a KB, so the page of a
#: megabyte would hold the window for seconds at each full parse
PREVIEW_LIMIT = 100_000
#: how long closing a tab waits for a render on the worker before leaving it to end on its own
STOP_WAIT_MS = 2000
#: separate runs patched at most: each costs a layout pass over the page after it (about
#: 10 ms on 270 KB, a full parse 400 ms); a move also changes the repeats between (``-2``)
_MOST_RUNS = 16
_NEAR = 8  # runs this few parts apart are patched as one
#: a paragraph that is anchors and plain text: one that changed only in these is re-typed
_PLAIN_PARAGRAPH = re.compile(
    r'(<p(?: class="[\w-]+")?>)((?:<a name="[\w-]+"></a>)+)(\w[^<>&\n]*)</p>\n?'
)
_ANCHOR_NAME = re.compile(r'<a name="([\w-]+)"></a>')
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


@cache
def _blank() -> QImage:
    """A transparent pixel, every image's stand-in. Made for the first image a page asks for:
    loading ``QImage`` and ``QUrl`` builds their enums, ~1.5 ms before the first frame."""
    from PySide6.QtGui import QImage

    image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    return image


class PreviewView(QTextBrowser):
    """Shows rendered HTML and keeps its scroll position across updates."""

    line_clicked = Signal(int)  # a 1-based source line, from a link to a block's anchor
    #: a plain click on text: the 1-based line of the block clicked, the next block's line
    #: (0 at the end), and the word under the pointer with the text around it on its line
    #: (``(text, word start, word end)``), to find the place in the source
    place_clicked = Signal(int, int, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor)
        self.document().setUndoRedoEnabled(False)  # patches would pile up undo steps
        self._head = self._tail = ""
        self._lines: dict[str, int] = {}  # block anchor → its source line
        self._parts: list[str] = []
        self._starts: list[QTextCursor | None] = []  # where each part begins, if known
        #: where patches are parsed: the page's style sheet is parsed once per head, not on
        #: each patch (it is most of the cost of parsing a small run)
        self._scratch = QTextDocument(self)
        self._scratch.setUndoRedoEnabled(False)
        self._scratch_head = self._bare_head = ""

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt override
        """Nothing, remote or local. Not None: for no answer the document reads ``file:`` and
        relative URLs from disk itself; and an image gets a blank one, not empty bytes, which
        Qt's image handler would answer by loading the path as a file."""
        return _blank() if kind == QTextDocument.ResourceType.ImageResource else QByteArray()

    def show_parts(
        self, head: str, parts: list[str], tail: str, lines: dict[str, int] | None = None
    ) -> None:
        """Show ``head + "".join(parts) + tail`` (see ``core.render.render_parts``),
        re-parsing only the parts that changed when that gives the same document."""
        self._lines = lines or {}
        same_frame = head == self._head and tail == self._tail
        if same_frame and parts == self._parts:
            return
        bar = self.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() > 0
        position = bar.value()
        if not (same_frame and self._patch_runs(parts)):
            self.setHtml(head + "".join(parts) + tail)
            self._head, self._tail, self._parts = head, tail, list(parts)
            self._starts = self._locate(parts, 0, self.document().characterCount())
        bar.setValue(bar.maximum() if at_bottom else position)

    def show_pending(self, message: str) -> None:
        """Say what is coming (``Rendering preview…``) until :meth:`show_parts` shows it."""
        self.setHtml(f"<p><i>{message}</i></p>")
        self._head = self._tail = ""
        self._parts, self._starts, self._lines = [], [], {}

    def _patch_runs(self, parts: list[str]) -> bool:
        """Patch each run of parts that changed on its own, so that a move (a run cut here,
        one pasted there) re-parses a few small runs rather than all between; False when
        only a full parse will do (the document may then be half patched: the caller
        re-parses it all)."""
        old = self._parts
        first, end = _changed(old, parts)
        new_end = end + len(parts) - len(old)
        from difflib import SequenceMatcher  # on the first edit, not at start-up

        matcher = SequenceMatcher(None, old[first:end], parts[first:new_end], autojunk=False)
        opcodes = matcher.get_opcodes()
        runs: list[tuple[int, int, int, int]] = []
        retyping = QTextCursor(self.document())  # the paragraphs re-typed: one layout pass
        retyping.beginEditBlock()  # from the first to the last, not one pass to the end each
        for k, (tag, i1, i2, j1, j2) in enumerate(opcodes):
            if tag == "equal":
                continue
            if tag in ("insert", "delete"):
                after = opcodes[k + 1][2] if k + 1 < len(opcodes) else i2  # equal up to here
                room = after - i2 - 1 + (len(old) - end if first + after == end else 0)
                i1, i2, j1, j2 = self._slide(parts, first, (i1, i2, j1, j2), room)
            if tag == "replace" and i2 - i1 == j2 - j1:
                pairs = range(first + i1, first + i2), parts[first + j1 : first + j2]
                retyped = [self._retypable(i, new) for i, new in zip(*pairs, strict=True)]
                if all(retyped):
                    for i, new, typed in zip(*pairs, retyped, strict=True):
                        self._retype(i, new, *typed)
                    continue
            if runs and i1 - runs[-1][1] <= _NEAR:  # one pass over both costs less than two
                i1, j1 = runs.pop()[::2]
            runs.append((i1, i2, j1, j2))
        retyping.endEditBlock()
        if not runs:
            return True
        if len(runs) > _MOST_RUNS or sum(j2 - j1 for *_, j1, j2 in runs) > _most_parts(parts):
            return False
        # last run first: the list in between is old up to the run, new from it on
        return all(
            self._patch(old[: first + i1] + parts[first + j1 :], first + i1, first + i2)
            for i1, i2, j1, _ in runs[::-1]
        )

    def _patch(self, parts: list[str], first: int, end: int) -> bool:
        """Show ``parts``, which differ from the parts shown only in the run ``first:end`` of
        these, by replacing that run in place; False when only a full parse will do.

        The run is widened to start and end at parts whose first block is known and follows
        a plain paragraph break; it is parsed after a spacer paragraph and copied from that
        spacer's break on, so every block of it keeps its own format."""
        old, starts, doc = self._parts, self._starts, self.document()
        while first > 0 and (first >= len(old) or not self._after_break(starts[first])):
            first -= 1
        while end < len(old) and not self._after_break(starts[end]):
            end += 1
        for _ in range(3):
            new_end = end + len(parts) - len(old)
            if first == 0 or new_end - first > _most_parts(parts):
                return False  # the card moved, or most of the page changed
            if new_end == first:
                source = None  # a run removed: nothing to parse
                break
            source = self._parsed("".join(parts[first:new_end]))
            last = source.characterCount() - 1
            if end < len(old) and source.characterAt(last - 1) == _END_OF_FRAME:
                end += 1  # a table ends the run: the part after it must be re-parsed too
                while end < len(old) and not self._after_break(starts[end]):
                    end += 1
                continue
            break
        else:
            return False
        if source is not None and source.begin().text() != ".":
            return False
        fragment = None
        if source is not None:  # all after the spacer's break
            copy = QTextCursor(source)
            copy.setPosition(source.begin().length() - 1)
            copy.setPosition(source.characterCount() - 1, QTextCursor.MoveMode.KeepAnchor)
            fragment = QTextDocumentFragment(copy) if copy.hasSelection() else None
        begin = starts[first].position() - 1
        target = QTextCursor(doc)
        target.beginEditBlock()  # laid out once, at the end (not on each cursor move)
        target.setPosition(begin)
        stop = starts[end].position() - 1 if end < len(old) else doc.characterCount() - 1
        target.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
        if fragment is not None:
            target.insertFragment(fragment)
        else:
            target.removeSelectedText()
        target.endEditBlock()
        inserted = self._locate(parts[first:new_end], begin, target.position() + 1)
        self._starts = starts[:first] + inserted + starts[end:]
        self._parts = list(parts)
        return True

    def _parsed(self, html: str) -> QTextDocument:
        """The scratch document holding ``html`` parsed after a spacer paragraph, in the
        page's style and font."""
        source = self._scratch
        if self._scratch_head != self._head:
            source.setDefaultStyleSheet("".join(_STYLE.findall(self._head)))
            self._scratch_head, self._bare_head = self._head, _STYLE.sub("", self._head)
        source.setDefaultFont(self.document().defaultFont())
        source.setHtml(self._bare_head + _SPACER + html + self._tail)
        return source

    def _slide(self, parts: list[str], first: int, run: tuple, room: int) -> tuple:
        """An insertion or a deletion ``run`` (``i1, i2, j1, j2`` from ``first``) moved down
        past parts it repeats (its first part is the one after it), by at most ``room``,
        until it starts at a part whose place is known: a patch can start there only."""
        i1, i2, j1, j2 = run
        old, starts = self._parts, self._starts
        while room > 0 and starts[first + i1] is None:
            cut = old[first + i1] == old[first + i2] if i2 > i1 else False
            if not (cut or (j2 > j1 and parts[first + j1] == parts[first + j2])):
                break
            i1, i2, j1, j2, room = i1 + 1, i2 + 1, j1 + 1, j2 + 1, room - 1
        return i1, i2, j1, j2

    def _retypable(self, index: int, new: str) -> tuple[str, list[str]] | None:
        """``(text, anchor names)`` of ``new`` when part ``index`` and ``new`` are each a
        plain paragraph of the same kind (an example's caption, renumbered), so that
        :meth:`_retype` can show it; None otherwise."""
        was, now = _PLAIN_PARAGRAPH.fullmatch(self._parts[index]), _PLAIN_PARAGRAPH.fullmatch(new)
        start = self._starts[index]
        if not (was and now and start is not None and was[1] == now[1]) or "  " in now[3]:
            return None
        if start.block().text() != was[3]:
            return None
        return now[3], _ANCHOR_NAME.findall(now[2])

    def _retype(self, index: int, new: str, text: str, names: list[str]) -> None:
        """Show part ``index`` as ``new`` by typing ``text`` over its paragraph's, with the
        anchors ``names`` on its first character as Qt has them: nothing is parsed, and the
        page is laid out again from that line only."""
        block = self._starts[index].block()
        fragments = block.begin()
        head = fragments.fragment().charFormat()
        fragments += 1
        if fragments.atEnd():
            rest = QTextCharFormat(head)
            rest.setAnchor(False)
            rest.setAnchorNames([])
        else:
            rest = fragments.fragment().charFormat()
        head.setAnchorNames(names)
        cursor = QTextCursor(block)
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text[0], head)
        cursor.insertText(text[1:], rest)
        cursor.endEditBlock()
        self._parts[index] = new
        self._starts[index] = QTextCursor(block)  # the old one moved past the text typed

    def _after_break(self, start: QTextCursor | None) -> bool:
        """Whether a part starts right after a plain break that ends a block with text (Qt
        gives the spacer's format to an empty block there, such as a rule's)."""
        if start is None:
            return False
        doc, position = self.document(), start.position()
        return doc.characterAt(position - 1) == _BREAK and doc.findBlock(position - 1).length() > 1

    def _locate(self, parts: list[str], begin: int, end: int) -> list[QTextCursor | None]:
        """Cursors at the first block of each of ``parts``, found by their leading anchor
        among the blocks from ``begin`` to ``end``; None for parts without one."""
        found: dict[str, QTextBlock] = {}
        block = self.document().findBlock(begin)
        while block.isValid() and block.position() < end:
            fragments = block.begin()
            if not fragments.atEnd():
                for name in fragments.fragment().charFormat().anchorNames():
                    found.setdefault(name, block)
            block = block.next()
        starts: list[QTextCursor | None] = []
        for part in parts:
            m = _LEADING_ANCHOR.match(part)
            block = found.get(m[1]) if m else None
            # a cursor made from its block: setPosition would lay the page out up to there
            starts.append(None if block is None else QTextCursor(block))
        return starts

    def _anchor(self, url: QUrl) -> None:
        line = self._lines.get(url.fragment())
        if line is not None:
            self.line_clicked.emit(line)

    # --- following the source ----------------------------------------------------------------
    def _anchored(self) -> list[tuple[int, str]]:
        """``(position, anchor)`` of each part that starts with a known anchor, in order."""
        found = []
        for part, start in zip(self._parts, self._starts, strict=True):
            m = _LEADING_ANCHOR.match(part) if start is not None else None
            if m and m[1] in self._lines:
                found.append((start.position(), m[1]))
        return found

    def anchor_line(self, name: str) -> int:
        """The source line of anchor ``name`` (past the end when the page has none)."""
        return self._lines.get(name, 1 << 30)

    def anchor_at_line(self, line: int) -> str:
        """The anchor of the last part that starts at or before source ``line`` ("" if none)."""
        found, best = "", 0
        for name, start in self._lines.items():
            if best <= start <= line:
                found, best = name, start
        return found

    def place_at(self, position: int) -> tuple[int, int]:
        """The source line of the block holding document ``position`` (1 before the first
        anchor: the header card) and the line of the block after it (0 when it is the last)."""
        line, after = 1, 0
        for start, name in self._anchored():
            if start > position:
                after = self._lines[name]
                break
            line = self._lines[name]
        return line, after

    def show_line(self, line: int, *, top: bool = False) -> None:
        """Scroll to the block holding source ``line``: to the top of the view when ``top``,
        else only as far as needed to bring it into view."""
        target = None
        for start, name in self._anchored():
            if self._lines[name] > line:
                break
            target = start
        y = 0 if target is None else self._y(target)
        bar, height = self.verticalScrollBar(), self.viewport().height()
        if top or target is None:
            bar.setValue(y - 8)
        elif not bar.value() <= y <= bar.value() + height - 40:
            bar.setValue(y - height // 4)

    def show_anchor(self, name: str) -> None:
        """Scroll the anchor ``name`` (``example-2``, ``description``…) to the top."""
        line = self._lines.get(name)
        if line is not None:
            self.show_line(line, top=True)

    def _y(self, position: int) -> int:
        block = self.document().findBlock(position)
        return int(self.document().documentLayout().blockBoundingRect(block).top())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        plain_click = (
            event.button() == Qt.MouseButton.LeftButton
            and not self.textCursor().hasSelection()
            and not self.anchorAt(event.position().toPoint())
        )
        if plain_click and self._parts:
            cursor = self.cursorForPosition(event.position().toPoint())
            line, after = self.place_at(cursor.position())
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
            block = cursor.block()
            start = cursor.selectionStart() - block.position()
            end = cursor.selectionEnd() - block.position()
            self.place_clicked.emit(line, after, (block.text(), start, end))


def _most_parts(parts: list[str]) -> int:
    """How many of ``parts`` a patch re-parses at most: past that, a full parse is as quick."""
    return max(8, len(parts) // 3)


def _changed(old: list[str], new: list[str]) -> tuple[int, int]:
    """The run of ``old`` that differs from ``new``: ``(first, end)`` after dropping the
    common head and tail (``end - first`` may be 0 when parts were only added)."""
    size = min(len(old), len(new))
    first = 0
    while first < size and old[first] == new[first]:
        first += 1
    tail = 0
    while tail < size - first and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return first, len(old) - tail


def render_parts(
    text: str, dark: bool = False, kind: str = "agent", called: str = ""
) -> tuple[str, list[str], str, dict[str, int]]:
    """``core.render.render_parts``, its module (markdown, pygments) loaded by the first
    render, after the window's first paint."""
    from ...core import render

    return render.render_parts(text, dark=dark, kind=kind, called=called)


def _render(
    text: str, dark: bool, kind: str, called: str
) -> tuple[str, list[str], str, dict[str, int]]:
    """``render_parts`` of ``text``, or of its first ``PREVIEW_LIMIT`` characters with a note
    that says where the preview stops."""
    if len(text) <= PREVIEW_LIMIT:
        return render_parts(text, dark, kind, called)
    cut = text.rfind("\n", 0, PREVIEW_LIMIT) + 1 or PREVIEW_LIMIT
    head, parts, tail, lines = render_parts(text[:cut], dark, kind, called)
    note = (
        f"<hr><p><i>The preview stops here, at {cut:,} of {len(text):,} characters, to keep "
        "editing smooth; the source holds all of it.</i></p>"
    )
    return head, [*parts, note], tail, lines


class _Worker(QObject):
    done = Signal(int, object)  # serial, (head, parts, tail)

    @Slot(int, str, bool, str, str)
    def render(self, serial: int, text: str, dark: bool, kind: str, called: str) -> None:
        """Always answers: the renderer waits for an answer before it starts another render."""
        try:
            page = _render(text, dark, kind, called)
        except Exception as error:  # noqa: BLE001 - the page says what; the next edit retries
            page = _failed(error)
        self.done.emit(serial, page)


def _failed(error: Exception) -> tuple[str, list[str], str, dict[str, int]]:
    from html import escape

    message = escape(f"{type(error).__name__}: {error}")
    return "", [f"<p><i>The preview could not be rendered ({message}).</i></p>"], "", {}


class PreviewRenderer(QObject):
    """Renders the text ``source()`` gives for a PreviewView on a worker thread, newest
    request wins. The text is read when the render starts, so the edits of one change
    (several blocks, each a contents change) are read once."""

    _request = Signal(int, str, bool, str, str)

    def __init__(self, view: PreviewView, source: Callable[[], str], delay_ms: int = 15):
        super().__init__(view)
        self.view = view
        self.source = source
        self.dark = False
        self.kind = "agent"  # the file's kind (dialects.KINDS), set by its tab
        self.called = ""  # the name its path gives it (inventory.path_name), set by its tab
        self._serial = 0
        self._busy = False
        self._latest: int | None = None  # the serial of a render asked for and not started
        self._timer = QTimer(self, singleShot=True, interval=delay_ms, timeout=self._start)
        #: the worker's thread, started for the first render on it (typing, a long text): never
        #: before the window's first frame, which a short text's first render follows here
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._stopped = False  # by :meth:`stop`: no render starts on the worker after it

    def schedule(self) -> None:
        """Render soon on the worker (typing: requests in quick succession coalesce)."""
        self._serial += 1
        self._latest = self._serial
        self._timer.start()

    def render_now(self) -> None:
        """Render at once (first paint, theme change): synchronously, or on the worker for a
        long text, so that opening a big file does not wait for its markdown too."""
        self._serial += 1
        text = self.source()
        if len(text) > SYNC_LIMIT:
            if not self.view._parts:
                self.view.show_pending("Rendering preview…")
            self._latest = self._serial
            self._start()
            return
        self._latest = None
        self.view.show_parts(*_render(text, self.dark, self.kind, self.called))

    def render_here(self) -> None:
        """Render on this thread, now (a discrete edit: its few changed blocks render in a few
        milliseconds, the rest comes from the cache); a long text on the worker."""
        self._timer.stop()
        if len(self.source()) > SYNC_LIMIT:
            self.render_now()
            return
        self._serial += 1
        self._latest = None
        self.view.show_parts(*_render(self.source(), self.dark, self.kind, self.called))

    def _start(self) -> None:
        if self._busy or self._latest is None or self._stopped:
            return
        serial, self._latest = self._latest, None
        self._busy = True
        if self._thread is None:
            self._start_worker()
        self._request.emit(serial, self.source(), self.dark, self.kind, self.called)

    def _start_worker(self) -> None:
        from PySide6.QtCore import QThread  # builds its enums: not before the first frame

        self._thread = QThread(self)
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.render)
        self._worker.done.connect(self._finished)
        self._thread.start()

    @Slot(int, object)
    def _finished(self, serial: int, page: tuple[str, list[str], str, dict[str, int]]) -> None:
        self._busy = False
        if self._latest is None and serial == self._serial:
            self.view.show_parts(*page)
        elif self._latest is not None:
            self._start()

    def stop(self) -> None:
        """End the worker thread. One still rendering is handed to the application and deleted
        once it ends: deleted with the view while it runs, the QThread would abort the process."""
        self._stopped = True
        thread = self._thread
        if thread is None:
            return
        thread.quit()
        if thread.wait(STOP_WAIT_MS):
            return
        app = QCoreApplication.instance()
        thread.worker = self._worker  # deleted with the thread, once no render uses it
        thread.setParent(app)
        thread.finished.connect(thread.deleteLater)
        app.aboutToQuit.connect(thread.wait)  # nor deleted with the application while it runs
        if thread.isFinished():  # it ended before the connection
            thread.deleteLater()
