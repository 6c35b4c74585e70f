"""The project dock's Budget section: what the agents' descriptions cost Claude Code in every
turn against its limit, each agent's share largest first (the ones to trim), and the skills
whose listed text passes the cap. Clicking a row asks to open its file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.project.budget import Budget
from ...core.words import plural
from ..theme import is_dark

PATH_ROLE = Qt.ItemDataRole.UserRole
#: the warning colour past a limit: (light theme, dark theme), as the project badges use it
OVER_COLOURS = ("#b7791f", "#d29922")
#: the list takes at most this part of the dock's height, so the tree above keeps the rest
LIST_SHARE = 3


def over_colour(palette: QPalette) -> str:
    return OVER_COLOURS[is_dark(palette)]


def kilo(tokens: int) -> str:
    """Tokens as the status bar shows them: 840, 9.2k, 15k."""
    if tokens < 1000:
        return f"{tokens}"
    return f"{tokens / 1000:.1f}".removesuffix(".0") + "k"


def headline(b: Budget) -> str:
    """The total against the limit, short enough for the status bar: "Descriptions 9.2k / 15k
    tokens"."""
    return f"Descriptions {kilo(b.total)} / {kilo(b.limit)} tokens"


def skills_note(b: Budget) -> str:
    """The skills over the cap, apart from the total they do not count in: "1 skill over the
    1,536-character cap: wordy" ("" when none is)."""
    over = b.skills_over
    if not over:
        return ""
    names = ", ".join(s.name for s in over[:3]) + (", …" if len(over) > 3 else "")
    return f"{plural(len(over), 'skill')} over the {b.cap:,}-character cap: {names}"


def summary(b: Budget) -> str:
    """The headline and any skills over the cap."""
    return " · ".join(filter(None, [headline(b), skills_note(b)]))


class BudgetView(QWidget):
    """A header that folds the section, the total against the limit, and the list."""

    open_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("project.budget")
        self.header = QToolButton()
        self.header.setObjectName("project.budget.header")
        self.header.setCheckable(True)
        self.header.setAutoRaise(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.RightArrow)
        self.header.toggled.connect(self.set_expanded)
        # as wide as the dock, and never what makes the dock wider
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header.setMinimumWidth(self.fontMetrics().averageCharWidth() * 12)
        self.note = QLabel()  # the skills over the cap, in the warning colour
        self.note.setObjectName("project.budget.skills")
        self.note.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("project.budget.bar")
        self.bar.setTextVisible(True)
        self.bar.setMaximumHeight(self.fontMetrics().height() + 4)
        self.list = QTreeWidget()
        self.list.setObjectName("project.budget.list")
        self.list.setHeaderLabels(["Agent", "Tokens", "Share"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # plugin:name keeps both ends
        self.list.header().setStretchLastSection(False)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.note)
        layout.addWidget(self.bar)
        layout.addWidget(self.list)
        self.set_expanded(False)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Follow the dock's height (see :data:`LIST_SHARE`)."""
        self.parentWidget().installEventFilter(self)
        self._fit_list()
        super().showEvent(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self._fit_list()
        return False

    def _fit_list(self) -> None:
        self.list.setMaximumHeight(max(self.parentWidget().height() // LIST_SHARE, 80))

    def set_expanded(self, expanded: bool) -> None:
        self.header.setChecked(expanded)
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.bar.setVisible(expanded)
        self.list.setVisible(expanded)

    def show_budget(self, b: Budget | None) -> None:
        """Show ``b`` (None: no project, the section hides)."""
        self.setVisible(b is not None)
        if b is None:
            self.list.clear()
            return
        self.header.setText(headline(b))
        self.header.setToolTip(summary(b))
        self.bar.setRange(0, max(b.limit, b.total))
        self.bar.setValue(b.total)
        self.bar.setFormat(f"≈{b.total:,} of {b.limit:,} tokens")
        palette = self.palette()
        if b.over:
            palette.setColor(QPalette.ColorRole.Highlight, over_colour(palette))
        self.bar.setPalette(palette)
        warning = f"color: {over_colour(palette)};"
        self.header.setStyleSheet(warning if b.over else "")
        self.note.setText(skills_note(b))
        self.note.setStyleSheet(warning)
        self.note.setVisible(bool(b.skills_over))
        self._fill(b)

    def _fill(self, b: Budget) -> None:
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        for a in b.agents:
            row = QTreeWidgetItem([a.name, f"{a.tokens:,}", f"{b.share(a):.1%}"])
            row.setData(0, PATH_ROLE, a.path)
            row.setToolTip(0, f"{a.name} ({a.scope})\n{a.path}")
            self.list.addTopLevelItem(row)
        for s in b.skills_over:
            row = QTreeWidgetItem([f"skill {s.name}", f"{s.length:,} ch", f"cap {b.cap:,}"])
            row.setData(0, PATH_ROLE, s.path)
            row.setToolTip(0, f"{s.length:,} characters listed, over the {b.cap:,} cap\n{s.path}")
            row.setForeground(0, QColor(over_colour(self.palette())))
            self.list.addTopLevelItem(row)
        for column in (1, 2):
            self.list.resizeColumnToContents(column)
        self.list.setUpdatesEnabled(True)

    def _clicked(self, item: QTreeWidgetItem) -> None:
        self.open_requested.emit(item.data(0, PATH_ROLE))
