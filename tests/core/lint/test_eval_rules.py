"""Lint of eval case files (AQ510–AQ515, and the shared key checks), and agreement with what
:func:`agentquill.core.evals.read_cases` and Claude Code refuse."""

from __future__ import annotations

import pytest

from agentquill.core import evals
from agentquill.core.agentfile import AgentFile
from agentquill.core.lint import Severity, lint
from eval_cases import BROKEN, GOOD_GRADER

PROMPT = "/p/evals/case/prompt.md"
GRADER = "/p/evals/case/graders/g.md"


def codes(text: str, path: str = GRADER) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for d in lint(AgentFile.from_text(text, path)):
        assert path != GRADER or d.severity is Severity.ERROR or d.code == "AQ515", d
        found.setdefault(d.code, []).append(d.message)
    return found


def test_the_files_we_write_are_clean(tmp_path):
    for expect in ("use", "avoid"):
        case = evals.add_case(tmp_path / "evals", "backend-developer", "Add JWT auth", expect)
        for path in (case.folder / "prompt.md", *case.folder.glob("graders/*.md")):
            assert lint(AgentFile.from_text(path.read_text(), str(path))) == []


@pytest.mark.parametrize(
    ("grader", "expected"),
    [
        ("type: tool_used\nmin: 1\n", {"AQ511": ["A 'tool_used' grader needs 'tool'"]}),
        ("type: llm\n", {"AQ511": ["A 'llm' grader needs 'criteria' (or the body)"]}),
        ("type: baseline\nbaseline_file: a\n", {"AQ511": ["A 'baseline' grader needs 'criteria'"]}),
        ("type: tool_used\ntool: Agent\npattern: x\n", {"AQ510": ["A 'tool_used' grader"]}),
        ("type: tool_used\ntool: Agent\ninput_match: '(x'\n", {"AQ512": ["'input_match' is not"]}),
        ("type: tool_used\ntool: Agent\ninput_match: '(?P<a>x)'\n", {"AQ512": ["'input_match'"]}),
        ("type: tool_used\ntool: Agent\ninput_match: '(?<a>x)\\k<a>'\n", {}),
        ("type: regex\npattern: '\\u{62}'\nflags: u\n", {}),
        ("type: regex\npattern: 'a{'\nflags: u\n", {"AQ512": ["'pattern' is not"]}),
        ("type: tool_used\ntool: Agent\nmin: 3\nmax: 1\n", {"AQ513": ["min 3 is above max 1"]}),
        ("type: tool_used\ntool: Agent\nmax: 0\n", {"AQ513": ["max 0 is below the default min"]}),
        ("type: tool_used\ntool: Agent\nfoo: 1\n", {"AQ210": ["'foo' is not a Claude Code eval"]}),
        ("type: tool_used\ntool: Agent\nmin: one\n", {"AQ211": ["'min' should be"]}),
        ("type: nope\n", {"AQ212": ["'nope' is not a valid type"]}),
        ("type: [\n", {"AQ100": ["Not valid YAML (while parsing"], "AQ212": ["'[' is not"]}),
        ("tool: Agent\n", {"AQ200": ["'type' is required"]}),
        ("type: regex\nflags: i\nmatch: count:2\n", {"AQ511": ["A 'regex' grader needs"]}),
    ],
)
def test_grader_rules(grader, expected):
    found = codes(f"---\n{grader}---\n")  # each an error: Claude Code refuses or never passes
    assert set(found) == set(expected)
    for code, starts in expected.items():
        assert [m[: len(s)] for m, s in zip(found[code], starts, strict=True)] == starts


def test_a_body_fills_criteria_and_pattern_and_is_checked_as_one():
    assert codes("---\ntype: llm\n---\nNames the agent it hands the task to.\n") == {}
    assert codes("---\ntype: regex\n---\n\\bdelegat(e|ing)\\b\n") == {}
    (message,) = codes("---\ntype: regex\n---\n(unclosed\n")["AQ512"]
    assert message.startswith("The body (the pattern) is not a valid regular expression")


def test_a_grader_without_frontmatter_is_skipped_and_an_empty_prompt_refused():
    assert codes("Just notes.\n") == {
        "AQ515": ["Claude Code skips a grader file without frontmatter (type: …)"]
    }
    assert set(codes("---\nmax_turns: 3\n---\n\n", PROMPT)) == {"AQ514"}
    assert codes("Create an API endpoint\n", PROMPT) == {}  # no frontmatter needed


def test_prompt_keys_are_checked_by_type_range_and_tool():
    found = codes(
        "---\nmax_turns: 500\nruns: 0\nallowed_tools: [Read, Teleport]\nfoo: 1\n---\nHi\n", PROMPT
    )
    assert set(found) == {"AQ211", "AQ210", "AQ221"} and len(found["AQ211"]) == 2
    assert found["AQ221"] == ["'Teleport' is not a known Claude Code tool"]


# all but a case without graders (no file to lint) and bytes that do not decode (no file opens)
@pytest.mark.parametrize("name", [n for n in BROKEN if n not in ("no graders", "not utf-8")])
def test_lint_flags_the_file_of_every_broken_case_read_cases_refuses(name):
    files, culprit, _words = BROKEN[name]
    text = {"prompt.md": "Hi\n", "graders/g.md": GOOD_GRADER, **files}[culprit]
    errors = [d for d in lint(AgentFile.from_text(text, f"/p/evals/bad/{culprit}"))
              if d.severity is Severity.ERROR]  # fmt: skip
    assert errors, name
