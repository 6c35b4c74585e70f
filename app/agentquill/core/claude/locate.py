"""Where Claude Code is: the executable named by ``$AGENTQUILL_CLAUDE``, by Preferences, on the
PATH, or in one of the places its installers put it. One way for every feature that runs it."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ENV = "AGENTQUILL_CLAUDE"  # the Claude Code to run, ahead of every other place; empty: none


@dataclass(frozen=True)
class Located:
    """The executable (None: not found), where it was found, or why none was."""

    path: str | None
    source: str = ""  # "$AGENTQUILL_CLAUDE", "Preferences", "PATH" or the install place
    reason: str = ""  # one line, when path is None


def install_places(env: Mapping[str, str], windows: bool = False) -> list[Path]:
    """Where the installers put ``claude``: the native installer (``~/.local/bin``), the old
    local install (``~/.claude/local``, ``claude migrate-installer``), npm's global bin
    (``$npm_config_prefix``; ``%APPDATA%\\npm`` on Windows) and Homebrew's."""
    home = Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())
    if windows:
        places = [home / ".local" / "bin" / "claude.exe"]
        if env.get("APPDATA"):
            places.append(Path(env["APPDATA"]) / "npm" / "claude.cmd")
        return places
    places = [home / ".local" / "bin" / "claude", home / ".claude" / "local" / "claude"]
    if env.get("npm_config_prefix"):
        places.append(Path(env["npm_config_prefix"]) / "bin" / "claude")
    places += [home / ".npm-global" / "bin" / "claude", Path("/usr/local/bin/claude")]
    places.append(Path("/opt/homebrew/bin/claude"))
    return places


def _runnable(path: str | Path) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def locate(
    setting: str = "",
    env: Mapping[str, str] | None = None,
    places: Sequence[Path] | None = None,
) -> Located:
    """The Claude Code to run: ``$AGENTQUILL_CLAUDE`` when set (empty: none wanted), else the
    path ``setting`` from Preferences, else ``claude`` on the PATH, else the first of
    ``places`` (default :func:`install_places`) that runs."""
    env = os.environ if env is None else env
    if ENV in env:
        chosen = env[ENV].strip()
        if not chosen:
            return Located(None, f"${ENV}", f"${ENV} is set empty: Claude Code is not used")
        if _runnable(chosen):
            return Located(chosen, f"${ENV}")
        return Located(None, f"${ENV}", f"${ENV} names {chosen}, which is not a program")
    if setting.strip():
        chosen = os.path.expanduser(setting.strip())
        if _runnable(chosen):
            return Located(chosen, "Preferences")
        return Located(None, "Preferences", f"The path in Preferences, {chosen}, is not a program")
    on_path = shutil.which("claude", path=env.get("PATH"))
    if on_path:
        return Located(on_path, "PATH")
    windows = sys.platform == "win32"
    for place in install_places(env, windows) if places is None else places:
        if _runnable(place):
            return Located(str(place), str(place.parent))
    return Located(None, reason="No claude on the PATH nor where its installers put it")


def find_claude(env: Mapping[str, str] | None = None, setting: str = "") -> str | None:
    """The path of the Claude Code to run, or None (see :func:`locate`)."""
    return locate(setting, env).path
