"""The raw source editor: a QPlainTextEdit over the open file's shared QTextDocument.

The view edits the document directly (it *is* the text of record), so undo/redo is the
document's own; the view puts an :class:`AgentHighlighter` on the document. Lint diagnostics
are drawn as wave underlines; each is held as a QTextCursor selection, so it moves with the
text as the user types until the owner recomputes the diagnostics and calls
:meth:`SourceView.set_diagnostics` again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPalette,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import (
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

from ..theme import is_dark
from ..timers import after_first_frame

if TYPE_CHECKING:
    from PySide6.QtGui import QHelpEvent, QKeyEvent, QPaintEvent, QResizeEvent, QShowEvent

    from .highlighter import AgentHighlighter

SEVERITIES = ("error", "warning", "info")  # most severe first
# severity: (colour on a light palette, colour on a dark palette)
_SEVERITY_COLOURS = {
    "error": ("#d1242f", "#f85149"),
    "warning": ("#bf8700", "#d29922"),
    "info": ("#0969da", "#58a6ff"),
}
# find matches: (other, current) on a light palette, then on a dark one
_MATCH_COLOURS = (("#fff0a8", "#ffc94d"), ("#5a4a12", "#8c6a00"))
# Without an end, a squiggle covers the token at the column: a quoted string, a word, or
# one other character.
_TOKEN = re.compile(r"\"(?:[^\"\\]|\\.)*\"?|'[^']*'?|[\w.\-/@]+|\S")
#: Underlines kept at most: each is a cursor the document moves on every edit.
SQUIGGLE_LIMIT = 1_000
#: Qt wraps a run of characters with no space in it in time that grows with the square of
#: its length (400,000 characters: 9 s); from this length on the source wraps anywhere.
LONG_RUN = 10_000
_SPACE = re.compile(r"\s")


def has_long_run(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds LONG_RUN characters in a row with no space.

    Such a run covers a whole aligned window of half that length, so only the windows are
    searched for a space: one short search per window in ordinary text.
    """
    end = len(text) if end is None else end
    half = LONG_RUN // 2
    for window in range(start - start % half, end - half + 1, half):
        lo, hi = max(window, start), window + half
        if hi <= end and not _SPACE.search(text, lo, hi):
            first = lo
            while first > start and not text[first - 1].isspace():
                first -= 1
            after = _SPACE.search(text, hi, end)
            if (after.start() if after else end) - first >= LONG_RUN:
                return True
    return False


def _severity(item: Any) -> str:
    """'error', 'warning' or 'info' from a string or a str-valued enum."""
    name = str(getattr(item.severity, "value", item.severity)).lower()
    return name if name in SEVERITIES else "info"


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    """The colour ``t`` of the way from ``a`` to ``b``."""
    channels = zip(a.getRgbF()[:3], b.getRgbF()[:3], strict=True)
    return QColor.fromRgbF(*(x + (y - x) * t for x, y in channels))


def _token_length(text: str, col: int) -> int:
    """Length of the token at ``col``, or of the rest of the line from whitespace."""
    if col >= len(text) or text[col].isspace():
        return len(text[col:].rstrip())
    return len(_TOKEN.match(text, col).group())


@dataclass
class _Squiggle:
    """One diagnostic and the range it underlines (a cursor that follows edits)."""

    item: Any
    severity: str
    cursor: QTextCursor

    def contains(self, position: int) -> bool:
        return self.cursor.selectionStart() <= position < self.cursor.selectionEnd()


class _Gutter(QWidget):
    """The line-number strip left of the text; the view does the painting."""

    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        self._view._paint_gutter(self, event.rect())


class _Changes(QObject):
    """The view's palette and font changes, and the tooltips over its squiggles (the viewport
    receives the ToolTip event). A filter, not overrides of ``changeEvent`` and
    ``viewportEvent``: installed once the view is dressed, it puts none of the events of the
    window's building and first frame through Python."""

    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self._view = view
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if watched is self._view:
            if kind in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
                self._view._restyle()
            return False
        if kind == QEvent.Type.ToolTip:
            self._view._show_tooltip(event)
            return True
        return False


