"""File → Target Claude Code Version: the project setting the version-dependent lint rules
follow, kept in the project's ``.agentquill.json`` so ``agentquill lint`` follows it too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core import claude_versions

if TYPE_CHECKING:
    from .main_window import MainWindow


def choose_target_version(window: MainWindow) -> None:
    """Ask for the project's target version, record it, and check every agent against it."""
    session = window.projects.session
    if session is None:
        window.prompts.show_error(
            "Target Claude Code Version",
            "Open a folder as a project first: the target version is a project setting, kept "
            f"in {claude_versions.PROJECT_FILE} at the project's root.",
        )
        return
    root = session.root
    current = claude_versions.read_setting(root) or claude_versions.PINNED
    version = window.prompts.ask_target_version(current, claude_versions.PINNED)
    if version is None or version == current:
        return
    try:
        claude_versions.write_setting(root, version)
    except (OSError, ValueError) as exc:
        window.prompts.show_error("Target Claude Code Version", f"Not changed: {exc}")
        return
    for tab in window.editor_tabs():
        tab.analyse()
    window.projects.reindex()
    window.statusBar().showMessage(f"{root.name}: agents checked against Claude Code {version}")
