"""One editor widget per frontmatter field type.

Each editor shows a value (``show``, which never emits) and emits ``committed(value)`` when the
user finishes a change; ``None`` means "remove the field". The form turns that into core edits.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core import dialects, frontmatter
from ...core.dialects import split_commas, tool_names
from ..intent import has_focus, undo_to_document, wheel_needs_focus
from ..timers import after_first_frame

NOT_SET = "(not set)"

#: how the preview and the form draw Claude Code's colour names
COLOR_HEX = {
    "red": "#e5484d", "blue": "#3e7bfa", "green": "#30a46c", "yellow": "#e2b714",
    "purple": "#8e4ec6", "orange": "#f76b15", "pink": "#e93d82", "cyan": "#12a5c0",
    "magenta": "#c03ad0",
}  # fmt: skip


class FieldEditor(QWidget):
    """Shows one field of the buffer and commits the user's changes to it.

    ``show_value`` shows what the buffer holds and never emits. What the user changes is
    either committed at once (a pick, a tick) or, for typed text, marked ``dirty`` until it is
    committed (``flush``: focus leaves, Enter, a pause in typing, a save). The form leaves a
    dirty widget that has focus alone when the buffer changes, and shows the buffer in every
    other widget.
    """

    committed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.dirty = False  # typed text not yet committed
        self._shown: Any = None  # the buffer's value last shown, whose type typed text keeps

    def show_value(self, value: Any) -> None:
        raise NotImplementedError

    def has_focus(self) -> bool:
        return has_focus(self)

    def pending(self) -> bool:
        """Whether it holds typed text that a refresh must not overwrite."""
        return self.dirty and self.has_focus()

    def flush(self) -> None:
        """Commit what is typed and not yet committed."""
        if self.dirty:
            self.dirty = False
            self.committed.emit(self._typed_value())

    def _typed_value(self) -> Any:
        raise NotImplementedError

    def _typed(self, *_args: Any) -> None:
        self.dirty = True

    def _commit_on_focus_out(self, widget: QWidget) -> None:
        """Flush when focus leaves ``widget``: ``editingFinished`` alone misses text that an
        input method typed (emoji, CJK). Nothing is typed before the window's first frame."""
        after_first_frame(widget, lambda: widget.installEventFilter(self))

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if event.type() == event.Type.FocusOut:
            self.flush()
        return False

    def _layout(self, widget: QWidget) -> None:
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)


def display(value: Any) -> str:
    """A value as a text field shows it: strings as they are, anything else as inline YAML."""
    return value if isinstance(value, str) else yaml_inline(value)


def read_back(text: str, shown: Any) -> Any:
    """What a text field's ``text`` means, given the value it ``shown``: a field the file wrote
    as a list (VS Code's list of models, a list ``argument-hint``) and shown as ``[a, b]`` stays
    a list while the text still reads as one; anything else is the text as typed."""
    if isinstance(shown, list) and text.startswith("["):
        try:
            value = parse_yaml_value(text)
        except ValueError:
            return text
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
    return text


class LineEditor(FieldEditor):
    """Text on one line; empty removes an optional field."""

    edited = Signal(str)

    def __init__(self, required: bool = False, placeholder: str = ""):
        super().__init__()
        self.required = required
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.textEdited.connect(self._typed)
        self.edit.textEdited.connect(self.edited)
        self.edit.returnPressed.connect(self.flush)
        self._commit_on_focus_out(self.edit)
        undo_to_document(self.edit, self.pending)
        self._layout(self.edit)

    def show_value(self, value: Any) -> None:
        self.dirty = False
        self._shown = value
        text = display(value)
        if self.edit.text() != text:
            self.edit.setText(text)

    def _typed_value(self) -> Any:
        text = self.edit.text()
        return read_back(text, self._shown) if text or self.required else None


