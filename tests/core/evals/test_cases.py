"""Case files: what we write, what we read back (ours and hand-written), and the broken ones."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentquill.core import evals
from agentquill.core.evals import CaseRefused
from eval_cases import BROKEN, write_broken

AGENT = "backend-developer"


def plugin(tmp_path: Path, name: str = "demo") -> Path:
    root = tmp_path / name
    (root / ".claude-plugin").mkdir(parents=True)
    (root / ".claude-plugin" / "plugin.json").write_text(json.dumps({"name": name}))
    (root / "agents").mkdir()
    (root / "agents" / f"{AGENT}.md").write_text(f"---\nname: {AGENT}\ndescription: x\n---\nHi\n")
    return root


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def agent_call(name: str) -> str:
    """The input text Claude Code tests ``input_match`` against: the input's JSON."""
    return json.dumps({"description": "d", "prompt": "p", "subagent_type": name})


def test_evals_dir_of_a_plugin_a_project_and_a_manifest_that_names_it(tmp_path):
    root = plugin(tmp_path)
    assert evals.evals_dir(root / "agents" / f"{AGENT}.md") == root / "evals"
    project = tmp_path / "proj"
    assert evals.evals_dir(project / ".claude" / "agents" / "a.md") == project / "evals"
    assert evals.evals_dir(project / ".github" / "agents" / "a.agent.md") == project / "evals"
    manifest = {"name": "demo", "experimental": {"evals": "tests/evals"}}
    (root / ".claude-plugin" / "plugin.json").write_text(json.dumps(manifest))
    assert evals.evals_dir(root / "agents" / "a.md") == root / "tests" / "evals"
    manifest["experimental"]["evals"] = "../../elsewhere"  # never outside the plugin
    (root / ".claude-plugin" / "plugin.json").write_text(json.dumps(manifest))
    assert evals.evals_dir(root / "agents" / "a.md") == root / "evals"


def test_a_user_agent_s_cases_stay_in_the_user_s_claude_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    user = home.resolve() / ".claude"
    assert evals.evals_dir(user / "agents" / "a.md") == user / "evals"
    assert evals.evals_dir(home / "work" / ".claude" / "agents" / "a.md") == (
        home.resolve() / "work" / "evals"
    )


def test_added_cases_read_back_in_the_users_order(tmp_path):
    folder = plugin(tmp_path) / "evals"
    use = evals.add_case(folder, AGENT, "Create an API endpoint for sign-up", "use")
    avoid = evals.add_case(folder, AGENT, "Write a haiku", "avoid")
    other = evals.add_case(folder, "frontend", "Center the button", "use")
    assert (use.agent, use.expect, use.plugin) == (AGENT, "use", "demo")
    assert (avoid.expect, avoid.prompt) == ("avoid", "Write a haiku")
    assert use.folder.name == f"{AGENT}--001-use" and avoid.folder.name == f"{AGENT}--002-avoid"
    suite = evals.read_cases(folder)
    assert suite.errors == []
    assert [c.name for c in evals.cases_for(suite.cases, AGENT)] == [use.name, avoid.name]
    assert evals.cases_for(suite.cases, "frontend") == [other]


def test_the_generated_files_are_plain_and_the_grader_finds_the_agent(tmp_path):
    case = evals.add_case(plugin(tmp_path) / "evals", AGENT, "Add JWT auth", "avoid")
    prompt = (case.folder / "prompt.md").read_text()
    assert prompt == "---\ntags: [delegation]\n---\n\nAdd JWT auth\n"
    (grader,) = case.graders
    assert grader.values == {
        "type": "tool_used",
        "tool": "Agent",
        "input_match": '"subagent_type":\\s*"demo:(?:[^"]*:)?backend-developer"',
        "min": 0,
        "max": 0,
    }
    pattern = re.compile(grader.values["input_match"])
    assert pattern.search(agent_call("demo:backend-developer"))
    assert pattern.search(agent_call("demo:team:backend-developer"))  # agents/team/…
    assert not pattern.search(agent_call("demo:backend-developer-2"))
    assert not pattern.search(agent_call("backend-developer"))
    assert not pattern.search(agent_call("other:backend-developer"))


