"""What ``claude plugin eval --json`` prints, read into plain data for the results view.

The shape is the zod schema of the result in Claude Code 2.1.332's bundle (``schemaVersion``
1): run-level ``costUsd``, ``partial`` and ``partialReason`` (``cost_ceiling``,
``interrupted``, ``auth_failed``), ``suite`` (``ablation``, ``plugins``), and per case its
runs in ``arms.with`` and ``arms.without`` (``score``, ``passed``, ``turns``, ``costUsd``,
``durationSeconds``, ``error``, ``tracePath``, and each grader's ``passed`` and
``explanation``) with ``aggregates`` (``score``, ``passRate``, ``scoreWithout``,
``passRateWithout``, ``delta``). A case passes a run when its score is 1. Keys we do not know
are ignored; a wrong shape is a :class:`ResultError` saying where.

A run that stops on the sign-in lists only the case it was running; cases it never reached are
not in :attr:`Result.cases`. Trace files live in a temporary folder: without ``--json`` the
binary keeps it for a run that failed (and says so: ``kept temp (run failed): <folder>``);
with ``--json`` it removes it.

Progress: only without ``--json`` does the binary print one line per run and per case to
stderr (:func:`parse_progress`); the result then goes to ``<output dir>/aggregate-result.json``
in the same schema.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

#: why a run stopped early, in words (the binary's own, from its HTML report)
PARTIAL_REASONS = {
    "cost_ceiling": "The cost ceiling was hit before every case finished.",
    "auth_failed": "Claude Code is not signed in (or its credential was rejected), so the run "
    "stopped before every case finished.",
    "interrupted": "The run was interrupted before every case finished.",
}
_NUMBER = r"\d+(?:\.\d+)?"
_PLANNED = re.compile(r"Ablation: (\d+) arms × (\d+) cases? \((\d+) runs?\)")
_RUN = re.compile(
    rf"  (?P<case>.+?) run (?P<index>\d+)/(?P<runs>\d+)(?: \[(?P<arm>with|without)\])?: "
    rf"score (?P<score>{_NUMBER})  \$(?P<cost>{_NUMBER})(?:  error: (?P<error>.*))?"
)
_CASE = re.compile(
    rf"(?P<mark>[✓✗]) (?P<case>.+?)  (?:score (?P<score>{_NUMBER})|with (?P<with>{_NUMBER})"
    rf"(?:  without (?P<without>{_NUMBER}))?  Δ (?P<delta>[+\-−]?{_NUMBER}|—)(?: \([^)]*\))?)"
    rf"  \(\d+ runs?\)  \${_NUMBER}"
)
_LOAD_ERROR = re.compile(r"✗ (?P<folder>.+?): (?P<message>.+)")
_KEPT = re.compile(r"  kept temp(?: \(run failed\))?: (?P<folder>.+)")


class ResultError(ValueError):
    """Text that is not a ``claude plugin eval --json`` result: where and why."""


@dataclass(frozen=True)
class Verdict:
    """One grader's verdict on one run."""

    name: str
    passed: bool
    explanation: str
    scored: bool = True


@dataclass(frozen=True)
class Run:
    """One run of a case, with the plugin (``arm`` "with") or without it."""

    arm: str
    score: float
    passed: bool
    turns: float
    cost_usd: float
    duration_seconds: float | None
    error: str | None
    trace_path: str
    verdicts: tuple[Verdict, ...]


@dataclass(frozen=True)
class Failure:
    """Why a run did not pass: the grader's explanation (or the run's error) and its trace."""

    arm: str
    grader: str
    explanation: str
    trace_path: str


@dataclass(frozen=True)
class CaseResult:
    """A case's runs and figures (rates are 0..1; ``None`` where an arm did not run)."""

    name: str
    dir: str
    prompt: str
    runs: tuple[Run, ...]
    score: float
    pass_rate: float
    score_without: float | None
    pass_rate_without: float | None
    delta: float | None

    @property
    def failures(self) -> list[Failure]:
        """Each failing grader of each run, or the run's error when it stopped."""
        found = []
        for run in self.runs:
            if run.passed:
                continue
            if run.error:
                found.append(Failure(run.arm, "", run.error, run.trace_path))
            found += [
                Failure(run.arm, v.name, v.explanation, run.trace_path)
                for v in run.verdicts
                if not v.passed and v.scored
            ]
        return found


