"""Driving the dialogs that ask Claude Code (ui.claude): which Claude Code runs, and their
buttons and status line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from agentquill.core import claude


def use(qtbot, window, monkeypatch, program, env: dict[str, str]) -> None:
    """Run ``program`` as Claude Code (with ``env``), found before the test goes on."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv(claude.ENV, str(program))
    window.claude.find()
    qtbot.waitUntil(lambda: window.claude.status is not None, timeout=10_000)


def button(dialog, name: str) -> QPushButton:
    return dialog.findChild(QPushButton, name)


def click(qtbot, dialog, name: str) -> None:
    """A mouse click on the dialog's button ``name``, which must be enabled."""
    assert button(dialog, name).isEnabled(), name
    qtbot.mouseClick(button(dialog, name), Qt.MouseButton.LeftButton)


def status(dialog) -> str:
    return dialog.findChild(QLabel, "ask.status").text()
