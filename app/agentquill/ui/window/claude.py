"""The "Claude Code" status item: which Claude Code the app would run, its version and whether
someone is signed in, found on a worker thread after the window's first frame.

Whatever later runs Claude Code (Try, Generate, what it registers) asks :attr:`ClaudeCode.ready`
and shows :attr:`ClaudeCode.reason` when it is not; ``changed`` says when that may differ.
Nothing here reads credentials: ``claude auth status`` says whether someone is signed in.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ...core import claude

if TYPE_CHECKING:
    from PySide6.QtWidgets import QToolButton

    from .main_window import MainWindow

INSTALL_URL = "https://code.claude.com/docs/en/setup"
LOGIN_URL = "https://code.claude.com/docs/en/authentication"
LOGIN_HOW = "run claude in a terminal and type /login"


class _Courier(QObject):
    found = Signal(object, object)  # Located, Status | None


class ClaudeCode(QObject):
    """Finds Claude Code for ``window`` and shows what it found in the status bar's item."""

    changed = Signal()

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.located: claude.Located | None = None  # None: still looking
        self.status: claude.Status | None = None
        self._courier = _Courier(self)
        self._courier.found.connect(self._found)
        self._looks = 0  # the newest look wins
        self.button.clicked.connect(self.show_dialog)

    @property
    def button(self) -> QToolButton:
        return self.window.status.claude

    def find(self) -> None:
        """Look again (Preferences' path first), on a worker thread."""
        self._looks += 1
        look, courier = self._looks, self._courier
        setting = self.window.settings.preferences.claude_path
        self.located, self.status = None, None
        self._show()

        def work() -> None:
            located = claude.locate(setting)
            status = claude.probe(located.path) if located.path else None
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                courier.found.emit(look, (located, status))

        threading.Thread(target=work, name="claude-code", daemon=True).start()

    def _found(self, look: int, found: tuple[claude.Located, claude.Status | None]) -> None:
        if look == self._looks:
            self.located, self.status = found
            self._show()
            self.changed.emit()

    @property
    def ready(self) -> bool:
        """Found, answering, and signed in (or not saying otherwise)."""
        return (
            self.status is not None
            and not self.status.problem
            and self.status.signed_in is not False
        )

    @property
    def headline(self) -> str:
        """What the status item says: ``Claude Code 2.1.332 · signed out``."""
        if self.located is None:
            return "Claude Code…"
        if self.status is None:
            return "Claude Code not found"
        if self.status.problem:
            return "Claude Code not working"
        signed = {True: " · signed in", False: " · signed out", None: ""}[self.status.signed_in]
        return f"Claude Code {self.status.version}{signed}"

    @property
    def reason(self) -> str:
        """Why Claude Code cannot be used, in one line ("" when it can)."""
        if self.located is None:
            return "Looking for Claude Code"
        if self.status is None:
            return f"{self.located.reason}. Install Claude Code or set its path."
        if self.status.problem:
            return self.status.problem
        if self.status.signed_in is False:
            return f"Nobody is signed in to Claude Code: {LOGIN_HOW}."
        return ""

    @property
    def link(self) -> str:
        """A link to what would make it usable: install it or log in ("" when nothing would)."""
        status = self.status
        if self.located is not None and (status is None or status.problem):
            return f'<a href="{INSTALL_URL}">Install Claude Code</a>'
        if status is not None and status.signed_in is False:
            return f'<a href="{LOGIN_URL}">How to log in</a>'
        return ""

    @property
    def where(self) -> str:
        """The executable and where it was found ("" when none was)."""
        located = self.located
        return f"{located.path} (from {located.source})" if located and located.path else ""

    def _show(self) -> None:
        self.button.setText(self.headline)
        said = [self.where, self.reason, "Click for details and the path."]
        tip = "\n".join(filter(None, said))
        self.button.setToolTip(tip)
        self.button.show()

    def show_dialog(self) -> None:
        """The one-line reason, links to install or log in, and the path to use."""
        from ..dialogs.claude_code import ClaudeCodeDialog

        if not self._looks:  # opened from the Help menu before the first look
            self.find()
        dialog = self.window.findChild(ClaudeCodeDialog)
        if dialog is None:
            dialog = ClaudeCodeDialog(self, self.window)
        dialog.open()