def test_a_project_agent_is_matched_under_any_plugin_prefix(tmp_path):
    case = evals.add_case(tmp_path / "evals", AGENT, "Add JWT auth", "use")
    pattern = re.compile(case.graders[0].values["input_match"])
    assert case.plugin is None and case.graders[0].values["min"] == 1
    for called in (AGENT, f"project:{AGENT}"):
        assert pattern.search(agent_call(called)), called
    assert not pattern.search(agent_call(f"x{AGENT}"))


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(str.strip))
def test_any_name_is_escaped_so_the_regex_matches_exactly_it(name):
    pattern = re.compile(evals.input_match(name, "p"))
    assert pattern.search(json.dumps({"subagent_type": f"p:{name}"}, ensure_ascii=False))
    assert not pattern.search(json.dumps({"subagent_type": f"p:{name}x"}, ensure_ascii=False))


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(str.strip), st.sampled_from(["use", "avoid"]))
def test_any_agent_name_reads_back_as_itself(tmp_path_factory, name, expect):
    folder = tmp_path_factory.mktemp("evals")
    case = evals.add_case(folder, name, "Hi", expect)
    assert (case.agent, case.expect, case.folder.parent) == (name, expect, folder)
    assert evals.cases_for(evals.read_cases(folder).cases, name) == [case]


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300).filter(str.strip))
def test_any_prompt_round_trips_through_the_files(tmp_path_factory, prompt):
    folder = tmp_path_factory.mktemp("evals")
    case = evals.add_case(folder, AGENT, prompt, "use")
    assert case.prompt == prompt.strip().replace("\r\n", "\n") or "\r" in prompt
    assert evals.read_cases(folder).errors == []


def test_hostile_names_stay_inside_evals_and_hostile_text_stays_out_of_the_yaml(tmp_path):
    folder = tmp_path / "evals"
    name = '../../etc/passwd"\n---\nevil: [1'
    case = evals.add_case(folder, name, "---\nmodel: opus\n---\nHi: [", "use")
    assert case.folder.parent == folder and case.folder.name == "etc-passwd-evil-1--001-use"
    assert case.agent == name  # read back exactly, so cases_for finds it
    assert case.meta == {"tags": ["delegation"]}
    assert case.prompt == "---\nmodel: opus\n---\nHi: ["
    assert evals.slug("../..") == "agent"


def test_a_prompt_claude_code_would_not_read_is_refused(tmp_path):
    with pytest.raises(CaseRefused, match="1 MiB"):
        evals.add_case(tmp_path / "evals", AGENT, "x" * (1 << 20), "use")
    with pytest.raises(CaseRefused, match="empty"):
        evals.add_case(tmp_path / "evals", AGENT, " \n", "use")
    with pytest.raises(CaseRefused, match="expect"):
        evals.add_case(tmp_path / "evals", AGENT, "Hi", "maybe")
    assert not (tmp_path / "evals").exists()


def test_editing_the_prompt_keeps_the_users_frontmatter_and_layout(tmp_path):
    folder = write(
        tmp_path / "evals" / "mine",
        {
            "prompt.md": "---\r\nmax_turns: 4  # short\r\ntags: [x]\r\n---\r\n\r\n"
            "Old prompt\r\n\r\n",
            "graders/g.md": f'---\ntype: tool_used\ntool: Agent\ninput_match: "{AGENT}"\n---\n',
        },
    )
    case = evals.edit_prompt(evals.read_case(folder), "New\nprompt")
    assert (folder / "prompt.md").read_bytes() == (
        b"---\r\nmax_turns: 4  # short\r\ntags: [x]\r\n---\r\n\r\nNew\r\nprompt\r\n\r\n"
    )
    assert (case.prompt, case.agent, case.expect) == ("New\r\nprompt", AGENT, "use")


def test_prompt_edits_fill_an_empty_body():
    (edit,) = evals.prompt_edits("---\nmodel: opus\n---\n", "Hi")
    assert edit.start == len("---\nmodel: opus\n---\n") and edit.text == "\nHi\n"