class SourceView(QPlainTextEdit):
    """Plain-text editor of an agent file with line numbers and lint squiggles.

    At start-up the Source tab is usually hidden behind the Form, so what only a shown view
    needs (its fixed-pitch font, its colours, its filter) is made after the window's first
    frame, or when the view first shows if that is sooner: see :meth:`_dress`."""

    TAB_WIDTH = 2
    TEXT_MARGIN = 8  # pixels between the gutter (and the top) and the text

    def __init__(self, document: QTextDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("source")
        self._squiggles: list[_Squiggle] = []
        self._matches: list[QTextCursor] = []  # find matches (ui/find), each following edits
        self._current_match = -1
        self._highlighter: AgentHighlighter | None = None
        self._changes: _Changes | None = None  # made by _dress
        self._attach(document)
        self._gutter = _Gutter(self)
        self.set_word_wrap(True)
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._on_update_request)
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self._update_gutter_width()
        after_first_frame(self, self._dress)

    def _attach(self, document: QTextDocument) -> None:
        """Show ``document`` (QPlainTextEdit needs a plain-text layout) and highlight it."""
        modified = document.isModified()  # layout and margin changes must not dirty the file
        if not document.documentLayout().inherits("QPlainTextDocumentLayout"):
            document.setDocumentLayout(QPlainTextDocumentLayout(document))
        if document.documentMargin() != self.TEXT_MARGIN:
            fresh = not document.isUndoAvailable()
            document.setDocumentMargin(self.TEXT_MARGIN)  # an undo step, in Qt
            if fresh:
                document.clearUndoRedoStacks()  # so Undo stays off on a file just opened
        self._document = document  # the owner holds it too; this keeps the wrapper alive
        self.setDocument(document)
        document.contentsChange.connect(self._check_runs)
        document.setModified(modified)

    @property
    def highlighter(self) -> AgentHighlighter:
        """Colours the document; made when the view is dressed, or when first asked for."""
        if self._highlighter is None:
            from .highlighter import AgentHighlighter  # its module loads after the first frame

            dark = is_dark(self.palette())
            self._highlighter = AgentHighlighter(self.document(), dark=dark)
        return self._highlighter

    def _dress(self) -> None:
        """Give the view its fixed-pitch font, its colours and its filter, once: after the
        window's first frame, or when the view first shows (then before it paints, so its text
        never shows in the wrong font or uncoloured)."""
        if self._changes is not None:
            return
        from PySide6.QtGui import QFontDatabase  # its class and enums: after the first frame

        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * self.TAB_WIDTH)
        self._changes = _Changes(self)
        self._restyle()
        self.highlighter  # noqa: B018 - made now: it colours the text on the next turn

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if self._highlighter is None:
            self.highlighter.rehighlight()  # coloured now, as the view may paint next
        self._dress()
        super().showEvent(event)

    # Navigation and options

    def go_to(self, line: int, column: int = 1, length: int = 0) -> None:
        """Put the cursor at 1-based ``line``/``column`` (clamped), selecting ``length`` code
        points from there, and centre it."""
        cursor = self.textCursor()
        cursor.setPosition(self._position(line, column))
        if length:
            cursor.setPosition(self._position(line, column + length), cursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def find(self, pattern: re.Pattern[str], first: int, last: int) -> tuple[int, int] | None:
        """The 1-based line and column of the first match of ``pattern`` in lines ``first``
        to ``last`` (inclusive), or None."""
        block = self.document().findBlockByNumber(first - 1)
        while block.isValid() and block.blockNumber() < last:
            m = pattern.search(block.text())
            if m:
                return block.blockNumber() + 1, m.start() + 1
            block = block.next()
        return None

    def set_dark(self, dark: bool) -> None:
        """Use the dark (or light) syntax colours; the palette change normally does this."""
        self.highlighter.set_dark(dark)

    def set_word_wrap(self, enabled: bool) -> None:
        wrap = QPlainTextEdit.LineWrapMode.WidgetWidth
        self.setLineWrapMode(wrap if enabled else QPlainTextEdit.LineWrapMode.NoWrap)
        self._wrap_anywhere(has_long_run(self.document().toPlainText()))

    def _wrap_anywhere(self, anywhere: bool) -> None:
        """Break lines anywhere while the text has a long run without spaces (see
        LONG_RUN), else at word boundaries where it can."""
        options = QTextOption.WrapMode
        mode = options.WrapAnywhere if anywhere else options.WrapAtWordBoundaryOrAnywhere
        if self.wordWrapMode() != mode:
            self.setWordWrapMode(mode)

    def _check_runs(self, position: int, removed: int, added: int) -> None:
        """After an edit: a long run can only be new inside the lines it touched, and can
        only be gone when it was there before."""
        document = self.document()
        if self.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere:
            self._wrap_anywhere(has_long_run(document.toPlainText()))
            return
        first, last = document.findBlock(position), document.findBlock(position + added)
        if not last.isValid():
            last = document.lastBlock()
        lines = QTextCursor(document)  # one read of the lines, not one call per line
        lines.setPosition(first.position())
        lines.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        if lines.selectionEnd() - lines.selectionStart() >= LONG_RUN:
            self._wrap_anywhere(has_long_run(lines.selectedText()))  # breaks: U+2029, a space

    def word_wrap(self) -> bool:
        return self.lineWrapMode() != QPlainTextEdit.LineWrapMode.NoWrap

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self._insert_indent()
        else:
            super().keyPressEvent(event)

    def _insert_indent(self) -> None:
        cursor = self.textCursor()
        cursor.insertText(" " * (self.TAB_WIDTH - cursor.positionInBlock() % self.TAB_WIDTH))

    # Positions: lines and columns are 1-based code points; document positions are UTF-16.

    def _locate(self, line: int, column: int) -> tuple[QTextBlock, int]:
        """The block of ``line`` and the 0-based code-point index of ``column``, clamped."""
        number = max(1, min(line, self.blockCount())) - 1
        block = self.document().findBlockByNumber(number)
        return block, max(0, min(column - 1, len(block.text())))

    def _position(self, line: int, column: int) -> int:
        block, col = self._locate(line, column)
        return block.position() + _utf16_len(block.text()[:col])

    # Diagnostics

    def set_diagnostics(self, items: Iterable[Any]) -> None:
        """Underline ``items`` (objects with line, column, severity, message and optional
        end_line/end_column, all 1-based), replacing the previous ones; past SQUIGGLE_LIMIT,
        only the most severe (the Problems list still has them all)."""
        kept = list(items)
        if len(kept) > SQUIGGLE_LIMIT:
            kept.sort(key=lambda item: SEVERITIES.index(_severity(item)))
            del kept[SQUIGGLE_LIMIT:]
        self._squiggles = [self._squiggle(item) for item in kept]
        self._refresh_selections()
        self._gutter.update()

    def diagnostics_at(self, position: int) -> list[Any]:
        """Diagnostics whose underline covers the character at ``position``, worst first."""
        hits = [s for s in self._squiggles if s.contains(position)]
        hits.sort(key=lambda s: SEVERITIES.index(s.severity))
        return [s.item for s in hits]

    def diagnostic_at(self, position: int) -> Any | None:
        """The most severe diagnostic under ``position``, or None."""
        return next(iter(self.diagnostics_at(position)), None)

    def tooltip_text(self, position: int) -> str:
        return "\n".join(item.message for item in self.diagnostics_at(position))

    def severity_color(self, severity: str) -> QColor:
        """The squiggle colour for ``severity`` on the current palette."""
        light, dark = _SEVERITY_COLOURS[severity]
        return QColor(dark if is_dark(self.palette()) else light)

    def _squiggle(self, item: Any) -> _Squiggle:
        start, end = self._span(item)
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return _Squiggle(item, _severity(item), cursor)

    def _span(self, item: Any) -> tuple[int, int]:
        block, col = self._locate(item.line, item.column)
        start = block.position() + _utf16_len(block.text()[:col])
        if getattr(item, "end_column", None) is not None:
            end = self._position(getattr(item, "end_line", None) or item.line, item.end_column)
        else:
            text = block.text()
            end = start + _utf16_len(text[col : col + _token_length(text, col)])
        return self._widen(start, max(start, end), block)

    def _widen(self, start: int, end: int, block: QTextBlock) -> tuple[int, int]:
        """Give an empty range one character: the one before at a line end, else the break."""
        if end > start:
            return start, end
        if start > block.position():
            return start - 1, start
        return start, min(start + 1, self.document().characterCount() - 1)

    # Find matches

    def show_matches(self, spans: list[tuple[int, int]], current: int = -1) -> None:
        """Highlight ``spans`` (document positions) as find matches, ``spans[current]`` the
        most; none when empty."""
        self._matches = []
        for start, end in spans:
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self._matches.append(cursor)
        self._current_match = current
        self._refresh_selections()

    def _match_selections(self) -> list[QTextEdit.ExtraSelection]:
        dark = is_dark(self.palette())
        colours = [QColor(c) for c in (_MATCH_COLOURS[1] if dark else _MATCH_COLOURS[0])]
        selections = []
        for i, cursor in enumerate(self._matches):
            if cursor.hasSelection():
                fmt = QTextCharFormat()
                fmt.setBackground(colours[i == self._current_match])
                selections.append(self._selection(cursor, fmt))
        return selections

    # Extra selections: the current line, the find matches, then the squiggles.

    def _refresh_selections(self) -> None:
        if self._changes is None:  # not dressed yet: drawn as it is (the view is hidden)
            return
        squiggles = [
            self._squiggle_selection(s) for s in self._squiggles if s.cursor.hasSelection()
        ]
        matches = self._match_selections()
        self.setExtraSelections([self._current_line_selection(), *matches, *squiggles])

    def _current_line_selection(self) -> QTextEdit.ExtraSelection:
        fmt = QTextCharFormat()
        fmt.setBackground(self._current_line_color())
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        cursor = self.textCursor()
        cursor.clearSelection()
        return self._selection(cursor, fmt)

    def _squiggle_selection(self, squiggle: _Squiggle) -> QTextEdit.ExtraSelection:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(self.severity_color(squiggle.severity))
        return self._selection(squiggle.cursor, fmt)

    @staticmethod
    def _selection(cursor: QTextCursor, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _on_cursor_moved(self) -> None:
        self._refresh_selections()
        self._gutter.update()

    # Colours derived from the palette, so light and dark themes both work.

    def _shade(self, amount: float) -> QColor:
        """The base colour moved ``amount`` of the way towards the text colour."""
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        return _blend(base, palette.color(QPalette.ColorRole.Text), amount)

    def _current_line_color(self) -> QColor:
        return self._shade(0.07 if is_dark(self.palette()) else 0.05)

    def _restyle(self) -> None:
        """Follow a palette or font change (the filter of :class:`_Changes`)."""
        if self._highlighter is not None:  # else made with the palette's colours
            self._highlighter.set_dark(is_dark(self.palette()))
        self._refresh_selections()
        self._update_gutter_width()
        self._gutter.update()

    # Tooltips over squiggles

    def _show_tooltip(self, event: QHelpEvent) -> None:
        text = self.tooltip_text(self._char_at(event.pos()))
        if text:
            QToolTip.showText(event.globalPos(), text, self.viewport())
        else:
            QToolTip.hideText()
            event.ignore()

    def _char_at(self, point: QPoint) -> int:
        """Document position of the character under a viewport point."""
        cursor = self.cursorForPosition(point)
        if point.x() < self.cursorRect(cursor).x() and cursor.positionInBlock() > 0:
            return cursor.position() - 1
        return cursor.position()

    # The line-number gutter

    def gutter_width(self) -> int:
        """Room for the line count's digits (at least two) and one digit of margin each side."""
        digits = max(2, len(str(self.blockCount())))
        return self.fontMetrics().horizontalAdvance("9") * (digits + 2)

    def _update_gutter_width(self, *_: object) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        self._place_gutter()

    def _place_gutter(self) -> None:
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), self.gutter_width(), rect.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place_gutter()

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def _visible_blocks(self, rect: QRect) -> Iterator[tuple[QTextBlock, float]]:
        """Blocks drawn within ``rect`` (gutter coordinates) with their top edge."""
        block = self.firstVisibleBlock()
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        while block.isValid() and top <= rect.bottom():
            height = self.blockBoundingRect(block).height()
            if block.isVisible() and top + height >= rect.top():
                yield block, top
            top += height
            block = block.next()

    def _paint_gutter(self, gutter: QWidget, rect: QRect) -> None:
        painter = QPainter(gutter)
        painter.fillRect(rect, self._shade(0.04))
        painter.setPen(self._shade(0.14))
        painter.drawLine(gutter.width() - 1, rect.top(), gutter.width() - 1, rect.bottom())
        marks = self._line_severities()
        current = self.textCursor().blockNumber()
        for block, top in self._visible_blocks(rect):
            number = block.blockNumber()
            self._paint_number(painter, number, top, number == current, marks.get(number))
        painter.end()

    def _paint_number(
        self, painter: QPainter, number: int, top: float, current: bool, severity: str | None
    ) -> None:
        font = painter.font()
        font.setBold(current)
        painter.setFont(font)
        painter.setPen(self.severity_color(severity) if severity else self._number_color(current))
        metrics = self.fontMetrics()
        width = self._gutter.width() - metrics.horizontalAdvance("9")
        box = QRect(0, int(top), width, metrics.height())
        painter.drawText(
            box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(number + 1)
        )

    def _number_color(self, current: bool) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text) if current else self._shade(0.55)

    def _line_severities(self) -> dict[int, str]:
        """Block number → most severe diagnostic starting in it."""
        marks: dict[int, str] = {}
        for squiggle in sorted(self._squiggles, key=lambda s: -SEVERITIES.index(s.severity)):
            block = self.document().findBlock(squiggle.cursor.selectionStart())
            marks[block.blockNumber()] = squiggle.severity
        return marks
