"""The Project dock's content: a filter box, a sort menu, indexing progress, the tree of
agents and the context budget (:mod:`.budget`). The window makes it when the dock first shows
(a :class:`..window.lazy_dock.LazyDock`): a window opened on a file, with no folder, never
loads this module.

Activating an agent asks the window to open it (:attr:`ProjectTree.open_requested`); the
context menu offers Open, Reveal in File Manager, Copy Path, and the manage actions the window
hands over (New Agent…, and Duplicate…, Rename… … on an agent's row).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QDesktopServices,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QToolTip,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..theme import is_dark
from .budget import BudgetView
from .model import DIALECT_SHORT, ENTRY_ROLE, GROUP_ROLE, SORTS, ProjectModel, display_name, tooltip

if TYPE_CHECKING:
    from ...core.claude.registration import Registration, Report

FILTER_DELAY_MS = 150
_BADGES = {  # severity: (light background, dark background, text)
    "error": ("#c62828", "#e5534b", "#ffffff"),
    "warning": ("#b7791f", "#d29922", "#1b1300"),
}


class ProjectTree(QWidget):
    """The Project dock's content: the open project's agents; ``clear`` when it closes.

    The context menu offers ``actions``, and on an agent's row ``agent_actions`` too, each
    with the row's path as its ``data()`` when triggered.
    """

    open_requested = Signal(Path)

    def __init__(
        self,
        parent: QWidget | None = None,
        actions: Sequence[QAction] = (),
        agent_actions: Sequence[QAction] = (),
    ):
        super().__init__(parent)
        self.manage_actions = list(actions)
        self.agent_actions = list(agent_actions)
        self.model = ProjectModel(self)
        self.filter = QLineEdit()
        self.filter.setObjectName("project.filter")
        self.filter.setPlaceholderText("Filter agents")
        self.filter.setToolTip("Shows the agents whose name, description, tools or text match")
        self.filter.setClearButtonEnabled(True)
        self.sort_button = QToolButton()
        self.sort_button.setObjectName("project.sort")
        self.sort_button.setToolTip("Sort agents")
        self.sort_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.sort_menu = QMenu(self.sort_button)
        self.sort_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for key, (label, _) in SORTS.items():
            action = self.sort_menu.addAction(f"Sort by {label}")
            action.setCheckable(True)
            action.setChecked(key == self.model.sort)
            action.triggered.connect(lambda _c=False, k=key: self.set_sort(k))
            group.addAction(action)
            self.sort_actions[key] = action
        self.sort_button.setMenu(self.sort_menu)
        self.sort_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.sort_button.setText(f"Sort: {SORTS[self.model.sort][0]} ▾")
        self.progress = QProgressBar()
        self.progress.setObjectName("project.progress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.status = QLabel()
        self.status.setObjectName("project.status")
        self.status.setContentsMargins(6, 0, 6, 2)
        self.claude = QLabel()  # what Claude Code registers: ui.claude.registration
        self.claude.setObjectName("project.claude")
        self.claude.setContentsMargins(6, 0, 6, 4)
        self.claude.setWordWrap(True)
        self.claude.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.tree = QTreeView()
        self.tree.setObjectName("project.tree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self._delegate = EntryDelegate(self.tree)
        # while indexing, rows are painted by Qt alone: a Python painter would wait for the
        # indexing thread to hand over the GIL on every row (stalls of 70-160 ms at 10,000)
        self._plain_delegate = QStyledItemDelegate(self.tree)
        self.tree.setItemDelegate(self._delegate)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.activated.connect(self._activated)
        self.model.rowsInserted.connect(self._expand_new_groups)
        self.model.modelReset.connect(lambda: self.tree.expandToDepth(0))
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(lambda: self.model.set_query(self.filter.text()))
        self.filter.textChanged.connect(self._filter_timer.start)
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 4)
        top.setSpacing(4)
        top.addWidget(self.filter, 1)
        top.addWidget(self.sort_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.claude)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        self.budget = BudgetView()
        self.budget.open_requested.connect(self.open_requested)
        layout.addWidget(self.budget)
        self.show_progress(0, 0)
        self.status.hide()
        self.claude.hide()
        self.budget.show_budget(None)

    def preferred_width(self, most: int) -> int:
        """The width that shows every row whole (indent, scroll bar and frame included), at
        least the width of the filter row, at most ``most``."""
        tree, font = self.tree, self.tree.font()
        model, widest = self.model, 0
        for row in range(model.rowCount()):
            group = model.index(row, 0)
            widest = max(widest, self._delegate.needed_width(font, group))
            for child in range(model.rowCount(group)):
                index = model.index(child, 0, group)
                widest = max(widest, self._delegate.needed_width(font, index) + tree.indentation())
        chrome = tree.verticalScrollBar().sizeHint().width() + 2 * tree.frameWidth() + 8
        return max(self.minimumSizeHint().width(), min(widest + chrome, most), 260)

    # --- state ------------------------------------------------------------------------------
    def set_sort(self, key: str) -> None:
        self.model.set_sort(key)
        self.sort_actions[key].setChecked(True)
        self.sort_button.setText(f"Sort: {SORTS[key][0]} ▾")

    def show_progress(self, done: int, total: int) -> None:
        """A thin bar while indexing; hidden once ``done == total`` (0, 0 hides it)."""
        busy = done < total
        self.progress.setVisible(busy)
        delegate = self._plain_delegate if busy else self._delegate
        if self.tree.itemDelegate() is not delegate:
            self.tree.setItemDelegate(delegate)
        if busy:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setToolTip(f"Indexing: {done:,} of {total:,} files")

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def show_claude(self, text: str) -> None:
        """The line on what Claude Code registers ("" hides it)."""
        self.claude.setText(text)
        self.claude.setToolTip(text)
        self.claude.setVisible(bool(text))

    def show_registrations(self, report: Report | None) -> None:
        """Mark each row with what Claude Code registers its file as (None: our prediction
        only)."""
        self.model.show_registrations(report)
        self.tree.viewport().update()

    def show_failure(self, text: str) -> None:
        """Indexing stopped: say why, and stop showing progress."""
        self.show_progress(0, 0)
        self.show_status(text)

    def clear(self) -> None:
        self.model.clear()
        self.filter.clear()
        self.show_progress(0, 0)
        self.show_status("")
        self.budget.show_budget(None)

    def select(self, path: Path) -> None:
        index = self.model.index_of(path)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def focused_agent(self) -> Path | None:
        """The agent of the tree's current row while the tree has keyboard focus."""
        if not self.tree.hasFocus():
            return None
        entry = self.tree.currentIndex().data(ENTRY_ROLE)
        return entry.path if entry is not None else None

    def _expand_new_groups(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for row in range(first, last + 1):
                self.tree.expand(self.model.index(row, 0))

    # --- actions ----------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if entry is not None:
            self.open_requested.emit(entry.path)

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(self.tree.indexAt(pos))
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def context_menu(self, index: QModelIndex) -> QMenu:
        """The menu for the row at ``index`` (tests read it without showing it)."""
        menu = QMenu(self)
        entry = index.data(ENTRY_ROLE) if index.isValid() else None
        if entry is not None:
            path = entry.path
            menu.addAction("Open", lambda: self.open_requested.emit(path))
            menu.addAction("Reveal in File Manager", lambda: self.reveal(path))
            menu.addAction("Copy Path", lambda: QGuiApplication.clipboard().setText(str(path)))
        manage = list(self.manage_actions)
        if entry is not None and not self.model.is_stray(entry):
            for action in self.agent_actions:
                action.setData(entry.path)  # what the action acts on
            manage += self.agent_actions
        if manage and not menu.isEmpty():
            menu.addSeparator()
        menu.addActions(manage)
        return menu

    def reveal(self, path: Path) -> None:
        """Show the agent's folder in the system file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


class EntryDelegate(QStyledItemDelegate):
    """Paints an agent row (colour dot, name, dialect, error and warning badges) and a group
    row (label in bold, agent count, totals), with few Qt calls: rows repaint while the index
    is built on another thread, and every Qt call may wait for that thread to hand back the
    GIL."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._font_key = ""
        self._widths: dict[str, int] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return QSize(200, QFontMetrics(option.font).height() + 8)

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            entry = index.data(ENTRY_ROLE)
            if entry is not None:
                model = index.model()
                text = tooltip(entry, model.registration(entry), model.claude_version)
            else:
                source = index.data(GROUP_ROLE).source
                text = f"{source.label}\n{source.root}"
            QToolTip.showText(event.globalPos(), text, view)
            return True
        return super().helpEvent(event, view, option, index)

    def _fonts(self, font: QFont) -> None:
        key = font.key()
        if key == self._font_key:
            return
        self._font_key, self._widths = key, {}
        self.font, self.metrics = QFont(font), QFontMetrics(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.bold_metrics = QFontMetrics(self.bold)
        self.small = QFont(font)
        self.small.setPointSizeF(max(font.pointSizeF() - 1.5, 6.5))
        self.small.setBold(True)
        self.small_metrics = QFontMetrics(self.small)

    def _width(self, text: str, small: bool = False) -> int:
        key = ("s" if small else "n") + text
        width = self._widths.get(key)
        if width is None:
            metrics = self.small_metrics if small else self.metrics
            width = self._widths[key] = metrics.horizontalAdvance(text)
        return width

    def needed_width(self, font: QFont, index: QModelIndex) -> int:
        """The width the row at ``index`` needs to be painted whole (no elided name)."""
        entry = index.data(ENTRY_ROLE)
        if entry is None:
            group = index.data(GROUP_ROLE)
            return self.row_width(font, group.source.label, f"{group.count:,}", group, bold=True)
        model = index.model()
        label = model.file_label(entry)
        right, _ = right_text(entry, model.registration(entry), bool(label))
        return self.row_width(font, label or index.data(), right, entry)

    def row_width(self, font: QFont, name: str, right: str, counts, bold: bool = False) -> int:
        """:meth:`paint`'s widths: margins, dot, name, the right-hand text and the badges."""
        self._fonts(font)
        metrics = self.bold_metrics if bold else self.metrics
        height = self.small_metrics.height() + 2
        badges = sum(
            max(self._width(f"{n:,}", small=True) + 10, height) + 4
            for n in (counts.errors, counts.warnings)
            if n
        )
        dot = 0 if bold else 16
        return 4 + dot + metrics.horizontalAdvance(name) + 8 + self._width(right) + badges + 6

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        widget = option.widget
        if widget is not None:
            widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        self._fonts(option.font)
        palette = option.palette
        dark = is_dark(palette)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = palette.color(role)
        muted = QColor(text_color)
        muted.setAlphaF(0.62)
        rect = option.rect.adjusted(4, 0, -6, 0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        entry = index.data(ENTRY_ROLE)
        if entry is None:
            group = index.data(GROUP_ROLE)
            right = self._badges(painter, rect, group.errors, group.warnings, dark)
            right = self._text_right(painter, rect, right, f"{group.count:,}", muted)
            painter.setFont(self.bold)
            self._text_left(painter, rect.left(), right, rect, group.source.label, text_color)
        else:
            model = index.model()
            right = self._badges(painter, rect, entry.errors, entry.warnings, dark)
            label = model.file_label(entry)
            said, differs = right_text(entry, model.registration(entry), bool(label))
            warned = QColor(_BADGES["warning"][1 if dark else 0])
            color = (text_color if selected else warned) if differs else muted
            score = model.scores.get(str(entry.path))
            left, name = rect.left() + 16, label or index.data()
            wanted = self._width(name) + 8 + (self._width(score) + 12 if score else 0)
            room = said_room(right - left, wanted, self._width(said))
            right = self._text_right(painter, rect, right, said, color, room)
            if score:
                right = self._text_right(painter, rect, right + 4, score, muted)
            if entry.source.kind == "agent":
                self._dot(painter, rect, entry.color, dark, muted)
            elif (kind := mark_kind(entry)) == "broken":
                self._mark(painter, rect, kind, QColor(_BADGES["error"][1 if dark else 0]))
            else:
                self._mark(painter, rect, kind, muted)
            painter.setFont(self.font)
            stray = model.is_stray(entry) and not selected  # no agent: a file Claude Code skips
            self._text_left(painter, left, right, rect, name, muted if stray else text_color)
        painter.restore()

    @staticmethod
    def _dot(painter: QPainter, rect: QRect, color: str, dark: bool, muted: QColor) -> None:
        from ...core.render import DARK, LIGHT  # loaded by the first preview, not at start-up

        fill = (DARK if dark else LIGHT).colors.get(color.lower()) if color else None
        if fill is None and color.startswith("#") and QColor.isValidColorName(color):
            fill = color
        top = rect.top() + (rect.height() - 8) // 2
        if fill:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(fill))
            painter.drawEllipse(rect.left() + 2, top, 8, 8)
        else:  # no colour: an outline, so names stay aligned
            painter.setPen(muted)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(rect.left() + 3, top + 1, 6, 6)

    def _mark(self, painter: QPainter, rect: QRect, kind: str, muted: QColor) -> None:
        """The sign of a skill (a diamond), command (/), output style (¶), rule (§) or eval
        case file (✓, or ✗ when it is broken), where an agent has its colour dot."""
        box = QRect(rect.left(), rect.top(), 12, rect.height())
        painter.setPen(muted)
        if kind == "skill":
            mid, top = box.center().x() - 1, rect.top() + rect.height() // 2
            painter.setBrush(muted)
            painter.drawPolygon(
                [QPoint(mid, top - 5), QPoint(mid + 5, top), QPoint(mid, top + 5),
                 QPoint(mid - 5, top)]
            )  # fmt: skip
            return
        painter.setFont(self.bold)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, _MARKS[kind])

    def _badges(self, painter: QPainter, rect: QRect, errors: int, warnings: int, dark: bool):
        """Draw count pills from the right edge; returns the x where they start."""
        right = rect.right()
        if not (errors or warnings):
            return right
        painter.setFont(self.small)
        height = self.small_metrics.height() + 2
        top = rect.top() + (rect.height() - height) // 2
        for severity, count in (("warning", warnings), ("error", errors)):
            if not count:
                continue
            light_bg, dark_bg, fg = _BADGES[severity]
            text = f"{count:,}"
            width = max(self._width(text, small=True) + 10, height)
            pill = QRect(right - width, top, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(dark_bg if dark else light_bg))
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setPen(QColor(fg))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
            right = pill.left() - 4
        return right

    def _text_right(
        self, painter, rect: QRect, right: int, text: str, color: QColor, most: int = 1 << 20
    ) -> int:
        """Draw ``text`` ending at ``right``, elided to ``most`` pixels; returns the x left of
        it, less a gap."""
        width = min(self._width(text), most)
        if width < self._width(text):
            text = self.metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        painter.setFont(self.font)
        painter.setPen(color)
        box = QRect(right - width, rect.top(), width, rect.height())
        painter.drawText(box, _RIGHT, text)
        return box.left() - 8

    @staticmethod
    def _text_left(painter, left: int, right: int, rect: QRect, text: str, color) -> None:
        width = max(right - left, 0)
        shown = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
        painter.setPen(color)
        painter.drawText(QRect(left, rect.top(), width, rect.height()), _LEFT, shown)


def mark_kind(entry) -> str:
    """What the sign before a row that is not an agent stands for: its kind, or for an eval
    file with errors "broken" (a ✗: a file Claude Code refuses never shows a ✓)."""
    return "broken" if entry.source.kind == "eval" and entry.errors else entry.source.kind


def right_text(entry, registration: Registration | None, clash: bool = False) -> tuple[str, bool]:
    """The text at the right of a row: its dialect, or once Claude Code was asked, what it
    registers the file as (the name too when the row shows the file, in a ``clash``; a
    plugin's prefix only when it is not the row's plugin); and whether that differs from our
    prediction."""
    if registration is None:
        return DIALECT_SHORT.get(entry.dialect, entry.dialect), False
    if registration.name:
        plugin = entry.source.plugin
        name = registration.name.removeprefix(f"{plugin}:") if plugin else registration.name
        same = name == display_name(entry) and not clash
        said = "✓ registered" if same else f"✓ {name}"
    elif registration.winner:
        said = f"loses to {Path(registration.winner).name}"
    else:
        said = "not registered"
    return (said, False) if registration.agrees else (f"⚠ {said}", True)


def said_room(room: int, name: int, said: int) -> int:
    """The width of a row's right-hand text, of ``room`` pixels beside a name ``name`` wide:
    the right-hand text goes short first, down to a third of the room (a long name then
    yields too)."""
    return min(said, max(room - name, room // 3))


_MARKS = {"command": "/", "output-style": "¶", "rule": "§", "eval": "✓", "broken": "✗"}
_RIGHT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
_LEFT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
