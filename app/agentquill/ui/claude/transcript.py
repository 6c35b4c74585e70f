"""A run of Claude Code as it streams in: the assistant's text rendered as markdown, each tool
call with its input and its result folded until clicked, notes on how the run went, and the
figures of the end (turns, tokens, cost, duration).

`Transcript.read` takes every message a :class:`~.stream.ClaudeRun` emits; it keeps the
newest in view unless the user has scrolled up to read.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core import claude
from ...core.render import markdown
from ...core.words import plural
from ..theme import is_dark

SHOWN = 4000  # characters of a tool's input or result shown; the rest is cut, and said so
#: note kinds → (light, dark) colours: (text, background)
NOTES = {
    "prompt": (("#1f2328", "#eef2f8"), ("#e6e6e6", "#2c3440")),
    "info": (("#57606a", "transparent"), ("#9aa0a6", "transparent")),
    "error": (("#82071e", "#ffebe9"), ("#ffb3ad", "#4a1c1c")),
    "done": (("#1a5e20", "#e6f4e6"), ("#a8e0a8", "#1d3b22")),
}


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN else f"{text[:SHOWN]}\n… ({len(text) - SHOWN:,} more)"


def _label(text: str, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextBrowserInteraction
        if rich
        else Qt.TextInteractionFlag.TextSelectableByMouse
    )
    label.setOpenExternalLinks(rich)
    return label


def _code(text: str) -> QLabel:
    label = _label(_cut(text))
    label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    label.setProperty("code", True)
    return label


def figures(result: claude.Result) -> str:
    """``2 turns · 12,806 tokens · $0.0213 · 5.2 s``."""
    return " · ".join(
        (
            plural(result.num_turns, "turn"),
            plural(result.tokens, "token"),
            f"${result.total_cost_usd:.4f}",
            f"{result.duration_ms / 1000:.1f} s",
        )
    )


class ToolCall(QFrame):
    """One tool call: the tool and its input, and under a fold its result once it comes."""

    def __init__(self, use: claude.ToolUse, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("try.call")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.use = use
        head = _label(f"Tool call: {use.name}")
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        self.input = _code(json.dumps(use.input, indent=2, ensure_ascii=False))
        self.fold = QToolButton(objectName="try.fold")
        self.fold.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.fold.setArrowType(Qt.ArrowType.RightArrow)
        self.fold.setAutoRaise(True)
        self.fold.setCheckable(True)
        self.fold.setText("Waiting for its result…")
        self.fold.setEnabled(False)
        self.fold.toggled.connect(self._unfold)
        self.result = _code("")
        self.result.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(4)
        for widget in (head, self.input, self.fold, self.result):
            lay.addWidget(widget)

    def answer(self, result: claude.ToolResult) -> None:
        lines = plural(len(result.content.splitlines()), "line")
        self.fold.setText(f"{'Error' if result.is_error else 'Result'} ({lines})")
        self.fold.setEnabled(True)
        self.result.setText(_cut(result.content))

    def _unfold(self, shown: bool) -> None:
        self.fold.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.result.setVisible(shown)


class Transcript(QScrollArea):
    """The messages of one run, newest last."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("try.transcript")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.page = QWidget(objectName="try.page")
        self.lay = QVBoxLayout(self.page)
        self.lay.setContentsMargins(10, 10, 10, 10)
        self.lay.setSpacing(8)
        self.lay.addStretch(1)
        self.setWidget(self.page)
        self.calls: dict[str, ToolCall] = {}
        self._following = True  # the newest stays in view until the user scrolls up
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(lambda v: setattr(self, "_following", v >= bar.maximum()))
        bar.rangeChanged.connect(lambda _lo, hi: bar.setValue(hi) if self._following else None)
        self._style()

    def clear(self) -> None:
        while self.lay.count() > 1:
            gone = self.lay.takeAt(0).widget()
            gone.hide()
            gone.deleteLater()
        self.calls.clear()
        self._following = True

    def add(self, widget: QWidget) -> QWidget:
        self.lay.insertWidget(self.lay.count() - 1, widget)
        return widget

    def note(self, text: str, kind: str = "info") -> QLabel:
        """A line of ours: the prompt, what happened, what went wrong, the figures."""
        label = _label(text)
        label.setProperty("note", kind)
        label.setObjectName(f"try.note.{kind}")
        return self.add(label)

    def read(self, message: claude.Message) -> None:
        """Add what ``message`` says (a message of another kind says nothing here)."""
        if isinstance(message, claude.Init):
            self.note(f"Claude Code {message.version} · {message.model} · in {message.cwd}")
        elif isinstance(message, claude.Assistant):
            if message.text.strip():
                said = self.add(_label(markdown.render_body(message.text), rich=True))
                said.setObjectName("try.said")
            for use in message.tool_uses:
                self.calls[use.id] = self.add(ToolCall(use))
        elif isinstance(message, claude.User):
            for result in message.results:
                if result.tool_use_id in self.calls:
                    self.calls[result.tool_use_id].answer(result)
        elif isinstance(message, claude.Result):
            if message.is_error:  # the end of the run says what went wrong
                self.note(f"Ended with an error · {figures(message)}")
            else:
                self.note(f"Done · {figures(message)}", "done")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style()

    def _style(self) -> None:
        """Notes and code in colours that suit the theme."""
        dark = is_dark(self.palette())
        code = "#1e1f22" if dark else "#f6f8fa"
        sheet = [f"QLabel[code='true'] {{ background: {code}; padding: 4px; }}"]
        for kind, colours in NOTES.items():
            text, back = colours[dark]
            sheet.append(
                f"QLabel[note='{kind}'] {{ color: {text}; background: {back};"
                " padding: 4px 8px; border-radius: 4px; }"
            )
        self.page.setStyleSheet("\n".join(sheet))