class DecimalEditor(LineEditor):
    """A number that may have a fraction (``temperature: 0.3``), typed as text: written as a
    YAML number when it reads as one, else as the text typed (the lint says what is wrong)."""

    def _typed_value(self) -> Any:
        value = super()._typed_value()
        if not isinstance(value, str) or not _NUMBER.fullmatch(value.strip()):
            return value
        text = value.strip()
        if text.lstrip("+-").isdigit():
            return int(text)
        number = float(text)
        return number if math.isfinite(number) else value  # 1e999: kept as typed, not .inf


#: a decimal number as YAML and a user write it: 2, -1, 0.3, .5, 1e-3
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


class ListEditor(LineEditor):
    """A list of strings on one line, read back as what it shows: ``[a, b]`` as YAML, or
    names separated by commas (outside braces, so ``src/*.{ts,tsx}`` is one glob). A value the
    file writes as one string stays one string; text that is no list is said (``refused``) and
    kept, not written."""

    refused = Signal(str)

    def __init__(self, required: bool = False):
        super().__init__(required, "a, b  or  [a, b]")
        self._string = False  # the file writes the list as one string

    def show_value(self, value: Any) -> None:
        self._string = isinstance(value, str)
        super().show_value(value)

    def flush(self) -> None:
        if not self.dirty:
            return
        try:
            value = self._typed_value()
        except ValueError as exc:
            self.refused.emit(f"Not a list: {exc}")
            return
        self.dirty = False
        self.committed.emit(value)

    def _typed_value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return super()._typed_value()
        if text.startswith("["):
            value = parse_yaml_value(text)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError("write it as [name, other-name]")
            return value
        return text if self._string else [n.strip() for n in split_commas(text, "{}") if n.strip()]


class ProseEditor(FieldEditor):
    """Multi-line text, committed when typing pauses or focus leaves (one undo step each)."""

    def __init__(self, placeholder: str = ""):
        super().__init__()
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(120)
        self._layout(self.edit)
        self._timer = QTimer(self, singleShot=True, interval=800, timeout=self.flush)
        self.edit.textChanged.connect(self._text_changed)
        self._commit_on_focus_out(self.edit)
        undo_to_document(self.edit, self.pending)
        self._showing = False

    def show_value(self, value: Any) -> None:
        self.dirty = False
        self._timer.stop()
        text = "" if value is None else display(value)
        if self.edit.toPlainText() != text:
            self._showing = True
            cursor = self.edit.textCursor().position()
            self.edit.setPlainText(text)
            if self.has_focus():  # the user is here: keep the caret where it was
                kept = self.edit.textCursor()
                kept.setPosition(min(cursor, len(text)))
                self.edit.setTextCursor(kept)
            self._showing = False

    def _text_changed(self) -> None:
        if not self._showing:
            self.dirty = True
            self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        super().flush()

    def _typed_value(self) -> Any:
        return self.edit.toPlainText()


class ChoiceEditor(FieldEditor):
    """A value from a list, committed when picked; editable ones (models) also take a typed
    value, committed when focus leaves or Enter is pressed."""

    def __init__(self, choices: tuple[str, ...], editable: bool = False):
        super().__init__()
        self.combo = QComboBox()
        self.combo.setEditable(editable)
        # its size hint from the first choices (Qt's default): one that follows each change
        # (AdjustToContents) has Qt shrink the box to it 20 ms later, and the form's layout
        # stretch it back a turn after that — a flicker at start-up and on each new value
        self.combo.setMinimumWidth(180)
        self.combo.addItem(NOT_SET)
        self.combo.addItems(list(choices))
        self._choices = self.combo.count()  # then one item for a value not in the list:
        self._other: Any = None  # that value, which picking the item keeps as it is
        self.combo.activated.connect(self._picked)
        if editable:
            self.combo.lineEdit().textEdited.connect(self._typed)
            self.combo.lineEdit().returnPressed.connect(self.flush)
            self._commit_on_focus_out(self.combo)
            self.combo.lineEdit().setPlaceholderText(NOT_SET)
            undo_to_document(self.combo, self.pending)
        wheel_needs_focus(self.combo)
        self._layout(self.combo)

    def show_value(self, value: Any) -> None:
        self.dirty = False
        self._shown = value
        text = NOT_SET if value is None else display(value)
        with QSignalBlocker(self.combo):
            if self.combo.findText(text) < 0 and not self.combo.isEditable():
                if self.combo.count() > self._choices:
                    self.combo.removeItem(self._choices)
                self.combo.addItem(text)
                self._other = value
            self.combo.setCurrentText(text)

    def _picked(self, _index: int) -> None:
        self.dirty = True
        self.flush()

    def _typed_value(self) -> Any:
        if self.combo.currentIndex() >= self._choices and not self.combo.isEditable():
            return self._other
        text = self.combo.currentText().strip()
        return None if text in ("", NOT_SET) else read_back(text, self._shown)


