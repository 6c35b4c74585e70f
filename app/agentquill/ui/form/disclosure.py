"""The form's "More fields" row: the fields a file does not set, out of the way until asked for.

A form builds only the rows it shows; the rows under this one are built the first time it opens
(see :class:`~.view.FormView`), which keeps three quarters of a Claude Code form off start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolButton

CLOSED, OPEN = "▸", "▾"


class Disclosure(QToolButton):
    """ "More fields: a, b, … ▸": as many names as fit its width (``label``), each in its
    tooltip. A click, Space or Enter opens and closes it (``opened``).

    A tool button for its look (raised under the mouse, framed with focus) and keys, but not a
    checkable one (drawn pressed while open); it draws its text itself, on the left, where a
    tool button centres it and the names cut to fit would leave it off by up to half a name.
    """

    opened = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("form.more")
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a tool button takes no Tab of its own
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)  # shrinks, cut
        self.names: list[str] = []
        self.label = ""
        self.is_open = False
        self.clicked.connect(lambda: self.set_open(not self.is_open))

    def set_names(self, names: list[str]) -> None:
        self.names = names
        self.setToolTip("Fields this file does not set: " + ", ".join(names))
        self.updateGeometry()
        self._fit()  # to its width now, hidden too (a new width is fitted as it is resized)

    def set_open(self, is_open: bool) -> None:
        if is_open != self.is_open:
            self.is_open = is_open
            self._fit()
            self.opened.emit(is_open)

    def _text(self, shown: int) -> str:
        """The text naming the first ``shown`` names (an open row names none: they are below)."""
        if self.is_open:
            return f"More fields {OPEN}"
        listed = self.names[:shown] + (["…"] if shown < len(self.names) else [])
        return f"More fields: {', '.join(listed)} {CLOSED}"

    def _fit(self) -> None:
        """Name as many fields as fit (at least none: "More fields: … ▸")."""
        room, metrics = self.width() - super().sizeHint().width(), self.fontMetrics()
        shown = len(self.names)
        while shown > 0 and metrics.horizontalAdvance(self._text(shown)) > room:
            shown -= 1
        self.label = self._text(shown)
        self.setAccessibleName(self.label)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Wide enough for every name: the layout gives it that, or what room there is."""
        hint = super().sizeHint()  # of no text: the margins
        whole = self.fontMetrics().horizontalAdvance(self._text(len(self.names)))
        return QSize(hint.width() + whole, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        return QSize(hint.width() + self.fontMetrics().horizontalAdvance(self._text(0)), 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)  # the button, with no text
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        left = super().sizeHint().width() // 2
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.rect().adjusted(left, 0, 0, 0), align, self.label)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
        else:
            super().keyPressEvent(event)
