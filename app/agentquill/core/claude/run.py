"""Running Claude Code headless and reading how the run went.

:func:`start_up` runs ``claude -p PROMPT --output-format stream-json --verbose`` in a folder
with stdin closed and a time limit, and returns an :class:`Outcome`: the typed messages and,
when the run did not go as it should, a one-line ``problem``. The environment is the user's
own, passed through untouched (their ``ANTHROPIC_*`` and ``CLAUDE_*`` settings are Claude
Code's business; we never read or store credentials), plus the switches that keep it from
updating itself or sending telemetry. :func:`probe` asks a Claude Code its version and whether
someone is signed in without sending a prompt (``claude auth status --json``): a status bar
that spent the user's tokens on every start would be wrong.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping, Sequence
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


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


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
) -> Outcome:
    """Run ``claude`` with ``args`` (default :func:`arguments`) in ``folder`` and wait."""
    try:
        done = _run([claude, *(arguments() if args is None else args)], env, timeout, folder)
    except subprocess.TimeoutExpired as stopped:
        out = stopped.stdout.decode(errors="replace") if isinstance(stopped.stdout, bytes) else ""
        outcome = Outcome(parse_lines(out))
        outcome.problem = f"Claude Code did not finish within {timeout:g} s and was stopped"
        return outcome
    except OSError as error:
        return Outcome(problem=f"Claude Code could not be started: {error.strerror or error}")
    return read_run(done.stdout, done.stderr, done.returncode)


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
