"""User input that pytest-qt's qtbot has no call for."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget


def wheel(widget: QWidget, steps: int = -1) -> None:
    """A mouse wheel turned ``steps`` notches over the middle of ``widget`` (down when
    negative), as the mouse sends it: whether or not the widget has focus."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def typed(qtbot, widget: QWidget, text: str) -> None:
    """Replace the text of a line edit by typing ``text`` into it, key by key."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def field(qtbot, form, key: str) -> QWidget:
    """The form's widget for ``key``, clicking "More fields" open first when it waits there."""
    if key not in form.editors and form.more is not None and not form.more.is_open:
        form.ensureWidgetVisible(form.more)
        qtbot.mouseClick(form.more, Qt.MouseButton.LeftButton)
    return form.editors[key]


def source_replace(qtbot, tab, old: str, new: str) -> None:
    """Select ``old`` in the tab's Source view and type ``new`` over it, a line break as
    Return (deleting the selection first: ``new`` may be empty)."""
    tab.panes.setCurrentWidget(tab.source)
    tab.source.setFocus()
    cursor = tab.source.textCursor()
    start = tab.document.text().index(old)
    cursor.setPosition(start)
    cursor.setPosition(start + len(old), cursor.MoveMode.KeepAnchor)
    tab.source.setTextCursor(cursor)
    qtbot.keyClick(tab.source, Qt.Key.Key_Delete)
    for i, line in enumerate(new.split("\n")):
        if i:
            qtbot.keyClick(tab.source, Qt.Key.Key_Return)
        qtbot.keyClicks(tab.source, line)
