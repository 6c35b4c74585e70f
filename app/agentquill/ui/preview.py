"""The live preview: a QTextBrowser fed by core/render.py, rendered off the UI thread.

It never loads a resource (no remote images, no files) and runs no script; links are routed
to the owner. Rendering is coalesced: while one render runs, only the newest text waits.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, QUrl, Signal, Slot
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..core.render import render_html


class PreviewView(QTextBrowser):
    """Shows rendered HTML and keeps its scroll position across updates."""

    line_clicked = Signal(int)  # a 1-based source line, from a ``#line-N`` anchor

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor)

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt override
        return None  # never fetch anything: remote or local

    def show_html(self, html: str) -> None:
        bar = self.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() > 0
        position = bar.value()
        self.setHtml(html)
        bar.setValue(bar.maximum() if at_bottom else position)

    def _anchor(self, url: QUrl) -> None:
        fragment = url.fragment()
        if fragment.startswith("line-") and fragment[5:].isdigit():
            self.line_clicked.emit(int(fragment[5:]))


class _Worker(QObject):
    done = Signal(int, str)

    @Slot(int, str, bool)
    def render(self, serial: int, text: str, dark: bool) -> None:
        self.done.emit(serial, render_html(text, dark=dark))


class PreviewRenderer(QObject):
    """Renders text for a PreviewView on a worker thread, newest request wins."""

    _request = Signal(int, str, bool)

    def __init__(self, view: PreviewView, delay_ms: int = 15):
        super().__init__(view)
        self.view = view
        self.dark = False
        self._serial = 0
        self._busy = False
        self._latest: tuple[int, str] | None = None
        self._timer = QTimer(self, singleShot=True, interval=delay_ms, timeout=self._start)
        self._thread = QThread(self)
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.render)
        self._worker.done.connect(self._finished)
        self._thread.start()

    def schedule(self, text: str) -> None:
        """Render ``text`` soon (requests in quick succession coalesce)."""
        self._serial += 1
        self._latest = (self._serial, text)
        self._timer.start()

    def render_now(self, text: str) -> None:
        """Render synchronously (first paint, theme change)."""
        self._serial += 1
        self._latest = None
        self.view.show_html(render_html(text, dark=self.dark))

    def _start(self) -> None:
        if self._busy or self._latest is None:
            return
        serial, text = self._latest
        self._latest = None
        self._busy = True
        self._request.emit(serial, text, self.dark)

    @Slot(int, str)
    def _finished(self, serial: int, html: str) -> None:
        self._busy = False
        if self._latest is None and serial == self._serial:
            self.view.show_html(html)
        elif self._latest is not None:
            self._start()

    def stop(self) -> None:
        self._thread.quit()
        self._thread.wait(2000)
