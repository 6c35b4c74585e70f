"""Running Claude Code headless and reading how the run went.

:func:`start_up` runs ``claude -p PROMPT --output-format stream-json --verbose`` in a folder
with stdin closed and a time limit, and returns an :class:`Outcome`: the typed messages and,
when the run did not go as it should, a one-line ``problem``. The environment is the user's
own, passed through untouched (their ``ANTHROPIC_*`` and ``CLAUDE_*`` settings are Claude
Code's business; we never read or store credentials), plus the switches that keep it from
updating itself or sending telemetry. :func:`probe` asks a Claude Code its version and whether
someone is signed in without sending a prompt (``claude auth status --json``): a status bar
that spent the user's tokens on every start would be wrong. ``start_up(…, until_init=True)``
reads the lines as they come and ends the run (its whole process group) once the init message
is in: what Claude Code registered, without the turn that follows.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from .messages import (
    AUTHENTICATION_FAILED,
    NOT_LOGGED_IN,
    Assistant,
    Init,
    Malformed,
    Message,
    Result,
    parse_line,
    parse_lines,
)

#: added to the user's environment: no self-update, no telemetry, during our runs
QUIET_ENV = {"DISABLE_AUTOUPDATER": "1", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1"}
#: a start-up with plugins loaded takes seconds; a stuck one is ended after this
TIMEOUT_S = 120.0


def environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment Claude Code runs in: ``base`` (default ours) as it is, quietened."""
    return {**(os.environ if base is None else base), **QUIET_ENV}


def arguments(
    prompt: str = "hi",
    *,
    agents: str | None = None,
    agent: str | None = None,
    plugin_dirs: Sequence[str | Path] = (),
    setting_sources: str | None = None,
    extra: Sequence[str] = (),
) -> list[str]:
    """The arguments of a headless run of ``prompt`` printing stream-json; ``agents`` is
    ``--agents`` JSON (or a file holding it), ``setting_sources`` e.g. ``"project,local"``."""
    args = ["-p", prompt, "--output-format", "stream-json", "--verbose"]
    if agents is not None:
        args += ["--agents", agents]
    if agent is not None:
        args += ["--agent", agent]
    for folder in plugin_dirs:
        args += ["--plugin-dir", str(folder)]
    if setting_sources is not None:
        args += ["--setting-sources", setting_sources]
    return [*args, *extra]


@dataclass
class Outcome:
    """A finished run: its messages, what it printed on stderr, and ``problem`` (one line)
    when it could not start, crashed, timed out or printed no result."""

    messages: list[Message] = field(default_factory=list)
    returncode: int | None = None
    stderr: str = ""
    problem: str = ""

    @property
    def init(self) -> Init | None:
        return next((m for m in self.messages if isinstance(m, Init)), None)

    @property
    def result(self) -> Result | None:
        return next((m for m in reversed(self.messages) if isinstance(m, Result)), None)

    @property
    def malformed(self) -> list[Malformed]:
        return [m for m in self.messages if isinstance(m, Malformed)]

    @property
    def signed_out(self) -> bool:
        """The run was refused because nobody is logged in."""
        said = [m.error for m in self.messages if isinstance(m, Assistant)]
        result = self.result
        return AUTHENTICATION_FAILED in said or (
            result is not None and result.is_error and result.text.startswith(NOT_LOGGED_IN)
        )

    @property
    def signed_in(self) -> bool | None:
        """True when a turn was answered, False when refused for want of a login, None
        when the run does not tell (it failed another way)."""
        if self.signed_out:
            return False
        result = self.result
        return True if result is not None and not result.is_error else None


def read_run(stdout: str, stderr: str, returncode: int | None) -> Outcome:
    """The outcome of a run that printed ``stdout`` and ``stderr`` and exited so."""
    outcome = Outcome(parse_lines(stdout), returncode, stderr)
    outcome.problem = judge(outcome)
    return outcome


def judge(outcome: Outcome, crashed: bool = False) -> str:
    """The one-line problem of a finished run ("" when it ended as it should): no result (it
    was refused, exited early or ``crashed``), or a line that is not a message."""
    if outcome.result is None:
        stray = outcome.malformed[-1].line if outcome.malformed else ""
        said = _last_line(outcome.stderr) or _last_line(stray)
        code = outcome.returncode
        how = "crashed" if crashed else f"exited with status {code}" if code else "gave no result"
        return f"Claude Code {how}: {said}" if said else f"Claude Code {how}"
    return outcome.malformed[0].said if outcome.malformed else ""


def _last_line(text: str, most: int = 300) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    return lines[-1] if len(lines[-1]) <= most else lines[-1][: most - 1].rstrip() + "…"


