"""One ``<example>`` as a card: context, the turns, commentary and any other text it holds.

A card shows an :class:`~agentquill.core.examples.Example` and emits ``committed`` with the
example its widgets now describe: when typing pauses, when focus leaves the card, and at once
for a change of structure (a turn added or removed, a role changed). It never overwrites what
the user is typing.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QDrag, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.examples import Example, Turn
from .example_widgets import ElidedLabel, GrowingText, icon, tool_button
from .intent import wheel_needs_focus

#: MIME type of a dragged card; the data is the example's index
MIME = "application/x-agentquill-example"
#: pause in typing after which a card writes its text to the document
COMMIT_DELAY_MS = 700
_ROLES = ("user", "assistant")
_ASSISTANT_ROLES = {"assistant", "ai", "agent", "claude"}


def missing_parts(example: Example) -> list[str]:
    """What the plugin guidance expects of an example and this one lacks."""
    roles = {t.role.lower() for t in example.turns}
    return [
        part
        for part, present in (
            ("context", bool(example.context.strip())),
            ("user turn", bool(roles - _ASSISTANT_ROLES)),
            ("assistant turn", bool(roles & _ASSISTANT_ROLES)),
            ("commentary", bool(example.commentary.strip())),
        )
        if not present
    ]


def summary(example: Example) -> str:
    """One line that tells examples apart: the first user turn, else the context."""
    first = next((t.text for t in example.turns if t.role.lower() not in _ASSISTANT_ROLES), "")
    text = first or example.context or example.commentary or "(empty)"
    return " ".join(text.split())


class Grip(QLabel):
    """The handle a card is dragged by."""

    def __init__(self, card: ExampleCard):
        super().__init__("⠿")
        self.card = card
        self.setObjectName("example.grip")
        self.setToolTip("Drag to reorder (or Ctrl+Shift+Up / Down, Alt+Up / Down)")
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setContentsMargins(2, 0, 2, 0)
        self._press: QPoint | None = None

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._press = event.position().toPoint()
        self.card.setFocus()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._press is None:
            return
        moved = event.position().toPoint() - self._press
        if moved.manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        data = QMimeData()
        data.setData(MIME, str(self.card.index).encode())
        drag = QDrag(self)
        drag.setMimeData(data)
        image = self.card.grab()
        drag.setPixmap(image.scaledToWidth(min(image.width(), 360)))
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._press = None


class TurnRow(QWidget):
    """One turn: its role and its text, and a button to remove it."""

    def __init__(self, card: ExampleCard, turn: Turn):
        super().__init__()
        self.role = QComboBox()
        self.role.setObjectName("example.role")
        self.role.setToolTip("Who speaks")
        self.role.addItems(_ROLES)
        wheel_needs_focus(self.role)
        self.text = GrowingText("What is said…")
        self.text.setObjectName("example.turn")
        self.remove = tool_button("remove", "Remove this turn", card.palette())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.role, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        row.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)
        self.show_turn(turn)
        self.text.edited.connect(card.typed)
        self.role.currentTextChanged.connect(lambda _role: card.restructure())
        self.remove.clicked.connect(lambda: card.remove_turn(self))

    def show_turn(self, turn: Turn) -> None:
        with QSignalBlocker(self.role):
            if self.role.findText(turn.role) < 0:
                self.role.addItem(turn.role)
            self.role.setCurrentText(turn.role)
        self.text.set_text(turn.text)

    def turn(self) -> Turn:
        return Turn(self.role.currentText(), self.text.text())


# --- the card ---------------------------------------------------------------------------------


class ExampleCard(QFrame):
    """The editable form of one example; ``index`` is its place in the description."""

    committed = Signal(object)  # the Example the widgets now describe
    requested = Signal(str)  # "up", "down", "duplicate", "delete", "collapse"

    def __init__(self, index: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = index
        self.setObjectName("exampleCard")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setProperty("selected", False)
        self.model = Example()
        self._dirty = False
        self._echo: tuple[Example, Example] | None = None  # (as typed, as it reads back)
        self._shown: tuple[int, Example] | None = None  # what the widgets were last set to
        self._timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.turns: list[TurnRow] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 10, 10)
        outer.setSpacing(6)
        outer.addLayout(self._header())
        outer.addWidget(self.hints)
        self.body = QWidget()
        self.body.setObjectName("example.body")
        outer.addWidget(self.body)
        self._build_body()

    def _header(self) -> QHBoxLayout:
        pal = self.palette()
        self.toggle = tool_button("open", "Collapse to one line (Ctrl+Shift+C)", pal)
        self.toggle.clicked.connect(lambda: self.requested.emit("collapse"))
        self.title = QLabel()
        self.title.setObjectName("example.title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.summary = ElidedLabel()
        self.summary.setObjectName("example.summary")
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hints = QLabel()
        self.hints.setObjectName("example.hints")
        self.hints.setProperty("role", "hint")
        row = QHBoxLayout()
        row.setSpacing(2)
        row.addWidget(Grip(self))
        row.addWidget(self.toggle)
        row.addWidget(self.title)
        row.addSpacing(6)
        row.addWidget(self.summary, 1)
        row.addStretch(0)
        for name, tip in (
            ("up", "Move up (Ctrl+Shift+Up)"),
            ("down", "Move down (Ctrl+Shift+Down)"),
            ("copy", "Duplicate (Shift+Alt+Down)"),
            ("delete", "Delete this example (Ctrl+Shift+Del)"),
        ):
            button = tool_button(name, tip, pal)
            action = {"copy": "duplicate"}.get(name, name)
            button.clicked.connect(lambda _c=False, a=action: self.requested.emit(a))
            row.addWidget(button)
            setattr(self, f"{name}_button", button)
        return row

    def _build_body(self) -> None:
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(3)
        self.context = QLineEdit()
        self.context.setObjectName("example.context")
        self.context.setPlaceholderText("The situation that leads to this request")
        self.context.textEdited.connect(self.typed)
        self.turn_box = QVBoxLayout()
        self.turn_box.setSpacing(4)
        self.add_turn_button = QToolButton()
        self.add_turn_button.setObjectName("example.addTurn")
        self.add_turn_button.setIcon(icon("plus", self.palette()))
        self.add_turn_button.setText("Add turn")
        self.add_turn_button.setToolTip("Add a turn (Ctrl+Return)")
        self.add_turn_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_turn_button.setAutoRaise(True)
        self.add_turn_button.clicked.connect(lambda: self.add_turn())
        self.commentary = GrowingText("Why Claude should delegate to this agent here")
        self.commentary.setObjectName("example.commentary")
        self.commentary.edited.connect(self.typed)
        self.extra = GrowingText()
        self.extra.setObjectName("example.extra")
        self.extra.edited.connect(self.typed)
        self.extra_caption = self._caption("Other text")
        self.error = QLabel()
        self.error.setObjectName("example.error")
        self.error.setWordWrap(True)
        self.error.setProperty("role", "error")
        self.error.hide()
        box.addWidget(self._caption("Context"))
        box.addWidget(self.context)
        box.addSpacing(4)
        box.addWidget(self._caption("Conversation"))
        box.addLayout(self.turn_box)
        box.addWidget(self.add_turn_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self._caption("Commentary"))
        box.addWidget(self.commentary)
        box.addSpacing(4)
        box.addWidget(self.extra_caption)
        box.addWidget(self.extra)
        box.addWidget(self.error)

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text.upper())
        label.setProperty("role", "caption")
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.8)
        font.setBold(True)
        label.setFont(font)
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        return label

    # --- showing ----------------------------------------------------------------------------
    def show_example(self, example: Example, index: int) -> None:
        """Show ``example`` as example ``index``, leaving alone text the user is typing."""
        if (index, example) == self._shown:
            return
        self.index = index
        self.title.setText(f"Example {index + 1}")
        self.model = example
        missing = missing_parts(example)
        self.hints.setText(("Missing: " + ", ".join(missing)) if missing else "")
        self.hints.setVisible(bool(missing))
        self.summary.setText(summary(example))
        self.up_button.setEnabled(index > 0)
        if self._dirty:
            return
        if self._echo is None or self._echo != (self.example(), example):
            self._echo = None  # not our own edit read back: show it
            self._timer.stop()
            if self.context.text() != example.context:
                self.context.setText(example.context)
            self._show_turns(example.turns)
            self.commentary.set_text(example.commentary)
            self.extra.set_text(example.extra)
            self.extra.setVisible(bool(example.extra))
            self.extra_caption.setVisible(bool(example.extra))
        self._shown = (index, example)

    def _show_turns(self, turns: list[Turn]) -> None:
        while len(self.turns) > len(turns):
            row = self.turns.pop()
            row.setParent(None)
            row.deleteLater()
        for row, turn in zip(self.turns, turns, strict=False):
            row.show_turn(turn)
        if len(turns) > len(self.turns):
            for turn in turns[len(self.turns) :]:
                row = TurnRow(self, turn)
                self.turns.append(row)
                self.turn_box.addWidget(row)
                row.show()  # at once: a new turn takes focus
            self._chain()

    def _chain(self) -> None:
        """Tab goes through the card in reading order. Qt chains widgets in the order they
        were made, which put turns made after the card after every other card's fields."""
        order = [self.context]
        for row in self.turns:
            order += [row.role, row.text, row.remove]
        order += [self.add_turn_button, self.commentary, self.extra]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def set_last(self, last: bool) -> None:
        self.down_button.setEnabled(not last)

    def set_collapsed(self, collapsed: bool) -> None:
        if self.body.isHidden() == collapsed and self.summary.isHidden() != collapsed:
            return
        self.body.setVisible(not collapsed)
        self.summary.setVisible(collapsed)
        self.toggle.setIcon(icon("closed" if collapsed else "open", self.palette()))
        self.toggle.setToolTip(
            ("Expand" if collapsed else "Collapse to one line") + " (Ctrl+Shift+C)"
        )

    @property
    def collapsed(self) -> bool:
        return self.body.isHidden()

    def set_selected(self, selected: bool) -> None:
        if self.property("selected") != selected:
            self.setProperty("selected", selected)
            self.style().unpolish(self)
            self.style().polish(self)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.requested.emit("menu")

    # --- editing ----------------------------------------------------------------------------
    def example(self) -> Example:
        """The example the widgets describe."""
        return Example(
            context=self.context.text(),
            turns=[row.turn() for row in self.turns],
            commentary=self.commentary.text(),
            extra=self.extra.text(),
        )

    @property
    def dirty(self) -> bool:
        """Typed text not yet written."""
        return self._dirty

    def keep_typed(self) -> None:
        """The last commit was refused: keep the typed text until the user changes it."""
        self._dirty = True

    def typed(self) -> None:
        self._dirty = True
        self._timer.start()

    def flush(self) -> None:
        """Write typed text now (when typing pauses, focus leaves, or before another change)."""
        self._timer.stop()
        if self._dirty:
            self._dirty = False
            self.committed.emit(self.example())

    def remember_echo(self, typed: Example, read_back: Example) -> None:
        """What a commit of ``typed`` reads back as, so its refresh leaves the widgets alone."""
        self._echo = (typed, read_back)

    def restructure(self) -> None:
        """A role changed: commit at once, with any text typed so far."""
        self._timer.stop()
        self._dirty = False
        self.committed.emit(self.example())

    def add_turn(self) -> None:
        self.flush()
        last = self.turns[-1].role.currentText().lower() if self.turns else "assistant"
        role = "user" if last in _ASSISTANT_ROLES else "assistant"
        example = self.example()
        example.turns.append(Turn(role, ""))
        self.committed.emit(example)
        if len(self.turns) == len(example.turns):
            self.turns[-1].text.setFocus()

    def remove_turn(self, row: TurnRow) -> None:
        self.flush()
        example = self.example()
        del example.turns[self.turns.index(row)]
        self.committed.emit(example)

    def focus_first_field(self) -> None:
        (self.turns[0].text if self.turns and not self.context.text() else self.context).setFocus()

    def focus_place(self) -> tuple[str, int, int] | None:
        """Which field has focus, and the cursor in it (None: focus is elsewhere)."""
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            return None
        if focus is self.context:
            return ("context", 0, self.context.cursorPosition())
        for name in ("commentary", "extra"):
            if focus is getattr(self, name):
                return (name, 0, focus.textCursor().position())
        for i, row in enumerate(self.turns):
            if focus is row.text:
                return ("turn", i, focus.textCursor().position())
        return ("card", 0, 0)

    def restore_focus(self, place: tuple[str, int, int] | None) -> None:
        """Put focus and cursor where :meth:`focus_place` found them (in another card)."""
        if place is None:
            return
        name, turn, position = place
        if name == "context":
            self.context.setFocus()
            self.context.setCursorPosition(position)
            return
        target = self.turns[turn].text if name == "turn" else getattr(self, name, self)
        target.setFocus()
        if isinstance(target, GrowingText):
            cursor = target.textCursor()
            cursor.setPosition(min(position, len(target.toPlainText())))
            target.setTextCursor(cursor)
