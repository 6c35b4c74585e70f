"""A streamed run of Claude Code: the messages as they come and one end record for each way a
run ends, against the stand-in, small scripts that misbehave, and the real signed-out binary."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from agentquill.core import claude
from agentquill.ui.claude import stream
from agentquill.ui.claude.stream import ClaudeRun, Ended, Ending
from claude_stand_in import RECORDED, stand_in
from support import claude_binary

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-ins are shell scripts")
CLAUDE = claude_binary()
INIT = (RECORDED / "signed-in.jsonl").read_text(encoding="utf-8").splitlines()[0]


def script(folder: Path, body: str) -> str:
    """An executable Python script in ``folder`` (``body`` after ``import sys, time``)."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "claude"
    program.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n")
    program.chmod(0o755)
    return str(program)


def started(program: str, folder: Path, env=None, prompt: str = "hi") -> ClaudeRun:
    run = ClaudeRun()
    run.heard = []
    run.message.connect(run.heard.append)
    run.start(program, claude.arguments(prompt), folder, env)
    return run


def ended(qtbot, run: ClaudeRun, timeout: int = 15_000) -> Ended:
    with qtbot.waitSignal(run.finished, timeout=timeout) as signal:
        pass
    return signal.args[0]


def test_a_run_streams_its_messages_and_ends_with_the_result(qtbot, tmp_path):
    program, env = stand_in(tmp_path / "stand-in")
    run = started(str(program), tmp_path, env, "list the modules")
    end = ended(qtbot, run)
    kinds = [type(m) for m in run.heard]
    assert kinds == [claude.Init, claude.Assistant, claude.User, claude.Assistant, claude.Result]
    assert run.heard[0].cwd == str(tmp_path)
    assert (end.how, end.said, end.outcome.problem) == (Ending.RESULT, "", "")
    assert end.result.num_turns == 2 and end.outcome.returncode == 0 and end.seconds > 0
    assert run.command == [str(program), *claude.arguments("list the modules")]
    assert not run.running


def test_a_line_that_arrives_in_pieces_is_read_once_whole(qtbot, tmp_path):
    result = (RECORDED / "signed-in.jsonl").read_text(encoding="utf-8").splitlines()[-1]
    program = script(
        tmp_path / "bin",
        f"line = {INIT + chr(10) + result!r}.encode()\n"
        "for i in range(0, len(line), 700):\n"
        "    sys.stdout.buffer.write(line[i : i + 700]); sys.stdout.flush(); time.sleep(0.02)\n",
    )
    run = started(program, tmp_path)
    end = ended(qtbot, run)
    assert [type(m) for m in run.heard] == [claude.Init, claude.Result]
    assert end.how is Ending.RESULT and run.heard[0].version == "2.1.332"


def test_a_last_line_without_a_newline_is_read(qtbot, tmp_path):
    result = (RECORDED / "signed-in.jsonl").read_text(encoding="utf-8").splitlines()[-1]
    program = script(tmp_path / "bin", f"sys.stdout.write({result!r})")
    end = ended(qtbot, started(program, tmp_path))
    assert end.how is Ending.RESULT and end.result.num_turns == 2


def test_stop_ends_a_run_mid_way_and_twice_is_harmless(qtbot, tmp_path):
    program, env = stand_in(tmp_path / "stand-in")
    run = started(str(program), tmp_path, {**env, "STAND_IN_PAUSE": "5"})
    qtbot.waitUntil(lambda: len(run.heard) == 1, timeout=10_000)
    with qtbot.waitSignal(run.finished, timeout=5_000) as signal:
        run.stop()
        run.stop()
    end = signal.args[0]
    assert end.how is Ending.STOPPED and end.said == "Stopped before Claude Code answered"
    assert [type(m) for m in run.heard] == [claude.Init] and end.seconds < 5
    run.stop()  # after the end too


