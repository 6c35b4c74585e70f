"""A dialog that asks Claude Code for a structured answer: the prompt we send, shown as sent;
the run streamed as it comes (:class:`~.stream.ClaudeRun`); and how it ended in one line.

Describe It (:mod:`.generate`) and Improve with Claude (:mod:`.improve`) are two of these:
each says what to send (:meth:`AskDialog.prompt`, :meth:`AskDialog.extra`) and what to do with
the answer (:meth:`AskDialog.answered`). While Claude Code is missing or signed out the dialog
says why in one line with a link, and Run stays disabled; a run that fails, or an answer that
does not fit, is said the same way and changes nothing.
"""

from __future__ import annotations

import html
import textwrap
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QElapsedTimer, QSize, Qt, QTemporaryDir, QTimer
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core import claude
from ...core.claude import generate
from ...core.words import plural
from .stream import ClaudeRun, Ended, Ending

if TYPE_CHECKING:
    from ..window.main_window import MainWindow

ERROR_STYLE = "color: #d9534f;"


def sized(window: QWidget) -> QSize:
    """Room for a prompt, an answer and a diff side by side: 1200×780, or less inside a
    smaller window."""
    return QSize(min(1200, window.width() - 60), min(780, window.height() - 60))


def why_not(found) -> str:
    """Why Claude Code cannot run, as rich text, with the link that helps (install, log in)."""
    return f"{html.escape(found.reason)} {found.link}".strip()


def _mono(name: str) -> QPlainTextEdit:
    view = QPlainTextEdit(objectName=name)
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return view


class AskDialog(QDialog):
    """The parts every ask shows; a subclass lays them out with its own."""

    def __init__(self, window: MainWindow, title: str, run_text: str):
        super().__init__(window)
        self.main = window  # not self.window, which would hide QWidget.window()
        self.setWindowTitle(title)
        self.run: ClaudeRun | None = None
        self._folder: QTemporaryDir | None = None
        self.notice = QLabel(objectName="ask.notice")  # why Claude Code cannot run
        self.notice.setWordWrap(True)
        self.notice.setOpenExternalLinks(True)
        self.notice.setStyleSheet(ERROR_STYLE)
        self.sent = _mono("ask.prompt")
        self.sent.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.stream = _mono("ask.stream")
        self.stream.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.stream.setPlaceholderText("Claude Code's answer appears here as it comes.")
        self.status = QLabel(objectName="ask.status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.run_button = self._button(run_text, "ask.run", self.start)
        self.stop_button = self._button("Stop", "ask.stop", self.stop)
        self.stop_button.setEnabled(False)
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self, interval=1000, timeout=self._tick)
        window.claude.changed.connect(self.show_ready)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # --- what a subclass says -------------------------------------------------------------
    def prompt(self) -> str:
        """The prompt to send now."""
        raise NotImplementedError

    def extra(self) -> list[str]:
        """The run's arguments after the prompt's (the schema, the tools)."""
        raise NotImplementedError

    def answered(self, value: Any) -> str:
        """Use the structured output ``value``; returns the line to show. Raises
        :class:`generate.BadAnswer` when it cannot be used."""
        raise NotImplementedError

    def can_run(self) -> bool:
        """Whether what the user entered can be sent (Claude Code aside)."""
        return True

    # --- state ------------------------------------------------------------------------------
    def show_ready(self) -> None:
        """Run is enabled when Claude Code is ready and nothing runs; else the notice says why."""
        found = self.main.claude
        ready = found.ready
        self.notice.setText("" if ready else why_not(found))
        self.notice.setVisible(not ready)
        running = self.run is not None and self.run.running
        self.run_button.setEnabled(ready and not running and self.can_run())

    def show_prompt(self) -> None:
        self.sent.setPlainText(self.prompt())

    def say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def failed(self, why: str) -> None:
        """``why`` (one sentence) in the error colour, and that nothing changed."""
        self.say(f"{why.rstrip('.')}. Nothing was changed.", error=True)

    # --- the run ----------------------------------------------------------------------------
    def start(self) -> None:
        """Send the prompt: in an empty folder of our own, with no tool but the answer's."""
        program = self.main.claude.located.path if self.main.claude.ready else None
        if program is None:
            self.show_ready()
            return
        refused = generate.too_large(self.prompt())
        if refused:
            self.failed(refused)
            return
        self._folder = QTemporaryDir()
        self.run = ClaudeRun(self)
        self.run.message.connect(self._heard)
        self.run.finished.connect(self._ended)
        self.stream.clear()
        self.say("Asking Claude Code…")
        self._clock.start()
        self._ticker.start()
        args = claude.arguments(self.prompt(), extra=self.extra())
        self.run.start(program, args, self._folder.path())
        self.stop_button.setEnabled(True)
        self.show_ready()

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop()

    def _tick(self) -> None:
        self.say(f"Asking Claude Code… {self._clock.elapsed() // 1000} s")

    def _heard(self, message: claude.Message) -> None:
        """Assistant text as it comes; the structured answer as it reads (:func:`readable`)."""
        if isinstance(message, claude.Assistant):
            parts = [message.text] if message.text else []
            parts += [readable(u.input) for u in message.tool_uses]
            if parts:
                self._append("\n\n".join(parts))

    def _append(self, text: str) -> None:
        cursor = self.stream.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(("\n\n" if not self.stream.document().isEmpty() else "") + text)
        self.stream.setTextCursor(cursor)

    def _ended(self, ended: Ended) -> None:
        self._ticker.stop()
        self.stop_button.setEnabled(False)
        self._forget_folder()
        if ended.how is Ending.SIGNED_OUT:
            self.main.claude.find()  # the status item said signed in: look again
        if ended.how is Ending.RESULT and not ended.said:
            try:
                said = self.answered(generate.structured(ended.result))
            except generate.BadAnswer as refused:
                self.failed(str(refused))
            else:
                self.say(f"{said} ({_cost(ended)})")
        else:
            self.failed(ended.said)
        self.show_ready()

    def done(self, code: int) -> None:
        """Closing, however it closes, stops the run first."""
        if self.run is not None and self.run.running:
            self.run.stop(wait=True)
        self._forget_folder()
        super().done(code)

    def _forget_folder(self) -> None:
        """Remove the run's empty folder now: the dialog may live on, and the folder with it."""
        folder, self._folder = self._folder, None
        if folder is not None:
            folder.remove()


def readable(value: Any, indent: str = "") -> str:
    """A structured answer as it reads: ``key: value``, a text of several lines under its
    key, a list item after ``-``; not JSON, whose escaped line breaks hide a prompt's shape."""
    if isinstance(value, dict):
        return "\n".join(_entry(key, item, indent) for key, item in value.items())
    if isinstance(value, list):
        return "\n".join(f"{indent}- {readable(item, indent + '  ').lstrip()}" for item in value)
    return f"{indent}{value}"


def _entry(key: str, value: Any, indent: str) -> str:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return f"{indent}{key}: {', '.join(value)}"
    if isinstance(value, str) and "\n" not in value:
        return f"{indent}{key}: {value}"
    if isinstance(value, str):
        return f"{indent}{key}:\n{textwrap.indent(value, indent + '  ')}"
    return f"{indent}{key}:\n{readable(value, indent + '  ')}"


def _cost(ended: Ended) -> str:
    result = ended.result
    turns = plural(result.num_turns, "turn")
    return f"{ended.seconds:.1f} s · {turns} · ${result.total_cost_usd:.4f}"


def titled(title: str, view: QWidget) -> QWidget:
    """``view`` under a label saying what it shows."""
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(QLabel(title))
    box.addWidget(view, 1)
    return holder