class BoolEditor(ChoiceEditor):
    """``true`` or ``false`` as YAML writes them; any other value is shown as it is."""

    def __init__(self):
        super().__init__(("true", "false"))

    def _typed_value(self) -> Any:
        value = super()._typed_value()
        return {"true": True, "false": False}.get(value, value) if isinstance(value, str) else value


#: the largest number a spin box holds (a 32-bit int); Claude Code sets no maximum
_INT_MAX = 2**31 - 1


class NumberEditor(FieldEditor):
    """A whole number, committed when focus leaves or Enter is pressed. The file's number is
    shown as it is, below the field's minimum too (the lint says why it is wrong); the value
    below the lowest reads "(not set)", or the file's value when it is no number a spin box
    holds, which is then kept until the user steps to a number."""

    def __init__(self, minimum: int = 0, step: int = 1):
        super().__init__()
        self.spin = _SpinBox(minimum)
        self.spin.setSingleStep(step)
        self.spin.setGroupSeparatorShown(True)
        self.spin.setMinimumWidth(120)
        self._other: Any = None  # the value "below the lowest" stands for
        self.spin.valueChanged.connect(self._typed)
        self.spin.editingFinished.connect(self.flush)
        self._commit_on_focus_out(self.spin)
        undo_to_document(self.spin, self.pending)
        wheel_needs_focus(self.spin)
        self._layout(self.spin)

    def show_value(self, value: Any) -> None:
        self.dirty = False
        whole = isinstance(value, int) and not isinstance(value, bool)
        number = whole and -_INT_MAX <= value <= _INT_MAX  # and the value below it fits
        low = min(value, self.spin.first) if number else self.spin.first
        self._other = None if number else value
        with QSignalBlocker(self.spin):
            self.spin.setRange(low - 1, _INT_MAX)
            self.spin.setSpecialValueText(NOT_SET if value is None else display(value))
            self.spin.setValue(value if number else self.spin.minimum())

    def _typed_value(self) -> Any:
        return self._other if self.spin.value() == self.spin.minimum() else self.spin.value()


class _SpinBox(QSpinBox):
    """Steps from the value below the lowest ("(not set)") land on the field's minimum
    (``first``) first, and steps down past the minimum on "(not set)", whatever the step."""

    def __init__(self, first: int):
        super().__init__()
        self.first = first
        self.setRange(first - 1, _INT_MAX)

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt override
        low, value, first = self.minimum(), self.value(), self.first
        if value == low and steps > 0:
            self.setValue(first + (steps - 1) * self.singleStep())
        elif steps < 0 and value >= first and value + steps * self.singleStep() < first:
            self.setValue(first if value > first else low)
        else:
            super().stepBy(steps)


