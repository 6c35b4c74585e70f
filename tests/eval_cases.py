"""Broken eval cases, shared by the tests of reading, lint and the real binary."""

from __future__ import annotations

from pathlib import Path

GOOD_GRADER = "---\ntype: tool_used\ntool: Agent\n---\n"

BROKEN = {
    # files of the case → the file named in the error, and words of its message
    "no tool": (
        {"graders/g.md": "---\ntype: tool_used\nmin: 1\n---\n"},
        "graders/g.md",
        'needs "tool"',
    ),
    "unknown prompt key": (
        {"prompt.md": "---\nfoo: 1\n---\nHi\n"},
        "prompt.md",
        'unknown frontmatter key "foo"',
    ),
    "wrong type": ({"prompt.md": "---\nmax_turns: five\n---\nHi\n"}, "prompt.md", "max_turns"),
    "unknown grader key": (
        {"graders/g.md": "---\ntype: tool_used\ntool: Agent\nfoo: 1\n---\n"},
        "graders/g.md",
        '"foo" is not a key',
    ),
    "unknown type": ({"graders/g.md": "---\ntype: nope\n---\n"}, "graders/g.md", "nope"),
    "bad yaml": ({"graders/g.md": "---\ntype: [\n---\n"}, "graders/g.md", "invalid YAML"),
    "empty prompt": ({"prompt.md": "---\nmax_turns: 3\n---\n"}, "prompt.md", "no prompt"),
    "no graders": ({"graders/notes.md": "plain notes\n"}, "graders", "no graders"),
    "bad regex": (
        {"graders/g.md": "---\ntype: tool_used\ntool: Agent\ninput_match: '(x'\n---\n"},
        "graders/g.md",
        "regular expression",
    ),
    "max below min": (
        {"graders/g.md": "---\ntype: tool_used\ntool: Agent\nmax: 0\n---\n"},
        "graders/g.md",
        "min: 0",
    ),
    "not utf-8": ({"prompt.md": "Hi \udcff\n"}, "prompt.md", "UTF-8"),
}


def write_broken(folder: Path, name: str) -> None:
    """The case ``BROKEN[name]`` in ``folder``: a good case with the broken files over it."""
    files = {"prompt.md": "Hi\n", "graders/g.md": GOOD_GRADER, **BROKEN[name][0]}
    if "graders/notes.md" in files:
        del files["graders/g.md"]
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(text.encode("utf-8", "surrogateescape"))
