"""One fuzz worker: runs each input it is given through every command, the preview render and
the core edits, in this process, and says what escaped, how long each took and what changed.

Started by :mod:`driver` as ``python tests/fuzz/worker.py SEED`` under a 1 GB address-space
limit. It reads input numbers from stdin, one a line, writes ``start N`` before input N and one
JSON line after it, so the driver knows which input a crash or hang belongs to.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1] / "app")]

import mutators  # noqa: E402

from agentquill import cli  # noqa: E402
from agentquill.core import examples, outline  # noqa: E402
from agentquill.core.frontmatter import fields, parse  # noqa: E402
from agentquill.core.frontmatter.fields import EditRefused  # noqa: E402
from agentquill.core.outline import OutlineError  # noqa: E402
from agentquill.core.render import render_parts  # noqa: E402
from agentquill.core.text import DecodeError, apply_edits, decode, join_breaks, split_breaks  # noqa: E402

MEMORY_LIMIT = 1 << 30  # bytes of address space
#: where an input is put for the CLI: one folder a dialect, so each is detected
PLACES = [
    ".claude/agents/{}.md",
    ".github/agents/{}.agent.md",
    ".github/chatmodes/{}.chatmode.md",
    ".opencode/agent/{}.md",
    ".gemini/agents/{}.md",
]
EXPORT_FORMATS = ["plugin", "zip", "marketplace", "copilot", "opencode", "gemini", "agents-json"]
IMPORT_INTO = [".claude/agents", ".github/agents", ".opencode/agent", ".gemini/agents"]


class Failure(Exception):
    """A check's finding that is not an exception: a changed byte, a non-local edit."""


# --- one input --------------------------------------------------------------------------------


class Run:
    """The checks of one input; each is timed in CPU seconds and any exception recorded."""

    def __init__(self, index: int, data: bytes, work: Path):
        self.index, self.data, self.work = index, data, work
        self.times: dict[str, float] = {}
        self.failures: list[dict[str, str]] = []
        self.refused: list[dict[str, str]] = []

    def check(self, name: str, fn: Callable[[], None]) -> None:
        start = time.process_time()
        try:
            fn()
        except Failure as exc:
            self.failures.append({"check": name, "kind": "failure", "message": str(exc)})
        except Exception as exc:  # an uncaught exception: the finding this run is for
            self.failures.append(
                {
                    "check": name,
                    "kind": type(exc).__name__,
                    "message": str(exc)[:500],
                    "traceback": traceback.format_exc(limit=-12),
                }
            )
        self.times[name] = self.times.get(name, 0.0) + time.process_time() - start

    # --- CLI ---

    def cli(self, argv: list[str], json_out: bool = False) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                status = cli.main(argv, out=out)
            except SystemExit as exc:  # argparse only: the argv is ours, so it is a bug
                raise Failure(f"{argv[0]} exited through SystemExit({exc.code})") from None
        if status not in (0, 1, 2):
            raise Failure(f"{argv[0]} returned {status!r}")
        if status == 2 and "error" not in err.getvalue():
            raise Failure(f"{argv[0]} exit 2 without an error line: {err.getvalue()[:200]!r}")
        if "Traceback" in err.getvalue():
            raise Failure(f"{argv[0]} printed a traceback")
        if json_out and status != 2:
            json.loads(out.getvalue())
        return status, out.getvalue(), err.getvalue()

    def run_cli(self, path: Path) -> None:
        p = str(path)
        if self.index % 2:  # each command, and its other form on every other input
            self.check("lint --json", lambda: self.cli(["lint", "--json", p], json_out=True))
            self.check("show --json", lambda: self.cli(["show", "--json", p], json_out=True))
            self.check("fix --dry-run", lambda: self.fix(path, dry_run=True))
        else:
            self.check("lint", lambda: self.cli(["lint", p]))
            self.check("show", lambda: self.cli(["show", p]))
            self.check("fix", lambda: self.fix(path))
        self.check("roundtrip", lambda: self.roundtrip(p))
        self.check("export", lambda: self.export(path))
        self.check("import", self.import_)
        bundle, layout = str(self.work / "bundle"), ("plugin", "user")[self.index % 2]
        self.check(
            "inventory",
            lambda: self.cli(["inventory", "--json", "--layout", layout, bundle], json_out=True),
        )

    def roundtrip(self, p: str) -> None:
        status, out, _ = self.cli(["roundtrip", "--json", p], json_out=True)
        if status != 1:
            return
        failures = json.loads(out)["failures"]
        problems = [f for r in failures for f in r["failures"]]
        refused = [m for m in problems if "edit refused" in m]  # safe: nothing written
        self.refused += [{"check": "roundtrip", "message": m[:300]} for m in refused]
        problems = [m for m in problems if m not in refused and "not valid UTF-8" not in m]
        if problems:
            raise Failure("; ".join(problems)[:500])

    def fix(self, path: Path, dry_run: bool = False) -> None:
        if dry_run:
            self.cli(["fix", "--dry-run", str(path)])
            return
        self.cli(["fix", str(path)])
        after = path.read_bytes()
        path.write_bytes(self.data)  # the next commands see the input again
        if after != self.data:
            doc = decode(after)  # a fix writes UTF-8 the CLI reads back
            if self.text is not None and doc.bom != decode(self.data).bom:
                raise Failure("fix changed the BOM")

    def export(self, path: Path) -> None:
        fmt = EXPORT_FORMATS[self.index % len(EXPORT_FORMATS)]
        out = self.work / "export" / ("out.zip" if fmt == "zip" else "out.json")
        out = out if fmt in ("zip", "agents-json") else self.work / "export" / "out"
        status, _, _ = self.cli(["export", "--format", fmt, "--out", str(out), str(path)])
        if fmt == "zip" and status == 0:  # a zip made from the input, then damaged, imports
            data = bytearray(out.read_bytes())
            rng = random.Random(self.index)
            for _ in range(rng.choice([0, 1, 4])):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            out.write_bytes(bytes(data))
            into = self.work / "export" / "into" / ".claude/agents"
            self.cli(["import", str(out), "--into", str(into)])

    def import_(self) -> None:
        bundle = self.work / "bundle"
        (bundle / "agents").mkdir(parents=True, exist_ok=True)
        (bundle / "agents" / "fuzz-agent.md").write_bytes(self.data)
        into = self.work / "into" / IMPORT_INTO[self.index % len(IMPORT_INTO)]
        self.cli(["import", str(bundle), "--into", str(into), "--on-clash", "replace"])

    # --- preview and core edits ---

    @property
    def text(self) -> str | None:
        try:
            return decode(self.data).text
        except DecodeError:
            return None

    def run_core(self, text: str, rng: random.Random) -> None:
        self.check("preview", lambda: render_parts(text))
        self.check("no-op save", lambda: _no_op_save(self.data, text))
        self.check("fields edit", lambda: _field_edits(text, rng))
        parsed = parse(text)  # the commands read it already: it does not raise here
        description = parsed.value("description")
        if isinstance(description, str):
            self.check("examples edit", lambda: _example_edits(description, rng))
        self.check("outline edit", lambda: _outline_edits(parsed.body, rng))