@functools.cache
def _swatch(color: str, size: int = 14) -> QIcon:
    """One icon per colour for every form (Qt's pixmap cache would keep each form's copies)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(COLOR_HEX.get(color, color)))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class ColorEditor(FieldEditor):
    """Swatches for the dialect's colour names, plus "none" (a click commits) and a field for
    any other colour (committed when focus leaves or Enter is pressed)."""

    def __init__(self, colors: tuple[str, ...]):
        super().__init__()
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str | None, QToolButton] = {}
        for name in (None, *colors):
            button = QToolButton()
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolTip(name or "No colour")
            if name:
                button.setIcon(_swatch(name))
            else:
                button.setText("∅")
            button.setObjectName(f"color.{name or 'none'}")
            self.group.addButton(button)
            self.buttons[name] = button
            box.addWidget(button)
            button.clicked.connect(lambda _c=False, n=name: self.committed.emit(n))
        self.other = QLineEdit()
        self.other.setPlaceholderText("other…")
        self.other.setMaximumWidth(110)
        self.other.textEdited.connect(self._typed)
        self.other.returnPressed.connect(self.flush)
        self._commit_on_focus_out(self.other)
        undo_to_document(self.other, self.pending)
        box.addWidget(self.other)
        box.addStretch(1)

    def show_value(self, value: Any) -> None:
        self.dirty = False
        button = self.buttons.get(value if isinstance(value, str) or value is None else None)
        if button is not None:
            button.setChecked(True)
            self.other.clear()
        else:
            checked = self.group.checkedButton()
            if checked:
                self.group.setExclusive(False)
                checked.setChecked(False)
                self.group.setExclusive(True)
            self.other.setText(display(value))

    def _typed_value(self) -> Any:
        return self.other.text().strip() or None


class Checklist(QListWidget):
    """Checkable items in as many equal columns as fit the width, every row shown: the cell
    fits the longest name, and the height follows the width (``heightForWidth``), so the
    form's scroll area gives the list all its rows instead of a scroll bar of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._columns = 0

    def fit_grid(self) -> None:
        """Size the cells for the names now listed (after they change, or the font)."""
        metrics, style = self.fontMetrics(), self.style()
        # no option passed, not even None: PySide would build QStyleOption's class for it
        indicator = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, widget=self)
        names = (self.item(i).text() for i in range(self.count()))
        widest = max((metrics.horizontalAdvance(n) for n in names), default=0)
        height = max(metrics.height(), indicator) + 8
        self.setGridSize(QSize(max(widest + indicator + 24, 96), height))
        self._columns = 0
        self.updateGeometry()

    def _columns_for(self, width: int) -> int:
        room = width - 2 * self.frameWidth() - 2
        return max(1, room // self.gridSize().width())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        rows = max(1, -(-self.count() // self._columns_for(width)))
        return rows * self.gridSize().height() + 2 * self.frameWidth() + 4

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = 4 * self.gridSize().width() + 2 * self.frameWidth()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.gridSize().width() + 2 * self.frameWidth() + 2, self.gridSize().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        columns = self._columns_for(event.size().width())
        if columns != self._columns:  # the rows change: ask the form for the new height
            self._columns = columns
            self.updateGeometry()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_grid()


class ChecklistEditor(FieldEditor):
    """A checklist of known names plus free entries typed below it; a tick commits. The value
    keeps the file's order and form (a YAML list or a comma string). With a ``limit``, a tick
    past it is taken back and said (``refused``)."""

    refused = Signal(str)

    def __init__(self, placeholder: str, list_style: str | None, limit: int | None = None):
        super().__init__()
        self.list_style = list_style
        self.limit = limit
        self.list = Checklist()
        self.list.itemChanged.connect(self._ticked)
        self.add = QLineEdit()
        self.add.setPlaceholderText(placeholder)
        self.add.returnPressed.connect(self._add_free)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.list)
        box.addWidget(self.add)
        self._listed: list[str] = []  # the shown value's names, in the file's order
        self._comma = list_style == "comma"  # the shown value is a comma-separated string
        self._populate([])

    def known(self) -> list[str]:
        """The names always listed, ticked or not."""
        raise NotImplementedError

    def _rows(self, selected: list[str]) -> list[tuple[str, bool]]:
        """The checklist for ``selected``: every known name, then the others selected."""
        known = self.known()
        names = [*known, *[s for s in selected if s not in known]]
        return [(name, name in selected) for name in names]

    def _shown_rows(self) -> list[tuple[str, bool]]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [(i.text(), i.checkState() == Qt.CheckState.Checked) for i in items]

    def _populate(self, selected: list[str]) -> None:
        with QSignalBlocker(self.list):
            self.list.clear()
            for name, ticked in self._rows(selected):
                item = QListWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
                self.list.addItem(item)
        self.list.fit_grid()

    def selected(self) -> list[str]:
        return [name for name, ticked in self._shown_rows() if ticked]

    def show_value(self, value: Any) -> None:
        self._listed = tool_names(value)
        self._comma = isinstance(value, str) or (value is None and self.list_style == "comma")
        if self._shown_rows() != self._rows(self._listed):  # an untick leaves no stray row
            self._populate(self._listed)

    def _full(self, ticked: list[str]) -> bool:
        """Whether ``ticked`` is past the limit; if so, say so."""
        if self.limit is None or len(ticked) <= self.limit:
            return False
        self.refused.emit(f"At most {self.limit} names")
        return True

    def _ticked(self, item: QListWidgetItem) -> None:
        if item.checkState() == Qt.CheckState.Checked and self._full(self.selected()):
            with QSignalBlocker(self.list):
                item.setCheckState(Qt.CheckState.Unchecked)
            return
        self._commit()

    def _add_free(self) -> None:
        name = self.add.text().strip()
        if name and not self._full([*self.selected(), name]):
            self.add.clear()
            self._populate([*self.selected(), name])
            self._commit()

    def _commit(self) -> None:
        ticked = self.selected()
        names = [n for n in self._listed if n in ticked]
        names += [n for n in ticked if n not in names]
        if not names:
            self.committed.emit(None)
        else:
            self.committed.emit(", ".join(names) if self._comma else names)


