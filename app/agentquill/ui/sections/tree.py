"""The sections tree widget: rows for outline nodes, painted as marker, bold title and text,
edited in place, and dropped through the outline rather than moved by Qt.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ..intent import keep_key
from ..timers import soon
from .model import ABOVE, BELOW, END, ITEM, ON, PREAMBLE, SECTION, Node, with_node

NODE = Qt.ItemDataRole.UserRole + 1
_FIXED = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
_MOVABLE = _FIXED | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
_WHERE = {
    QAbstractItemView.DropIndicatorPosition.AboveItem: ABOVE,
    QAbstractItemView.DropIndicatorPosition.BelowItem: BELOW,
    QAbstractItemView.DropIndicatorPosition.OnItem: ON,
    QAbstractItemView.DropIndicatorPosition.OnViewport: END,
}


def _count(node: Node) -> str:
    parts = zip(node.counts, ("item", "section"), strict=True)
    return " · ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in parts if n)


class RowEditor(QLineEdit):
    """The inline editor of a row; ``typed`` once the user changed its text."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("sections.edit")
        self.typed = False
        self.textEdited.connect(lambda _text: setattr(self, "typed", True))


class RowDelegate(QStyledItemDelegate):
    """Paints a row as dim marker, bold title and text; edits it in a line edit."""

    def __init__(self, commit: Callable[[QModelIndex, str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.commit = commit
        self._fonts: dict[str, tuple] = {}  # font key -> (plain, bold) with their metrics

    @staticmethod
    def marker_width(font: QFont) -> int:
        """The column list markers take, so that item titles line up."""
        return QFontMetrics(font).horizontalAdvance("00.") + 8

    def _faces(self, font: QFont) -> tuple:
        """``((font, metrics), (bold font, metrics), marker width)``, made once per font."""
        faces = self._fonts.get(font.key())
        if faces is None:
            font = QFont(font)  # a copy: the one given lives in a style option, freed soon
            bold = QFont(font)
            bold.setBold(True)
            plain = (font, QFontMetrics(font))
            faces = (plain, (bold, QFontMetrics(bold)), self.marker_width(font))
            self._fonts[font.key()] = faces
        return faces

    def _pieces(self, node: Node, font: QFont, fg: QColor, dim: QColor) -> list:
        """``(text, (font, metrics), colour, width or None)`` for each piece of a row."""
        plain, bold, marker = self._faces(font)
        if node.kind != ITEM:
            title = node.title or "(untitled)"
            return [
                (title, bold, dim if node.kind == PREAMBLE else fg, None),
                ("   " + (_count(node) or node.text), plain, dim, None),
            ]
        out = [(node.marker, plain, dim, marker)]
        if node.title is not None:
            out.append((node.title + (":" if node.colon else ""), bold, fg, None))
            if node.text:
                out.append((" " + node.text, plain, fg, None))
        else:
            out.append((node.text, plain, fg, None))
        return out

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        node: Node | None = index.data(NODE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if node is None:
            return
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(4, 0, -4, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        fg = opt.palette.color(role)
        dim = QColor(fg)
        dim.setAlphaF(0.6)
        painter.save()
        x, top, height = rect.left(), rect.top(), rect.height()
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        for text, (font, metrics), color, width in self._pieces(node, opt.font, fg, dim):
            room = rect.right() - x
            if room < metrics.horizontalAdvance("…") + 2:
                break
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            painter.setFont(font)
            painter.setPen(color)
            painter.drawText(QRect(x, top, room, height), align, shown)
            x += width or metrics.horizontalAdvance(shown)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex):
        size = super().sizeHint(option, index)
        size.setHeight(max(size.height(), QFontMetrics(option.font).height()) + 8)
        return size

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        return RowEditor(parent)

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:
        """Over the row's text, leaving an item's marker in view."""
        rect = QRect(option.rect)
        if index.data(NODE).kind == ITEM:
            rect.setLeft(rect.left() + self.marker_width(option.font))
        editor.setGeometry(rect)

    def setEditorData(self, editor: RowEditor, index: QModelIndex) -> None:
        """Show the row's text (again when the buffer changes), unless the user is typing."""
        if editor.typed and editor.hasFocus():
            return
        node: Node = index.data(NODE)
        editor.setText(node.edit)
        editor.typed = False
        if node.kind == ITEM and node.title is not None:  # typing replaces the bold title
            # after the view's own selectAll, which follows this call
            soon(editor, lambda: editor.setSelection(2, len(node.title)))

    def setModelData(self, editor: RowEditor, model, index: QModelIndex) -> None:
        """Write the row only when the user changed it: opening and leaving writes nothing."""
        if editor.typed:
            self.commit(index, editor.text())


class SectionsTree(QTreeWidget):
    """The tree; a drop asks for a core move (``dropped``) instead of moving rows itself."""

    dropped = Signal(object, object, str)  # node, target node or None, where

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sections.tree")
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self.setExpandsOnDoubleClick(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setAnimated(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)  # and F2, below
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.can_drop: Callable[[Node, Node | None, str], bool] = lambda *_: False
        self.expanded: dict[tuple[str, ...], bool] = {}  # key -> the state a user gave it
        self.syncing = False  # while rows change to show new nodes
        # the window's F2 renames the agent, and Qt runs neither of two actions on one key
        keep_key(self, Qt.Key.Key_F2)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if _is_f2(event):
            self.edit(self.currentIndex())
        else:
            super().keyPressEvent(event)

    # --- showing a build --------------------------------------------------------------------
    # Top-level rows are reached through the tree, never through invisibleRootItem(): each
    # time PySide lets a wrapper of the root item go, it walks every row (2.4 ms for 6,600).
    def show_nodes(self, nodes: tuple[Node, ...]) -> None:
        """Show ``nodes`` (a build), reusing rows. A top-level row that shows the very node
        it is given is kept as it is, moved into place if need be, so moving a section costs
        one row; other rows are updated in place. The current row stays on the same node."""
        row = self.currentItem()
        current = self.node_of(row) if row is not None else None
        self.syncing = True
        try:
            moved = self._arrange(nodes)
            for i, node in enumerate(nodes):
                self._show(self.topLevelItem(i), node)
            for row in moved:
                self._reexpand(row)
            if current is not None:
                found = self.find(current)
                if found is not self.currentItem():
                    self.setCurrentItem(found)
        finally:
            self.syncing = False

    def _arrange(self, nodes: tuple[Node, ...]) -> list[QTreeWidgetItem]:
        """Order the top-level rows as ``nodes``: a row showing one of them goes to its
        place, rows showing none are reused for new nodes (or dropped); the fewest rows move
        (all but the longest run already in order). The rows moved, which forgot their
        children's expansion."""
        rows = self._top_rows()
        showing: dict[int, list[QTreeWidgetItem]] = {}
        for row in rows:
            showing.setdefault(id(row.full), []).append(row)
        wanted = [(showing.get(id(node)) or [None]).pop(0) for node in nodes]
        kept = {id(row) for row in wanted if row is not None}
        spare = iter([row for row in rows if id(row) not in kept])
        wanted = [row or next(spare, None) or QTreeWidgetItem() for row in wanted]
        for row in spare:
            self._take(row)
        place = {id(row): i for i, row in enumerate(rows)}
        stay = _in_order([place.get(id(row), -1) for row in wanted])
        moving = [row for i, row in enumerate(wanted) if i not in stay]
        for row in moving:
            if row.treeWidget() is self:
                self._take(row)
        for i, row in enumerate(wanted):
            if i not in stay:
                self.insertTopLevelItem(i, row)
        return [row for row in moving if hasattr(row, "full")]

    def _sync(self, parent: QTreeWidgetItem, nodes: tuple[Node, ...]) -> None:
        """Make ``parent``'s rows show ``nodes``, reusing the rows there by position. A row
        that shows the very same node already (a section the build reused) is left alone."""
        for i, node in enumerate(nodes):
            self._show(parent.child(i) or QTreeWidgetItem(parent), node)
        for _ in range(parent.childCount() - len(nodes)):
            parent.removeChild(parent.child(len(nodes)))

    def _show(self, row: QTreeWidgetItem, node: Node) -> None:
        """Make ``row`` and the rows under it show ``node``; nothing to do when it does."""
        old = getattr(row, "full", None)
        if old is node:
            return
        if old is None or old.looks != node.looks:  # repaint only what changed
            row.setText(0, self._plain(node))
            row.setFlags(_FIXED if node.kind == PREAMBLE else _MOVABLE)
            row.setData(0, NODE, node.row)
        row.full = node
        self._sync(row, node.children)
        self._expand(row)

    def _top_rows(self) -> list[QTreeWidgetItem]:
        return [self.topLevelItem(i) for i in range(self.topLevelItemCount())]

    def _take(self, row: QTreeWidgetItem) -> None:
        """Take ``row`` out of the tree (to drop it, or to put it elsewhere)."""
        parent = row.parent()
        if parent is None:
            self.takeTopLevelItem(self.indexOfTopLevelItem(row))
        else:
            parent.removeChild(row)

    def _expand(self, row: QTreeWidgetItem) -> None:
        """Open or close ``row`` as the user left its node (default: sections open)."""
        node = row.full
        expand = self.expanded.get(node.key, node.kind != ITEM)
        if row.isExpanded() != expand:
            row.setExpanded(expand)

    def _reexpand(self, row: QTreeWidgetItem) -> None:
        """:meth:`_expand` ``row`` and every row under it (after it was taken out)."""
        for i in range(row.childCount()):
            self._reexpand(row.child(i))
        self._expand(row)

    @staticmethod
    def _plain(node: Node) -> str:
        """The row's text for keyboard search and accessibility: title first."""
        if node.kind != ITEM:
            return node.title or ""
        return " ".join(part for part in (node.title, node.text) if part)

    # --- rows and addresses -----------------------------------------------------------------
    def _has_preamble(self) -> bool:
        first = self.topLevelItem(0)
        return first is not None and first.full.kind == PREAMBLE

    def row_at(self, kind: str, address) -> QTreeWidgetItem | None:
        """The row of the node of ``kind`` at ``address``; None when there is none."""
        preamble = self._has_preamble()
        if kind == PREAMBLE:
            return self.topLevelItem(0) if preamble else None
        sp, ip = (address, ()) if kind == SECTION else address
        row = self.topLevelItem(sp[0] + preamble) if sp else self.topLevelItem(0)
        for k in sp[1:]:
            row = row and row.child(row.full.counts[0] + k)
        for k in ip:
            row = row and row.child(k)
        return row if row is not None and row.full.kind == kind else None

    def address_of(self, row: QTreeWidgetItem):
        """The outline address of the node ``row`` shows (from where the row is)."""
        kind = row.full.kind
        ip: list[int] = []
        while row.full.kind == ITEM:
            parent = row.parent()
            ip.insert(0, parent.indexOfChild(row))
            row = parent
        sp: list[int] = []
        while row.full.kind == SECTION:
            parent = row.parent()
            if parent is None:
                sp.insert(0, self.indexOfTopLevelItem(row) - self._has_preamble())
                break
            sp.insert(0, parent.indexOfChild(row) - parent.full.counts[0])
            row = parent
        if kind == ITEM:
            return (tuple(sp), tuple(ip))
        return tuple(sp)

    def node_of(self, row: QTreeWidgetItem) -> Node:
        """The node ``row`` shows, located."""
        return row.full.at(self.address_of(row))

    def node_at(self, index: QModelIndex) -> Node:
        return self.node_of(self.itemFromIndex(index))

    def find(self, node: Node) -> QTreeWidgetItem | None:
        """The row showing the located ``node`` now: by address if it kept its key, else the
        first row with its key, else the row now at its address."""
        row = self.row_at(node.kind, node.address)
        if row is not None and row.full.key == node.key:
            return row
        return self._keyed(node.key) or row

    def _keyed(self, key: tuple[str, ...]) -> QTreeWidgetItem | None:
        """The first row whose node has ``key``, found title by title."""
        row, rows = None, self._top_rows()
        for n in range(1, len(key) + 1):
            row = next((r for r in rows if r.full.key == key[:n]), None)
            if row is None:
                return None
            rows = [row.child(i) for i in range(row.childCount())]
        return row

    def move_row(self, node: Node, dst) -> None:
        """Move ``node``'s row (with its children) to where a move to ``dst`` puts it, ahead
        of the re-read: rows then keep what they show, and only the moved ones repaint."""
        row = self.find(node)
        if node.kind == SECTION:
            where = (SECTION, with_node(dst[:-1], node.address)) if len(dst) > 1 else None
            index = dst[-1]
        else:
            (src_sp, src_ip), (sp, ip) = node.address, dst
            up = with_node(ip[:-1], src_ip) if tuple(sp) == tuple(src_sp) else ip[:-1]
            where = (ITEM, (sp, up)) if up else ((SECTION, sp) if sp else (PREAMBLE, ()))
            index = ip[-1]
        parent = None if where is None else self.row_at(*where)  # None: the top level
        if row is None or (where is not None and parent is None):
            return
        if parent is not None and node.kind == SECTION:  # rows: items, then subsections
            index += parent.full.counts[0]
        elif parent is None and self._has_preamble():
            index += 1
        self.syncing = True
        try:
            self._take(row)
            if parent is None:
                self.insertTopLevelItem(index, row)
            else:
                parent.insertChild(index, row)
            self._reexpand(row)
        finally:
            self.syncing = False

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.topLevelItemCount() or not self.isEnabled():  # disabled: still being read
            return
        painter = QPainter(self.viewport())
        color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(color)
        painter.drawText(
            self.viewport().rect().adjusted(24, 24, -24, -24),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            "No sections yet. Add one, or insert a starter section such as Role or Output "
            "Format from Insert Section.",
        )

    def _drop(self, pos: QPoint) -> tuple[Node | None, Node | None, str]:
        current, target = self.currentItem(), self.itemAt(pos)
        node = self.node_of(current) if current is not None else None
        where = _WHERE[self.dropIndicatorPosition()]
        return node, (self.node_of(target) if target is not None else None), where

    def dragMoveEvent(self, event) -> None:
        super().dragMoveEvent(event)
        node, target, where = self._drop(event.position().toPoint())
        if event.source() is not self or node is None or not self.can_drop(node, target, where):
            event.ignore()

    def dropEvent(self, event) -> None:
        node, target, where = self._drop(event.position().toPoint())
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if event.source() is self and node is not None:  # after the drag has finished
            soon(self, lambda: self.dropped.emit(node, target, where))


def _is_f2(event) -> bool:
    return event.key() == Qt.Key.Key_F2 and not event.modifiers()


def _in_order(places: list[int]) -> set[int]:
    """The indexes of a longest increasing run (not necessarily contiguous) of ``places``,
    ignoring negative ones: the rows that can stay while the others move around them."""
    tails: list[int] = []  # tails[k]: index ending the best run of length k + 1
    before: dict[int, int] = {}
    for i, value in enumerate(places):
        if value < 0:
            continue
        k = bisect_left(tails, value, key=places.__getitem__)
        if k:
            before[i] = tails[k - 1]
        tails[k : k + 1] = [i]
    run, i = set(), tails[-1] if tails else None
    while i is not None:
        run.add(i)
        i = before.get(i)
    return run