@dataclass(frozen=True)
class Result:
    """One ``claude plugin eval`` run."""

    claude_version: str
    started_at: str
    duration_seconds: float
    cost_usd: float
    partial: bool
    partial_reason: str | None
    ablation: str
    plugins: tuple[str, ...]
    cases: tuple[CaseResult, ...]
    overall_score: float
    overall_pass_rate: float
    mean_delta: float | None

    @property
    def reason(self) -> str | None:
        """Why the run stopped early, in words; None for a complete run."""
        if not self.partial:
            return None
        return PARTIAL_REASONS.get(self.partial_reason or "", "The run stopped early.")

    def case(self, name: str) -> CaseResult | None:
        return next((c for c in self.cases if c.name == name), None)


def _get(data: Any, key: str, kind: type | tuple[type, ...], where: str, default: Any = ...) -> Any:
    if not isinstance(data, dict):
        raise ResultError(f"{where} is not an object")
    if key not in data or data[key] is None:
        if default is ...:
            raise ResultError(f"{where}.{key} is missing")
        return default
    value = data[key]
    numbers = kind is float or (isinstance(kind, tuple) and float in kind)
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind):
        raise ResultError(f"{where}.{key} has the wrong type ({type(value).__name__})")
    return value


def _list(data: Any, key: str, where: str) -> list[Any]:
    return _get(data, key, list, where, [])


def _run(data: Any, arm: str, where: str) -> Run:
    verdicts = tuple(
        Verdict(
            _get(g, "name", str, f"{where}.graders[{i}]"),
            _get(g, "passed", bool, f"{where}.graders[{i}]"),
            _get(g, "explanation", str, f"{where}.graders[{i}]", ""),
            _get(g, "scored", bool, f"{where}.graders[{i}]", True),
        )
        for i, g in enumerate(_list(data, "graders", where))
    )
    return Run(
        arm,
        _get(data, "score", float, where),
        _get(data, "passed", bool, where),
        _get(data, "turns", float, where, 0.0),
        _get(data, "costUsd", float, where, 0.0),
        _get(data, "durationSeconds", float, where, None),
        _get(data, "error", str, where, None),
        _get(data, "tracePath", str, where, ""),
        verdicts,
    )


def _rates(runs: list[Run]) -> tuple[float, float] | tuple[None, None]:
    if not runs:
        return None, None
    return sum(r.score for r in runs) / len(runs), sum(r.score >= 1 for r in runs) / len(runs)


def _case(data: Any, where: str) -> CaseResult:
    arms = _get(data, "arms", dict, where)
    with_ = [
        _run(r, "with", f"{where}.arms.with[{i}]") for i, r in enumerate(_list(arms, "with", where))
    ]
    without = [
        _run(r, "without", f"{where}.arms.without[{i}]")
        for i, r in enumerate(_list(arms, "without", where))
    ]
    agg = _get(data, "aggregates", dict, where, {})
    score, rate = _rates(with_)
    score_without, rate_without = _rates(without)
    score = _get(agg, "score", float, where, score or 0.0)
    score_without = _get(agg, "scoreWithout", float, where, score_without)
    delta = None if score_without is None else score - score_without
    return CaseResult(
        _get(data, "name", str, where),
        _get(data, "dir", str, where, ""),
        _get(data, "promptMarkdown", str, where, ""),
        tuple(with_ + without),
        score,
        _get(agg, "passRate", float, where, rate or 0.0),
        score_without,
        _get(agg, "passRateWithout", float, where, rate_without),
        _get(agg, "delta", float, where, delta),
    )


