"""`make fuzz`: a mutation fuzz run over the corpus, the fixtures and generated agents.

``python tests/fuzz/driver.py --count 20000 --seed 14 --workers 2`` makes each input (see
:mod:`mutators`), runs it in a worker process (see :mod:`worker`) through every CLI command,
the preview render and the core edits, and prints figures: inputs, mutators, exceptions,
failed checks, the slowest inputs and the peak memory. Exit status 1 on any finding:

- an exception escaping a command, the render or an edit; a worker killed or out of memory;
- a check taking more than ``--limit`` CPU seconds (each slow one is timed again alone);
- a no-op save that changes a byte, an edit that changes lines outside its field or section;
- a worker's peak RSS over ``--rss`` MB, or an input not done after ``--timeout`` seconds.

Each failing input is written to ``--out`` (default: a temporary folder) with a note of its
base file and mutators.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]

import mutators  # noqa: E402

WORKER = HERE / "worker.py"


@dataclass
class Summary:
    """What a run found, as the figures print it."""

    inputs: int = 0
    mutators: collections.Counter = field(default_factory=collections.Counter)
    failures: list[dict] = field(default_factory=list)  # one per failed check, with its input
    refused: int = 0  # edits the core refused (safe: nothing written), in roundtrip's checks
    slow: list[tuple[float, str, int]] = field(default_factory=list)  # (cpu s, check, index)
    rss_kb: int = 0
    seconds: float = 0.0
    slowest: list[tuple[float, str, int]] = field(default_factory=list)
    cpu: collections.Counter = field(default_factory=collections.Counter)  # seconds by check

    @property
    def ok(self) -> bool:
        return not self.failures and not self.slow


class Worker:
    """A worker process and the input it is on."""

    def __init__(self, seed: int, max_size: int | None = None):
        env = dict(os.environ, PYTHONHASHSEED="0")
        if max_size:
            env["FUZZ_MAX_SIZE"] = str(max_size)
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(  # stderr to a file: a full pipe would stop the worker
            [sys.executable, str(WORKER), str(seed)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            env=env,
        )
        self.seed = seed
        self.current: int | None = None
        self.since = 0.0
        self.partial = b""

    def give(self, index: int) -> None:
        assert self.proc.stdin is not None
        self.current, self.since = index, time.monotonic()
        self.proc.stdin.write(f"{index}\n")
        self.proc.stdin.flush()

    def lines(self) -> list[str | None]:
        """The whole lines the worker wrote since last asked (None for its end); call it when
        its stdout is ready to read."""
        assert self.proc.stdout is not None
        chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
        if not chunk:
            return [None]
        *done, self.partial = (self.partial + chunk).split(b"\n")
        return [line.decode() for line in done]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.stderr.close()


def run(
    seed: int,
    indexes: list[int],
    workers: int = 2,
    timeout: float = 20.0,
    limit: float = 2.0,
    max_size: int | None = None,
    progress: bool = False,
) -> Summary:
    """Run the inputs ``indexes`` over ``workers`` processes (inputs cut at ``max_size``
    bytes when given)."""
    summary = Summary()
    todo = collections.deque(indexes)
    pool: list[Worker] = []
    start, shown = time.monotonic(), 0
    while todo or pool:
        while todo and len(pool) < workers:
            w = Worker(seed, max_size)
            w.give(todo.popleft())
            pool.append(w)
        fds = {w.proc.stdout.fileno(): w for w in pool if w.proc.stdout is not None}
        ready = set(select.select(list(fds), [], [], 0.5)[0])
        if progress and summary.inputs // 1000 > shown:
            shown = summary.inputs // 1000
            print(f"{summary.inputs} inputs, {len(summary.failures)} findings", file=sys.stderr)
        for w in list(pool):
            if not _poll(w, w.proc.stdout.fileno() in ready, summary, timeout, limit):
                w.stop()
                pool.remove(w)
            elif w.current is None and todo:
                w.give(todo.popleft())
            elif w.current is None:
                w.stop()
                pool.remove(w)
    summary.seconds = time.monotonic() - start
    return summary


def _poll(w: Worker, ready: bool, summary: Summary, timeout: float, limit: float) -> bool:
    """Read what ``w`` says for its current input; False when the worker is gone."""
    for line in w.lines() if ready else []:
        if line is None:
            w.proc.wait()
            w.stderr.seek(0)
            stderr = w.stderr.read().decode(errors="replace")
            _lost(w, summary, f"worker ended (status {w.proc.returncode}): {stderr[-2000:]}")
            return False
        if not line.startswith("start "):
            _record(json.loads(line), summary, limit)
            w.current = None
    if w.current is not None and time.monotonic() - w.since > timeout:
        _lost(w, summary, f"no answer after {timeout:.0f} s (a hang)")
        return False
    return True


def _lost(w: Worker, summary: Summary, why: str) -> None:
    if w.current is None:
        return
    base, chain, data = mutators.make_input(w.seed, w.current)
    summary.inputs += 1
    summary.mutators.update(chain)
    summary.failures.append(
        {
            "index": w.current,
            "base": base,
            "chain": chain,
            "check": "worker",
            "kind": "lost",
            "message": why,
        }  # fmt: skip
    )


def _record(result: dict, summary: Summary, limit: float) -> None:
    summary.inputs += 1
    summary.mutators.update(result["chain"])
    summary.rss_kb = max(summary.rss_kb, result["rss_kb"])
    where = {k: result[k] for k in ("index", "base", "chain")}
    summary.failures += [{**where, **f} for f in result["failures"]]
    summary.refused += len(result["refused"])
    summary.cpu.update(result["times"])
    for check, seconds in result["times"].items():
        entry = (seconds, check, result["index"])
        summary.slowest = sorted([*summary.slowest, entry], reverse=True)[:8]
        if seconds > limit:
            summary.slow.append(entry)


def recheck(
    seed: int, summary: Summary, limit: float, timeout: float, max_size: int | None = None
) -> None:
    """Time each slow input again, alone; it stays slow only when it is slow again."""
    if not summary.slow:
        return
    again = Summary()
    for index in sorted({s[2] for s in summary.slow}):
        single = run(seed, [index], 1, timeout, limit, max_size)
        again.slow += single.slow
        again.failures += [f for f in single.failures if f["check"] == "worker"]
    summary.slow = again.slow
    summary.failures += [f for f in again.failures if f not in summary.failures]


def save(summary: Summary, seed: int, out: Path) -> None:
    """Each failing input's bytes and a note of where it came from."""
    out.mkdir(parents=True, exist_ok=True)
    bad = {f["index"] for f in summary.failures} | {s[2] for s in summary.slow}
    for index in sorted(bad):
        base, chain, data = mutators.make_input(seed, index)
        (out / f"input-{seed}-{index}.md").write_bytes(data)
        notes = [f for f in summary.failures if f["index"] == index]
        notes += [{"check": c, "kind": "slow", "cpu_seconds": s} for s, c, i in summary.slow
                  if i == index]  # fmt: skip
        note = {"seed": seed, "index": index, "base": base, "chain": chain, "findings": notes}
        (out / f"input-{seed}-{index}.json").write_text(json.dumps(note, indent=2))


