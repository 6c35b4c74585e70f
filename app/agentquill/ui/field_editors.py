"""One editor widget per frontmatter field type.

Each editor shows a value (``show``, which never emits) and emits ``committed(value)`` when the
user finishes a change; ``None`` means "remove the field". The form turns that into core edits.
"""

from __future__ import annotations

from typing import Any

import yaml
from PySide6.QtCore import QSignalBlocker, QSize, Qt, QTimer, Signal
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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import dialects
from ..core.lint import tool_names

NOT_SET = "(not set)"

#: how the preview and the form draw Claude Code's colour names
COLOR_HEX = {
    "red": "#e5484d", "blue": "#3e7bfa", "green": "#30a46c", "yellow": "#e2b714",
    "purple": "#8e4ec6", "orange": "#f76b15", "pink": "#e93d82", "cyan": "#12a5c0",
    "magenta": "#c03ad0",
}  # fmt: skip


class FieldEditor(QWidget):
    committed = Signal(object)

    def show_value(self, value: Any) -> None:
        raise NotImplementedError

    def has_focus(self) -> bool:
        return self.isAncestorOf(self.focusWidget()) if self.focusWidget() else False

    def flush(self) -> None:
        """Commit what is typed and not yet committed."""

    def _layout(self, widget: QWidget) -> None:
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)


class LineEditor(FieldEditor):
    """Text on one line; empty removes an optional field."""

    edited = Signal(str)

    def __init__(self, required: bool = False, placeholder: str = ""):
        super().__init__()
        self.required = required
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.textEdited.connect(self.edited)
        self.edit.editingFinished.connect(self.flush)
        self._layout(self.edit)
        self._shown: Any = None

    def show_value(self, value: Any) -> None:
        self._shown = value
        text = "" if value is None else value if isinstance(value, str) else yaml_inline(value)
        if self.edit.text() != text:
            self.edit.setText(text)

    def flush(self) -> None:
        text = self.edit.text()
        shown = "" if self._shown is None else self._shown
        if text == shown or (not isinstance(shown, str) and text == yaml_inline(shown)):
            return
        self.committed.emit(text if text or self.required else None)


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
        self.edit.textChanged.connect(self._typed)
        self.edit.installEventFilter(self)
        self._shown = ""
        self._showing = False

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if event.type() == event.Type.FocusOut:
            self.flush()
        return False

    def show_value(self, value: Any) -> None:
        self._shown = value if isinstance(value, str) else ("" if value is None else str(value))
        if self.edit.toPlainText() != self._shown:
            self._showing = True
            self.edit.setPlainText(self._shown)
            self._showing = False

    def _typed(self) -> None:
        if not self._showing:
            self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        text = self.edit.toPlainText()
        if text != self._shown:
            self._shown = text
            self.committed.emit(text)


class ChoiceEditor(FieldEditor):
    """A value from a list; editable for free values (models)."""

    def __init__(self, choices: tuple[str, ...], editable: bool = False, required: bool = False):
        super().__init__()
        self.combo = QComboBox()
        self.combo.setEditable(editable)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumWidth(180)
        if not required:
            self.combo.addItem(NOT_SET)
        self.combo.addItems(list(choices))
        self.combo.activated.connect(lambda _i: self.flush())
        if editable:
            self.combo.lineEdit().editingFinished.connect(self.flush)
            self.combo.lineEdit().setPlaceholderText(NOT_SET)
        self._layout(self.combo)
        self._shown: Any = None

    def show_value(self, value: Any) -> None:
        self._shown = value
        text = NOT_SET if value is None else str(value)
        with QSignalBlocker(self.combo):
            if self.combo.findText(text) < 0:
                self.combo.addItem(text)
            self.combo.setCurrentText(text)

    def flush(self) -> None:
        text = self.combo.currentText().strip()
        value = None if text in ("", NOT_SET) else text
        if value != (None if self._shown is None else str(self._shown)):
            self.committed.emit(value)


class BoolEditor(ChoiceEditor):
    def __init__(self):
        super().__init__(("true", "false"))

    def show_value(self, value: Any) -> None:
        super().show_value(None if value is None else ("true" if value is True else str(value)))
        self._shown = value

    def flush(self) -> None:
        text = self.combo.currentText()
        value = {"true": True, "false": False}.get(text)
        if value is not self._shown:
            self.committed.emit(value)