def test_remove_and_reorder(tmp_path):
    folder = tmp_path / "evals"
    a, b, c = (evals.add_case(folder, AGENT, p, "use") for p in ("A", "B", "C"))
    hand = write(
        folder / "hand-written",
        {
            "prompt.md": "Do D\n",
            "graders/d.md": f"---\ntype: tool_used\ntool: Agent\ninput_match: {AGENT}\n---\n",
        },
    )
    evals.remove_case(b)
    cases = evals.cases_for(evals.read_cases(folder).cases, AGENT)
    assert [x.prompt for x in cases] == ["A", "C", "Do D"]
    moved = evals.reorder([evals.read_case(hand), evals.read_case(c.folder), a])
    assert [x.folder.name for x in moved] == [
        f"{AGENT}--001-hand-written",
        f"{AGENT}--002-use",
        f"{AGENT}--003-use",
    ]
    assert [x.prompt for x in evals.cases_for(evals.read_cases(folder).cases, AGENT)] == [
        "Do D",
        "C",
        "A",
    ]
    with pytest.raises(CaseRefused):
        evals.remove_case(evals.Case(folder, "evals", "", None, None))


HAND_WRITTEN = {
    # shape of grader → (agent, plugin, expect)
    '"subagent_type":\\s*"tools:code-reviewer"': ("code-reviewer", "tools", "use"),
    "subagent_type.*code-reviewer": ("code-reviewer", None, "use"),
    "code-reviewer": ("code-reviewer", None, "use"),
    "\\bcode\\-reviewer\\b": ("code-reviewer", None, "use"),
    "review|lint": (None, None, None),
}


@pytest.mark.parametrize("pattern", HAND_WRITTEN)
def test_hand_written_delegation_graders_are_classified(tmp_path, pattern):
    folder = write(
        tmp_path / "evals" / "c",
        {
            "prompt.md": "Review this diff\n",
            "graders/g.md": f"---\ntype: tool_used\ntool: Agent\ninput_match: '{pattern}'\n---\n",
        },
    )
    case = evals.read_case(folder)
    assert (case.agent, case.plugin, case.expect) == HAND_WRITTEN[pattern]


def test_cases_of_other_shapes_are_read_but_not_classified(tmp_path):
    root = tmp_path / "evals"
    write(
        root / "llm",
        {"prompt.md": "Explain\n", "graders/judge.md": "---\ntype: llm\n---\nClear answer.\n"},
    )
    write(
        root / "range",
        {
            "prompt.md": "Review\n",
            "graders/g.md": "---\ntype: tool_used\ntool: Agent\ninput_match: x\n"
            "min: 2\nmax: 3\n---\n",
        },
    )
    write(
        root / "deep" / "yaml",
        {
            "case.yaml": "schema_version: '1'\nname: from-yaml\nexecution:\n  prompt: Hi\n"
            "  max_turns: 3\ngraders:\n  - type: tool_used\n    name: d\n    tool: Agent\n"
            "    input_match: x\n    min: 0\n    max: 0\n"
        },
    )
    suite = evals.read_cases(root)
    assert suite.errors == []
    by_name = {c.name: c for c in suite.cases}
    assert [c.folder.name for c in suite.cases] == ["yaml", "llm", "range"]  # by path
    assert by_name["llm"].graders[0].body == "Clear answer." and by_name["llm"].agent is None
    assert (by_name["range"].agent, by_name["range"].expect) == ("x", None)
    yaml_case = by_name["from-yaml"]
    assert (yaml_case.prompt, yaml_case.expect, yaml_case.meta["max_turns"]) == ("Hi", "avoid", 3)
    assert yaml_case.file.name == "case.yaml"
    with pytest.raises(CaseRefused, match="case.yaml"):
        evals.edit_prompt(yaml_case, "Hello")


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_case_is_an_error_naming_its_file(tmp_path, name):
    _files, culprit, words = BROKEN[name]
    folder = tmp_path / "evals" / "bad"
    write_broken(folder, name)
    good = {"prompt.md": "Hi\n", "graders/g.md": "---\ntype: llm\n---\nok\n"}
    write(tmp_path / "evals" / "good", good)
    suite = evals.read_cases(tmp_path / "evals")
    assert [c.name for c in suite.cases] == ["good"]
    (error,) = suite.errors
    assert error.folder == folder and error.file == folder / culprit
    assert words in error.message and str(error).startswith(str(folder / culprit))


