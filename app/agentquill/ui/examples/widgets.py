"""Small widgets the Examples pane is made of: line icons drawn in the palette's colours, text
that grows with its content, a label that elides, and a way to drop a widget."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QTextEdit, QToolButton, QWidget


def discard(widget: QWidget) -> None:
    """Hide ``widget`` and delete it soon; its layout lets go of it then. Not
    ``setParent(None)``: that makes it a window of its own, which took the keyboard focus."""
    widget.hide()
    widget.deleteLater()


# --- icons ------------------------------------------------------------------------------------

_SHAPES = {
    "up": [[(4, 10), (8, 6), (12, 10)]],
    "down": [[(4, 6), (8, 10), (12, 6)]],
    "open": [[(4, 6), (8, 10), (12, 6)]],
    "closed": [[(6, 4), (10, 8), (6, 12)]],
    "plus": [[(8, 3), (8, 13)], [(3, 8), (13, 8)]],
    "remove": [[(4, 4), (12, 12)], [(12, 4), (4, 12)]],
    "copy": [[(6, 3), (13, 3), (13, 10), (6, 10), (6, 3)], [(3, 6), (3, 13), (10, 13)]],
    "delete": [
        [(3, 4), (13, 4)],
        [(6, 4), (6, 2.5), (10, 2.5), (10, 4)],
        [(4.5, 4), (5.5, 13.5), (10.5, 13.5), (11.5, 4)],
    ],
}


def icon(name: str, palette: QPalette) -> QIcon:
    """A 16 px line icon drawn in the palette's button text colour (so it suits light and
    dark), with a disabled look."""
    colors = tuple(
        palette.color(group, QPalette.ColorRole.ButtonText).name()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled)
    )
    return _icon(name, colors)


@cache
def _icon(name: str, colors: tuple[str, str]) -> QIcon:
    result = QIcon()
    for mode, color in zip((QIcon.Mode.Normal, QIcon.Mode.Disabled), colors, strict=True):
        pixmap = QPixmap(32, 32)
        pixmap.setDevicePixelRatio(2)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(color), 1.5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for line in _SHAPES[name]:
            path = QPainterPath(QPointF(*line[0]))
            for point in line[1:]:
                path.lineTo(QPointF(*point))
            painter.drawPath(path)
        painter.end()
        result.addPixmap(pixmap, mode)
    return result


def tool_button(name: str, tip: str, palette: QPalette) -> QToolButton:
    button = QToolButton()
    button.setIcon(icon(name, palette))
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    button.setObjectName(f"example.{name}")
    return button


class GrowingText(QTextEdit):
    """Plain text that grows with its content instead of scrolling; ``edited`` on typing."""

    edited = Signal()

    def __init__(self, placeholder: str = ""):
        super().__init__()
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(3)
        self.document().contentsChanged.connect(self._fit)
        self.textChanged.connect(self._changed)
        self._showing = False
        self._fit()

    def text(self) -> str:
        """The text as typed (``toPlainText`` would turn no-break spaces into spaces)."""
        return self.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")

    def set_text(self, text: str) -> None:
        """Show ``text`` without emitting ``edited``; the cursor keeps its offset."""
        if text == self.text():
            return
        position = self.textCursor().position()
        self._showing = True
        self.setPlainText(text)
        self._showing = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.toPlainText())))
        self.setTextCursor(cursor)

    def _changed(self) -> None:
        if not self._showing:
            self.edited.emit()

    def _fit(self) -> None:
        doc = self.document()
        doc.setTextWidth(self.viewport().width())
        lines = max(doc.size().height(), self.fontMetrics().lineSpacing() + 6)
        self.setFixedHeight(int(lines) + 2 * self.frameWidth())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when it does not fit."""

    def __init__(self, text: str = ""):
        super().__init__(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(20)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        """The whole text is also the tooltip: hovering reads what "…" cut."""
        super().setText(text)
        self.setToolTip(text)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        elided = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.width()
        )
        painter.drawText(self.rect(), int(self.alignment()), elided)