def test_a_run_that_ignores_terminate_is_killed_after_the_grace(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "GRACE_MS", 300)
    program = script(
        tmp_path / "bin",
        f"import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nprint({INIT!r}, "
        "flush=True)\ntime.sleep(30)",
    )
    run = started(program, tmp_path)
    qtbot.waitUntil(lambda: len(run.heard) == 1, timeout=10_000)
    run.stop()
    assert ended(qtbot, run, 5_000).how is Ending.STOPPED


def test_stop_and_wait_leaves_nothing_running(qtbot, tmp_path):
    program = script(tmp_path / "bin", "time.sleep(30)")
    run = started(program, tmp_path)
    qtbot.waitUntil(lambda: run.running)
    run.stop(wait=True)
    assert not run.running


def test_stop_ends_what_the_run_started_too(qtbot, tmp_path):
    """A tool's shell outlives its Claude Code unless the whole tree is stopped."""
    child = tmp_path / "child.pid"
    body = (
        "import subprocess\n"
        "shell = subprocess.Popen(['sleep', '60'])\n"
        f"open({str(child)!r}, 'w').write(str(shell.pid))\n"
        "time.sleep(60)"
    )
    run = started(script(tmp_path / "bin", body), tmp_path)
    qtbot.waitUntil(child.exists)
    qtbot.waitUntil(lambda: child.read_text().strip() != "")
    pid = int(child.read_text())
    run.stop(wait=True)
    qtbot.waitUntil(lambda: not _alive(pid), timeout=5_000)


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie, waiting for its reaper, does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[-1][:1] != "Z"
    except FileNotFoundError:
        return False


def test_signed_out_is_said_with_how_to_log_in(qtbot, tmp_path):
    program, env = stand_in(tmp_path / "s", "signed-out.jsonl", "auth-signed-out.json")
    end = ended(qtbot, started(str(program), tmp_path, env))
    assert end.how is Ending.SIGNED_OUT
    assert end.said == "Claude Code is not logged in: run claude in a terminal and type /login."


@pytest.mark.skipif(CLAUDE is None, reason="claude-oracle has not installed Claude Code")
def test_the_real_claude_code_signed_out(qtbot, tmp_path):
    (tmp_path / "home").mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home")}
    run = started(str(CLAUDE), tmp_path, env)
    end = ended(qtbot, run, 60_000)
    assert end.how is Ending.SIGNED_OUT and end.outcome.init.version == "2.1.332"
    assert end.result.text == claude.NOT_LOGGED_IN and end.outcome.problem == end.said


def test_a_missing_program_is_said_after_start_returns(qtbot, tmp_path):
    run = started(str(tmp_path / "gone"), tmp_path)
    heard = []
    run.finished.connect(heard.append)
    assert heard == []
    end = ended(qtbot, run)
    assert end.how is Ending.NOT_STARTED and run.heard == []
    gone = tmp_path / "gone"
    assert end.said == f"Claude Code could not be started: {gone}: No such file or directory"


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("print('boom', file=sys.stderr)\nsys.exit(3)", "Claude Code exited with status 3: boom"),
        (
            "import os\nprint('core dumped', file=sys.stderr, flush=True)\nos.abort()",
            "Claude Code crashed: core dumped",
        ),
        (f"print({INIT!r})", "Claude Code gave no result"),
    ],
)
def test_a_crash_or_an_early_exit_says_the_last_error_line(qtbot, tmp_path, body, said):
    end = ended(qtbot, started(script(tmp_path / "bin", body), tmp_path))
    assert (end.how, end.said, end.outcome.problem) == (Ending.FAILED, said, said)


def test_a_malformed_line_ends_the_run_at_once(qtbot, tmp_path):
    program = script(
        tmp_path / "bin", f"print({INIT!r})\nprint('Error: oops', flush=True)\ntime.sleep(30)"
    )
    run = started(program, tmp_path)
    end = ended(qtbot, run, 5_000)
    assert end.how is Ending.MALFORMED and [type(m) for m in run.heard] == [claude.Init]
    assert end.said == "Claude Code printed a line that is not a message: Error: oops"
    assert not run.running
