"""The problems list: lint results of the current file; activating one jumps to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStyle, QTreeWidget, QTreeWidgetItem, QWidget

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
        self.header().setStretchLastSection(False)
        self.setColumnWidth(0, 560)
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
