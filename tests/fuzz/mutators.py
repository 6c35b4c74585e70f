"""Mutators for the fuzz run: each turns the bytes of an agent file into hostile bytes.

A fuzz input is a base file (a corpus file, a fixture or a generated agent) and a chain of one
to three mutators, all drawn from one ``random.Random`` seeded with the run's seed and the
input's number, so input N of seed S is the same bytes on every machine and in every worker.
Inputs are kept under about 300 KB: the point is hostile shapes, not sheer size.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = Path(os.environ.get("FUZZ_CORPUS") or ROOT.parent / "shared" / "corpus")
_SKIP = {"README.txt", "MANIFEST.tsv", "SKIPPED.tsv", "LICENSE", "SOURCE.txt"}
MAX_SIZE = int(os.environ.get("FUZZ_MAX_SIZE", 300_000))

Mutator = Callable[[bytes, random.Random], bytes]


def _fm_end(data: bytes) -> int:
    """Offset of the frontmatter's closing line (or of the first line break past the head)."""
    at = data.find(b"\n---", 3)
    return at + 1 if at >= 0 else min(len(data), data.find(b"\n") + 1 or len(data))


def _line_starts(data: bytes) -> list[int]:
    starts = [0]
    at = data.find(b"\n")
    while at >= 0:
        starts.append(at + 1)
        at = data.find(b"\n", at + 1)
    return starts


def _at_line(data: bytes, rng: random.Random, frontmatter: bool = False) -> int:
    """A line start: inside the frontmatter (when asked and there is one), else anywhere."""
    starts = _line_starts(data)
    if frontmatter:
        end = _fm_end(data)
        inside = [s for s in starts if 0 < s <= end] or [0]
        return rng.choice(inside)
    return rng.choice(starts)


def _insert_line(data: bytes, rng: random.Random, line: bytes, frontmatter: bool) -> bytes:
    at = _at_line(data, rng, frontmatter)
    return data[:at] + line + data[at:]


def byte_flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data or b"-")
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randint(0, len(data))
    pool = [b"\n", b"\r", b":", b"-", b"#", b"`", b"'", b'"', b"<", b">", b"[", b"{", b"*", b"&"]
    junk = b"".join(rng.choice(pool) if rng.random() < 0.7 else bytes([rng.randrange(256)])
                    for _ in range(rng.randint(1, 16)))  # fmt: skip
    return data[:at] + junk + data[at:]


def delete_bytes(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randint(1, 64) :]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(0, len(data))]


BAD_SCALARS = [
    "2001-13-45", "2001-02-30", "2001-12-14 99:99:99", "!!float xyz", "!!bool maybe",
    "!!int 0x", "!!binary ???", "!!timestamp yesterday", "!!python/object:os.system ls",
    "!!set {a, b}", "!!omap [a: 1]", "!!str", "!<tag:yaml.org,2002:int> x", "!local x",
    "9" * 5000, "0x" + "f" * 5000, "-." + "9" * 4400, "1e99999", ".nan", "~", "null",
    '"\\U00110000"', '"\\uD800"', '"\\x"', '"\\', "'unterminated", '"\\' + "t" * 3000 + '"',
    "|-9", ">+", "|\n  a\n b", "? complex\n: key", "*undefined", "&anchor", "@reserved",
    "`backtick", "% directive", "{a: [b, {c: d}", "[a, b", "- item", "'' ''", "a: b: c",
    "\t\ttabbed", "\x00", "\x7f\x85", "=", "<<: *a", "<<: [1, 2]",
]  # fmt: skip


def bad_scalar(data: bytes, rng: random.Random) -> bytes:
    """A key with a value YAML cannot construct or read, or an existing value replaced."""
    scalar = rng.choice(BAD_SCALARS).encode("utf-8", "surrogatepass")
    key = rng.choice([b"model", b"tools", b"name", b"description", b"color", b"created", b"x"])
    return _insert_line(data, rng, key + b": " + scalar + b"\n", frontmatter=True)


