"""The Sections pane: the body's sections, list items and nested bullets as an editable tree.

Every change (rename, add, remove, move by button, key or drag and drop) is one outline
operation from the core, applied to the buffer as one undo step; the tree then re-reads the
buffer. Rows are keyed by their titles, so expansion and selection survive the re-read.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QToolBar,
    QToolButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import outline
from ...core.frontmatter import Parsed
from ...core.outline.templates import TEMPLATES, SectionTemplate
from ...core.text import Edit, apply_edits
from ..editor.document import AgentDocument
from ..theme import is_dark
from .model import (
    ITEM,
    PREAMBLE,
    SECTION,
    Node,
    build,
    drop_target,
    key_at,
    split_head,
    start_of,
    step_target,
    walk,
)
from .tree import RowDelegate, SectionsTree

#: a body longer than this (a pasted log, a generated spec) is first outlined on a worker
#: thread, then shown a slice of sections per event-loop turn: 1 MB is ~2,000 sections and
#: 20,000 rows, a second of work that must not hold the window. Its outline is kept only while
#: the pane is shown (see :meth:`SectionsEditor.hideEvent`)
BACKGROUND_BODY = 100_000
SECTIONS_PER_TURN = 100


class _Courier(QObject):
    """Brings a worker thread's outline back to the UI thread (a queued signal)."""

    read = Signal(str, object)  # the body, (its nodes, the sections by text)