def test_a_case_yaml_alias_bomb_is_a_broken_case(tmp_path):
    names = "abcdefghi"  # each a list of 9 of the one before: 9^9 values
    lines = [f"{c}: &{c} [{', '.join(['*' + names[i]] * 9)}]\n" for i, c in enumerate(names[1:])]
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(lines)
    write(tmp_path / "evals" / "bomb", {"case.yaml": bomb})
    (error,) = evals.read_cases(tmp_path / "evals").errors
    assert error.file.name == "case.yaml" and "invalid YAML" in error.message


def test_reading_ignores_results_notes_and_a_missing_folder(tmp_path):
    root = write(
        tmp_path / "evals",
        {"README.md": "# notes\n", "history.jsonl": "{}\n", "results/x/report.json": "{}"},
    )
    assert evals.read_cases(root) == evals.Suite([], [])
    assert evals.read_cases(tmp_path / "nowhere") == evals.Suite([], [])


def test_a_renamed_agents_cases_move_to_its_new_name_with_their_history(tmp_path):
    folder = plugin(tmp_path) / "evals"
    for prompt, expect in (("Build an API", "use"), ("Write a haiku", "avoid")):
        evals.add_case(folder, AGENT, prompt, expect)
    write(folder / "orders", {"prompt.md": "Take orders\n", "graders/uses.md": (
        f"---\ntype: tool_used\ntool: Agent\ninput_match: 'demo:{AGENT}'\n---\nDelegates\n"
    )})  # fmt: skip
    evals.add_case(folder, "frontend-developer", "Center a div", "use")
    history = evals.History(folder)
    history.path.write_text(
        json.dumps({"agent": AGENT, "n": 1}) + "\nnot json\n" + json.dumps({"agent": "x"}) + "\n"
    )
    moved = evals.move_cases(folder, AGENT, "api-backend")
    assert [(c.name, c.agent, c.plugin) for c in moved] == [
        ("api-backend--001-use", "api-backend", "demo"),
        ("api-backend--002-avoid", "api-backend", "demo"),
        ("orders", "api-backend", "demo"),
    ]
    assert evals.cases_for(evals.read_cases(folder).cases, AGENT) == []
    assert [c.expect for c in moved] == ["use", "avoid", "use"]
    grader = (folder / "api-backend--001-use" / "graders" / "delegation.md").read_text()
    assert 'the "demo:api-backend" agent' in grader and AGENT not in grader
    assert "input_match: demo:api-backend\n" in (folder / "orders/graders/uses.md").read_text()
    lines = history.path.read_text().splitlines()
    assert json.loads(lines[0]) == {"agent": "api-backend", "n": 1} and lines[1:] == [
        "not json", json.dumps({"agent": "x"})
    ]  # fmt: skip
    assert evals.read_cases(folder).errors == []


def test_moving_cases_writes_nothing_when_one_cannot_move(tmp_path):
    folder = tmp_path / "evals"
    evals.add_case(folder, AGENT, "Build an API", "use")
    write(folder / "odd", {"prompt.md": "Hi\n", "graders/uses.md": (
        "---\ntype: tool_used\ntool: Agent\ninput_match: 'backend\\-developer'\n---\n"
    )})  # fmt: skip
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert evals.read_case(folder / "odd").agent == AGENT  # the agent's, but not plainly named
    with pytest.raises(CaseRefused, match="edit it by hand"):
        evals.move_cases(folder, AGENT, "api-backend")
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    shutil.rmtree(folder / "odd")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    evals.add_case(folder, "api-backend", "Taken", "use")
    with pytest.raises(CaseRefused, match="api-backend--001-use already exists"):
        evals.move_cases(folder, AGENT, "api-backend")
    assert all(p.read_bytes() == data for p, data in before.items())
