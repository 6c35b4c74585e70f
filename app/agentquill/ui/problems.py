"""The problems list: lint results of the current file; activating one jumps to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStyle, QTreeWidget, QTreeWidgetItem, QWidget

from ..core.lint import Diagnostic, Severity

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
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)

    def show_diagnostics(self, found: list[Diagnostic]) -> None:
        self.clear()
        style = self.style()
        for d in found:
            item = QTreeWidgetItem([d.message, d.code, f"{d.line}:{d.column}"])
            item.setIcon(0, style.standardIcon(_ICONS[d.severity]))
            item.setToolTip(0, d.message)
            item.setData(0, Qt.ItemDataRole.UserRole, (d.line, d.column, d.key or ""))
            self.addTopLevelItem(item)

    def _activated(self, item: QTreeWidgetItem) -> None:
        line, column, key = item.data(0, Qt.ItemDataRole.UserRole)
        self.jump.emit(line, column, key)
