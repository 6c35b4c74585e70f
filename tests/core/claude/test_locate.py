"""Finding Claude Code: $AGENTQUILL_CLAUDE first, then Preferences, the PATH, the install
places; each miss says why in one line."""

from __future__ import annotations

from pathlib import Path

from agentquill.core import claude


def program(folder: Path, name: str = "claude") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_the_order_of_places(tmp_path):
    named, chosen = program(tmp_path / "named"), program(tmp_path / "chosen")
    on_path, installed = program(tmp_path / "bin"), program(tmp_path / "home" / ".local" / "bin")
    env = {"PATH": str(on_path.parent), claude.ENV: str(named)}
    first = claude.locate(str(chosen), env, [installed])
    assert first == claude.Located(str(named), "$AGENTQUILL_CLAUDE")
    del env[claude.ENV]
    assert claude.locate(str(chosen), env, [installed]).source == "Preferences"
    assert claude.locate("", env, [installed]) == claude.Located(str(on_path), "PATH")
    found = claude.locate("", {"PATH": str(tmp_path / "none")}, [tmp_path / "gone", installed])
    assert found == claude.Located(str(installed), str(installed.parent))


def test_each_miss_says_why(tmp_path):
    empty = {"PATH": str(tmp_path)}
    assert claude.locate("", {**empty, claude.ENV: ""}, []).reason.endswith("is not used")
    gone = claude.locate("", {**empty, claude.ENV: str(tmp_path / "gone")}, [])
    assert gone.path is None and "not a program" in gone.reason
    preferred = claude.locate(str(tmp_path / "gone"), empty, [])
    assert preferred.source == "Preferences" and "not a program" in preferred.reason
    nowhere = claude.locate("", empty, [])
    assert nowhere.path is None and "PATH" in nowhere.reason


def test_the_install_places_the_docs_name(tmp_path):
    env = {"HOME": str(tmp_path), "npm_config_prefix": "/opt/npm", "APPDATA": "C:/AppData"}
    unix = claude.install_places(env)
    assert unix[:2] == [tmp_path / ".local/bin/claude", tmp_path / ".claude/local/claude"]
    assert Path("/opt/npm/bin/claude") in unix and Path("/opt/homebrew/bin/claude") in unix
    assert Path("/usr/local/bin/claude") in unix
    windows = claude.install_places(env, windows=True)
    assert windows == [tmp_path / ".local/bin/claude.exe", Path("C:/AppData/npm/claude.cmd")]