class SectionsEditor(QWidget):
    """Edit the body's outline; every change is one undo step on the document."""

    selected = Signal(int)  # the 1-based file line of the selected heading or item
    problem = Signal(str)  # an edit the core refused

    def __init__(self, document: AgentDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sections")
        self.document = document
        self.nodes: tuple[Node, ...] = ()
        self._body: str | None = None
        self._built: dict[str, Node] = {}  # the last build's sections, by text
        self._reading: str | None = None  # the body a worker thread is outlining
        self.tree = SectionsTree()
        self._expanded = self.tree.expanded
        self.tree.setItemDelegate(RowDelegate(self._commit_row, self.tree))
        self.tree.can_drop = lambda n, t, w: self._drop_dst(n, t, w) is not None
        self.notice = QLabel()
        self.notice.setObjectName("sections.notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self._notice_timer = QTimer(self, singleShot=True, interval=8000, timeout=self.notice.hide)
        self.progress = QLabel("Reading sections…")
        self.progress.setObjectName("sections.progress")
        self.progress.setContentsMargins(10, 6, 10, 6)
        self.progress.hide()
        self._courier = _Courier(self)
        self._courier.read.connect(self._read)
        self._shown = 0  # how many of ``nodes`` the tree shows while it fills in
        self._filling = QTimer(self, singleShot=True, interval=0, timeout=self._fill)
        self._create_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._toolbar())
        layout.addWidget(self.notice)
        layout.addWidget(self.progress)
        layout.addWidget(self.tree, 1)
        self.tree.itemExpanded.connect(lambda row: self._remember(row, True))
        self.tree.itemCollapsed.connect(lambda row: self._remember(row, False))
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.dropped.connect(self.drop)
        self._update_actions()

    # --- actions ----------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: str = "", tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{tip or text} ({shortcut})" if shortcut else tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        self.act_add_section = self._action(
            "Add Section",
            lambda: self.add_section(),
            "Ctrl+Shift+Return",
            "Add a section after this one",
        )
        self.act_add_item = self._action(
            "Add Item", self.add_item, "Ctrl+Return", "Add a list item after this one"
        )
        # F2 is the tree's own key (see SectionTree): a shortcut here would clash with the
        # window's F2 (rename the agent) wherever else in the pane the focus is
        self.act_rename = self._action("Rename\tF2", self.rename, tip="Edit the title or text (F2)")
        self.act_remove = self._action("Remove", self.remove, "Del", "Remove with its contents")
        self.act_up = self._action("Move Up", lambda: self.step("up"), "Alt+Up")
        self.act_down = self._action("Move Down", lambda: self.step("down"), "Alt+Down")
        self.act_in = self._action(
            "Indent", lambda: self.step("in"), "Alt+Right", "Nest under the item above"
        )
        self.act_out = self._action(
            "Outdent", lambda: self.step("out"), "Alt+Left", "Move out of the parent item"
        )
        self.insert_menu = QMenu("Insert Section", self)
        self.insert_menu.setObjectName("sections.templates")
        self.insert_menu.setToolTip("Insert a starter section after the selected one")
        self.insert_menu.setToolTipsVisible(True)
        for template in TEMPLATES:
            action = self.insert_menu.addAction(
                template.label, lambda _c=False, t=template: self.insert_template(t)
            )
            action.setToolTip(template.content)

    def _toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setObjectName("sections.toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addAction(self.act_add_section)
        insert = QToolButton()
        insert.setObjectName("sections.insert")
        insert.setText("Insert Section ▾")
        insert.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        insert.setToolTip(self.insert_menu.toolTip())
        insert.setMenu(self.insert_menu)
        insert.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        bar.addWidget(insert)
        bar.addAction(self.act_add_item)
        bar.addAction(self.act_remove)
        bar.addSeparator()
        for action, glyph in (
            (self.act_up, "↑"),
            (self.act_down, "↓"),
            (self.act_out, "←"),
            (self.act_in, "→"),
        ):
            action.setIconText(glyph)
            bar.addAction(action)
            bar.widgetForAction(action).setAccessibleName(action.text())
        return bar

    def context_menu(self) -> QMenu:
        """The tree's context menu: every action of the pane."""
        menu = QMenu(self)
        menu.addActions([self.act_rename, self.act_add_section])
        menu.addMenu(self.insert_menu)
        menu.addAction(self.act_add_item)
        menu.addSeparator()
        menu.addActions([self.act_up, self.act_down, self.act_out, self.act_in])
        menu.addSeparator()
        menu.addAction(self.act_remove)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu()
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _update_actions(self) -> None:
        if self.progress.isVisibleTo(self):  # the outline is still being read: wait for it
            for action in self.actions():
                action.setEnabled(False)
            return
        node = self.current()
        o = outline.parse(self._body or "")
        kind = node.kind if node else None
        self.act_add_section.setEnabled(True)
        self.act_rename.setEnabled(kind in (SECTION, ITEM))
        self.act_remove.setEnabled(kind in (SECTION, ITEM))
        self.act_add_item.setEnabled(node is not None)
        for action, step in (
            (self.act_up, "up"),
            (self.act_down, "down"),
            (self.act_in, "in"),
            (self.act_out, "out"),
        ):
            action.setEnabled(node is not None and step_target(o, node, step) is not None)

    # --- reading the buffer -----------------------------------------------------------------
    def refresh(self, parsed: Parsed) -> None:
        """Show the body of ``parsed``; nothing to do when the body is unchanged."""
        if self.document.loading:  # the buffer holds part of the text: read it once all in
            if not self.nodes:
                self._body = None
                self.progress.show()
            return
        body = parsed.body
        if body == self._body:
            return
        self._body = body
        if len(body) > BACKGROUND_BODY and not self.nodes:  # a first read of a long body
            self._read_aside(body)
            return
        self._filling.stop()
        self.nodes = build(body, outline.parse(body), self._built)
        self._shown = len(self.nodes)
        self.tree.show_nodes(self.nodes)
        self._ready()

    def _ready(self) -> None:
        self.progress.hide()
        self.tree.setEnabled(True)
        self._update_actions()

    def _read_aside(self, body: str) -> None:
        """Outline ``body`` on a worker thread (pure core work; the newest body wins), unless
        one is at it already (the pane was hidden and shown again meanwhile)."""
        self.progress.show()
        self.tree.setEnabled(False)
        self._update_actions()
        if body == self._reading:
            return
        self._reading = body
        courier, known = self._courier, dict(self._built)

        def read() -> None:
            parsed = outline.parse(body)
            # hidden meanwhile (the pane then forgot the body): no rows to build
            done = (build(body, parsed, known), known) if body == self._body else None
            with contextlib.suppress(RuntimeError):  # the pane closed meanwhile
                courier.read.emit(body, done)

        threading.Thread(target=read, name="sections", daemon=True).start()

    def _read(self, body: str, read: tuple[tuple[Node, ...], dict[str, Node]] | None) -> None:
        """A worker's outline of ``body``; None when it stopped, the pane hidden meanwhile."""
        if body == self._reading:
            self._reading = None
        if body != self._body:  # a newer body is being read, or the pane was hidden meanwhile
            if not self.isVisible():
                outline.forget()  # the worker's outline, kept by the core for nothing
            return
        if read is None:  # shown again since the worker stopped
            self._read_aside(body)
            return
        self.nodes, known = read
        self._built.clear()
        self._built.update(known)
        self._shown = 0
        self._fill()

    def _fill(self) -> None:
        """Show a few more sections; the rest on the next turn, so the window stays live."""
        self._shown = min(self._shown + SECTIONS_PER_TURN, len(self.nodes))
        self.tree.show_nodes(self.nodes[: self._shown])
        if self._shown < len(self.nodes):
            self._filling.start()
        else:
            self._ready()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """The tab refreshes this pane only while it is shown: catch up."""
        super().showEvent(event)
        self.refresh(self.document.parsed())

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Let a long body's outline go once another pane or tab is shown: its nodes and rows
        are hundreds of thousands of objects (5 MB: 500,000), which every full garbage
        collection would walk while the user works elsewhere, a stall of 0.3 s in a reload.
        Shown again, the pane reads the body again, aside; the rows' expansion is kept."""
        super().hideEvent(event)
        if event.spontaneous() or len(self._body or "") <= BACKGROUND_BODY:
            return  # a minimised window, or an outline too small to matter
        self._filling.stop()
        self._body, self.nodes, self._shown = None, (), 0
        self._built.clear()
        self.tree.clear()
        outline.forget()

    def _remember(self, row: QTreeWidgetItem, expanded: bool) -> None:
        if not self.tree.syncing:
            self._expanded[row.full.key] = expanded

    # --- selection --------------------------------------------------------------------------
    def current(self) -> Node | None:
        row = self.tree.currentItem()
        return self.tree.node_of(row) if row is not None else None

    def select(self, kind: str, address) -> None:
        """Make the row of ``kind`` at ``address`` current (and emit its line)."""
        row = self.tree.row_at(kind, address)
        if row is not None:
            self.tree.setCurrentItem(row)
            self.tree.scrollToItem(row)

    def reveal_line(self, line: int) -> None:
        """Select the last section or item that starts at or before file ``line``."""
        parsed = self.document.parsed()
        o, found = outline.parse(parsed.body), None
        at = 0
        for _ in range(line - 1):
            at = parsed.text.find("\n", at) + 1 or len(parsed.text)
        offset = at - parsed.body_start
        for node in walk(self.nodes):
            if node.kind in (SECTION, ITEM) and start_of(o, node) <= offset:
                found = node
        if found is not None:
            self.select(found.kind, found.address)

    def line_of(self, node: Node) -> int:
        """The 1-based line of ``node`` in the file."""
        parsed = self.document.parsed()
        start = start_of(outline.parse(parsed.body), node)
        return parsed.text.count("\n", 0, parsed.body_start + start) + 1

    def _current_changed(self, row: QTreeWidgetItem | None, _previous) -> None:
        self._update_actions()
        if row is not None and not self.tree.syncing:
            self.selected.emit(self.line_of(self.tree.node_of(row)))

    # --- operations -------------------------------------------------------------------------
    def _apply(
        self, make: Callable[[str], list[Edit]], select=None, rekey=None, moving=False
    ) -> bool:
        """Run one core operation on the body and apply it as one undo step.

        ``select`` is the ``(kind, address)`` to select afterwards; ``rekey`` the
        ``(old node, kind, new address)`` of a node whose expansion state moves with it,
        and whose row moves there too when ``moving``. A refused operation shows its reason
        and changes nothing.
        """
        parsed = self.document.parsed()
        self.refresh(parsed)
        body = parsed.body
        try:
            edits = make(body)
        except outline.OutlineError as exc:
            self.show_problem(str(exc))
            return False
        self.notice.hide()
        if not edits:
            return True
        if rekey is not None:
            self._rekey(body, edits, *rekey)
        if moving:
            self.tree.move_row(rekey[0], rekey[2])
        self.document.apply(parsed.body_edits(edits))
        self.refresh(self.document.parsed())
        if select is not None:
            self.select(*select)
        return True

    def _rekey(self, body: str, edits: list[Edit], old: Node, kind: str, address) -> None:
        """Carry the expansion state of ``old`` and its rows over to its new key."""
        new_body = apply_edits(body, edits)
        new = key_at(outline.parse(new_body), kind, address)
        if new == old.key:
            return
        size = len(old.key)
        moved = {k: v for k, v in self._expanded.items() if k[:size] == old.key}
        for k, v in moved.items():
            self._expanded[new + k[size:]] = v

    def show_problem(self, message: str) -> None:
        """Say why an edit was refused, above the tree (and to the status bar)."""
        back, fore = ("#4a3b00", "#ffe9a6") if is_dark(self.palette()) else ("#fff4ce", "#4a3b00")
        self.notice.setStyleSheet(
            f"QLabel {{ background: {back}; color: {fore}; padding: 6px 10px; }}"
        )
        self.notice.setText(f"Not changed: {message}")
        self.notice.show()
        self._notice_timer.start()
        self.problem.emit(message)

    def commit_edit(self, node: Node, value: str) -> bool:
        """Apply an inline edit: a section's title, or an item's ``**Title**: text``."""
        if node.kind == SECTION:
            title = value.strip()
            if not title:
                self.show_problem("a section needs a title (use Remove to delete it)")
                return False
            return self._apply(
                lambda b: outline.rename_section(b, node.address, title),
                (SECTION, node.address),
                (node, SECTION, node.address),
            )
        if node.kind == ITEM:
            title, text = split_head(value)
            return self._apply(
                lambda b: outline.rename_item(b, node.address, title, text),
                (ITEM, node.address),
                (node, ITEM, node.address),
            )
        return False

    def _commit_row(self, index: QModelIndex, value: str) -> None:
        self.commit_edit(self.tree.node_at(index), value)

    def rename(self) -> None:
        row = self.tree.currentItem()
        if row is not None and row.flags() & Qt.ItemFlag.ItemIsEditable:
            self.tree.editItem(row)

    def _new_section_path(self, node: Node | None) -> tuple[int, ...]:
        if node is None:
            return (len(outline.parse(self._body or "").sections),)
        if node.kind == PREAMBLE or (node.kind == ITEM and not node.address[0]):
            return (0,)
        path = node.address if node.kind == SECTION else node.address[0]
        return (*path[:-1], path[-1] + 1)

    def add_section(self, title: str = "New section", content: str = "") -> bool:
        """Add a section after the selected one (or its section), then edit its title."""
        path = self._new_section_path(self.current())
        done = self._apply(lambda b: outline.add_section(b, path, title, content), (SECTION, path))
        if done and not content:
            self.rename()
        return done

    def insert_template(self, template: SectionTemplate) -> bool:
        """Insert a starter section (title and text) after the selected section."""
        return self.add_section(template.title, template.content)

    def add_item(self) -> bool:
        """Add an item after the selected item, or at the end of the selected section."""
        node = self.current()
        if node is None:
            return False
        o = outline.parse(self._body or "")
        if node.kind == ITEM:
            sp, ip = node.address
            address = (sp, (*ip[:-1], ip[-1] + 1))
            sibs = o.item((sp, ip[:-1])).children if len(ip) > 1 else o.items_at(sp)
        else:
            sibs = o.items_at(node.address)
            address = (node.address, (len(sibs),))
        titled = any(it.title is not None for it in sibs)
        title, text = ("New item", "") if titled else (None, "New item")
        done = self._apply(lambda b: outline.add_item(b, address, text, title), (ITEM, address))
        if done:
            self.rename()
        return done

    def remove(self) -> bool:
        """Remove the selected section or item with everything under it."""
        node = self.current()
        if node is None or node.kind not in (SECTION, ITEM):
            return False
        remove = outline.remove_section if node.kind == SECTION else outline.remove_item
        done = self._apply(lambda b: remove(b, node.address))
        if done:
            self._select_near(node)
        return done

    def _select_near(self, node: Node) -> None:
        """After a removal: the row now in ``node``'s place, else the one before, else the
        parent."""
        if node.kind == SECTION:
            path = node.address
            places = [(SECTION, (*path[:-1], k)) for k in (path[-1], path[-1] - 1)]
            places.append((SECTION, path[:-1]))
        else:
            sp, path = node.address
            places = [(ITEM, (sp, (*path[:-1], k))) for k in (path[-1], path[-1] - 1)]
            places.append(
                (ITEM, (sp, path[:-1])) if len(path) > 1 else (SECTION if sp else PREAMBLE, sp)
            )
        place = next((p for p in places if self.tree.row_at(*p) is not None), None)
        if place is not None:
            self.select(*place)

    def move(self, node: Node, dst) -> bool:
        """Move a section or an item so that it gets the address ``dst``."""
        move = outline.move_section if node.kind == SECTION else outline.move_item
        return self._apply(
            lambda b: move(b, node.address, dst), (node.kind, dst), (node, node.kind, dst), True
        )

    def step(self, step: str) -> bool:
        """Move the selected node ``up``/``down`` among its siblings, or ``in``/``out``."""
        node = self.current()
        dst = step_target(outline.parse(self._body or ""), node, step) if node else None
        return dst is not None and self.move(node, dst)

    def _drop_dst(self, node: Node, target: Node | None, where: str):
        return drop_target(outline.parse(self._body or ""), node, target, where)

    def drop(self, node: Node, target: Node | None, where: str) -> bool:
        """What a drop does: move ``node`` ``where`` (ABOVE, BELOW, ON, END) ``target``."""
        dst = self._drop_dst(node, target, where)
        return dst is not None and self.move(node, dst)
