"""Project problems: cross-file lint (duplicate names, shadowed agents …) and each file's own
lint counts, with severity toggles and a text filter; activating one opens the file there."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.project import Entry, ProjectProblem
from ..editor.problems import stretch_first_column
from .model import display_name

SEVERITIES = ("error", "warning", "info")
_ICONS = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}
_PLACE = Qt.ItemDataRole.UserRole  # (path, line) of a row
_KIND = Qt.ItemDataRole.UserRole + 1  # (severity, searchable text) of a top-level row


class ProjectProblemsView(QWidget):
    """Rows for :class:`ProjectProblem` s (the other files involved as children), then one
    row per file with lint problems."""

    open_at = Signal(Path, int)  # file, line

    def __init__(self, root: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.root = root
        self.toggles: dict[str, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 4)
        bar.setSpacing(4)
        style = self.style()
        for severity in SEVERITIES:
            button = QToolButton()
            button.setObjectName(f"project.problems.{severity}")
            button.setCheckable(True)
            button.setChecked(True)
            button.setIcon(style.standardIcon(_ICONS[severity]))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            button.toggled.connect(self._apply_filter)
            bar.addWidget(button)
            self.toggles[severity] = button
        self.filter = QLineEdit()
        self.filter.setObjectName("project.problems.filter")
        self.filter.setPlaceholderText("Filter problems")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        bar.addWidget(self.filter, 1)
        self.tree = QTreeWidget()
        self.tree.setObjectName("project.problems")
        self.tree.setHeaderLabels(["Problem", "Code", "File", "Line"])
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        stretch_first_column(self.tree)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(2, 280)  # a path: the user widens it; the message stretches
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        self._problems: list[ProjectProblem] = []
        self._entries: list[Entry] = []
        self._update_counts({})

    def show_problems(self, problems: Iterable[ProjectProblem], entries: Iterable[Entry]) -> None:
        """Replace the list: ``problems`` across files, and ``entries`` with lint counts."""
        self._problems = sorted(problems, key=lambda p: (SEVERITIES.index(p.severity), p.code))
        self._entries = sorted(
            (e for e in entries if e.errors or e.warnings or e.infos),
            key=lambda e: (-e.errors, -e.warnings, -e.infos, str(e.path)),
        )
        self.tree.clear()
        style = self.style()
        icons = {severity: style.standardIcon(pixmap) for severity, pixmap in _ICONS.items()}
        counts = dict.fromkeys(SEVERITIES, 0)
        items = []
        for problem in self._problems:
            counts[problem.severity] += 1
            item = self._item(problem.message, problem.code, problem.path, problem.line)
            item.setIcon(0, icons[problem.severity])
            text = " ".join([problem.message, problem.code, *map(str, problem.others)])
            item.setData(0, _KIND, (problem.severity, text.casefold()))
            for other in problem.others:
                item.addChild(self._item(f"also {other.name}", "", other, 1))
            items.append(item)
        for entry in self._entries:
            severity = "error" if entry.errors else "warning" if entry.warnings else "info"
            counts[severity] += 1
            found = [
                f"{n} {what}{'s' if n != 1 else ''}"
                for n, what in ((entry.errors, "error"), (entry.warnings, "warning"),
                                (entry.infos, "note"))
                if n
            ]  # fmt: skip
            message = f"{display_name(entry)}: {', '.join(found)}"
            item = self._item(message, "lint", entry.path, 1)
            item.setIcon(0, icons[severity])
            item.setData(0, _KIND, (severity, f"{message} {entry.path}".casefold()))
            items.append(item)
        self.tree.addTopLevelItems(items)
        self._update_counts(counts)
        self._apply_filter()

    def _item(self, message: str, code: str, path: Path, line: int) -> QTreeWidgetItem:
        shown = str(path.relative_to(self.root)) if self._inside(path) else str(path)
        item = QTreeWidgetItem([message, code, shown, str(line)])
        item.setToolTip(0, message)
        item.setToolTip(2, str(path))
        item.setData(0, _PLACE, (path, line))
        return item

    def _inside(self, path: Path) -> bool:
        return self.root is not None and path.is_relative_to(self.root)

    def _update_counts(self, counts: dict[str, int]) -> None:
        names = {"error": "Errors", "warning": "Warnings", "info": "Info"}
        for severity, button in self.toggles.items():
            button.setText(f"{counts.get(severity, 0):,} {names[severity]}")
            button.setToolTip(f"Show {names[severity].lower()}")

    def _apply_filter(self) -> None:
        query = self.filter.text().strip().casefold()
        shown = {s for s, b in self.toggles.items() if b.isChecked()}
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            severity, text = item.data(0, _KIND)
            item.setHidden(severity not in shown or (bool(query) and query not in text))

    def visible_items(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if not item.isHidden()]

    def _activated(self, item: QTreeWidgetItem) -> None:
        path, line = item.data(0, _PLACE)
        self.open_at.emit(path, line)
