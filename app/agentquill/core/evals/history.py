"""How an agent's delegation score moved as its description changed: one JSON line per run.

The file is ``evals/delegation-history.jsonl``, beside the cases: it belongs to the project
(shared and versioned with the cases it scores), and ``claude plugin eval`` looks only for
``prompt.md`` and ``case.yaml`` there, so it leaves the file alone (checked with 2.1.332, as it
leaves ``evals/results/``, where it writes its own reports). Each line holds the time, the
agent, the hash of the description the run used, the run's cost and Claude Code version, and
per case the pass rate with and without the plugin. A line we cannot read is skipped, so a
hand edit or a cut-off write never hides the rest (and the next line starts on a line of
its own).

A case's figures are keyed by :func:`prompt_key`, the hash of its prompt and expectation, not
by its folder: Up, Down and Remove renumber the folders, and a renamed agent renames them, but a
score measures a prompt. A key in the case file would survive those too, but ``prompt.md``
takes only the keys Claude Code knows, hand-written cases would lack it, and it would keep a
score across an edit of the prompt, which then no longer measures it; the hash drops it. The
folder name at run time is kept beside the key (``names``) for whoever reads the file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import atomic_write
from .results import Result

if TYPE_CHECKING:
    from .cases import Case

FILE_NAME = "delegation-history.jsonl"


def description_hash(text: str) -> str:
    """A short stable hash of a description (line breaks and outer blanks do not count)."""
    normal = text.replace("\r\n", "\n").strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def prompt_key(case: Case) -> str:
    """What a case's figures are kept under: its prompt and what it expects of the agent
    (a prompt moved to the other list measures something else)."""
    return description_hash(f"{case.expect or ''}\n{case.prompt}")


@dataclass(frozen=True)
class Entry:
    """One recorded run of an agent's cases (rates 0..1; ``None`` without a baseline arm)."""

    time: str
    agent: str
    description_hash: str
    score_with: float
    score_without: float | None
    #: :func:`prompt_key` → (pass rate with, pass rate without)
    cases: dict[str, tuple[float, float | None]]
    cost_usd: float = 0.0
    claude_version: str = ""
    #: :func:`prompt_key` → the case's folder name at run time
    names: dict[str, str] = field(default_factory=dict)

    @property
    def delta(self) -> float | None:
        return None if self.score_without is None else self.score_with - self.score_without


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _rate(value: Any) -> float | None:
    return None if value is None else float(value)


def _entry(data: Any) -> Entry | None:
    try:
        cases = {
            str(k): (float(v[0]), None if v[1] is None else float(v[1]))
            for k, v in data["cases"].items()
        }
        return Entry(
            str(data["time"]),
            str(data["agent"]),
            str(data["description_hash"]),
            float(data["score_with"]),
            _rate(data["score_without"]),
            cases,
            float(data.get("cost_usd", 0.0)),
            str(data.get("claude_version", "")),
            {str(k): str(v) for k, v in data.get("names", {}).items()},
        )
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


class History:
    """The history file of one ``evals/`` folder."""

    def __init__(self, evals: str | Path):
        self.path = Path(evals) / FILE_NAME

    def record(
        self,
        agent: str,
        description_hash: str,
        result: Result,
        cases: Mapping[str, Case],
        now: datetime | None = None,
    ) -> Entry | None:
        """Append the run's figures for ``agent``'s ``cases`` (by their folder name when the
        run started); None, and nothing written, when none of them ran to a verdict (a run
        stopped by the sign-in says nothing about the description)."""
        ran = [c for c in result.cases if c.name in cases and any(r.error is None for r in c.runs)]
        if not ran:
            return None
        keys = {c.name: prompt_key(cases[c.name]) for c in ran}
        without = [c.pass_rate_without for c in ran if c.pass_rate_without is not None]
        entry = Entry(
            (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
            agent,
            description_hash,
            _mean([c.pass_rate for c in ran]) or 0.0,
            _mean(without) if len(without) == len(ran) else None,
            {keys[c.name]: (c.pass_rate, c.pass_rate_without) for c in ran},
            result.cost_usd,
            result.claude_version,
            {keys[c.name]: c.name for c in ran},
        )
        data = {**entry.__dict__, "cases": {k: list(v) for k, v in entry.cases.items()}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a+b") as fh:
            fh.seek(0, 2)
            cut_off = fh.tell() > 0 and (fh.seek(-1, 2), fh.read(1))[1] != b"\n"
            line = json.dumps(data, ensure_ascii=False) + "\n"
            fh.write((("\n" if cut_off else "") + line).encode("utf-8"))
        return entry

    def rename(self, old: str, new: str) -> None:
        """The runs of agent ``old`` become ``new``'s (the agent was renamed); the other lines,
        unreadable ones too, stay as they are."""
        try:
            lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        kept = []
        for line in lines:
            try:
                data = json.loads(line)
            except ValueError:
                data = None
            if isinstance(data, dict) and data.get("agent") == old:
                line = json.dumps({**data, "agent": new}, ensure_ascii=False)
            kept.append(line + "\n")
        atomic_write(self.path, "".join(kept).encode("utf-8"))

    def runs(self, agent: str) -> list[Entry]:
        """The recorded runs of ``agent``, oldest first."""
        try:
            lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return []
        found = []
        for line in lines:
            try:
                entry = _entry(json.loads(line))
            except ValueError:
                continue
            if entry is not None and entry.agent == agent:
                found.append(entry)
        return found
