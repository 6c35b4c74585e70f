"""A list of delegation prompts, one a row, beside the latest run's figures for each.

The list edits nothing itself: it says what the user asked (``added``, ``edited``, ``removed``,
``moved``) and the pane writes it through ``core.evals``, then shows the cases read back.
Keys: Insert adds a row, F2 or a double click edits one, Delete removes it, Alt+Up and Alt+Down
move it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..intent import keep_key
from ..timers import soon

COLUMNS = ("Prompt", "With", "Without", "Δ")
CASE_ROLE = Qt.ItemDataRole.UserRole  # the row's Case (None on the row being added)
PROMPT_ROLE = Qt.ItemDataRole.UserRole + 1  # the prompt as stored (a row shows it on one line)
ERROR = QColor("#d9534f")
MIN_ROWS = 3  # the least height of a list, in rows


class CaseTree(QTreeWidget):
    """The rows of one list; each row's first column is the prompt, edited in place."""

    added = Signal(str)
    edited = Signal(object, str)  # Case, its new prompt
    removed = Signal(object)  # Case
    moved = Signal(int, int)  # from row, to row

    def __init__(self, name: str, editable: bool = True):
        super().__init__()
        self.setObjectName(name)
        self.editable = editable
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(COLUMNS)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        keep_key(self, Qt.Key.Key_F2)
        self._adding: QTreeWidgetItem | None = None
        self._filling = False
        self.itemChanged.connect(self._changed)
        self.itemDelegate().closeEditor.connect(lambda *_: soon(self, self._editor_closed))

    # --- showing ----------------------------------------------------------------------------
    def show_rows(self, rows: list[tuple[object, str, tuple[str, str, str], str]]) -> None:
        """Rows of (case, prompt, (with, without, delta), error): the current row stays."""
        current = self.currentIndex().row()
        self._filling = True
        try:
            self.clear()
            self._adding = None
            for case, prompt, figures, error in rows:
                item = QTreeWidgetItem([_one_line(prompt), *figures])
                item.setData(0, CASE_ROLE, case)
                item.setData(0, PROMPT_ROLE, prompt)
                item.setToolTip(0, f"{prompt}\n\n{error}" if error else prompt)
                if error:
                    item.setForeground(0, ERROR)
                    item.setText(0, f"⚠ {_one_line(prompt) or '(no prompt)'} — {error}")
                for column in range(1, len(COLUMNS)):
                    item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
                if self.editable and case is not None and not error:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.addTopLevelItem(item)
        finally:
            self._filling = False
        if 0 <= current < self.topLevelItemCount():
            self.setCurrentItem(self.topLevelItem(current))
        self._fit()

    def _fit(self) -> None:
        """At least three rows tall; it grows with the pane, and scrolls beyond."""
        row = (
            self.sizeHintForRow(0) if self.topLevelItemCount() else self.fontMetrics().height() + 4
        )
        frame = 2 * self.frameWidth() + self.header().sizeHint().height()
        self.setMinimumHeight(frame + MIN_ROWS * row + 2)

    def current_case(self):
        item = self.currentItem()
        return item.data(0, CASE_ROLE) if item is not None else None

    # --- asking for changes -----------------------------------------------------------------
    def add_row(self) -> None:
        """A new empty row, edited at once; typing a prompt and Enter adds it."""
        if not self.editable or self._adding is not None:
            return
        self._filling = True
        item = QTreeWidgetItem(["", "", "", ""])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(0, CASE_ROLE, None)
        self.addTopLevelItem(item)
        self._filling = False
        self._adding = item
        self.setCurrentItem(item)
        self.setFocus()
        self.editItem(item, 0)

    def remove_current(self) -> None:
        case = self.current_case()
        if self.editable and case is not None:
            self.removed.emit(case)

    def move_current(self, by: int) -> None:
        row = self.currentIndex().row()
        if self.editable and row >= 0 and 0 <= row + by < self.topLevelItemCount():
            self.moved.emit(row, row + by)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, alt = event.key(), event.modifiers() == Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_Insert and not event.modifiers():
            self.add_row()
        elif key == Qt.Key.Key_Delete and not event.modifiers():
            self.remove_current()
        elif alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if key == Qt.Key.Key_Up else 1)
        else:
            super().keyPressEvent(event)

    def _changed(self, item: QTreeWidgetItem, column: int) -> None:
        """A typed prompt, said once the editor has closed: the pane then refills the list,
        which must not happen while the view is still committing the edit."""
        if self._filling or column != 0:
            return
        text = item.text(0).strip()
        if item is self._adding:
            if text:
                self._adding = None
                soon(self, lambda: self.added.emit(text))
            return
        case = item.data(0, CASE_ROLE)
        if case is not None and text and text != _one_line(item.data(0, PROMPT_ROLE)):
            soon(self, lambda: self.edited.emit(case, text))

    def _editor_closed(self) -> None:
        """An added row left empty (or the edit cancelled) goes away."""
        item, self._adding = self._adding, None
        if item is not None and not item.text(0).strip():
            index = self.indexOfTopLevelItem(item)
            if index >= 0:
                self.takeTopLevelItem(index)


class CaseList(QWidget):
    """A titled :class:`CaseTree` with Add, Remove, Up and Down buttons."""

    def __init__(self, title: str, name: str, tip: str, editable: bool = True):
        super().__init__()
        self.tree = CaseTree(name, editable)
        self.title = QLabel(f"<b>{title}</b>")
        self.title.setToolTip(tip)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title)
        head.addStretch(1)
        self.buttons: dict[str, QToolButton] = {}
        if editable:
            for key, text, tip_, slot in (
                ("add", "Add", "Add a prompt (Insert)", self.tree.add_row),
                (
                    "remove",
                    "Remove",
                    "Remove this prompt (Delete)",
                    self.tree.remove_current,
                ),
                ("up", "Up", "Move it up (Alt+Up)", lambda: self.tree.move_current(-1)),
                ("down", "Down", "Move it down (Alt+Down)", lambda: self.tree.move_current(1)),
            ):
                button = QToolButton()
                button.setObjectName(f"{name}.{key}")
                button.setText(text)
                button.setToolTip(tip_)
                button.setAutoRaise(True)
                button.clicked.connect(slot)
                self.buttons[key] = button
                head.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.tree)


def _one_line(text: str) -> str:
    return " ".join(text.split())
