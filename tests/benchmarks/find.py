"""`make bench`, Find in Project: one search over every agent of a 10,000-agent project.

Prints figures, asserts nothing. :func:`main` is called from ``run.py``. The project is the
one :mod:`project` writes; the files are listed by discovery (what the project tree shows),
then searched as Find in Project searches them: read, decode, match. The OS file cache is
warm (one search runs before timing); the time is the best wall time of five.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from project import write_project

from agentquill.core.project import discover
from agentquill.core.search import Query, search_files

QUERIES = {
    "no match 'zebra' (every file read and scanned)": Query("zebra"),
    "'you are a qa specialist' (in 1 file of 9)": Query("you are a qa specialist"),
    "plain 'step 3' (stops at the 10,000-match limit)": Query("step 3"),
    "whole word 'qa'": Query("qa", word=True),
    r"regex '\*\*Step \d+\*\*'": Query(r"\*\*Step \d+\*\*", case=True, regex=True),
}


def best_wall(runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(count: int = 10_000) -> None:
    with tempfile.TemporaryDirectory(prefix="aq-bench-find-") as tmp:
        root = Path(tmp)
        write_project(root, count)
        paths = [path for _, files in discover(root) for path in files]
        for label, query in QUERIES.items():
            pattern = query.compile()
            found = search_files(paths, pattern)  # warms the OS file cache
            seconds = best_wall(5, lambda p=pattern: search_files(paths, p))
            print(
                f"find in project of {len(paths):,} agents, {label}: {seconds:.3f} s "
                f"(target < 1 s) | {found.count:,} matches in {len(found.files):,} files"
                f"{' (stopped at the limit)' if found.truncated else ''}"
            )


if __name__ == "__main__":
    main()
