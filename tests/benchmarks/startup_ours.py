"""`make bench`'s AgentQuill for the time to window: ``python startup_ours.py FILE``.

AgentQuill's real entry point (``agentquill.__main__.main``), printing ``time.time()`` once its
window is exposed and its preview has text and has been painted. Nothing is imported here
that the app does not import itself (``ui.py``'s ``statistics`` and ``subprocess`` cost ~5 ms
more than the app's start-up); PySide is first imported by ``agentquill.ui``, as in the app
(``ui.code_cache``).
"""

import sys
import time


def _watch_preview(qtcore, window, previews) -> None:
    def check() -> None:
        handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            return
        for view in previews():
            if view.isVisible() and not view.document().isEmpty():
                timer.stop()
                view.viewport().repaint()  # the first paint with text, done now
                print(f"{time.time():.4f}", flush=True)
                return

    timer = qtcore.QTimer(window)
    timer.setInterval(1)
    timer.timeout.connect(check)
    timer.start()


def main(path: str) -> int:
    from agentquill import __main__ as entry
    from agentquill.ui import app

    class Watched(app.MainWindow):
        def __init__(self, *args, **kwargs):
            from PySide6 import QtCore

            super().__init__(*args, **kwargs)
            _watch_preview(QtCore, self, lambda: [t.preview for t in self.editor_tabs()])

    app.MainWindow = Watched
    return entry.main([path])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