def _run(
    command: list[str],
    env: Mapping[str, str] | None,
    timeout: float,
    folder: str | Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """``command`` run to its end in ``folder``, stdin closed, its output captured as text."""
    return subprocess.run(
        command,
        cwd=folder,
        env=environment(env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )


def start_up(
    claude: str,
    folder: str | Path,
    args: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT_S,
    until_init: bool = False,
) -> Outcome:
    """Run ``claude`` with ``args`` (default :func:`arguments`) in ``folder`` and wait; with
    ``until_init``, only until its init message (:func:`_until_init`)."""
    command = [claude, *(arguments() if args is None else args)]
    if until_init:
        return _until_init(command, env, timeout, folder)
    try:
        done = _run(command, env, timeout, folder)
    except subprocess.TimeoutExpired as stopped:
        out = stopped.stdout.decode(errors="replace") if isinstance(stopped.stdout, bytes) else ""
        outcome = Outcome(parse_lines(out))
        outcome.problem = f"Claude Code did not finish within {timeout:g} s and was stopped"
        return outcome
    except OSError as error:
        return Outcome(problem=f"Claude Code could not be started: {error.strerror or error}")
    return read_run(done.stdout, done.stderr, done.returncode)


def _until_init(
    command: list[str], env: Mapping[str, str] | None, timeout: float, folder: str | Path
) -> Outcome:
    """``command`` run until it prints its init message, then ended with everything it
    started: a signed-in Claude Code would go on to send the prompt to the model. ``problem``
    says why there is no init message."""
    try:
        process = subprocess.Popen(
            command,
            cwd=folder,
            env=environment(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=os.name == "posix",
        )
    except OSError as error:
        return Outcome(problem=f"Claude Code could not be started: {error.strerror or error}")
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.append(process.stderr.read()), daemon=True)
    reader.start()
    late = threading.Event()
    timer = threading.Timer(timeout, lambda: (late.set(), _end(process)))
    timer.start()
    outcome = Outcome()
    try:
        for line in process.stdout:
            if line.strip():
                outcome.messages.append(parse_line(line))
            if outcome.init is not None:
                break
    finally:
        timer.cancel()
        _end(process)
        outcome.returncode = process.wait()
        reader.join(5)
        process.stdout.close()
        process.stderr.close()
    outcome.stderr = "".join(stderr)
    if outcome.init is None:
        outcome.problem = _no_init(outcome, timeout if late.is_set() else None)
    return outcome


def _end(process: subprocess.Popen) -> None:
    """Ask ``process`` and its process group to end (SIGTERM lets Claude Code tidy up)."""
    if os.name == "posix":
        with suppress(ProcessLookupError, PermissionError):  # it ended, group and all
            os.killpg(process.pid, signal.SIGTERM)
    elif process.poll() is None:
        process.terminate()


def _no_init(outcome: Outcome, timed_out: float | None) -> str:
    """Why a start-up gave no init message, said plainly: how it ended and, quoted, the last
    thing it printed on stderr (or its last stray line), cut short."""
    if timed_out is not None:
        return f"Claude Code did not start within {timed_out:g} s and was stopped"
    stray = outcome.malformed[-1].line if outcome.malformed else ""
    said = _last_line(outcome.stderr, 120) or _last_line(stray, 120)
    code = outcome.returncode
    how = f"stopped with status {code}" if code else "stopped"
    ending = f". It said: “{said}”" if said else ""
    return f"Claude Code {how} before saying what it loads{ending}"


@dataclass(frozen=True)
class Status:
    """What the status bar says of a Claude Code: its version and whether someone is signed
    in (None: it did not say), or ``problem`` when it would not answer."""

    path: str
    version: str = ""
    signed_in: bool | None = None
    auth_method: str = ""
    problem: str = ""


def read_version(output: str) -> str:
    """``2.1.332`` from ``claude --version``'s ``2.1.332 (Claude Code)``."""
    words = output.split()
    return words[0] if words and words[0][:1].isdigit() else ""


def read_auth(output: str) -> tuple[bool | None, str]:
    """(signed in, how) from ``claude auth status --json``; (None, "") when not that JSON."""
    try:
        said = json.loads(output)
    except ValueError:
        return None, ""
    if not isinstance(said, dict) or not isinstance(said.get("loggedIn"), bool):
        return None, ""
    method = said.get("authMethod")
    return said["loggedIn"], method if isinstance(method, str) else ""


def probe(claude: str, env: Mapping[str, str] | None = None, timeout: float = 30.0) -> Status:
    """The version of ``claude`` and whether someone is signed in, without a prompt."""

    def ask(*args: str) -> subprocess.CompletedProcess[str]:
        return _run([claude, *args], env, timeout)

    try:
        version = ask("--version")
        if version.returncode != 0 or not read_version(version.stdout):
            said = _last_line(version.stderr) or _last_line(version.stdout) or "nothing"
            return Status(claude, problem=f"{claude} --version answered: {said}")
        signed_in, method = read_auth(ask("auth", "status", "--json").stdout)
    except subprocess.TimeoutExpired:
        return Status(claude, problem=f"{claude} did not answer within {timeout:g} s")
    except OSError as error:
        return Status(claude, problem=f"{claude} could not be started: {error.strerror or error}")
    return Status(claude, read_version(version.stdout), signed_in, method)