def anchors(data: bytes, rng: random.Random) -> bytes:
    """Anchors and aliases: a reuse, an alias bomb, a recursive alias, an undefined alias."""
    kind = rng.randrange(5)
    if kind == 0:
        width, depth = rng.randint(2, 12), rng.randint(2, 12)
        names = [f"a{i}" for i in range(depth)]
        lines = [f"{names[0]}: &{names[0]} [{', '.join(['lol'] * width)}]"]
        for prev, name in zip(names, names[1:], strict=False):
            lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * width)}]")
        block = "\n".join(lines) + "\n"
    elif kind == 1:
        block = rng.choice(["x: &a [*a]\n", "x: &a {k: *a}\n", "x: &a\n  - *a\n"])
    elif kind == 2:
        block = "base: &b {model: opus}\nmerged:\n  <<: *b\n  <<: *b\n"
    elif kind == 3:
        block = "tools: *nothing\n"
    else:
        block = "name: &n agent\nx: *n\ndescription: *n\n"
    return _insert_line(data, rng, block.encode(), frontmatter=True)


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([30, 65, 200, 1000, 5000])
    kind = rng.randrange(4)
    if kind == 0:
        block = "x: " + "[" * depth + "]" * depth + "\n"
    elif kind == 1:
        block = "x: " + "{a: " * depth + "1" + "}" * depth + "\n"
    elif kind == 2:
        depth = min(depth, 400)
        block = "".join("  " * i + f"k{i}:\n" for i in range(depth)) + "  " * depth + "v: 1\n"
    else:
        depth = min(depth, 400)
        block = "x:\n" + "".join("  " * i + "-\n" for i in range(1, depth)) + "  " * depth + "v\n"
    return _insert_line(data, rng, block.encode(), frontmatter=True)


LINE_BREAKS = ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\r", "\r\n", "\x1c", "\x1d", "\x1e"]


def line_separators(data: bytes, rng: random.Random) -> bytes:
    """Unicode and ASCII line separators put in place of, or beside, line breaks."""
    starts = _line_starts(data)
    out = bytearray(data)
    for at in sorted(rng.sample(starts, min(len(starts), rng.randint(1, 6))), reverse=True):
        sep = rng.choice(LINE_BREAKS).encode()
        if at and out[at - 1 : at] == b"\n" and rng.random() < 0.5:
            out[at - 1 : at] = sep
        else:
            out[at:at] = sep
    return bytes(out)


def crlf_bom(data: bytes, rng: random.Random) -> bytes:
    """CRLF on every, some or one line; a BOM at the start, twice, or in the middle."""
    kind = rng.randrange(5)
    if kind == 0:
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if kind == 1:
        lines = data.split(b"\n")
        return b"".join(ln + (b"\r\n" if rng.random() < 0.5 else b"\n") for ln in lines)[:-1]
    if kind == 2:
        return b"\xef\xbb\xbf" + data
    if kind == 3:
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data
    at = _at_line(data, rng)
    return data[:at] + b"\xef\xbb\xbf" + data[at:]


REPEATS = [
    "- ", "* ", "+ ", "1. ", "1) ", "> ", "#", "`", "```", "~~~", "[", "](", "![", "<", "</",
    "*", "_", "**", "__", "&", "&#", "\\", "|", "| a ", "    ", "\t", "<example>", "- [ ] ",
    "[a]: ", "<br>", "<b>", "http://", "=", "-", ":", "  \n",
]  # fmt: skip


