"""The problems list: lint results of the current file; activating one jumps to it.

Its dock starts hidden: the status bar's badge counts the problems and opens it, at a height
that shows them (see :func:`reveal`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QMainWindow,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...core.lint import Diagnostic, Severity

_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class ProblemsView(QTreeWidget):
    """Severity, message, code and place of each diagnostic."""

    jump = Signal(int, int, str)  # line, column, field key ("" when none)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("problems")
        self.setHeaderLabels(["Problem", "Code", "Line"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        stretch_first_column(self)
        self._rows: list[tuple] = []
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)

    def show_diagnostics(self, found: list[Diagnostic]) -> None:
        rows = [(d.severity, d.message, d.code, d.line, d.column, d.key) for d in found]
        if rows == self._rows:
            return  # as shown: rebuilding takes seconds for thousands of rows
        self._rows = rows
        self.clear()
        icons = {severity: self.style().standardIcon(pixmap) for severity, pixmap in _ICONS.items()}
        items = []
        for d in found:
            item = QTreeWidgetItem([d.message, d.code, f"{d.line}:{d.column}"])
            item.setIcon(0, icons[d.severity])
            item.setToolTip(0, d.message)
            item.setData(0, Qt.ItemDataRole.UserRole, (d.line, d.column, d.key or ""))
            items.append(item)
        self.addTopLevelItems(items)

    def _activated(self, item: QTreeWidgetItem) -> None:
        line, column, key = item.data(0, Qt.ItemDataRole.UserRole)
        self.jump.emit(line, column, key)


def stretch_first_column(tree: QTreeWidget) -> None:
    """The message column takes the room the short columns after it leave."""
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, tree.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


#: rows a revealed problems dock shows at least and at most (before its own scroll bar)
FEWEST_ROWS, MOST_ROWS = 4, 12


def preferred_height(dock: QDockWidget, tree: QTreeWidget, window: QMainWindow) -> int:
    """A height for ``dock`` that shows ``tree``'s rows (FEWEST_ROWS to MOST_ROWS of them, at
    most a quarter of the window) below the dock's title, what sits above the tree and its
    header."""
    rows = min(max(tree.topLevelItemCount(), FEWEST_ROWS), MOST_ROWS)
    row = tree.sizeHintForRow(0) if tree.topLevelItemCount() else tree.fontMetrics().height() + 6
    above = dock.widget().sizeHint().height() - tree.sizeHint().height()  # a filter bar
    title = dock.fontMetrics().height() + 12
    tabs = title if window.tabifiedDockWidgets(dock) else 0  # the bar of tabified docks
    chrome = title + tabs + above + tree.header().sizeHint().height() + 2 * tree.frameWidth()
    return min(rows * row + chrome, window.height() // 4)


def reveal(window: QMainWindow, dock: QDockWidget, tree: QTreeWidget) -> None:
    """Show ``dock`` in front, tall enough for ``tree``'s rows."""
    dock.show()
    dock.raise_()
    height = preferred_height(dock, tree, window)
    window.resizeDocks([dock], [height], Qt.Orientation.Vertical)


def toggle(window: QMainWindow, dock: QDockWidget, tree: QTreeWidget) -> None:
    """Hide ``dock`` when it is in view, else reveal it (the status bar's badge)."""
    if dock.isVisible() and not dock.visibleRegion().isEmpty():
        dock.hide()
    else:
        reveal(window, dock, tree)
