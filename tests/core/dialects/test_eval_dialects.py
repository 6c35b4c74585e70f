"""Eval case files are dialects of their own, found by their place below ``evals/``."""

import pytest

from agentquill.core import dialects
from agentquill.core.evals import schema

PROMPT, GRADER = dialects.EVAL_PROMPT, dialects.EVAL_GRADER


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/p/evals/case/prompt.md", PROMPT),
        ("/p/evals/group/case/prompt.md", PROMPT),
        ("/p/evals/case/graders/delegation.md", GRADER),
        ("evals/case/graders/criteria.md", GRADER),
        ("/p/evals/prompt.md", None),  # a case is a folder
        ("/p/evals/graders/g.md", None),
        ("/p/evals/case/graders/deeper/g.md", None),
        ("/p/evals/case/notes.md", None),
        ("/p/evals/case/prompt.txt", None),
        ("/p/myevals/case/prompt.md", None),
    ],
)
def test_detection_by_path(path, expected):
    found = dialects.dialect_for_path(path)
    assert (found.id if found else None) == expected


def test_the_forms_show_every_key_claude_code_takes_and_no_other():
    prompt, grader = dialects.get(PROMPT), dialects.get(GRADER)
    assert set(prompt.fields) == set(schema.PROMPT_KEYS)
    assert set(grader.fields) == {k for keys in schema.GRADER_KEYS.values() for k in keys}
    assert prompt.kind == grader.kind == "eval" and prompt.strict_keys and grader.strict_keys
    assert grader.required_keys == ("type",)
    assert grader.fields["type"].allowed == tuple(schema.GRADER_KEYS)
    assert grader.fields["arm"].allowed == ("with-only", "both")
    assert (prompt.fields["max_turns"].minimum, prompt.fields["max_turns"].maximum) == (1, 200)
    assert all(spec.help for spec in (*prompt.fields.values(), *grader.fields.values()))
