"""Find in Project's panel: the find and replace fields, and the results as a tree.

One row per file (its path and count), under it one row per match: the line number and the
line's text with the match emphasised. In a replace preview every row has a check box and a
match row shows the old text struck out beside the new; a file that was left alone is listed
under "Skipped" with the reason. The panel knows no window: the controller
(:mod:`.controller`) searches and replaces, and the panel asks it through its signals.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...core.search import Found, Match, Query, Skipped
from ..editor.highlighter import is_dark_palette
from .toggles import Toggles

_KEY = Qt.ItemDataRole.UserRole  # a file row's key (its path), a match row's Match
_HTML = Qt.ItemDataRole.UserRole + 1  # the rich text a row draws
# (match background, removed, added) on a light palette, then on a dark one
_COLOURS = (("#fff0a8", "#cf222e", "#1a7f37"), ("#5a4a12", "#ff7b72", "#3fb950"))


class ResultsPanel(QWidget):
    """The Find in Project panel (objectName ``find.project``)."""

    find_requested = Signal()
    preview_requested = Signal()
    apply_requested = Signal()
    undo_requested = Signal()
    open_requested = Signal(object, Match)  # file key, match

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("find.project")
        self.field = self._line_edit("find.project.text", "Find in project")
        self.field.returnPressed.connect(self.find_requested)
        self.toggles = Toggles("find.project")
        self.toggles.changed.connect(self._edited)
        self.find_button = self._push("find.project.find", "Find", self.find_requested)
        self.replacement = self._line_edit("find.project.replace", "Replace with")
        self.replacement.returnPressed.connect(self.preview_requested)
        self.preview_button = self._push(
            "find.project.preview", "Preview Replace", self.preview_requested
        )
        self.apply_button = self._push("find.project.apply", "Replace", self.apply_requested)
        self.apply_button.setToolTip("Make the checked changes (shown above)")
        self.apply_button.setEnabled(False)
        self.undo_button = self._push("find.project.undo", "Undo Replace", self.undo_requested)
        self.undo_button.setToolTip("Put back the files the last replace wrote on disk")
        self.undo_button.hide()
        self.status = QLabel()
        self.status.setObjectName("find.project.status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget()
        self.tree.setObjectName("find.project.results")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegate(_RichRow(self.tree))
        self.tree.itemClicked.connect(self._open)
        self.tree.itemActivated.connect(self._open)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setSpacing(4)
        grid.addWidget(self.field, 0, 0)
        grid.addWidget(self.toggles, 0, 1)
        grid.addWidget(self.find_button, 0, 2)
        grid.addWidget(self.replacement, 1, 0)
        grid.addWidget(self.preview_button, 1, 1)
        grid.addWidget(self.apply_button, 1, 2)
        grid.addWidget(self.undo_button, 1, 3)
        grid.addWidget(self.status, 2, 0, 1, 4)
        grid.addWidget(self.tree, 3, 0, 1, 4)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(3, 1)
        self._replace_row = (self.replacement, self.preview_button, self.apply_button)
        self.set_replacing(False)  # until Replace in Project asks for it
        self.previewing = False

    def _line_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        edit.textChanged.connect(self._edited)
        return edit

    def _push(self, name: str, text: str, signal: Signal) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(signal)
        return button

    def query(self) -> Query:
        return self.toggles.query(self.field.text())

    def set_replacing(self, shown: bool) -> None:
        for widget in self._replace_row:
            widget.setVisible(shown)

    def _edited(self) -> None:
        """A preview shows one query and replacement: changing either ends it."""
        if self.previewing:
            self.previewing = False
            self.apply_button.setEnabled(False)
            self.tree.clear()
            self.status.setText("The search changed: preview again to replace.")

    def show_message(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #d1242f;" if error else "")

    # --- results ----------------------------------------------------------------------------
    def show_found(
        self,
        found: Found,
        label: Callable[[Hashable], str],
        replaced: dict[Hashable, list[str]] | None = None,
        skipped: list[Skipped] = (),
    ) -> None:
        """List ``found``; with ``replaced`` (each file's new texts, match by match), as a
        preview with check boxes."""
        self.previewing = replaced is not None
        self.apply_button.setEnabled(self.previewing and bool(found.files))
        colours = _COLOURS[is_dark_palette(self.tree.palette())]
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        flags = Qt.ItemFlag.ItemIsUserCheckable if self.previewing else Qt.ItemFlag.NoItemFlags
        for hits in found.files:
            count = len(hits.matches)
            row = QTreeWidgetItem([f"{label(hits.key)}  ({count})"])
            row.setData(0, _KEY, hits.key)
            row.setToolTip(0, str(hits.key))
            news = replaced.get(hits.key) if replaced is not None else None
            for i, match in enumerate(hits.matches):
                child = QTreeWidgetItem(row)
                child.setData(0, _KEY, match)
                child.setData(0, _HTML, _line_html(match, colours, news[i] if news else None))
                child.setToolTip(0, match.context)
                if self.previewing:
                    child.setFlags(child.flags() | flags)
                    child.setCheckState(0, Qt.CheckState.Checked)
            if self.previewing:
                row.setFlags(row.flags() | flags | Qt.ItemFlag.ItemIsAutoTristate)
                row.setCheckState(0, Qt.CheckState.Checked)
            self.tree.addTopLevelItem(row)
        reasons = [*found.skipped, *skipped]
        if reasons:
            group = QTreeWidgetItem([f"Skipped ({len(reasons)})"])
            group.setData(0, _KEY, None)
            for item in reasons:
                child = QTreeWidgetItem(group, [f"{label(item.key)} — {item.reason}"])
                child.setToolTip(0, item.reason)
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)
        if found.files and len(found.files) <= 200:
            self.tree.expandAll()
        elif found.files:
            self.tree.topLevelItem(0).setExpanded(True)
        self.tree.setUpdatesEnabled(True)

    def checked(self) -> dict[Hashable, list[Match]]:
        """The checked matches of a preview, by file."""
        chosen: dict[Hashable, list[Match]] = {}
        for i in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(i)
            key = row.data(0, _KEY)
            if key is None or row.checkState(0) == Qt.CheckState.Unchecked:
                continue
            matches = [
                row.child(k).data(0, _KEY)
                for k in range(row.childCount())
                if row.child(k).checkState(0) == Qt.CheckState.Checked
            ]
            if matches:
                chosen[key] = matches
        return chosen

    def _open(self, item: QTreeWidgetItem) -> None:
        match, parent = item.data(0, _KEY), item.parent()
        if isinstance(match, Match) and parent is not None:
            self.open_requested.emit(parent.data(0, _KEY), match)


def _line_html(match: Match, colours: tuple[str, str, str], new: str | None) -> str:
    """The match's line with the match emphasised, or, with ``new``, struck out and
    followed by what replaces it."""
    start, end = match.span
    text = match.context
    if new is None:
        middle = (
            f"<span style='background:{colours[0]}; font-weight:600'>{_h(text[start:end])}</span>"
        )
    else:
        middle = (
            f"<span style='color:{colours[1]}; text-decoration:line-through'>"
            f"{_h(text[start:end])}</span><span style='color:{colours[2]}; font-weight:600'>"
            f"{_h(new)}</span>"
        )
    return (
        f"<span style='color:gray'>{match.line}:</span>&nbsp;&nbsp;"
        f"{_h(text[:start])}{middle}{_h(text[end:])}"
    )


def _h(text: str) -> str:
    """Escaped for rich text, spaces kept and breaks shown as ⏎ (a match may span lines)."""
    return html.escape(text).replace("\n", "⏎").replace("  ", "&nbsp; ")


class _RichRow(QStyledItemDelegate):
    """Draws a row's rich text (its ``_HTML`` data) after the style drew the rest."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rich = index.data(_HTML)
        if rich is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(opt.font)
        doc.setHtml(rich)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.setClipRect(rect)
        painter.translate(rect.left() + 2, rect.top() + (rect.height() - doc.size().height()) / 2)
        doc.documentLayout().draw(painter, context)
        painter.restore()
