"""What Claude Code registers, file by file: init messages the real 2.1.332 printed for small
generated projects (``registration_cases``) compared with our prediction, disagreements made
by editing those messages, the cache key, and the real binary when claude-oracle installed it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from agentquill.core.claude import Init, parse_line, registration
from registration_cases import init_line, write
from support import claude_binary

CLAUDE = claude_binary()
real = pytest.mark.skipif(CLAUDE is None, reason="claude-oracle has not installed Claude Code")


def recorded(case: str) -> Init:
    message = parse_line(init_line(case))
    assert isinstance(message, Init)
    return message


def report(root: Path, case: str, **changes) -> registration.Report:
    said = dataclasses.replace(recorded(case), **changes)
    return registration.compare(registration.prediction(root), said, recorded("empty"))


def summaries(found: registration.Report, root: Path) -> dict[str, str]:
    return {r.file.relative_to(root).as_posix(): r.summary() for r in found.files.values()}


#: what each recorded case registers, file by file (a project's files are under .claude/)
AGREED = {
    "project": {
        "agents/alpha.md": "registered as alpha",
        "agents/blank.md": "not registered by Claude Code",
        "agents/long.md": "not registered by Claude Code",
        "agents/one.md": "loses a clash to two.md",
        "agents/two.md": "registered as twin",
        "skills/deploy/SKILL.md": "registered as deploy",
        "commands/hello.md": "registered as hello",
    },
    "plugin": {  # a >256 name and an opening --- after a blank line: named by the stem
        "agents/a3.md": "registered as kit:a3",
        "agents/a5.md": "registered as kit:a5",
        "agents/tool.md": "registered as kit:helper",
        "commands/run.md": "registered as kit:run",
    },
}


@pytest.mark.parametrize("case", AGREED)
def test_what_claude_code_registered_agrees_with_our_prediction(tmp_path, case):
    root = write(tmp_path / case, case)
    found = report(root, case)
    base = root / ".claude" if case == "project" else root
    assert summaries(found, base) == AGREED[case]
    assert found.problems == []


def test_the_headline_counts_each_kind(tmp_path):
    found = report(write(tmp_path / "p", "project"), "project")
    assert found.headline() == "Claude Code 2.1.332 registers 2 agents · 1 skill · 2 commands"
    root = write(tmp_path / "kit", "plugin")
    args = registration.run_arguments(root)
    assert args[args.index("--plugin-dir") + 1] == str(root)


def test_a_file_claude_code_leaves_out_is_a_problem(tmp_path):
    root = write(tmp_path / "p", "project")
    agents = tuple(a for a in recorded("project").agents if a != "alpha")
    found = report(root, "project", agents=agents)
    [problem] = found.problems
    assert (problem.code, problem.severity, problem.path.name) == ("AQ430", "warning", "alpha.md")
    assert problem.message == (
        "Claude Code 2.1.332 does not register this file; our lint expected it to"
    )
    assert found.files[problem.path].summary() == "not registered by Claude Code"
    assert found.headline().startswith("Claude Code 2.1.332 registers 1 agent ·")


def test_a_file_claude_code_registers_against_our_lint_is_a_problem(tmp_path):
    root = write(tmp_path / "p", "project")
    found = report(root, "project", agents=(*recorded("project").agents, "blank-first"))
    [problem] = found.problems
    assert problem.path.name == "blank.md"
    assert problem.message.startswith(
        "Claude Code 2.1.332 registers this file as blank-first; our lint expected it not to ("
    )
    assert "line" in problem.message  # our reason: its opening --- is not on the first line


def test_a_built_in_name_is_never_given_to_a_skipped_file(tmp_path):
    root = write(tmp_path / "p", "project")
    skipped = "---\nname: Explore\n---\nNo description: skipped.\n"
    (root / ".claude" / "agents" / "explore.md").write_text(skipped)
    found = report(root, "project")
    assert found.files[root / ".claude" / "agents" / "explore.md"].name == ""
    assert found.problems == []


def test_names_that_differ_are_a_problem(tmp_path):
    root = write(tmp_path / "kit", "plugin")
    agents = tuple("kit:tool" if a == "kit:helper" else a for a in recorded("plugin").agents)
    found = report(root, "plugin", agents=agents)
    [problem] = found.problems
    assert problem.path.name == "tool.md"
    assert problem.message == (
        "Claude Code 2.1.332 registers this file as kit:tool; our lint expected kit:helper"
    )


def test_the_cache_key_follows_content_not_times(tmp_path):
    root = write(tmp_path / "p", "project")
    home = tmp_path / "home"

    def key() -> str:
        return registration.cache_key("claude", root, registration.prediction(root), home)

    first = key()
    agent = root / ".claude" / "agents" / "alpha.md"
    agent.write_text(agent.read_text())  # saved unchanged
    assert key() == first
    agent.write_text(agent.read_text() + "More.\n")
    second = key()
    assert second != first
    (root / ".claude" / "settings.json").write_text("{}")
    assert key() != second
    (root / ".claude" / "settings.json").unlink()
    assert key() == second
    (root / ".claude" / "agents" / "new.md").write_text("---\nname: new\n---\n")
    assert key() != second


def test_a_cached_answer_is_not_run_again(tmp_path):
    root = write(tmp_path / "p", "project")
    home, cache = tmp_path / "home", tmp_path / "cache"
    home.mkdir()
    entries = registration.prediction(root)
    (cache).mkdir()
    (cache / f"{registration.cache_key('absent', root, entries, home)}.json").write_text(
        init_line("project")
    )
    env = {"HOME": str(home)}
    found = registration.check("absent", root, env=env, cache=cache)
    assert found.problem == "" and found.problems == []
    assert found.files[root / ".claude" / "agents" / "two.md"].summary() == "registered as twin"
    (root / ".claude" / "agents" / "alpha.md").write_text("changed")
    failed = registration.check("absent", root, env=env, cache=cache)
    assert failed.problem.startswith("Claude Code could not be started")
    assert failed.files == registration.predicted(root).files  # our prediction, then
    assert failed.problems == []


@real
@pytest.mark.parametrize("case", ["project", "plugin"])
def test_the_real_claude_code_agrees_with_our_prediction(tmp_path, case):
    root = write(tmp_path / case, case)
    (tmp_path / "home").mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home")}
    ran = tmp_path / "hook-ran"
    hook = {"hooks": [{"type": "command", "command": f"touch {ran}"}]}
    (root / ".claude").mkdir(exist_ok=True)
    (root / ".claude" / "settings.json").write_text(json.dumps({"hooks": {"SessionStart": [hook]}}))
    found = registration.check(str(CLAUDE), root, env=env, cache=tmp_path / "cache")
    assert not ran.exists()  # a check on every save must not run the project's hooks
    home = tmp_path / "home" / ".claude"
    assert not (home / "projects").exists()  # no session, no memory folder: nothing of ours
    assert list((home / "sessions").iterdir()) == []  # ended gently: it tidied up
    assert found.problem == "" and found.version == "2.1.332"
    assert found.problems == []
    registered = {r.name for r in found.registrations if r.name}
    expected = {"project": {"alpha", "twin", "deploy", "hello"}}.get(case)
    assert registered == (expected or {"kit:a3", "kit:a5", "kit:helper", "kit:run"})
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2  # the project and the baseline


def test_our_prediction_alone_agrees_with_itself(tmp_path):
    root = write(tmp_path / "p", "project")
    alone = registration.predicted(root)
    base = root / ".claude"
    assert summaries(alone, base) == AGREED["project"] and alone.problems == []
    assert registration.predicted(tmp_path / "gone").problem.startswith("Cannot read")


def test_a_cached_answer_that_is_not_text_is_asked_again(tmp_path):
    """A cache file of bytes that are no UTF-8 (a disk error, a stray write) is no answer:
    Claude Code is asked again (here it cannot start), never a traceback."""
    root = write(tmp_path / "p", "project")
    home, cache = tmp_path / "home", tmp_path / "cache"
    home.mkdir()
    cache.mkdir()
    key = registration.cache_key("absent", root, registration.prediction(root), home)
    (cache / f"{key}.json").write_bytes(b"\xff\xfe not text")
    found = registration.check("absent", root, env={"HOME": str(home)}, cache=cache)
    assert found.problem.startswith("Claude Code could not be started")
