"""`make bench`, projects: indexing generated projects of 1,000 and 10,000 agents.

Prints figures, asserts nothing. :func:`main` is called from ``run.py``.

Each figure comes from a fresh interpreter (``project.py scan ROOT CACHE``), so imports and
earlier runs do not count and peak RSS is the scan's own: the time is the wall time of
``ProjectIndex.scan()`` (discover, read, parse, lint every file; or, with a warm cache, walk and
stat only), the peak RSS is ``ru_maxrss`` after the scan and a search over every entry. The
OS file cache is warm in every run (each tree is scanned once before timing). ``agentquill
lint DIR`` is timed from ``Popen`` to exit. Medians of three runs.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import agent_text

HERE = Path(__file__).resolve()


def write_project(root: Path, count: int, seed: int = 7) -> None:
    """``count`` generated agents: nine in ten in team folders of ``.claude/agents``, the rest
    in ten plugins under ``plugins/``; a README without frontmatter beside them."""
    rng = random.Random(seed)
    (root / "README.md").parent.mkdir(parents=True, exist_ok=True)
    (root / "README.md").write_text("# Agents\n\nA generated project.\n")
    for i in range(count):
        text = agent_text(i, rng)
        name = text.split("\n")[1][6:]
        folder = f"plugins/kit-{i % 10}/agents" if i % 10 == 0 else f".claude/agents/team-{i % 20}"
        path = root / folder / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _scan(root: str, cache: str) -> None:
    """Driver: scan once, print seconds, entries and peak RSS as JSON."""
    from agentquill.core.project import ProjectIndex, discover

    start = time.perf_counter()
    discover(Path(root))  # what a tree needs to show the files (the scan repeats it)
    found = time.perf_counter() - start
    index = ProjectIndex(Path(root), Path(cache) if cache != "-" else None)
    start, cpu = time.perf_counter(), time.process_time()
    index.scan()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    hits = sum(e.matches("step 3") for e in index.entries.values())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kept = sum(e.body is not None for e in index.entries.values())
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "discover": found,
                "entries": len(index.entries),
                "rss": rss,
                "hits": hits,
                "kept": kept,
            }
        )
    )


def _run_scan(root: Path, cache: Path | None) -> dict:
    out = subprocess.run(
        [sys.executable, str(HERE), "scan", str(root), str(cache) if cache else "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def _lint_seconds(root: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one ``agentquill lint ROOT`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "agentquill", "lint", str(root)],
        stdout=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def _median(samples: list[float]) -> str:
    return f"{statistics.median(samples):.3f} s"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="aq-bench-project-") as tmp:
        for count in (1_000, 10_000):
            root = Path(tmp) / f"p{count}"
            write_project(root, count)
            _run_scan(root, None)  # OS file cache
            cold = [_run_scan(root, None) for _ in range(3)]
            cache = Path(tmp) / f"cache{count}"
            _run_scan(root, cache)  # writes the cache
            warm = [_run_scan(root, cache) for _ in range(3)]
            print(
                f"project of {cold[0]['entries']:,} agents: discovery "
                f"{_median([r['discover'] for r in cold])}, index complete cold "
                f"{_median([r['seconds'] for r in cold])} (CPU {_median([r['cpu'] for r in cold])})"
                f", warm cache {_median([r['seconds'] for r in warm])} "
                f"(CPU {_median([r['cpu'] for r in warm])}) | peak RSS cold "
                f"{max(r['rss'] for r in cold):.0f} MB, warm {max(r['rss'] for r in warm):.0f} MB"
                f" | bodies kept for search {cold[0]['kept']:,}/{cold[0]['entries']:,}"
            )
            if count == 10_000:
                lint = [_lint_seconds(root) for _ in range(3)]
                print(
                    f"agentquill lint on {count:,} agents: process wall time "
                    f"{_median([w for w, _ in lint])} (CPU {_median([c for _, c in lint])})"
                )
        load = os.getloadavg()[0]
        print(f"(2 shared cores, load average {load:.1f}: other work inflates wall times)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["scan"]:
        _scan(sys.argv[2], sys.argv[3])
    else:
        main()