def report(summary: Summary, seed: int, limit: float, rss_mb: float, out: Path | None) -> str:
    lines = [
        f"fuzz: seed {seed}: {summary.inputs} inputs in {summary.seconds:.0f} s",
        "mutators: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.mutators.items())),
    ]
    kinds = collections.Counter(f"{f['check']}: {f['kind']}" for f in summary.failures)
    exceptions = sum(n for k, n in kinds.items() if not k.endswith((": failure", ": lost")))
    lines.append(
        f"uncaught exceptions: {exceptions} | failed checks: {len(summary.failures) - exceptions}"
        f" | over {limit:g} s CPU: {len(summary.slow)} | peak RSS {summary.rss_kb / 1024:.0f} MB"
        f" (limit {rss_mb:g} MB)"
    )
    for kind, n in kinds.most_common():
        lines.append(f"  {n} × {kind}")
    for f in summary.failures[:20]:
        lines.append(
            f"  input {f['index']} ({f['base']} + {'+'.join(f['chain'])}): {f['check']}: "
            f"{f['kind']}: {f['message'][:300]}"
        )
        if f.get("traceback"):
            lines.append("    " + f["traceback"].strip().replace("\n", "\n    "))
    lines.append(f"edits refused (safe, nothing written) in roundtrip's checks: {summary.refused}")
    lines.append(
        "slowest: " + ", ".join(f"{c} of input {i} {s:.2f} s" for s, c, i in summary.slowest[:5])
    )
    lines.append(
        "CPU by check: " + ", ".join(f"{c} {s:.0f} s" for c, s in summary.cpu.most_common())
    )
    if out is not None:
        lines.append(f"failing inputs written to {out}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--count", type=int, default=int(os.environ.get("FUZZ_COUNT", 20_000)))
    p.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", 14)))
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--limit", type=float, default=2.0, help="CPU seconds a check may take")
    p.add_argument("--rss", type=float, default=300.0, help="MB a worker may hold")
    p.add_argument("--timeout", type=float, default=20.0, help="wall seconds for one input")
    p.add_argument("--out", type=Path, help="folder for failing inputs (default: a temp one)")
    p.add_argument("--first", type=int, default=0, help="number of the first input")
    p.add_argument("--only", type=int, nargs="+", metavar="N", help="just these inputs")
    args = p.parse_args(argv)
    indexes = args.only or list(range(args.first, args.first + args.count))
    summary = run(args.seed, indexes, args.workers, args.timeout, args.limit, progress=True)
    recheck(args.seed, summary, args.limit, args.timeout)
    big = summary.rss_kb / 1024 > args.rss
    out = None
    if not summary.ok:
        out = args.out or Path(tempfile.mkdtemp(prefix="agentquill-fuzz-"))
        save(summary, args.seed, out)
    print(report(summary, args.seed, args.limit, args.rss, out))
    return 0 if summary.ok and not big else 1


if __name__ == "__main__":
    sys.exit(main())
