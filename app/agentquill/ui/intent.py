"""Input that reaches a view only when the user means it.

Qt's combo and spin boxes change value under a wheel that merely scrolls past them, a text
field's Ctrl+Z undoes its own little history rather than the file's, and a window shortcut
takes a key (F2) that the focused view has its own use for. These guards make all three
follow what the user is doing: the wheel changes a value only in the widget that has focus
(else it scrolls the page), undo goes to the document unless the field holds text typed and
not yet committed, and a view keeps the keys it edits with.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from .timers import after_first_frame


def has_focus(widget: QWidget) -> bool:
    """Whether ``widget`` or a child of it has keyboard focus now (``QWidget.focusWidget``
    names the last child that ever had it, focused or not)."""
    focused = QApplication.focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


class _WheelNeedsFocus(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.Wheel or has_focus(watched):
            return False
        area = _scroll_area(watched)
        if area is None:
            event.ignore()
        else:  # handed on explicitly: Qt passes only a spontaneous event on to the parents
            viewport = area.viewport()
            at = viewport.mapFromGlobal(event.globalPosition().toPoint())
            QApplication.sendEvent(viewport, _moved(event, QPointF(at)))
            event.accept()
        return True


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def _moved(event: QWheelEvent, position: QPointF) -> QWheelEvent:
    return QWheelEvent(
        position,
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
    )


class _Overrides(QObject):
    """Decides who gets a key that a window shortcut also has: ``take(event)`` True gives it
    to the widget, False to the shortcut, None leaves Qt's own answer."""

    def __init__(self, widget: QWidget, take: Callable[[QKeyEvent], bool | None]):
        super().__init__(widget)
        self.take = take
        after_first_frame(widget, lambda: widget.installEventFilter(self))  # no keys before

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            taken = self.take(event)
            if taken is not None:
                event.setAccepted(taken)  # accepted: the key press goes to the widget
                return True
        return False


def _is_undo(event: QKeyEvent) -> bool:
    keys = QKeySequence.StandardKey
    return event.matches(keys.Undo) or event.matches(keys.Redo)


_WHEEL = _WheelNeedsFocus()


def wheel_needs_focus(*widgets: QWidget) -> None:
    """The wheel over ``widgets`` scrolls the page unless the widget has focus; a wheel never
    gives focus. The guard sees every event the widgets get, so at start-up it comes after the
    first frame, which their building and showing would otherwise pass through Python."""
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def guard() -> None:
        for widget in widgets:
            widget.installEventFilter(_WHEEL)

    after_first_frame(widgets[0], guard)


def keep_key(widget: QWidget, key: Qt.Key) -> None:
    """``key`` (unmodified) in ``widget`` is the widget's own, before any window shortcut: F2
    edits the current row of a table or tree rather than renaming the agent."""
    _Overrides(widget, lambda event: True if event.key() == key and not event.modifiers() else None)


def undo_to_document(widget: QWidget, pending: Callable[[], bool]) -> None:
    """Ctrl+Z and Ctrl+Shift+Z in ``widget`` undo and redo the document, except while
    ``pending()`` says it holds typed text not yet committed (then they undo that typing)."""
    _Overrides(widget, lambda event: False if _is_undo(event) and not pending() else None)
