"""Find and replace in the open file: a bar under the Source pane.

The bar searches the document's text with the core (:mod:`agentquill.core.search`), shows
every match in the source view and a count, and replaces through the document's edit API, so
Replace and Replace All are each one undo step of the one buffer. Matches are found again a
moment after each edit while the bar is open.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from ...core.search import (
    LIMIT,
    Match,
    PatternError,
    Query,
    find_all,
    replace_edits,
    replacements,
)
from ..editor.document import AgentDocument, qt_position
from ..editor.source_view import SourceView
from .toggles import Toggles

#: matches highlighted at most: each is a cursor the document moves on every edit
HIGHLIGHT_LIMIT = 2_000
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
REFIND_MS = 150  # after an edit, matches are found again once typing pauses this long
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def document_position(document: AgentDocument, offset: int) -> int:
    """An offset into the document's text as a Qt position (Qt counts UTF-16 units)."""
    text = document.text()
    return offset if document.qdoc.characterCount() - 1 == len(text) else qt_position(text, offset)


class FindBar(QFrame):
    """Find (and, with its second row shown, replace) in ``document`` shown by ``source``.

    ``used`` carries the query and replacement whenever the user changes them, so the next
    bar opened (another tab's) starts from them."""

    used = Signal(Query, str)

    def __init__(self, document: AgentDocument, source: SourceView, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("find.bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.document, self.source = document, source
        self.wanted = False  # open: shown whenever the Source pane is
        self.matches: list[Match] = []
        self.spans: list[tuple[int, int]] = []  # the matches as document positions
        self.error = ""
        self.field = self._line_edit("find.text", "Find")
        self.toggles = Toggles("find")
        self.count = QLabel()
        self.count.setObjectName("find.count")
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("No matches"))
        previous = self._button("find.previous", "Previous match (Shift+F3, Shift+Enter)")
        previous.setArrowType(Qt.ArrowType.UpArrow)
        previous.clicked.connect(lambda: self.next(backward=True))
        following = self._button("find.next", "Next match (F3, Enter)")
        following.setArrowType(Qt.ArrowType.DownArrow)
        following.clicked.connect(lambda: self.next())
        close = self._button("find.close", "Close (Escape)")
        close.setText("✕")
        close.clicked.connect(self.close_bar)
        self.replacement = self._line_edit("find.replace", "Replace")
        self.replace_one = QPushButton("Replace")
        self.replace_one.setObjectName("find.replace_one")
        self.replace_one.setToolTip("Replace this match and go to the next (Enter)")
        self.replace_one.clicked.connect(self.replace)
        self.replace_all = QPushButton("Replace All")
        self.replace_all.setObjectName("find.replace_all")
        self.replace_all.setToolTip("Replace every match: one step to undo")
        self.replace_all.clicked.connect(self.replace_every)
        self.problem = QLabel()  # a bad pattern: what is wrong, on a line of its own
        self.problem.setObjectName("find.error")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #d1242f;")
        self.problem.hide()
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.replace_one)
        row.addWidget(self.replace_all)
        row.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for column, widget in enumerate((self.field, self.toggles, self.count)):
            grid.addWidget(widget, 0, column)
        for column, widget in enumerate((previous, following, close), start=3):
            grid.addWidget(widget, 0, column)
        grid.addWidget(self.problem, 1, 0, 1, 6)
        grid.addWidget(self.replacement, 2, 0)
        grid.addWidget(buttons, 2, 1, 1, 5)
        grid.setColumnStretch(0, 1)
        self._replace_row = (self.replacement, buttons)
        self._refind = QTimer(self, singleShot=True, interval=REFIND_MS, timeout=self.refresh)
        self.field.textChanged.connect(self._edited)
        self.replacement.textChanged.connect(self._edited)
        self.toggles.changed.connect(self._edited)
        document.qdoc.contentsChanged.connect(self._text_changed)
        source.cursorPositionChanged.connect(self._show_count)
        source.installEventFilter(self)
        self.hide()

    def _line_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        edit.installEventFilter(self)
        return edit

    def _button(self, name: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    # --- opening and closing ----------------------------------------------------------------
    def open(self, replace: bool, seed: tuple[Query, str] | None = None) -> None:
        """Show the bar (with the replace row when ``replace``), the find field focused and
        filled from the source's selection, else from ``seed`` when the field is empty."""
        selected = self.source.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        elif seed is not None and not self.field.text():
            self.toggles.set_from(seed[0])
            self.field.setText(seed[0].text)
            self.replacement.setText(seed[1])
        for widget in self._replace_row:
            widget.setVisible(replace)
        self.wanted = True
        self.show()
        self.field.selectAll()
        self.field.setFocus()
        self.refresh()

    def close_bar(self) -> None:
        self.wanted = False
        self.hide()
        self.source.setFocus()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self.source.show_matches([])

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    # --- finding ----------------------------------------------------------------------------
    def query(self) -> Query:
        return self.toggles.query(self.field.text())

    def _edited(self) -> None:
        self.used.emit(self.query(), self.replacement.text())
        self.refresh()

    def _text_changed(self) -> None:
        if self.isVisible():
            self._refind.start()

    def refresh(self) -> None:
        """Find every match of the query again, highlight them and show the count."""
        self._refind.stop()
        self.matches, self.error = [], ""
        if self.field.text():
            try:
                self.matches = find_all(self.document.text(), self.query().compile(), LIMIT)
            except PatternError as exc:
                self.error = str(exc)
        self.spans = self._spans(self.matches)
        if self.isVisible():
            self.source.show_matches(self.spans[:HIGHLIGHT_LIMIT], self._current())
        self._show_count()

    def _spans(self, matches: list[Match]) -> list[tuple[int, int]]:
        """The matches' places as document positions: Qt counts a character beyond U+FFFF
        as two."""
        text = self.document.text()
        if self.document.qdoc.characterCount() - 1 == len(text):
            return [(m.start, m.end) for m in matches]
        astral = [m.start() for m in _ASTRAL.finditer(text)]
        return [
            (m.start + bisect_left(astral, m.start), m.end + bisect_left(astral, m.end))
            for m in matches
        ]

    def _current(self) -> int:
        """The index of the match the source's selection is, or -1."""
        cursor = self.source.textCursor()
        if cursor.hasSelection():
            selected = (cursor.selectionStart(), cursor.selectionEnd())
            index = bisect_left(self.spans, selected)
            if index < len(self.spans) and self.spans[index] == selected:
                return index
        return -1

    def _show_count(self) -> None:
        self.problem.setText(self.error)
        self.problem.setVisible(bool(self.error))
        total = len(self.matches)
        more = "+" if total >= LIMIT else ""
        current = self._current() if total else -1
        if not self.field.text() or self.error:
            self.count.setText("")
        elif not total:
            self.count.setText("No matches")
        elif current >= 0:
            self.count.setText(f"{current + 1:,} of {total:,}{more}")
        else:
            self.count.setText(f"{total:,}{more} match{'es' if total != 1 else ''}")

    def next(self, backward: bool = False) -> None:
        """Select the next match after the selection (before it, ``backward``), wrapping."""
        if self._refind.isActive() or not self.matches:
            self.refresh()
        if not self.matches:
            return
        cursor, spans = self.source.textCursor(), self.spans
        if backward:
            before = [i for i, (start, _) in enumerate(spans) if start < cursor.selectionStart()]
            index = before[-1] if before else len(spans) - 1
        else:
            after = (i for i, (start, _) in enumerate(spans) if start >= cursor.selectionEnd())
            index = next(after, 0)
        self._select(spans[index])

    def _select(self, span: tuple[int, int]) -> None:
        cursor = self.source.textCursor()
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        self.source.setTextCursor(cursor)
        self.source.centerCursor()
        self.source.show_matches(self.spans[:HIGHLIGHT_LIMIT], self._current())

    # --- replacing --------------------------------------------------------------------------
    def replace(self) -> None:
        """Replace the selected match (one undo step) and select the next; with no match
        selected, the next one: each Enter replaces one, as in other editors."""
        if self._refind.isActive():
            self.refresh()
        if self._current() < 0:
            self.next()
        current = self._current()
        if current < 0:
            return
        match = self.matches[current]
        replaced = self._apply([match])
        if replaced:
            self.refresh()
            cursor = self.source.textCursor()
            cursor.setPosition(document_position(self.document, match.start + len(replaced[0])))
            self.source.setTextCursor(cursor)  # just after the replacement
            self.next()

    def replace_every(self) -> None:
        """Replace every match in the file as one undo step."""
        self.refresh()
        text = self.document.text()
        try:
            matches = find_all(text, self.query().compile())  # all, past the list's limit
        except PatternError:
            return
        if self._apply(matches):
            self.refresh()
            self.count.setText(f"Replaced {len(matches):,}")

    def _apply(self, matches: list[Match]) -> list[str]:
        """Replace ``matches`` through the document, as one undo step; what replaced them
        (empty when nothing could be)."""
        if self.document.read_only_reason:
            self.count.setText("Read-only file")
            return []
        text, query, template = self.document.text(), self.query(), self.replacement.text()
        try:
            replaced = replacements(text, query, template, matches)
            self.document.apply(replace_edits(text, query, template, matches))
        except PatternError as exc:
            self.error = str(exc)
            self._show_count()
            return []
        return replaced

    # --- keys -------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Escape on the bar's buttons closes it too."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter (Shift+Enter) in the find field: next (previous) match; Enter in the replace
        field: replace; Escape in either, or in the source while the bar is open: close."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key == Qt.Key.Key_Escape and (watched is not self.source or self.isVisible()):
            self.close_bar()
            return True
        if key in _ENTER and watched is self.field:
            self.next(backward=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return True
        if key in _ENTER and watched is self.replacement:
            self.replace()
            return True
        return False
