"""``agentquill export`` decides as the Export dialog does: no invented licence, the project's
name, and agents Claude Code cannot load said, and repaired only when asked."""

import json

from agentquill.cli import main

BROKEN = "---\nname: broken\ndescription: Use it: for\n  everything: really\n---\nBody\n"
GOOD = "---\nname: good\ndescription: Fine.\n---\nBody\n"


def project(tmp_path, licence: str | None = None):
    root = tmp_path / "Team Kit"
    agents = root / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "good.md").write_text(GOOD)
    (root / "bonus" / ".claude" / "agents").mkdir(parents=True)
    (root / "bonus" / ".claude" / "agents" / "extra.md").write_text(GOOD.replace("good", "extra"))
    if licence:
        (root / "LICENSE").write_text(licence)
    return root


def test_export_writes_no_licence_of_its_own_and_names_the_plugin_after_the_project(
    tmp_path, capsys
):
    root = project(tmp_path)
    assert main(["export", "--out", str(tmp_path / "out"), str(root)]) == 0
    out = tmp_path / "out"
    manifest = json.loads((out / ".claude-plugin" / "plugin.json").read_text())
    assert manifest["name"] == "team-kit" and "license" not in manifest
    assert not list(out.glob("LICENSE*"))


def test_export_keeps_the_projects_licence(tmp_path, capsys):
    root = project(tmp_path, "Our own terms.\n")
    assert main(["export", "--out", str(tmp_path / "out"), str(root)]) == 0
    assert (tmp_path / "out" / "LICENSE").read_text() == "Our own terms.\n"
    agents = root / ".claude" / "agents"  # its agents folder: the same project
    assert main(["export", "--out", str(tmp_path / "o2"), str(agents)]) == 0
    assert (tmp_path / "o2" / "LICENSE").read_text() == "Our own terms.\n"
    assert (
        json.loads((tmp_path / "o2" / ".claude-plugin" / "plugin.json").read_text())["name"]
        == "team-kit"
    )


def test_a_licence_is_written_only_when_asked_for(tmp_path, capsys):
    root = project(tmp_path)
    assert main(["export", "--license", "MIT", "--out", str(tmp_path / "o"), str(root)]) == 0
    assert (tmp_path / "o" / "LICENSE").read_text().startswith("MIT License")


def test_an_agent_claude_code_cannot_load_is_warned_about_and_repaired_on_request(tmp_path, capsys):
    root = project(tmp_path)
    broken = root / ".claude" / "agents" / "broken.md"
    broken.write_text(BROKEN)
    assert main(["export", "--out", str(tmp_path / "a"), str(root)]) == 0
    err = capsys.readouterr().err
    said = f"warning: {broken}: Claude Code cannot parse it (line 3)"
    assert said in err and "--repair" in err
    assert (tmp_path / "a" / "agents" / "broken.md").read_text() == BROKEN
    assert main(["export", "--repair", "--out", str(tmp_path / "b"), str(root)]) == 0
    assert "repaired in the export" in capsys.readouterr().err
    assert "description: >-\n" in (tmp_path / "b" / "agents" / "broken.md").read_text()
    assert broken.read_text() == BROKEN


def test_a_project_with_a_rule_exports_without_it(tmp_path, capsys):
    root = project(tmp_path)
    (root / ".claude" / "rules").mkdir()
    (root / ".claude" / "rules" / "python.md").write_text("---\npaths: ['*.py']\n---\nHints.\n")
    assert main(["export", "--out", str(tmp_path / "o"), str(root)]) == 0
    captured = capsys.readouterr()
    assert "python.md: left out: plugins hold no rules" in captured.err
    assert not (tmp_path / "o" / "rules").exists()
    out = tmp_path / "one.json"
    args = ["export", "--format", "agents-json", "--out", str(out), str(root / ".claude")]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "an agents-json export" in captured.err and f"{out}: wrote 1 file (" in captured.out
