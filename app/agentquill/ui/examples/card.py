"""One ``<example>`` as a card: context, the turns, commentary and any other text it holds.

A card shows an :class:`~agentquill.core.examples.Example`: every field shows the buffer's
example after every change, except the field that has keyboard focus while it holds typing not
yet written. It emits ``committed`` with the buffer's example plus what the user changed in
fields since they last showed it: when typing pauses, when focus leaves the field, and at once
for a change of structure (a turn added or removed, a role changed).
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
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.examples import Example, Turn
from ..intent import has_focus, undo_to_document, wheel_needs_focus
from .widgets import ElidedLabel, GrowingText, discard, icon, tool_button

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


def _value(field: QWidget) -> str:
    return field.currentText() if isinstance(field, QComboBox) else field.text()


def _show(field: QWidget, value: str) -> None:
    """Set a field to ``value`` without it counting as typed."""
    if isinstance(field, QComboBox):
        with QSignalBlocker(field):
            if field.findText(value) < 0:
                field.addItem(value)
            field.setCurrentText(value)
    elif isinstance(field, GrowingText):
        field.set_text(value)
    elif field.text() != value:
        field.setText(value)


class TurnRow(QWidget):
    """One turn: its role and its text, and a button to remove it."""

    def __init__(self, card: ExampleCard):
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
        card.watch(self.text, self.text.edited)
        self.role.currentTextChanged.connect(lambda _role: card.restructure(self.role))
        self.remove.clicked.connect(lambda: card.remove_turn(self))


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
        self.model = Example()  # the buffer's example, as last shown
        self._typed: set[QWidget] = set()  # fields the user changed since they showed the buffer
        self._echo: dict[QWidget, str] = {}  # a written field: its text as the buffer reads back
        self._shown: tuple[int, Example] | None = None
        self._timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.turns: list[TurnRow] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 10, 10)
        outer.setSpacing(6)
        outer.addLayout(self._header())
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
        self.hints = ElidedLabel()  # in the header: showing or hiding it moves no field
        self.hints.setObjectName("example.hints")
        self.hints.setProperty("role", "hint")
        row = QHBoxLayout()
        row.setSpacing(2)
        row.addWidget(Grip(self))
        row.addWidget(self.toggle)
        row.addWidget(self.title)
        row.addSpacing(6)
        row.addWidget(self.summary, 1)
        self.hints.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        row.addWidget(self.hints)  # whole when it fits: the summary gives way first
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
        # Out of the Tab chain (their shortcuts reach them): Tab from a card's last field
        # landed on the next card's Collapse, and the next typed space toggled that card.
        for i in range(row.count()):
            if isinstance(button := row.itemAt(i).widget(), QToolButton):
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return row

    def _build_body(self) -> None:
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(3)
        self.context = QLineEdit()
        self.context.setObjectName("example.context")
        self.context.setPlaceholderText("The situation that leads to this request")
        self.watch(self.context, self.context.textEdited)
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
        self.watch(self.commentary, self.commentary.edited)
        self.extra = GrowingText()
        self.extra.setObjectName("example.extra")
        self.watch(self.extra, self.extra.edited)
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
        """Show ``example`` as example ``index`` in every field but the one with keyboard
        focus, when that one holds typing not yet written or the text it wrote (trailing
        spaces, say, that the buffer does not keep)."""
        if (index, example) == self._shown:
            return
        self._shown = (index, example)
        self.index = index
        self.title.setText(f"Example {index + 1}")
        self.model = example
        missing = missing_parts(example)
        self.hints.setText(("Missing: " + ", ".join(missing)) if missing else "")
        self.hints.setVisible(bool(missing))
        self.summary.setText(summary(example))
        self.up_button.setEnabled(index > 0)
        self._show_turns(len(example.turns))
        for field, value in self._fields(example):
            if has_focus(field) and (field in self._typed or self._echo.get(field) == value):
                continue
            self._forget(field)
            _show(field, value)
        extra = bool(example.extra) or has_focus(self.extra)  # hiding it would move focus
        self.extra.setVisible(extra)
        self.extra_caption.setVisible(extra)

    def _fields(self, example: Example) -> list[tuple[QWidget, str]]:
        """Each field with the value of ``example`` it shows."""
        fields: list[tuple[QWidget, str]] = [(self.context, example.context)]
        for row, turn in zip(self.turns, example.turns, strict=False):
            fields += [(row.role, turn.role), (row.text, turn.text)]
        return [*fields, (self.commentary, example.commentary), (self.extra, example.extra)]

    def _forget(self, field: QWidget) -> None:
        self._typed.discard(field)
        self._echo.pop(field, None)

    def _show_turns(self, count: int) -> None:
        """As many turn rows as turns; a removed row's focus goes to the turn above."""
        if any(has_focus(row) for row in self.turns[count:]):
            (self.turns[count - 1].text if count else self.context).setFocus()
        while len(self.turns) > count:
            row = self.turns.pop()
            self._forget(row.role)
            self._forget(row.text)
            discard(row)
        if count > len(self.turns):
            while len(self.turns) < count:
                row = TurnRow(self)
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
        if collapsed and has_focus(self.body):
            self.setFocus()  # Qt would move it to the next card's first button
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
        """The buffer's example with what the user changed in fields since they showed it:
        a field that merely shows an older buffer never writes it back."""
        values = [_value(f) if f in self._typed else v for f, v in self._fields(self.model)]
        turns = values[1:-2]
        return Example(
            context=values[0],
            turns=[Turn(*pair) for pair in zip(turns[::2], turns[1::2], strict=True)],
            commentary=values[-2],
            extra=values[-1],
        )

    @property
    def dirty(self) -> bool:
        """Typed text not yet written (or refused)."""
        return bool(self._typed)

    def watch(self, field: QWidget, edited) -> None:
        """``field`` is typed in when ``edited`` fires; Ctrl+Z in it undoes the document, or
        its own typing while that is not yet written."""
        edited.connect(lambda *_: self.typed(field))
        undo_to_document(field, lambda: field in self._typed)

    def typed(self, field: QWidget) -> None:
        self._typed.add(field)
        self._timer.start()

    def flush(self) -> None:
        """Write typed text now (when typing pauses, focus leaves, or before another change)."""
        self._timer.stop()
        if self._typed:
            self.committed.emit(self.example())

    def refused(self) -> None:
        """The last commit was refused (the card says why): a field the user has left shows
        the buffer again, so no view holds text the file does not; the field with focus keeps
        its typing, to be fixed."""
        for field, value in self._fields(self.model):
            if field in self._typed and not has_focus(field):
                self._forget(field)
                _show(field, value)

    def written(self, read_back: Example) -> None:
        """The last commit is in the buffer as ``read_back``: the typed fields are no longer
        pending, and the one with focus keeps its text while the buffer reads back as it."""
        for field, value in self._fields(read_back):
            if field in self._typed:
                self._echo[field] = value
        self._typed.clear()

    def leave(self) -> None:
        """Focus left a field: write what was typed; a field that kept its typed text as the
        buffer reads back (see :meth:`written`) shows the buffer now."""
        self.flush()
        for field in [f for f in self._echo if not has_focus(f)]:
            _show(field, self._echo.pop(field))

    def restructure(self, role: QComboBox) -> None:
        """A role changed: commit at once, with any text typed so far."""
        self.typed(role)
        self.flush()

    def add_turn(self) -> None:
        self.flush()
        example = self.example()
        last = example.turns[-1].role.lower() if example.turns else "assistant"
        example.turns.append(Turn("user" if last in _ASSISTANT_ROLES else "assistant", ""))
        self.committed.emit(example)
        if len(self.turns) == len(example.turns):
            self.turns[-1].text.setFocus()

    def remove_turn(self, row: TurnRow) -> None:
        self.flush()
        example = self.example()
        del example.turns[self.turns.index(row)]
        self.committed.emit(example)

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
