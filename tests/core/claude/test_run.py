"""Running Claude Code: the real pinned binary offline (signed out: it registers, refuses the
turn, reports nobody logged in) when claude-oracle has installed it, and a stand-in that
replays a signed-in transcript for the paths the real one cannot take here."""

from __future__ import annotations

import json
import os
import sys

import pytest

from agentquill.core import claude
from agentquill.core.agentfile import AgentFile
from claude_stand_in import RECORDED, stand_in
from support import SEED, claude_binary

CLAUDE = claude_binary()
real = pytest.mark.skipif(CLAUDE is None, reason="claude-oracle has not installed Claude Code")
posix = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a shell script")


def offline(tmp_path) -> dict[str, str]:
    """An environment with an empty HOME and no credentials: Claude Code signed out."""
    (tmp_path / "home").mkdir()
    return {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home")}


@real
def test_the_real_claude_code_is_found_and_signed_out(tmp_path):
    env = {**offline(tmp_path), claude.ENV: str(CLAUDE)}
    assert claude.locate("", env) == claude.Located(str(CLAUDE), "$AGENTQUILL_CLAUDE")
    status = claude.probe(str(CLAUDE), env)
    assert status == claude.Status(str(CLAUDE), "2.1.332", False, "none")
    assert claude.read_auth((RECORDED / "auth-signed-out.json").read_text()) == (False, "none")


@real
def test_the_real_start_up_registers_the_agents_json_of_a_buffer(tmp_path):
    edited = SEED.read_text(encoding="utf-8").replace(
        "name: backend-developer", "name: unsaved-one"
    )
    agents = claude.agents_json(AgentFile.from_text(edited, SEED))
    outcome = claude.start_up(
        str(CLAUDE), tmp_path, claude.arguments(agents=agents), offline(tmp_path)
    )
    assert outcome.problem == "" and outcome.malformed == []
    assert outcome.init.version == "2.1.332" and "unsaved-one" in outcome.init.agents
    assert outcome.signed_out and outcome.signed_in is False
    assert outcome.result.terminal_reason == "api_error"
    assert outcome.result.text == claude.NOT_LOGGED_IN


@real
def test_the_real_claude_code_refusing_a_definition_is_said(tmp_path):
    bad = json.dumps({"x": {"description": "d", "prompt": "p", "tools": "Read"}})
    outcome = claude.start_up(
        str(CLAUDE), tmp_path, claude.arguments(agents=bad), offline(tmp_path)
    )
    assert outcome.result is None
    assert outcome.problem == (
        "Claude Code exited with status 1: x.tools: Invalid input: expected array, received string"
    )


@posix
def test_a_signed_in_run_through_the_stand_in(tmp_path, monkeypatch):
    program, env = stand_in(tmp_path / "stand-in")
    monkeypatch.setenv(claude.ENV, str(program))
    found = claude.find_claude()
    assert found == str(program)
    assert claude.probe(found, env) == claude.Status(found, "2.1.332", True, "claude.ai")
    agents = claude.agents_json(AgentFile.read(SEED))
    outcome = claude.start_up(found, tmp_path, claude.arguments(agents=agents), env)
    assert outcome.problem == "" and outcome.signed_in is True
    assert "backend-developer" in outcome.init.agents and outcome.init.cwd == str(tmp_path)
    assert outcome.result.num_turns == 2


@posix
def test_a_stand_in_signed_out_reads_so(tmp_path):
    program, env = stand_in(tmp_path / "s", "signed-out.jsonl", "auth-signed-out.json")
    assert claude.probe(str(program), env).signed_in is False
    assert claude.start_up(str(program), tmp_path, env=env).signed_out


def test_a_missing_or_broken_program_is_a_problem_not_a_traceback(tmp_path):
    gone = str(tmp_path / "gone")
    assert claude.start_up(gone, tmp_path).problem.startswith("Claude Code could not be started")
    assert claude.probe(gone).problem.startswith(f"{gone} could not be started")
    broken = tmp_path / "broken"
    broken.write_text("#!/bin/sh\necho 'segfault' >&2\nexit 139\n")
    broken.chmod(0o755)
    if sys.platform != "win32":
        assert claude.probe(str(broken)).problem == f"{broken} --version answered: segfault"
        said = claude.start_up(str(broken), tmp_path).problem
        assert said == "Claude Code exited with status 139: segfault"


@posix
def test_a_run_that_hangs_is_stopped(tmp_path):
    slow = tmp_path / "slow"
    slow.write_text("#!/bin/sh\nexec sleep 30\n")
    slow.chmod(0o755)
    outcome = claude.start_up(str(slow), tmp_path, timeout=0.5)
    assert outcome.problem == "Claude Code did not finish within 0.5 s and was stopped"


def test_the_environment_is_the_users_own_quietened():
    users = {"ANTHROPIC_API_KEY": "kept-as-is", "CLAUDE_CONFIG_DIR": "/c", "PATH": "/bin"}
    assert claude.environment(users) == {**users, **claude.QUIET_ENV}
    args = claude.arguments("go", agent="a", plugin_dirs=["/p"], setting_sources="project")
    assert args == [
        *("-p", "go", "--output-format", "stream-json", "--verbose", "--agent", "a"),
        *("--plugin-dir", "/p", "--setting-sources", "project"),
    ]


@posix
def test_until_init_ends_the_run_and_all_it_started_once_init_is_in(tmp_path):
    """A signed-in Claude Code would send the prompt after its init message: the check ends it
    there, its process group with it (a tool's shell left behind would go on)."""
    program, env = stand_in(tmp_path / "stand-in")
    env["STAND_IN_PAUSE"] = "20"  # the turn after init: far longer than the test waits
    outcome = claude.start_up(str(program), tmp_path, env=env, timeout=30, until_init=True)
    assert outcome.problem == "" and outcome.init.version == "2.1.332"
    assert outcome.result is None and outcome.returncode != 0
    pid = json.loads((program.parent / "run.json").read_text())["pid"]
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@posix
def test_a_start_up_without_init_says_how_it_ended_plainly(tmp_path):
    noisy = tmp_path / "noisy"
    long = "error: unknown option '--no-session-persistence' " + "x" * 300
    noisy.write_text(f"#!/bin/sh\necho 'starting' >&2\necho \"{long}\" >&2\nexit 2\n")
    noisy.chmod(0o755)
    said = claude.start_up(str(noisy), tmp_path, until_init=True).problem
    assert said.startswith(
        "Claude Code stopped with status 2 before saying what it loads. It said: "
        "“error: unknown option '--no-session-persistence' xxx"
    )
    assert said.endswith("…”") and len(said) < 200
    slow = tmp_path / "slow"
    slow.write_text("#!/bin/sh\nexec sleep 30\n")
    slow.chmod(0o755)
    late = claude.start_up(str(slow), tmp_path, timeout=0.5, until_init=True)
    assert late.problem == "Claude Code did not start within 0.5 s and was stopped"
    gone = claude.start_up(str(tmp_path / "gone"), tmp_path, until_init=True).problem
    assert gone.startswith("Claude Code could not be started")