def _no_op_save(data: bytes, text: str) -> None:
    if decode(data).encode() != data:
        raise Failure("decode → encode changed the bytes")
    plain, breaks = split_breaks(text)  # what the editor holds, and the breaks it puts back
    if join_breaks(plain, plain, breaks) != text:
        raise Failure("split_breaks → join_breaks changed the text")


def changed_lines(old: str, new: str) -> tuple[int, int]:
    """(first, end) of ``old``'s lines (split at LF only) that ``new`` changes; first == end
    when the change only inserts lines there."""
    a, b = old.split("\n"), new.split("\n")
    head = len(os.path.commonprefix([a, b]))
    tail = len(os.path.commonprefix([a[head:][::-1], b[head:][::-1]]))
    return head, len(a) - tail


def _within(text: str, new: str, span: tuple[int, int], what: str) -> None:
    """The edit of ``text`` into ``new`` changes only lines of ``span`` (offsets)."""
    first, end = changed_lines(text, new)
    lo = text.count("\n", 0, span[0])
    hi = text.count("\n", 0, max(span[1] - 1, span[0])) + 1
    if first < end and (first < lo or end > hi):
        raise Failure(f"{what} changed lines {first + 1}–{end} outside {lo + 1}–{hi}")


def _field_edits(text: str, rng: random.Random) -> None:
    parsed = parse(text)
    keys = [f.key for f in parsed.fields]
    if not parsed.frontmatter or len(keys) != len(set(keys)):
        return  # a key twice: which one an edit means is another branch's work
    for f in parsed.fields[:20]:  # with the text's parse, as the form passes it
        if fields.set_value(text, f.key, f.value, parsed):
            raise Failure(f"setting {f.key!r} to its own value changed the text")
    with contextlib.suppress(EditRefused):
        new = apply_edits(text, fields.add_key(text, "fuzz-key", "a value", parsed=parsed))
        if parse(new).body != parsed.body:
            raise Failure("add_key changed the body")
    if not keys:
        return
    f = parsed.fields[rng.randrange(len(keys))]
    span = (f.key_span[0], f.value_span[1])
    with contextlib.suppress(EditRefused):
        new = apply_edits(text, fields.set_value(text, f.key, "fuzz value", parsed))
        _within(text, new, span, "set")
    with contextlib.suppress(EditRefused):
        new = apply_edits(text, fields.rename_key(text, f.key, "fuzz-renamed", parsed))
        _within(text, new, span, "rename_key")
    with contextlib.suppress(EditRefused):
        new = apply_edits(text, fields.remove_key(text, f.key, parsed))
        if [g.key for g in parse(new).fields] != [k for k in keys if k != f.key]:
            raise Failure(f"remove_key {f.key!r} left other fields")