def parse_result(text: str) -> Result:
    """The result in ``claude plugin eval --json`` output; raises :class:`ResultError`."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ResultError(f"not JSON: {exc}") from None
    if not isinstance(data, dict) or "schemaVersion" not in data:
        raise ResultError("not a claude plugin eval result (no schemaVersion)")
    if data["schemaVersion"] != 1:
        raise ResultError(f"schemaVersion {data['schemaVersion']!r} is not one we read (1)")
    suite = _get(data, "suite", dict, "result", {})
    plugins = _list(suite, "plugins", "suite")
    agg = _get(data, "aggregates", dict, "result", {})
    return Result(
        _get(data, "claudeVersion", str, "result", ""),
        _get(data, "startedAt", str, "result", ""),
        _get(data, "durationSeconds", float, "result", 0.0),
        _get(data, "costUsd", float, "result", 0.0),
        _get(data, "partial", bool, "result", False),
        _get(data, "partialReason", str, "result", None),
        _get(suite, "ablation", str, "suite", "none"),
        tuple(_get(p, "name", str, f"suite.plugins[{i}]") for i, p in enumerate(plugins)),
        tuple(_case(c, f"cases[{i}]") for i, c in enumerate(_list(data, "cases", "result"))),
        _get(agg, "overallScore", float, "aggregates", 0.0),
        _get(agg, "overallPassRate", float, "aggregates", 0.0),
        _get(agg, "meanDelta", float, "aggregates", None),
    )


@dataclass(frozen=True)
class Planned:
    """The run's plan: how many runs it will make in all (both arms)."""

    runs: int


@dataclass(frozen=True)
class RunDone:
    """One run ended: its case, which run of how many, its arm, score, cost and error."""

    case: str
    index: int
    runs: int
    arm: str | None
    score: float
    cost_usd: float
    error: str | None


@dataclass(frozen=True)
class CaseDone:
    """Every run of a case ended: whether it passed, its score with (and without) the
    plugin and the delta (None where the binary gives none)."""

    case: str
    passed: bool
    score: float
    score_without: float | None
    delta: float | None


@dataclass(frozen=True)
class LoadError:
    """A case the binary could not load: its folder and the binary's own message."""

    folder: str
    message: str


@dataclass(frozen=True)
class KeptSandbox:
    """The binary kept a run's sandbox (its ``out/trace.jsonl``) in this folder."""

    folder: str


Progress = Planned | RunDone | CaseDone | LoadError | KeptSandbox


def _number(text: str | None) -> float | None:
    return None if text is None or text == "—" else float(text.replace("−", "-"))


def parse_progress(line: str) -> Progress | None:
    """What one stderr line of ``claude plugin eval`` (run without ``--json``) reports, or
    None for the other lines (notes, warnings, the report's path: show them as they are).

    The formats are the binary's (2.1.332): ``Ablation: 2 arms × 5 cases (10 runs)``;
    ``  <case> run 1/3 [with]: score 1.00  $0.02[  error: …]``; ``✓ <case>  with 1.00  without
    0.00  Δ +1.00  (6 runs)  $0.12`` (or ``score 1.00`` without a baseline arm);
    ``✗ <case folder>: <why>`` for a case it could not load; ``  kept temp (run failed):
    <folder>`` for a sandbox it left (see :func:`.command.discard_sandbox`).
    """
    line = line.rstrip("\r\n")
    if m := _PLANNED.fullmatch(line):
        return Planned(int(m[3]))
    if m := _RUN.fullmatch(line):
        return RunDone(
            m["case"], int(m["index"]), int(m["runs"]), m["arm"],
            float(m["score"]), float(m["cost"]), m["error"],
        )  # fmt: skip
    if m := _CASE.fullmatch(line):
        score = float(m["score"] or m["with"])
        without, delta = _number(m["without"]), _number(m["delta"])
        return CaseDone(m["case"], m["mark"] == "✓", score, without, delta)
    if m := _LOAD_ERROR.fullmatch(line):
        return LoadError(m["folder"], m["message"].strip())
    if m := _KEPT.fullmatch(line):
        return KeptSandbox(m["folder"])
    return None


def load_errors(stderr: str) -> list[tuple[str, str]]:
    """(case folder, the binary's message) for each case ``claude plugin eval`` could not load,
    from what it printed on stderr."""
    found = (parse_progress(line) for line in stderr.splitlines())
    return [(p.folder, p.message) for p in found if isinstance(p, LoadError)]