def long_line(data: bytes, rng: random.Random) -> bytes:
    """A line of one markdown or YAML token repeated (``- - - -``, ``> > >``, ``[[[[``) in the
    body, a value or the description."""
    token = rng.choice(REPEATS)
    count = rng.choice([100, 2_000, 20_000, 200_000 // max(1, len(token))])
    line = token * count
    if rng.random() < 0.3:
        line += "x"
    where = rng.randrange(3)
    if where == 0:  # the body
        return data + b"\n" + line.encode() + b"\n"
    if where == 1:  # a value
        return _insert_line(data, rng, b"x: " + line.encode() + b"\n", frontmatter=True)
    block = "description: |\n" + "".join(f"  {chunk}\n" for chunk in [line, line[: count // 2]])
    return _insert_line(data, rng, block.encode(), frontmatter=True)


def many_keys(data: bytes, rng: random.Random) -> bytes:
    """Many keys (or one key many times), many examples, many sections or list items."""
    count = rng.choice([100, 1_000, 10_000, 30_000])
    kind = rng.randrange(5)
    if kind == 0:
        block = "".join(f"k{i}: v{i}\n" for i in range(count))
    elif kind == 1:
        block = "model: opus\n" * count
    elif kind == 2:
        ex = '<example>\nContext: c\nuser: "u"\nassistant: "a"\n</example>\n'
        block = "description: |\n" + "".join("  " + ln + "\n" for ln in (ex * count).split("\n"))
    elif kind == 3:
        return data + "".join(f"\n## S{i}\n- item {i}\n" for i in range(count // 4)).encode()
    else:
        return data + "".join(f"{'  ' * (i % 8)}- item {i}\n" for i in range(count)).encode()
    return _insert_line(data, rng, block.encode(), frontmatter=True)


def delimiters(data: bytes, rng: random.Random) -> bytes:
    """The frontmatter's ``---`` lines moved, doubled, dropped or made ``...``."""
    kind = rng.randrange(5)
    if kind == 0:
        return data.replace(b"---", b"", 1)
    if kind == 1:
        end = _fm_end(data)
        return data[:end] + data[end:].replace(b"---", b"", 1)
    if kind == 2:
        return b"---\n" + data
    if kind == 3:
        return data.replace(b"\n---", b"\n...", 1)
    return _insert_line(data, rng, b"---\n", frontmatter=rng.random() < 0.5)


def examples_tags(data: bytes, rng: random.Random) -> bytes:
    """Example tags unclosed, nested, stray, or with odd turn labels."""
    junk = rng.choice([
        b"<example>", b"</example>", b"<example><example>", b"<commentary>", b"</commentary>",
        b"user:", b"assistant:", b"Context:", b'user: "', b"<example>\nuser: \"x\n",
        b"<EXAMPLE>", b"</example></example>", b"<example>\n" * 50,
    ])  # fmt: skip
    at = data.find(b"<example>")
    if at < 0 or rng.random() < 0.5:
        return _insert_line(data, rng, b"  " + junk + b"\n", frontmatter=True)
    at += rng.randrange(0, 200)
    return data[:at] + junk + data[at:]


def splice(data: bytes, rng: random.Random) -> bytes:
    """The head of this file and the tail of another (or of itself)."""
    other = _base(rng)[1]
    return data[: rng.randint(0, len(data))] + other[rng.randint(0, len(other)) :]


def non_utf8(data: bytes, rng: random.Random) -> bytes:
    junk = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf",
                       b"\x80", b"\xe2\x80", b"\x00"])  # fmt: skip
    at = rng.randint(0, len(data))
    return data[:at] + junk + data[at:]


ODD = [
    "\u200b", "\u202e", "\ufeff", "\U0001f600" * 50, "e\u0301", "\t", "\x00", "\x1b[31m",
    "\ud7ff", "\uffff", "\U0010ffff", "\u00a0:", "\uff1a", "\u30fc",
]  # fmt: skip


def odd_text(data: bytes, rng: random.Random) -> bytes:
    """Characters that differ by width, normalisation or direction, and control characters."""
    at = rng.randint(0, len(data))
    return data[:at] + rng.choice(ODD).encode() + data[at:]


MUTATORS: dict[str, Mutator] = {
    "byte_flip": byte_flip,
    "insert_bytes": insert_bytes,
    "delete_bytes": delete_bytes,
    "truncate": truncate,
    "bad_scalar": bad_scalar,
    "anchors": anchors,
    "deep_nesting": deep_nesting,
    "line_separators": line_separators,
    "crlf_bom": crlf_bom,
    "long_line": long_line,
    "many_keys": many_keys,
    "delimiters": delimiters,
    "examples_tags": examples_tags,
    "splice": splice,
    "non_utf8": non_utf8,
    "odd_text": odd_text,
}


# --- base files -------------------------------------------------------------------------------

_bases: list[tuple[str, Path | bytes]] | None = None


def bases() -> list[tuple[str, Path | bytes]]:
    """(name, path or bytes) of every base file: the corpus (when present), the fixtures and
    40 generated agents. Corpus files are read when first drawn."""
    global _bases
    if _bases is None:
        import sys

        sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
        from generate import generated_agents, large_agent

        found: list[tuple[str, Path | bytes]] = []
        if CORPUS.is_dir():
            corpus = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name not in _SKIP)
            found += [(f"corpus/{p.relative_to(CORPUS)}", p) for p in corpus]
        found += [(f"fixtures/{p.name}", p) for p in sorted(FIXTURES.glob("*.md"))]
        found += [(f"generated/{path}", text.encode()) for path, text in generated_agents(40)]
        found.append(("generated/large-agent.md", large_agent(100_000).encode()))
        _bases = found
    return _bases


def _base(rng: random.Random) -> tuple[str, bytes]:
    name, source = rng.choice(bases())
    return name, source.read_bytes() if isinstance(source, Path) else source


def make_input(seed: int, index: int) -> tuple[str, list[str], bytes]:
    """Input ``index`` of run ``seed``: (base file name, mutator chain, bytes)."""
    rng = random.Random(f"{seed}:{index}")
    name, data = _base(rng)
    chain = [rng.choice(list(MUTATORS)) for _ in range(rng.choice([1, 1, 2, 3]))]
    for mutator in chain:
        data = MUTATORS[mutator](data, rng)[:MAX_SIZE]
    return name, chain, data
