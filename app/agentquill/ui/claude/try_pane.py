"""The Try pane of an agent: a prompt, Run and Stop, and the run's transcript as it streams.

What runs is the buffer, unsaved edits included (``core.claude.agents_json``), as
``claude -p PROMPT --agents JSON --agent NAME``: by default in a scratch copy of the file's
project (made on a worker thread, removed after the run), or in the project itself with only
the tools that read (``core.claude.try_arguments``). The exact command is under "Command".
Run is disabled, with the reason and a link, while the window's Claude Code
(``ui.window.claude``) is missing or signed out; a run that ends any other way than with a
result says why in the transcript. Closing the tab stops the run (:meth:`TryPane.close_down`).
"""

from __future__ import annotations

import contextlib
import shlex
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core import claude
from ...core.project import manage
from ..editor.document import AgentDocument
from ..window.claude import ClaudeCode
from .stream import ClaudeRun, Ended, Ending
from .transcript import Transcript

#: where a try runs, as the choice offers it: (text, read-only)
PLACES = (("Scratch copy of the project", False), ("This project, read-only tools only", True))


class _Courier(QObject):
    """Brings a scratch copy from its worker thread to the UI thread."""

    copied = Signal(object, object)  # the run's Event, Copied | OSError


class TryPane(QWidget):
    """Try the agent in ``document`` with the user's own Claude Code."""

    problem = Signal(str)  # how a run ended, when not with a result

    def __init__(self, document: AgentDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("try")
        self.document = document
        self.claude_code: ClaudeCode | None = None  # the window's, once the pane is shown
        self.run: ClaudeRun | None = None
        self.copy: claude.Copied | None = None
        self._copying: threading.Event | None = None  # set: the copy is no longer wanted
        self._courier = _Courier(self)
        self._courier.copied.connect(self._copied)
        self.prompt = QPlainTextEdit(objectName="try.prompt")
        self.prompt.setPlaceholderText("What should the agent do? (Ctrl+Enter runs it)")
        self.prompt.setTabChangesFocus(True)
        lines = self.prompt.fontMetrics().lineSpacing()
        self.prompt.setFixedHeight(lines * 3 + 12)
        self.place = QComboBox(objectName="try.place")
        for text, read_only in PLACES:
            self.place.addItem(text, read_only)
        self.place.setToolTip(
            "In a scratch copy the agent's edits are accepted there, without touching your files, "
            "and its commands are refused; the copy is deleted after the run. In the project "
            "itself the agent may only read (Read, Glob, Grep)."
        )
        self.run_button = QPushButton("Run", objectName="try.run")
        self.run_button.setToolTip("Run the agent as it is in the editor on the prompt")
        self.run_button.clicked.connect(self.start)
        self.stop_button = QPushButton("Stop", objectName="try.stop")
        self.stop_button.clicked.connect(self.stop)
        self.reason = QLabel(objectName="try.reason")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.RichText)
        self.reason.setOpenExternalLinks(True)
        self.command_fold = QToolButton(objectName="try.command.fold")
        self.command_fold.setText("Command")
        self.command_fold.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.command_fold.setArrowType(Qt.ArrowType.RightArrow)
        self.command_fold.setAutoRaise(True)
        self.command_fold.setCheckable(True)
        self.command_fold.toggled.connect(self._fold_command)
        self.command = QPlainTextEdit(objectName="try.command")
        self.command.setReadOnly(True)
        self.command.setFixedHeight(lines * 5 + 12)
        self.command.hide()
        self.transcript = Transcript()
        row = QHBoxLayout()
        row.addWidget(QLabel("Run in:"))
        row.addWidget(self.place, 1)
        row.addWidget(self.run_button)
        row.addWidget(self.stop_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 0)
        lay.addWidget(self.prompt)
        lay.addLayout(row)
        lay.addWidget(self.reason)
        lay.addWidget(self.command_fold, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.command)
        lay.addWidget(self.transcript, 1)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.prompt, self.start)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # not the other tabs' prompts
        document.loaded.connect(self._enable)
        document.path_changed.connect(self._enable)  # saved elsewhere: another project
        self._enable()

    # --- state ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._copying is not None or self.run is not None

    @property
    def project(self) -> Path | None:
        """The project of the file, which a try copies or runs in (None: an empty folder)."""
        path = self.document.path
        return manage.project_root(path) if path is not None else None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.claude_code is None:
            found = getattr(self.window(), "claude", None)
            if isinstance(found, ClaudeCode):
                self.claude_code = found
                found.changed.connect(self._enable)
                self._enable()

    def _enable(self) -> None:
        """Run while Claude Code is ready and nothing runs; else say why not, with a link."""
        found = self.claude_code
        why = "Claude Code is not available here" if found is None else found.reason
        link = found.link if found is not None else ""
        self.reason.setText(f"{why} {link}".strip())
        self.reason.setVisible(bool(why))
        self.run_button.setEnabled(not why and not self.busy and not self.document.loading)
        self.stop_button.setEnabled(self.busy)
        self.place.setEnabled(not self.busy)
        in_project = self.place.model().item(1)
        in_project.setEnabled(self.project is not None)
        in_project.setToolTip("" if self.project else "The file is not in a project")
        if self.project is None:
            self.place.setCurrentIndex(0)

    # --- the command ------------------------------------------------------------------------
    def arguments(self) -> tuple[str, list[str]]:
        """(the agent's name, the arguments that run it on the prompt), from the buffer."""
        agent = self.document.agent()
        name, _definition = claude.definition(agent)
        args = claude.try_arguments(
            self.prompt.toPlainText().strip(),
            claude.agents_json(agent),
            name,
            read_only=self.place.currentData(),
        )
        return name, args

    def _program(self) -> str:
        found = self.claude_code
        return found.located.path if found and found.located and found.located.path else "claude"

    def _show_command(self, args: list[str]) -> None:
        self.command.setPlainText(shlex.join([self._program(), *args]))

    def _fold_command(self, shown: bool) -> None:
        self.command_fold.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if shown and not self.busy:
            try:
                self._show_command(self.arguments()[1])
            except claude.NotAnAgent as refused:
                self.command.setPlainText(str(refused))
        self.command.setVisible(shown)

    # --- a run ------------------------------------------------------------------------------
    def start(self) -> None:
        """Run the agent on the prompt (nothing while a run is on or Run is disabled)."""
        if not self.run_button.isEnabled():
            return
        prompt = self.prompt.toPlainText().strip()
        self.transcript.clear()
        if not prompt:
            self.transcript.note("Type a prompt for the agent first.", "error")
            self.prompt.setFocus()
            return
        try:
            name, args = self.arguments()
        except claude.NotAnAgent as refused:
            self.transcript.note(f"This agent cannot run: {refused}.", "error")
            return
        self._show_command(args)
        self.transcript.note(prompt, "prompt")
        read_only = self.place.currentData()
        where = self.project
        if read_only and where is not None:
            self.transcript.note(
                f"Running {name} in {where}, with the tools that read only;"
                " none of its MCP servers or hooks."
            )
            self._launch(args, where)
            return
        self.transcript.note(f"Running {name} in a scratch copy of {where or 'an empty folder'}…")
        self._copying = wanted = threading.Event()
        courier = self._courier

        def work() -> None:
            try:
                copied: claude.Copied | OSError = claude.scratch_copy(where)
            except OSError as error:
                copied = error
            with contextlib.suppress(RuntimeError):  # the pane closed meanwhile
                courier.copied.emit(wanted, (copied, args))
                return
            if isinstance(copied, claude.Copied):
                copied.remove()

        threading.Thread(target=work, name="try-copy", daemon=True).start()
        self._enable()

    def _copied(self, wanted: threading.Event, made: tuple) -> None:
        copied, args = made
        if wanted is not self._copying or wanted.is_set():  # stopped while copying
            if isinstance(copied, claude.Copied):
                copied.remove()
            return
        self._copying = None
        if isinstance(copied, OSError):
            self.transcript.note(f"The scratch copy failed: {copied.strerror or copied}", "error")
            self._enable()
            return
        self.copy = copied
        self.transcript.note(f"{copied.summary}.")
        self._launch(args, copied.folder)

    def _launch(self, args: list[str], folder: Path) -> None:
        self.run = run = ClaudeRun(self)
        run.message.connect(self.transcript.read)
        run.finished.connect(self._ended)
        run.start(self._program(), args, folder)
        self._enable()

    def stop(self) -> None:
        """Stop the run, or the copy it waits for."""
        if self._copying is not None:
            self._copying.set()
            self._copying = None
            self.transcript.note("Stopped before Claude Code started.", "error")
            self._enable()
        elif self.run is not None:
            self.run.stop()

    def _ended(self, ended: Ended) -> None:
        run, self.run = self.run, None
        if run is not None:
            run.deleteLater()
        self._forget_copy()
        if ended.how is not Ending.RESULT or ended.said:
            self.transcript.note(ended.said, "error")
            self.problem.emit(ended.said)
        self._enable()

    def _forget_copy(self) -> None:
        copy, self.copy = self.copy, None
        if copy is not None:
            copy.remove()

    def close_down(self) -> None:
        """The tab closes: stop the run at once and remove its scratch copy."""
        if self._copying is not None:
            self._copying.set()
        if self.run is not None:
            self.run.stop(wait=True)
        self._forget_copy()
