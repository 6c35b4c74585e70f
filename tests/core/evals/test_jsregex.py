"""Graders' regexes are JavaScript's: what ``new RegExp`` in Claude Code accepts and refuses,
held to the real binary. A regex grader on the signed-out run's last message compiles its
pattern and says ``grader threw: Invalid regular expression: <why>`` when it cannot."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from agentquill.core import evals
from support import SEED, claude_binary

#: (pattern, flags) → the binary's words when it refuses it, None when it compiles it
VERDICTS = {
    ('"subagent_type":\\s*"(?<agent>backend-developer)"', ""): None,
    ("(?<w>a)\\k<w>", ""): None,
    ("(?<a>x)|(?<a>y)", ""): None,
    ("(?i:backend)", ""): None,
    ("(?<=a)b", ""): None,
    ("\\u{62}ackend", "u"): None,
    ("\\p{L}", "u"): None,
    ("[]|[^]", ""): None,
    ("a{|a}|a]|\\A|\\x6", ""): None,
    ("[\\w-z]", ""): None,
    ("(?P<who>backend)", ""): "unrecognized character after (?",
    ("(?P<w>a)(?P=w)", ""): "unrecognized character after (?",
    ("a(?#note)b", ""): "unrecognized character after (?",
    ("(?i)backend", ""): "unrecognized character after (?",
    ("(?>a)", ""): "unrecognized character after (?",
    ("a++", ""): "nothing to repeat",
    ("(abc", ""): "missing )",
    ("[z-a]", ""): "range out of order in character class",
    ("a{2,1}", ""): "numbers out of order in {} quantifier",
    ("(?<a>x)(?<a>y)", ""): "duplicate group specifier name",
    ("(?<1a>x)", ""): "invalid group specifier name",
    ("a{", "u"): "incomplete {} quantifier for Unicode pattern",
    ("a]", "u"): "unmatched ] or } bracket for Unicode pattern",
    ("\\Aabc", "u"): "invalid escaped character for Unicode pattern",
    ("\\k<zz>a", "u"): "invalid \\k<> named backreference",
    ("(a)\\9", "u"): "invalid backreference for Unicode pattern",
    ("[\\w-z]", "u"): "invalid range in character class for Unicode pattern",
    ("\\u62", "u"): "invalid Unicode \\u escape",
}


@pytest.mark.parametrize(("pattern", "flags"), VERDICTS)
def test_javascript_syntax_is_checked_with_the_binarys_words(pattern, flags):
    why = evals.schema.regex_problem(pattern, flags)
    expected = VERDICTS[pattern, flags]
    assert why is None if expected is None else why.startswith(expected), why


def test_a_python_named_group_is_refused_with_the_javascript_spelling():
    why = evals.schema.regex_problem("(?P<who>backend)")
    assert "(?<name>…)" in why


def test_a_javascript_named_group_finds_its_agent_and_python_s_is_broken(tmp_path):
    for name, pattern in (("js", "(?<agent>backend-developer)"), ("py", "(?P<a>backend)")):
        graders = tmp_path / "evals" / name / "graders"
        graders.mkdir(parents=True)
        (graders.parent / "prompt.md").write_text("Add a REST endpoint\n")
        grader = f'"subagent_type":\\s*"{pattern}"'
        (graders / "g.md").write_text(
            f"---\ntype: tool_used\ntool: Agent\ninput_match: '{grader}'\n---\n"
        )
    suite = evals.read_cases(tmp_path / "evals")
    assert [(c.agent, c.expect) for c in suite.cases] == [("backend-developer", "use")]
    assert [e.folder.name for e in suite.errors] == ["py"]


CLAUDE = claude_binary()


@pytest.mark.skipif(CLAUDE is None, reason="claude-oracle has not installed Claude Code")
def test_the_binary_agrees(tmp_path):
    root = tmp_path / "rx"
    (root / ".claude-plugin").mkdir(parents=True)
    (root / ".claude-plugin" / "plugin.json").write_text('{"name": "rx"}')
    (root / "agents").mkdir()
    (root / "agents" / SEED.name).write_text(SEED.read_text())
    names = {}
    for n, (pattern, flags) in enumerate(VERDICTS):
        case = root / "evals" / f"c{n:02}"
        (case / "graders").mkdir(parents=True)
        (case / "prompt.md").write_text("hello\n")
        keys = {"type": "regex", "target": "last_message", "match": "not_contains"}
        keys |= {"pattern": pattern} | ({"flags": flags} if flags else {})
        lines = "".join(f"{k}: {json.dumps(v)}\n" for k, v in keys.items())
        (case / "graders" / "g.md").write_text(f"---\n{lines}---\n")
        names[case.name] = (pattern, flags)
    for name, key in names.items():  # the signed-out run stops after one case: one run each
        assert _binary_verdict(root, name) == VERDICTS[key], key


def _binary_verdict(root: Path, case: str) -> str | None:
    run = subprocess.run(
        [str(CLAUDE), "plugin", "eval", "--json", "--trust-plugin", "--no-publish"]
        + ["--runs", "1", "--ablation", "none", "--case", case]
        + ["--output-dir", str(root.parent / "results" / case), str(root)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=root.parent,
    )
    (result,) = json.loads(run.stdout)["cases"]
    explanation = result["arms"]["with"][0]["graders"][0]["explanation"]
    threw = "grader threw: Invalid regular expression: "
    return explanation.removeprefix(threw) if explanation.startswith(threw) else None
