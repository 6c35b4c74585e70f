"""The Examples pane: the description's intro prose and one card per ``<example>``.

It reads the description through ``core.examples`` (``refresh``) and writes every change as the
core's edits on the description, turned into a verified frontmatter edit by
``core.fields.set_value`` and applied to the document as one undo step. A change that would not
read back as written (a typed ``</example>``, say) is refused with a message; typed text stays.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCursor, QKeySequence, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core import dialects, examples
from ...core.examples import (
    Example,
    RefusedChange,
    Turn,
    description_edits,
    intro_edits,
    parse,
    replace_edits,
)
from ...core.frontmatter import Parsed, fields
from ...core.text import Edit
from ..editor.document import AgentDocument
from ..intent import has_focus, undo_to_document
from ..theme import is_dark
from ..timers import soon
from .card import COMMIT_DELAY_MS, MIME, ExampleCard, missing_parts
from .widgets import GrowingText, discard, icon

#: Claude Code plugin guidance (plugin-dev "agent-development"): how many examples work
GUIDANCE_RANGE, GUIDANCE_IDEAL = (2, 6), (3, 4)
_GUIDED = {dialects.CLAUDE_CODE, dialects.CLAUDE_PLUGIN}


class CardList(QWidget):
    """The column of cards; accepts cards dropped between cards and shows where they land."""

    def __init__(self, editor: ExamplesEditor):
        super().__init__()
        self.editor = editor
        self.setAcceptDrops(True)
        self._drop_y: int | None = None

    def slot_at(self, y: int) -> int:
        """The place (0 … count) a card dropped at height ``y`` goes to."""
        cards = self.editor.cards
        return next(
            (i for i, card in enumerate(cards) if y < card.geometry().center().y()), len(cards)
        )

    def _slot_y(self, slot: int) -> int:
        cards = self.editor.cards
        if slot < len(cards):
            return cards[slot].geometry().top() - 5
        return cards[-1].geometry().bottom() + 5

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasFormat(MIME) and self.editor.cards:
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        event.acceptProposedAction()
        self._drop_y = self._slot_y(self.slot_at(event.position().toPoint().y()))
        self.update()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._drop_y = None
        self.update()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._drop_y = None
        self.update()
        source = int(bytes(event.mimeData().data(MIME)).decode())
        event.acceptProposedAction()
        self.editor.drop(source, self.slot_at(event.position().toPoint().y()))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._drop_y is None:
            return
        painter = QPainter(self)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 3))
        painter.drawLine(8, self._drop_y, self.width() - 8, self._drop_y)


class ExamplesEditor(QWidget):
    """Intro and example cards of one document's description."""

    selected = Signal(str)  # the preview anchor: "description" or "example-N"
    problem = Signal(str)  # an edit that was refused, for the status bar

    def __init__(self, document: AgentDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("examples.list")
        self.document = document
        self.dialect: dialects.Dialect | None = None
        self.cards: list[ExampleCard] = []
        self.current: int | None = None  # the selected card
        self._collapsed: list[bool] = []
        self._key: tuple | None = None  # what the last refresh showed
        self._stale = False  # refreshed while hidden
        self._anchor = ""
        self._intro_dirty = False  # typed since the intro showed the buffer
        self._intro_echo: str | None = None  # the intro written, as the buffer reads back
        self._intro_timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self._intro_timer.timeout.connect(self.flush_intro)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._top_bar())
        self.problem_bar = QLabel()
        self.problem_bar.setObjectName("examples.problem")
        self.problem_bar.setProperty("role", "problem")
        self.problem_bar.setWordWrap(True)
        self.problem_bar.hide()
        layout.addWidget(self.problem_bar)
        self.stack = QStackedWidget()
        self.empty = QLabel()
        self.empty.setObjectName("examples.empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setMargin(32)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._scroll_page())
        layout.addWidget(self.stack, 1)
        self._create_actions()
        self._apply_style()
        QApplication.instance().focusChanged.connect(self._focus_changed)

    # --- building ---------------------------------------------------------------------------
    def _top_bar(self) -> QWidget:
        self.bar = bar = QWidget()
        bar.setObjectName("examples.bar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 6, 8, 6)
        self.guidance = QLabel()
        self.guidance.setObjectName("examples.guidance")
        self.guidance.setWordWrap(True)
        self.guidance.setToolTip(
            "Claude Code plugin guidance: 2–6 examples, 3–4 ideal; each with a context, a user "
            "turn, an assistant turn and commentary on why the agent fits."
        )
        self.collapse_all = QToolButton()
        self.collapse_all.setObjectName("examples.collapseAll")
        self.collapse_all.setText("Collapse all")
        self.collapse_all.setAutoRaise(True)
        self.collapse_all.clicked.connect(self._toggle_all)
        self.add_button = QToolButton()
        self.add_button.setObjectName("examples.add")
        self.add_button.setText("Add example")
        self.add_button.setToolTip("Add an example below the selected one (Ctrl+Shift+Return)")
        self.add_button.setIcon(icon("plus", self.palette()))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.setAutoRaise(True)
        self.add_button.clicked.connect(lambda: self.add())
        row.addWidget(self.guidance, 1)
        row.addWidget(self.collapse_all)
        row.addWidget(self.add_button)
        return bar

    def _scroll_page(self) -> QScrollArea:
        self.list = CardList(self)
        column = QVBoxLayout(self.list)
        column.setContentsMargins(12, 10, 12, 16)
        column.setSpacing(10)
        self.intro_card = QFrame()
        self.intro_card.setObjectName("introCard")
        self.intro_card.setProperty("selected", False)
        box = QVBoxLayout(self.intro_card)
        box.setContentsMargins(10, 8, 10, 10)
        box.setSpacing(4)
        caption = QLabel("<b>Description</b> — when Claude should delegate to this agent")
        box.addWidget(caption)
        self.intro = GrowingText("Use this agent when…")
        self.intro.setObjectName("examples.intro")
        self.intro.edited.connect(self._intro_typed)
        undo_to_document(self.intro, lambda: self._intro_dirty)
        box.addWidget(self.intro)
        column.addWidget(self.intro_card)
        self.cards_box = QVBoxLayout()
        self.cards_box.setSpacing(10)
        column.addLayout(self.cards_box)
        self.none_label = QLabel("No examples yet. Examples show Claude when to delegate.")
        self.none_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.none_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.none_label)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("examples.scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.list)
        self.scroll = scroll
        return scroll

    def _create_actions(self) -> None:
        def action(text: str, keys: tuple[str, ...], slot: Callable[[], None]) -> QAction:
            act = QAction(text, self)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        def on_current(method: Callable[[int], None]) -> Callable[[], None]:
            return lambda: self.current is not None and method(self.current)

        self.act_add = action("Add example below", ("Ctrl+Shift+Return",), lambda: self.add())
        self.act_up = action(
            "Move up", ("Ctrl+Shift+Up", "Alt+Up"), on_current(lambda i: self.move(i, i - 1))
        )
        self.act_down = action(
            "Move down", ("Ctrl+Shift+Down", "Alt+Down"), on_current(lambda i: self.move(i, i + 1))
        )
        self.act_duplicate = action("Duplicate", ("Shift+Alt+Down",), on_current(self.duplicate))
        self.act_delete = action("Delete example", ("Ctrl+Shift+Del",), on_current(self.delete))
        self.act_turn = action("Add turn", ("Ctrl+Return",), on_current(self.add_turn))
        self.act_collapse = action(
            "Collapse / expand", ("Ctrl+Shift+C",), on_current(self.toggle_collapsed)
        )

    def _apply_style(self) -> None:
        self._dark = dark = is_dark(self.palette())
        warn, error = ("#e0a43a", "#ff7b72") if dark else ("#9a5b00", "#c62828")
        good = "#57c27a" if dark else "#1e7b3e"
        card = "alternate-base" if dark else "base"  # dark fields need a lighter card
        self._colors = {"warn": warn, "good": good}
        self.setStyleSheet(
            f"""
            QFrame#exampleCard, QFrame#introCard {{
                background: palette({card}); border: 1px solid palette(mid);
                border-radius: 8px; padding: 1px; }}
            QFrame#exampleCard[selected="true"], QFrame#introCard[selected="true"] {{
                border: 2px solid palette(highlight); padding: 0px; }}
            QWidget#examples\\.bar {{ border-bottom: 1px solid palette(mid); }}
            QLabel[role="hint"] {{ color: {warn}; }}
            QLabel[role="error"] {{ color: {error}; }}
            QLabel[role="problem"] {{ color: {error}; padding: 6px 12px;
                border-bottom: 1px solid palette(mid); }}
            QLabel#example\\.grip {{ color: palette(mid); font-size: 15px; }}
            """
        )

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and is_dark(self.palette()) != self._dark:
            self.flush()
            self._apply_style()
            self.add_button.setIcon(icon("plus", self.palette()))
            while self.cards:  # their icons are drawn in the old colours
                card = self.cards.pop()
                discard(card)
            self._key = None
            if self.dialect is not None:
                self.refresh(self.document.parsed(), self.dialect)

    # --- reading ----------------------------------------------------------------------------
    def refresh(self, parsed: Parsed, dialect: dialects.Dialect) -> None:
        """Show the buffer's description; leave alone the field the user is typing in. While
        the pane is hidden this only notes that it must look again when shown."""
        self.dialect = dialect
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        description = parsed.value("description") if parsed.frontmatter is not None else None
        key = (description, dialect.id, self.document.read_only_reason, parsed.frontmatter is None)
        if key == self._key:
            return
        self._key = key
        reason = self._empty_reason(parsed, description)
        if reason:
            self.empty.setText(reason)
            self.stack.setCurrentWidget(self.empty)
            self.bar.hide()
            return
        self.stack.setCurrentWidget(self.scroll)
        self.bar.show()
        doc = parse(description)
        self._show_intro(doc.intro)
        self._show_cards(doc)
        self._show_guidance(doc)

    def _empty_reason(self, parsed: Parsed, description: object) -> str:
        if self.document.read_only_reason:
            return "This file is open read-only, so its examples cannot be edited here."
        if parsed.frontmatter is None:
            return (
                "This file has no frontmatter, so it has no description to hold examples.\n"
                "Add a name and a description in the Form pane."
            )
        if description is None:
            return "This agent has no description yet. Write one in the Form pane first."
        if not isinstance(description, str):
            kind = type(description).__name__
            return (
                f"The description is a YAML {kind}, not text, so it cannot hold examples.\n"
                "Fix it in the Source pane."
            )
        return ""

    def _show_intro(self, intro: str) -> None:
        """Show ``intro`` unless the user is typing in it (see ExampleCard.show_example)."""
        if has_focus(self.intro) and (self._intro_dirty or self._intro_echo == intro):
            return
        self._intro_dirty, self._intro_echo = False, None
        self.intro.set_text(intro)

    def _show_cards(self, doc: examples.Examples) -> None:
        count = len(doc.examples)
        while len(self.cards) > count:
            card = self.cards.pop()
            if has_focus(card):  # not to whatever follows in the window, as Qt would
                (self.cards[-1] if self.cards else self.intro).setFocus()
            discard(card)
        while len(self.cards) < count:
            card = ExampleCard(len(self.cards))
            card.committed.connect(lambda example, c=card: self.replace(c.index, example))
            card.requested.connect(lambda what, c=card: self._requested(c, what))
            self.cards_box.addWidget(card)
            card.show()  # now, not on the next event loop turn: it may take focus at once
            self.cards.append(card)
        self._collapsed = (self._collapsed + [False] * count)[:count]
        for i, (card, found) in enumerate(zip(self.cards, doc.examples, strict=True)):
            card.show_example(found.example, i)
            card.set_last(i == count - 1)
            card.set_collapsed(self._collapsed[i])
        if self.current is not None and self.current >= count:
            self.current = count - 1 if count else None
        self._mark_selection()
        self.none_label.setVisible(not count)
        self.collapse_all.setEnabled(bool(count))
        self.collapse_all.setText(
            "Expand all" if count and all(self._collapsed) else "Collapse all"
        )

    def _show_guidance(self, doc: examples.Examples) -> None:
        count = len(doc.examples)
        noun = "example" if count == 1 else "examples"
        if self.dialect is None or self.dialect.id not in _GUIDED:
            self.guidance.setText(f"{count} {noun}")
            return
        lacking = sum(1 for found in doc.examples if missing_parts(found.example))
        low, high = GUIDANCE_RANGE
        if GUIDANCE_IDEAL[0] <= count <= GUIDANCE_IDEAL[1]:
            color, verdict = self._colors["good"], "✓ ideal (3–4)"
        elif low <= count <= high:
            color, verdict = "", "fine; 3–4 is ideal"
        else:
            color = self._colors["warn"]
            verdict = (
                "add 2–6; 3–4 is ideal"
                if not count
                else ("too many" if count > high else "too few") + ": 2–6 work, 3–4 is ideal"
            )
        text = f"<b>{count} {noun}</b> — <span style='color:{color}'>{verdict}</span>"
        if lacking:
            text += f" · <span style='color:{self._colors['warn']}'>{lacking} lack a part</span>"
        self.guidance.setText(text)

    # --- writing ----------------------------------------------------------------------------
    def _apply(self, make: Callable[[str], list[Edit]], what: str) -> str | None:
        """Turn description edits into one verified file edit; the new description, or None
        (with the reason shown) when the change was refused."""
        if self.document.read_only_reason:
            return None
        try:
            made = description_edits(self.document.text(), self.document.parsed(), make)
        except (RefusedChange, fields.EditRefused) as exc:
            self._show_problem(f"Could not {what}: {exc}")
            return None
        if made is None:
            return None
        file_edits, new = made
        if not file_edits:
            return new
        self.problem_bar.hide()
        self.document.apply(file_edits)
        return new

    def _show_problem(self, message: str) -> None:
        self.problem_bar.setText(message)
        self.problem_bar.show()
        self.problem.emit(message)

    def _sync(self) -> None:
        """Show the document now (after our own edit) rather than on the next analyse."""
        if self.dialect is not None:
            self.refresh(self.document.parsed(), self.dialect)

    def _ready(self) -> bool:
        """Write pending typing; False when some card still holds text it could not write."""
        self.flush()
        stuck = [card.index + 1 for card in self.cards if card.dirty]
        if stuck:
            self._show_problem(f"Fix the text of example {stuck[0]} first.")
        return not stuck and self.stack.currentWidget() is self.scroll

    def flush(self) -> None:
        """Write whatever is typed and not yet written."""
        self.flush_intro()
        for card in list(self.cards):
            card.flush()

    def replace(self, index: int, example: Example) -> None:
        """Write ``example`` as example ``index`` (a card's commit)."""
        card = self.cards[index]
        new = self._apply(lambda d: replace_edits(d, index, example), f"change example {index + 1}")
        if new is None:
            card.show_error(self.problem_bar.text())
            card.refused()
            return
        card.show_error("")
        card.written(parse(new).examples[index].example)
        self._sync()

    def set_intro(self, intro: str) -> None:
        new = self._apply(lambda d: intro_edits(d, intro), "change the description")
        if new is None:  # refused: kept while the user is in it, as a card's field is
            self._intro_dirty = has_focus(self.intro)
            if not self._intro_dirty:
                self._show_intro(parse(self.document.parsed().value("description")).intro)
            return
        self._intro_echo = parse(new).intro
        self._sync()

    def _intro_typed(self) -> None:
        self._intro_dirty = True
        self._intro_timer.start()

    def flush_intro(self) -> None:
        self._intro_timer.stop()
        if self._intro_dirty:
            self._intro_dirty = False
            self.set_intro(self.intro.text())

    def add(self, index: int | None = None) -> None:
        """Insert an empty example (two turns to fill) at ``index``: by default below the
        selected card, else last."""
        if not self._ready():
            return
        if index is None:
            index = len(self.cards) if self.current is None else self.current + 1
        example = Example(turns=[Turn("user", ""), Turn("assistant", "")])
        self._structural(
            lambda d: examples.insert_example(d, index, example),
            "add an example",
            lambda: self._collapsed.insert(index, False),
            index,
        )
        if self.current == index:
            self.cards[index].context.setFocus()

    def duplicate(self, index: int) -> None:
        if not self._ready():
            return
        example = self.cards[index].model
        self._structural(
            lambda d: examples.insert_example(d, index + 1, example),
            f"duplicate example {index + 1}",
            lambda: self._collapsed.insert(index + 1, self._collapsed[index]),
            index + 1,
        )

    def delete(self, index: int) -> None:
        if not self._ready():
            return
        self._structural(
            lambda d: examples.remove_example(d, index),
            f"delete example {index + 1}",
            lambda: self._collapsed.pop(index),
            min(index, len(self.cards) - 2) if len(self.cards) > 1 else None,
        )

    def move(self, src: int, dst: int) -> None:
        """Move example ``src`` to position ``dst``; focus moves with it."""
        if not 0 <= dst < len(self.cards) or src == dst or not self._ready():
            return
        place = self.cards[src].focus_place()

        def reorder() -> None:
            self._collapsed.insert(dst, self._collapsed.pop(src))
            card = self.cards.pop(src)  # the card moves with its text: no card is refilled
            self.cards.insert(dst, card)
            self.cards_box.removeWidget(card)
            self.cards_box.insertWidget(dst, card)

        if self._structural(
            lambda d: examples.move_example(d, src, dst), "move the example", reorder, dst
        ):
            self.cards[dst].restore_focus(place)

    def drop(self, src: int, slot: int) -> None:
        """A card dropped at ``slot`` (0 … count: before that card, or last)."""
        self.move(src, slot - 1 if slot > src else slot)

    def add_turn(self, index: int) -> None:
        self.cards[index].add_turn()

    def toggle_collapsed(self, index: int) -> None:
        self._collapsed[index] = collapsed = not self._collapsed[index]
        self.cards[index].set_collapsed(collapsed)
        self.collapse_all.setText("Expand all" if all(self._collapsed) else "Collapse all")

    def _toggle_all(self) -> None:
        collapse = not all(self._collapsed)
        self._collapsed = [collapse] * len(self.cards)
        for card in self.cards:
            card.set_collapsed(collapse)
        self.collapse_all.setText("Expand all" if collapse else "Collapse all")

    def _structural(
        self, make: Callable[[str], list[Edit]], what: str, keep: Callable, select: int | None
    ) -> bool:
        """Apply an operation that adds, removes or moves examples; True when done."""
        if self._apply(make, what) is None:
            return False
        keep()
        self.current = select
        self._sync()
        if select is not None:
            card = self.cards[select]
            if self._owner(QApplication.focusWidget()) not in (None, card):
                card.setFocus()  # so that the next shortcut acts on the selected card
            self._emit_anchor(f"example-{select}")
            # once the layout has placed a new card (the next event loop turn)
            soon(card, lambda: self.scroll.ensureWidgetVisible(card, 0, 40))
        return True

    # --- selection and focus -----------------------------------------------------------------
    def _requested(self, card: ExampleCard, what: str) -> None:
        self.select(card.index)
        index = card.index
        if what == "up":
            self.move(index, index - 1)
        elif what == "down":
            self.move(index, index + 1)
        elif what == "duplicate":
            self.duplicate(index)
        elif what == "delete":
            self.delete(index)
        elif what == "collapse":
            self.toggle_collapsed(index)
        elif what == "menu":
            self._context_menu()

    def _context_menu(self) -> None:
        menu = QMenu(self)
        menu.addActions([self.act_up, self.act_down, self.act_duplicate, self.act_delete])
        menu.addSeparator()
        menu.addActions([self.act_turn, self.act_collapse, self.act_add])
        menu.exec(QCursor.pos())

    def select(self, index: int | None) -> None:
        """Select a card (None: the intro) and tell the preview where to go."""
        self.current = index
        self._mark_selection()
        self._emit_anchor("description" if index is None else f"example-{index}")

    def reveal(self, index: int | None) -> None:
        """Select a card (None: the intro) and scroll it into view."""
        if index is not None and not 0 <= index < len(self.cards):
            return
        self.select(index)
        self.scroll.ensureWidgetVisible(self.intro_card if index is None else self.cards[index])

    def _mark_selection(self) -> None:
        for i, card in enumerate(self.cards):
            card.set_selected(i == self.current)

    def _emit_anchor(self, anchor: str) -> None:
        if anchor != self._anchor:
            self._anchor = anchor
            self.selected.emit(anchor)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Focus leaving a field writes what was typed in it (the card's or the intro's)."""
        left = self._owner(old)
        if left is self.intro_card:
            self.flush_intro()
            if not self._intro_dirty and self._intro_echo is not None:
                self.intro.set_text(self._intro_echo)  # the buffer's, as typed text kept it
                self._intro_echo = None
        elif left is not None:
            left.leave()
        owner = self._owner(new)
        if owner is self.intro_card:
            self.select(None)
        elif owner is not None:
            self.select(owner.index)

    def _owner(self, widget: QWidget | None) -> QWidget | None:
        """The card (or the intro) that holds ``widget``."""
        while widget is not None and widget is not self:
            if widget is self.intro_card or isinstance(widget, ExampleCard):
                return widget if widget is self.intro_card or widget in self.cards else None
            widget = widget.parentWidget()
        return None

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale and self.dialect is not None:
            self.refresh(self.document.parsed(), self.dialect)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.flush()
        super().hideEvent(event)
