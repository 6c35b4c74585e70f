"""Reading ``claude plugin eval --json`` results, the history of runs, and the command.

``not-logged-in.json`` is the real binary's output (2.1.332, signed out); ``passing.json`` and
``mixed.json`` are written to the same schema (with and without arms, three runs a case)."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from agentquill.core import evals
from agentquill.core.evals import ResultError, parse_result
from support import FIXTURES

RESULTS = FIXTURES / "evals"


def result(name: str) -> evals.Result:
    return parse_result((RESULTS / name).read_text(encoding="utf-8"))


def test_the_real_signed_out_run():
    run = result("not-logged-in.json")
    assert (run.claude_version, run.partial, run.partial_reason) == ("2.1.332", True, "auth_failed")
    assert "not signed in" in run.reason and run.plugins == ("seed",)
    (case,) = run.cases
    assert (case.name, case.prompt) == (
        "backend-developer--001-use",
        "Create an API endpoint for user registration",
    )
    assert (case.pass_rate, case.pass_rate_without, case.delta) == (0, None, None)
    error, grader = case.failures
    assert error.explanation == "exit 1: Not logged in · Please run /login"
    assert (grader.grader, grader.explanation) == ("delegation", "Agent called 0x (expected 1..∞)")
    assert grader.trace_path.endswith("trace.jsonl") and grader.arm == "with"


def test_passing_and_mixed_runs_give_rates_deltas_and_failures():
    passing, mixed = result("passing.json"), result("mixed.json")
    assert passing.reason is None and passing.overall_pass_rate == 1
    # without the plugin its agent cannot be called: the "use" cases fail there, as they should
    assert {f.arm for c in passing.cases for f in c.failures} == {"without"}
    rates = [x for c in mixed.cases for x in (c.pass_rate, c.pass_rate_without, c.delta)]
    expected = [2 / 3, 0, 2 / 3, 1 / 3, 0, 1 / 3, 0, 0, 0, 1, 1, 0, 2 / 3, 1, -1 / 3]
    assert rates == pytest.approx(expected)
    avoid = mixed.case("backend-developer--005-avoid")
    (failure,) = [f for f in avoid.failures if f.arm == "with"]
    assert failure.explanation == "Agent called 1x (expected 0..0)"
    assert mixed.mean_delta == pytest.approx(2 / 15)
    assert mixed.case("nope") is None


def test_figures_come_from_the_runs_when_the_aggregates_are_missing():
    data = json.loads((RESULTS / "mixed.json").read_text())
    for case in data["cases"]:
        del case["aggregates"]
    data["cases"][0]["surprise"] = {"new": "key"}
    case = parse_result(json.dumps(data)).cases[0]
    assert (case.pass_rate, case.pass_rate_without, case.delta) == pytest.approx((2 / 3, 0, 2 / 3))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "not JSON"),
        ("[]", "no schemaVersion"),
        ('{"schemaVersion": 2}', "schemaVersion 2"),
        ('{"schemaVersion": 1, "cases": {}}', "result.cases has the wrong type"),
        ('{"schemaVersion": 1, "cases": [{"name": "a"}]}', "cases[0].arms is missing"),
        (
            '{"schemaVersion": 1, "cases": [{"name": "a", "arms": {"with": [{"score": "1"}]}}]}',
            "cases[0].arms.with[0].score has the wrong type",
        ),
    ],
)
def test_a_wrong_shape_is_a_clear_error(text, words):
    with pytest.raises(ResultError, match=words.replace("[", r"\[").replace("]", r"\]")):
        parse_result(text)


def test_load_errors_are_the_binarys_own_lines():
    recorded = (RESULTS / "broken-case.stderr").read_text(encoding="utf-8")
    ((folder, message),) = evals.load_errors(recorded)
    assert folder.endswith("/evals/broken")
    assert message == "invalid case.yaml:   graders.0.tool: Required"
    assert evals.load_errors((RESULTS / "not-logged-in.stderr").read_text()) == []


def test_progress_lines_of_the_real_signed_out_run():
    lines = (RESULTS / "not-logged-in-progress.stderr").read_text(encoding="utf-8").splitlines()
    found = [p for p in map(evals.parse_progress, lines) if p is not None]
    assert found == [
        evals.LoadError(found[0].folder, "invalid case.yaml:   graders.0.tool: Required"),
        evals.Planned(10),
        evals.KeptSandbox("/tmp/claude-eval-QK191A"),
        evals.RunDone(
            "backend-developer--001-use", 1, 1, "with", 0.0, 0.0,
            "exit 1: Not logged in · Please run /login",
        ),
        evals.CaseDone("backend-developer--001-use", False, 0.0, None, None),
    ]  # fmt: skip
    assert found[0].folder.endswith("/evals/broken")
    written = parse_result((RESULTS / "not-logged-in-aggregate-result.json").read_text())
    assert written.partial_reason == "auth_failed" and written.cases[0].failures


@pytest.mark.parametrize(
    ("line", "expected"),
    [  # lines written to the binary's formats, for runs that reach a verdict
        ("  a--001-use run 2/3 [without]: score 1.00  $0.01",
         evals.RunDone("a--001-use", 2, 3, "without", 1.0, 0.01, None)),
        ("  a--001-use run 1/3: score 0.50  $0.02",
         evals.RunDone("a--001-use", 1, 3, None, 0.5, 0.02, None)),
        ("✓ a--001-use  with 1.00  without 0.00  Δ +1.00  (6 runs)  $0.12",
         evals.CaseDone("a--001-use", True, 1.0, 0.0, 1.0)),
        ("✗ b  with 0.33  without 1.00  Δ -0.67  (6 runs)  $0.05",
         evals.CaseDone("b", False, 0.33, 1.0, -0.67)),
        ("✗ b  with 0.33  Δ — (cost ceiling: arms graded under different rules)  (3 runs)  $0.05",
         evals.CaseDone("b", False, 0.33, None, None)),
        ("✓ c  score 1.00  (1 run)  $0.00", evals.CaseDone("c", True, 1.0, None, None)),
        ("Report: /tmp/out/report.html", None),
        ("⚠ cost ceiling $0.5 hit; skipping remaining cases", None),
    ],
)  # fmt: skip
def test_progress_lines_of_runs_that_reach_a_verdict(line, expected):
    assert evals.parse_progress(line) == expected


def test_only_a_kept_eval_sandbox_is_discarded(tmp_path):
    assert not evals.discard_sandbox(tmp_path)  # not a claude-eval-* folder in the temp dir
    sandbox = Path(tempfile.mkdtemp(prefix="claude-eval-"))
    (sandbox / "out").mkdir()
    (sandbox / "out" / "trace.jsonl").write_text("{}\n")
    (sandbox / "out").chmod(0o500)  # as the binary closes it
    assert evals.discard_sandbox(sandbox) and not sandbox.exists()


def test_description_hash_ignores_line_endings_and_outer_blanks():
    h = evals.description_hash("Use for APIs.\nAnd DBs.")
    assert h == evals.description_hash("  Use for APIs.\r\nAnd DBs.\n") and len(h) == 12
    assert h != evals.description_hash("Use for APIs. And DBs.")


def ran(run: evals.Result) -> dict[str, evals.Case]:
    """The cases a run ran, by folder name, as the pane knew them when it started the run."""
    return {
        c.name: evals.Case(Path(c.name), c.name, c.prompt, "backend-developer", c.name[-3:])
        for c in run.cases
    }


def test_history_records_runs_per_agent_and_reads_them_back(tmp_path):
    history = evals.History(tmp_path / "evals")
    first = datetime(2026, 12, 7, 21, 0, tzinfo=timezone.utc)
    signed_out = result("not-logged-in.json")
    assert history.record("backend-developer", "aaa", signed_out, ran(signed_out)) is None
    mixed, passing = result("mixed.json"), result("passing.json")
    old = history.record("backend-developer", "aaa", mixed, ran(mixed), now=first)
    new = history.record("backend-developer", "bbb", passing, ran(passing))
    fourth = {k: v for k, v in ran(passing).items() if k == "backend-developer--004-avoid"}
    history.record("other", "ccc", passing, fourth)
    assert old.score_with == pytest.approx(8 / 15) and old.delta == pytest.approx(2 / 15)
    assert (new.score_with, new.score_without) == (1, pytest.approx(0.4))
    runs = history.runs("backend-developer")
    assert runs == [old, new] and runs[0].time == "2026-12-07T21:00:00+00:00"
    fifth = evals.prompt_key(ran(mixed)["backend-developer--005-avoid"])
    assert runs[0].cases[fifth] == pytest.approx((2 / 3, 1))
    assert runs[0].names[fifth] == "backend-developer--005-avoid"
    (other,) = history.runs("other")
    assert list(other.names.values()) == ["backend-developer--004-avoid"]


def test_a_prompts_key_is_its_prompt_and_expectation_not_its_folder():
    case = evals.Case(Path("a--001-use"), "a--001-use", "Build an API", "a", "use")
    key = evals.prompt_key(case)
    assert key == evals.prompt_key(replace(case, folder=Path("b--003-use"), name="b--003-use"))
    assert key != evals.prompt_key(replace(case, prompt="Build an API for orders"))
    assert key != evals.prompt_key(replace(case, expect="avoid"))


def test_a_damaged_history_line_is_skipped(tmp_path):
    history = evals.History(tmp_path)
    history.record("a", "h", result("passing.json"), ran(result("passing.json")))
    with history.path.open("a") as fh:
        fh.write('{"agent": "a", "cases": 3}\nnot json\n{"agent": "a"')
    history.record("a", "h2", result("mixed.json"), ran(result("mixed.json")))
    assert [e.description_hash for e in history.runs("a")] == ["h", "h2"]
    assert evals.History(tmp_path / "none").runs("a") == []


def test_the_command_always_has_a_cost_ceiling():
    args = evals.eval_arguments("claude", Path("/p"), 3, 2, 1.5, "backend-developer--*")
    assert args == [
        "claude", "plugin", "eval", "--no-publish", "--trust-plugin",
        "--runs", "3", "--concurrency", "2", "--max-cost-usd", "1.5", "--json",
        "--case", "backend-developer--*", "--", "/p",
    ]  # fmt: skip
    with_progress = evals.eval_arguments("claude", "/p", 1, 1, 0.25, output_dir=Path("/out"))
    assert "--json" not in with_progress
    assert with_progress[-4:] == ["--output-dir", "/out", "--", "/p"]
    with pytest.raises(ValueError, match="cost ceiling"):
        evals.eval_arguments("claude", "/p", 3, 2, 0)
    with pytest.raises(ValueError, match="runs"):
        evals.eval_arguments("claude", "/p", 0, 2, 1)
    with pytest.raises(ValueError, match="concurrency"):
        evals.eval_arguments("claude", "/p", 1, 9, 1)


def test_a_project_becomes_a_plugin_with_its_agents_and_cases(tmp_path):
    project = tmp_path / "My Project"
    (project / ".claude" / "agents" / "team").mkdir(parents=True)
    (project / ".claude" / "agents" / "team" / "a.md").write_text("---\nname: a\n---\n")
    evals.add_case(project / "evals", "a", "Do A", "use")
    passing = result("passing.json")
    evals.History(project / "evals").record("a", "h", passing, ran(passing))
    (project / "evals" / "results" / "old").mkdir(parents=True)
    root = evals.project_plugin(project, tmp_path / "plugin")
    assert json.loads((root / ".claude-plugin" / "plugin.json").read_text())["name"] == "my-project"
    assert (root / "agents" / "team" / "a.md").is_file()
    assert sorted(p.name for p in (root / "evals").iterdir()) == ["a--001-use"]
