"""The eval cases of a plugin and of a project are sources of kind ``eval``."""

import json

from agentquill.core import evals
from agentquill.core.project import discover


def test_a_plugins_and_a_projects_cases_are_found_and_nothing_else(tmp_path):
    plugin = tmp_path / "kit"
    (plugin / ".claude-plugin").mkdir(parents=True)
    (plugin / ".claude-plugin" / "plugin.json").write_text(json.dumps({"name": "kit"}))
    (plugin / "agents").mkdir()
    (plugin / "agents" / "a.md").write_text("---\nname: a\ndescription: A.\n---\nHi\n")
    case = evals.add_case(plugin / "evals", "a", "Do A", "use")
    (plugin / "evals" / "README.md").write_text("# our cases\n")
    (plugin / "evals" / "results" / "run").mkdir(parents=True)
    (plugin / "evals" / "results" / "run" / "notes.md").write_text("---\nx: 1\n---\n")
    (case.folder / "fixture.md").write_text("---\nx: 1\n---\n")  # a case's own files
    project = tmp_path / "app"
    (project / ".claude" / "agents").mkdir(parents=True)
    evals.add_case(project / "evals", "b", "Do B", "avoid")
    (tmp_path / "data" / "evals" / "x").mkdir(parents=True)  # not beside .claude/: not ours
    (tmp_path / "data" / "evals" / "x" / "prompt.md").write_text("---\na: 1\n---\nHi\n")
    found = {s.label: (s.kind, s.plugin, [p.relative_to(tmp_path).as_posix() for p in files])
             for s, files in discover(tmp_path)}  # fmt: skip
    assert found["Evals · Plugin · kit"] == (
        "eval",
        "kit",
        ["kit/evals/a--001-use/graders/delegation.md", "kit/evals/a--001-use/prompt.md"],
    )
    assert found["Evals · Project · app/evals"] == (
        "eval",
        None,
        ["app/evals/b--001-avoid/graders/delegation.md", "app/evals/b--001-avoid/prompt.md"],
    )
    evals_found = [p for kind, _p, files in found.values() if kind == "eval" for p in files]
    assert not any(p.startswith("data") for p in evals_found)
    assert list(found)[-2:] == ["Evals · Project · app/evals", "Evals · Plugin · kit"]
