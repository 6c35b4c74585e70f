"""The form's "More fields" row: the fields a file does not set, out of the way until asked for.

A form builds only the rows it shows; the rows under this one are built the first time it opens
(see :class:`~.view.FormView`), which keeps three quarters of a Claude Code form off start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolButton,
)

CLOSED, OPEN = "▸", "▾"


class Disclosure(QToolButton):
    """ "More fields: a, b, … ▸": as many names as fit its width, each in its tooltip. A click,
    Space or Enter opens and closes it (``opened``). Not a checkable button: that one is drawn
    pressed while open."""

    opened = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("form.more")
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a tool button takes no Tab of its own
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)  # shrinks, elided
        self.names: list[str] = []
        self.is_open = False
        self.clicked.connect(lambda: self.set_open(not self.is_open))

    def set_open(self, is_open: bool) -> None:
        if is_open != self.is_open:
            self.is_open = is_open
            self._fit()
            self.opened.emit(is_open)

    def set_names(self, names: list[str]) -> None:
        self.names = names
        self.setToolTip("Fields this file does not set: " + ", ".join(names))
        self.updateGeometry()
        if self.isVisible():
            self._fit()
        else:  # fitted to the width it is given when it is laid out, before it is painted
            self.setText(self._text(len(names)))

    def _text(self, shown: int) -> str:
        """The text naming the first ``shown`` names (an open row names none: they are below)."""
        if self.is_open:
            return f"More fields {OPEN}"
        listed = self.names[:shown] + (["…"] if shown < len(self.names) else [])
        return f"More fields: {', '.join(listed)} {CLOSED}"

    def _padding(self) -> int:
        """The button's width beside its text."""
        return super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text())

    def _fit(self) -> None:
        """Name as many fields as fit (at least none: "More fields: … ▸")."""
        room, metrics = self.width() - self._padding(), self.fontMetrics()
        shown = len(self.names)
        while shown > 0 and metrics.horizontalAdvance(self._text(shown)) > room:
            shown -= 1
        self.setText(self._text(shown))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Wide enough for every name: the layout gives it that, or what room there is."""
        whole = self.fontMetrics().horizontalAdvance(self._text(len(self.names)))
        return QSize(self._padding() + whole, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        least = self.fontMetrics().horizontalAdvance(self._text(0))
        return QSize(self._padding() + least, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        """The button, its text on the left: a tool button centres it, which the names cut
        to fit leave off by up to half a name."""
        painter = QStylePainter(self)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
        text = self.rect().adjusted(self._padding() // 2, 0, 0, 0)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        role = QPalette.ColorRole.ButtonText
        painter.drawItemText(text, align, self.palette(), self.isEnabled(), self.text(), role)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
        else:
            super().keyPressEvent(event)
