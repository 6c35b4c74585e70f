"""``agentquill evals``: the cases of an evals folder (by the folder or the plugin above it),
the broken ones with their file and reason, and the exit status."""

import json

from agentquill.cli import main
from agentquill.core import evals
from eval_cases import write_broken


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cases_and_broken_ones_as_a_table_and_as_json(capsys, tmp_path):
    folder = tmp_path / "evals"
    evals.add_case(folder, "api", "Create an API endpoint\nfor sign-up", "use")
    evals.add_case(folder, "api", "Write a haiku " + "x" * 80, "avoid")
    code, out, _ = run(capsys, "evals", str(tmp_path))
    assert code == 0
    assert out.splitlines() == [
        "use   api  api--001-use  Create an API endpoint for sign-up",
        "avoid api  api--002-avoid  Write a haiku " + "x" * 45 + "…",
        "2 cases, 0 broken",
    ]
    write_broken(folder / "zz", "no tool")
    code, out, _ = run(capsys, "evals", "--json", str(folder))
    data = json.loads(out)
    assert code == 1 and [c["expect"] for c in data["cases"]] == ["use", "avoid"]
    assert data["cases"][0] == {
        "name": "api--001-use",
        "folder": "api--001-use",
        "agent": "api",
        "plugin": None,
        "expect": "use",
        "prompt": "Create an API endpoint\nfor sign-up",
        "graders": ["delegation"],
    }
    assert data["errors"] == [
        {"file": "zz/graders/g.md", "message": 'a tool_used grader needs "tool"'}
    ]


def test_a_missing_folder_is_one_line(capsys, tmp_path):
    code, out, err = run(capsys, "evals", str(tmp_path / "nowhere"))
    assert (code, out) == (2, "") and err == f"error: {tmp_path / 'nowhere'}: no such folder\n"