class ToolsEditor(ChecklistEditor):
    """The dialect's tools, plus free entries such as ``mcp__server__*`` or ``Agent(x)``."""

    def __init__(self, dialect: dialects.Dialect, list_style: str | None):
        names = [t for t in dialect.known_tools if t not in dialect.legacy_tools]
        self._known = names or list(dialect.tool_aliases)
        super().__init__("Add a tool (e.g. mcp__github__*) and press Enter", list_style)

    def known(self) -> list[str]:
        return self._known


class AgentsEditor(ChecklistEditor):
    """Agent names, always written as one comma-separated string (Claude Code ``observer``):
    the agents ``names()`` offers, plus free entries."""

    def __init__(self, names: Callable[[], list[str]], limit: int):
        self._names = names
        super().__init__("Add an agent name and press Enter", "comma", limit)

    def known(self) -> list[str]:
        return self._names()

    def show_value(self, value: Any) -> None:
        super().show_value(value)
        self._comma = True


class SkillsEditor(ChecklistEditor):
    """Skill names (Claude Code ``skills``): the project's skills ``names()`` offers, plus free
    entries (a user's or a plugin's skill)."""

    def __init__(self, names: Callable[[], list[str]]):
        self._names = names
        super().__init__("Add a skill name and press Enter", "block")

    def known(self) -> list[str]:
        return self._names()


def parse_yaml_value(text: str) -> Any:
    """A value typed into the "Other fields" table, read as YAML (ValueError when it is not)."""
    import yaml

    try:
        return frontmatter.construct(frontmatter.compose(text)) if text.strip() else None
    except yaml.YAMLError as exc:  # the readers' bounds too: an alias bomb is refused
        raise ValueError(str(exc).splitlines()[0]) from None


#: Words YAML writes as they are, unless they read as another type ("yes", "null")
_PLAIN_WORDS = re.compile(r"[A-Za-z][\w.\-/]*(?: [\w.\-/]+)*")


def yaml_inline(value: Any) -> str:
    """A value as one line of YAML, for display and editing."""
    if value is None:
        return ""
    if (
        isinstance(value, str)
        and _PLAIN_WORDS.fullmatch(value)
        and value not in frontmatter.YAML_WORDS  # all PyYAML reads a word as besides text
    ):
        return value  # what the dump below gives, in a fraction of the time (and no PyYAML)
    import yaml

    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9)
    return dumped.removesuffix("...\n").strip()