def _example_edits(description: str, rng: random.Random) -> None:
    doc = examples.parse(description)
    count = len(doc.examples)
    for i, ex in enumerate(doc.examples):
        if examples.replace_example(description, i, ex.example):
            raise Failure(f"a no-op edit of example {i + 1} changed the description")
    new_intro = doc.intro.rstrip() + " Fuzz sentence."
    apply_edits(description, examples.set_intro(description, new_intro))
    with contextlib.suppress(EditRefused):
        ex = examples.Example(context="fuzz", turns=[examples.Turn("user", "fuzz")])
        apply_edits(description, examples.insert_example(description, rng.randint(0, count), ex))
    if count:
        i, j = rng.randrange(count), rng.randrange(count)
        apply_edits(description, examples.remove_example(description, i))
        apply_edits(description, examples.move_example(description, i, j))


def _outline_edits(body: str, rng: random.Random) -> None:
    o = outline.parse(body)
    sections = list(o.walk())
    for path, section in sections:
        if outline.rename_section(body, path, section.title):
            raise Failure(f"renaming section {section.title!r} to itself changed the body")
    with contextlib.suppress(OutlineError):
        apply_edits(body, outline.add_section(body, (len(o.sections),), "Fuzz section", "text"))
    if sections:
        path, section = rng.choice(sections)
        # one line as written: a title joined from lines, or none, cannot come back the same
        as_written = section.title and body[slice(*section.title_span)] == section.title
        with contextlib.suppress(OutlineError):
            renamed = apply_edits(body, outline.rename_section(body, path, "Fuzz title"))
            back = apply_edits(renamed, outline.rename_section(renamed, path, section.title))
            if back != body and as_written:
                raise Failure(f"renaming section {section.title!r} and back changed the body")
        with contextlib.suppress(OutlineError):
            apply_edits(body, outline.remove_section(body, path))
        other = rng.choice(sections)[0]
        with contextlib.suppress(OutlineError):
            apply_edits(body, outline.move_section(body, path, other))
    _item_edits(body, o, rng)


def _item_edits(body: str, o: outline.Outline, rng: random.Random) -> None:
    places = [((), o.items)] + [(p, s.items) for p, s in o.walk()]
    places = [(p, items) for p, items in places if items]
    if not places:
        return
    path, items = rng.choice(places)
    address = (path, (rng.randrange(len(items)),))
    with contextlib.suppress(OutlineError):
        apply_edits(body, outline.add_item(body, address, "fuzz item", "Title"))
    with contextlib.suppress(OutlineError):
        apply_edits(body, outline.rename_item(body, address, "T", "fuzz text"))
    with contextlib.suppress(OutlineError):
        apply_edits(body, outline.remove_item(body, address))
    other = (path, (rng.randrange(len(items)),))
    with contextlib.suppress(OutlineError):
        apply_edits(body, outline.move_item(body, address, other))


# --- the loop ---------------------------------------------------------------------------------


def run_one(seed: int, index: int, work: Path) -> dict:
    base, chain, data = mutators.make_input(seed, index)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    stem = "fuzz-agent"
    path = work / "project" / PLACES[index % len(PLACES)].format(stem)
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    run = Run(index, data, work)
    run.run_cli(path)
    text = run.text
    if text is not None:
        run.run_core(text, random.Random(f"{seed}:{index}:edits"))
    return {
        "index": index,
        "base": base,
        "chain": chain,
        "size": len(data),
        "times": run.times,
        "failures": run.failures,
        "refused": run.refused,
        "rss_kb": _peak_rss_kb(),
    }


def _peak_rss_kb() -> int:
    """This process's peak resident memory. Linux's ``ru_maxrss`` keeps the parent's peak
    across the fork and exec that started us (a pytest that ran the suite: 300 MB), so the
    kernel's own figure for our memory comes first."""
    with contextlib.suppress(OSError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    seed = int(sys.argv[1])
    os.fsync = lambda fd: None  # what is written is checked, not the disk: a sync costs ~10 ms
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    report = sys.stdout
    sys.stdout = io.StringIO()  # anything printed by mistake stays off the report channel
    with tempfile.TemporaryDirectory(prefix="agentquill-fuzz-") as tmp:
        for line in sys.stdin:
            index = int(line)
            report.write(f"start {index}\n")
            report.flush()
            result = run_one(seed, index, Path(tmp) / "work")
            report.write(json.dumps(result) + "\n")
            report.flush()
            sys.stdout = io.StringIO()
    os._exit(0)


if __name__ == "__main__":
    main()