class NumberEditor(FieldEditor):
    """A whole number; the lowest value reads "(not set)"."""

    def __init__(self, minimum: int = 0, maximum: int = 1_000_000):
        super().__init__()
        self.spin = QSpinBox()
        self.spin.setRange(minimum - 1, maximum)
        self.spin.setSpecialValueText(NOT_SET)
        self.spin.setMinimumWidth(120)
        self.spin.editingFinished.connect(self.flush)
        self._layout(self.spin)
        self._shown: Any = None

    def show_value(self, value: Any) -> None:
        self._shown = value
        with QSignalBlocker(self.spin):
            if isinstance(value, int) and not isinstance(value, bool):
                self.spin.setValue(value)
            else:
                self.spin.setValue(self.spin.minimum())

    def flush(self) -> None:
        value = None if self.spin.value() == self.spin.minimum() else self.spin.value()
        if value != self._shown:
            self.committed.emit(value)


def _swatch(color: str, size: int = 14) -> QIcon:
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
    """Swatches for the dialect's colour names, plus "none"."""

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
            button.clicked.connect(lambda _c=False, n=name: self._pick(n))
        self.other = QLineEdit()
        self.other.setPlaceholderText("other…")
        self.other.setMaximumWidth(110)
        self.other.editingFinished.connect(lambda: self._pick(self.other.text().strip() or None))
        box.addWidget(self.other)
        box.addStretch(1)
        self._shown: Any = None

    def show_value(self, value: Any) -> None:
        self._shown = value
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
            self.other.setText(str(value))

    def _pick(self, name: str | None) -> None:
        if name != self._shown:
            self.committed.emit(name)


class ToolsEditor(FieldEditor):
    """A checklist of the dialect's tools plus free entries (``mcp__server__*``, ``Agent(x)``)."""

    def __init__(self, dialect: dialects.Dialect, list_style: str | None):
        super().__init__()
        self.list_style = list_style
        self.list = QListWidget()
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setGridSize(QSize(self.fontMetrics().horizontalAdvance("M" * 11), 24))
        self.list.setFixedHeight(4 * 24 + 8)
        self.list.itemChanged.connect(lambda _i: self.flush())
        self.add = QLineEdit()
        self.add.setPlaceholderText("Add a tool (e.g. mcp__github__*) and press Enter")
        self.add.returnPressed.connect(self._add_free)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.list)
        box.addWidget(self.add)
        names = [t for t in dialect.known_tools if t not in dialect.legacy_tools]
        self._known = names or list(dialect.tool_aliases)
        self._shown: Any = None
        self._populate([])

    def _populate(self, selected: list[str]) -> None:
        with QSignalBlocker(self.list):
            self.list.clear()
            for name in [*self._known, *[s for s in selected if s not in self._known]]:
                item = QListWidgetItem(name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if name in selected else Qt.CheckState.Unchecked
                )
                self.list.addItem(item)

    def selected(self) -> list[str]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]

    def show_value(self, value: Any) -> None:
        self._shown = value
        if self.selected() != tool_names(value):
            self._populate(tool_names(value))

    def _add_free(self) -> None:
        name = self.add.text().strip()
        if name:
            self.add.clear()
            self._populate([*self.selected(), name])
            self.flush()

    def flush(self) -> None:
        names = self.selected()
        if names == tool_names(self._shown) and self._shown is not None:
            return
        if not names:
            self.committed.emit(None)
        elif self.list_style == "comma":
            self.committed.emit(", ".join(names))
        else:
            self.committed.emit(names)


def parse_yaml_value(text: str) -> Any:
    """A value typed into the "Other fields" table, read as YAML (ValueError when it is not)."""
    try:
        return yaml.safe_load(text) if text.strip() else None
    except yaml.YAMLError as exc:
        raise ValueError(str(exc).splitlines()[0]) from None


def yaml_inline(value: Any) -> str:
    """A value as one line of YAML, for display and editing."""
    if value is None:
        return ""
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9)
    return dumped.removesuffix("...\n").strip()
