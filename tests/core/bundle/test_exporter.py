import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from agentquill.core.bundle import exporter as be
from agentquill.core.bundle import importer as bi
from agentquill.core.bundle.zipsafe import read_zip
from agentquill.core.project import discover
from support import CORPUS, claude_binary

REVIEWER = (
    b"---\nname: reviewer\ndescription: Reviews diffs.\ntools: Read, Grep\ncolor: red\n---\n"
    b"\nBody\r\n"
)
PLANNER = b"\xef\xbb\xbf---\nname: planner\ndescription: 'Plans work: steps'\n---\nPlan.\n"


@pytest.fixture
def agents(tmp_path):
    folder = tmp_path / "src" / ".claude" / "agents"
    folder.mkdir(parents=True)
    (folder / "reviewer.md").write_bytes(REVIEWER)
    (folder / "planner.md").write_bytes(PLANNER)
    return sorted(folder.iterdir())


def options(fmt="plugin", **kw):
    base = dict(name="team-kit", description="Our agents", author="Ada", email="ada@example.org")
    return be.ExportOptions(format=fmt, **{**base, **kw})


def test_plugin_plan_lists_the_tree_and_writes_it(agents, tmp_path):
    plan = be.plan_export(agents, options(keywords=["review"], license="MIT"), tmp_path / "out")
    assert plan.tree() == [
        ".claude-plugin/plugin.json",
        "LICENSE",
        "README.md",
        "agents/planner.md",
        "agents/reviewer.md",
    ]
    assert plan.problems == [] and plan.conflicts() == []
    be.write_export(plan)
    out = tmp_path / "out"
    assert (out / "agents" / "reviewer.md").read_bytes() == REVIEWER
    assert (out / "agents" / "planner.md").read_bytes() == PLANNER
    manifest = json.loads((out / ".claude-plugin" / "plugin.json").read_text())
    assert manifest == {
        "name": "team-kit",
        "version": "1.0.0",
        "description": "Our agents",
        "author": {"name": "Ada", "email": "ada@example.org"},
        "license": "MIT",
        "keywords": ["review"],
    }
    readme = (out / "README.md").read_text()
    assert "| `reviewer` | Reviews diffs. |" in readme and "/plugin install team-kit" in readme
    assert (out / "LICENSE").read_text().startswith("MIT License\n\nCopyright (c) ")


def test_never_overwrites_without_being_told(agents, tmp_path):
    plan = be.plan_export(agents, options(), tmp_path / "out")
    be.write_export(plan)
    (tmp_path / "out" / "README.md").write_text("mine")
    plan = be.plan_export(agents, options(), tmp_path / "out")
    assert "README.md" in plan.conflicts()
    with pytest.raises(be.ExportError, match="already exists"):
        be.write_export(plan)
    assert (tmp_path / "out" / "README.md").read_text() == "mine"
    be.write_export(plan, overwrite=True)
    assert (tmp_path / "out" / "README.md").read_text() != "mine"


def test_manifest_errors_block_the_write(agents, tmp_path):
    plan = be.plan_export(agents, options(name="Team Kit", version="1"), tmp_path / "out")
    assert {p.field for p in plan.errors} == {"name", "version"}
    with pytest.raises(be.ExportError, match="name"):
        be.write_export(plan)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("license", "first"), [("Apache-2.0", "Copyright"), ("none", None)])
def test_license_choice(agents, tmp_path, license, first):
    plan = be.plan_export(agents, options(license=license), tmp_path / "out")
    if first is None:
        assert (
            "LICENSE" not in plan.files
            and "license" not in plan.files[".claude-plugin/plugin.json"].decode()
        )
    else:
        assert b"Apache License, Version 2.0" in plan.files["LICENSE"]
    assert be.plan_export(agents, options(license="GPL"), tmp_path / "x").errors


def test_zip_round_trip_gives_byte_identical_agents(agents, tmp_path):
    dest = tmp_path / "team-kit.zip"
    be.write_export(be.plan_export(agents, options("zip"), dest))
    with zipfile.ZipFile(dest) as zf:
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())
    assert sorted(read_zip(dest)) == sorted(be.plan_export(agents, options("zip"), dest).files)
    into = tmp_path / "project" / ".claude" / "agents"
    bundle = bi.open_bundle(dest)
    bi.apply_import(bi.plan_import(bundle.agents, into), into)
    assert (into / "reviewer.md").read_bytes() == REVIEWER
    assert (into / "planner.md").read_bytes() == PLANNER


def test_marketplace_groups_agents_by_plugin_folder(tmp_path):
    for plugin, name in (("alpha", "one"), ("beta", "two"), ("beta", "three")):
        folder = tmp_path / "src" / "plugins" / plugin / "agents"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.md").write_bytes(REVIEWER.replace(b"reviewer", name.encode()))
    files = [f for _, found in discover(tmp_path / "src") for f in found]
    (tmp_path / "src" / "LICENSE.md").write_text("Ours.\n")
    plan = be.plan_export(
        files, options("marketplace", project=tmp_path / "src"), tmp_path / "market"
    )
    assert plan.problems == []
    market = json.loads(plan.files[".claude-plugin/marketplace.json"])
    assert [(p["name"], p["source"]) for p in market["plugins"]] == [
        ("alpha", "./plugins/alpha"),
        ("beta", "./plugins/beta"),
    ]
    assert "plugins/beta/agents/three.md" in plan.files
    assert plan.files["plugins/beta/LICENSE.md"] == plan.files["LICENSE.md"] == b"Ours.\n"


def test_same_file_names_go_to_subfolders(tmp_path):
    paths = []
    for plugin in ("alpha", "beta"):
        folder = tmp_path / plugin / "agents"
        folder.mkdir(parents=True)
        body = REVIEWER.replace(b"reviewer", f"{plugin}-reviewer".encode())
        (folder / "reviewer.md").write_bytes(body)
        paths.append(folder / "reviewer.md")
    plan = be.plan_export(paths, options(), tmp_path / "out")
    assert {"agents/alpha/reviewer.md", "agents/beta/reviewer.md"} <= set(plan.files)


@pytest.mark.parametrize(
    ("fmt", "path"),
    [
        ("copilot", ".github/agents/reviewer.agent.md"),
        ("opencode", ".opencode/agent/reviewer.md"),
        ("gemini", ".gemini/agents/reviewer.md"),
    ],
)
def test_dialect_exports_convert_and_report(agents, tmp_path, fmt, path):
    plan = be.plan_export(agents, options(fmt), tmp_path / "repo")
    assert path in plan.files
    assert any(e.field == "reviewer.color" for e in plan.report)
    be.write_export(plan)
    assert (tmp_path / "repo" / path).read_bytes().endswith(b"\n\nBody\r\n")


def test_agents_json_export(agents, tmp_path):
    dest = tmp_path / "agents.json"
    plan = be.plan_export(agents, options("agents-json"), dest)
    assert plan.tree() == ["agents.json"]
    be.write_export(plan)
    data = json.loads(dest.read_text())
    assert data["reviewer"]["tools"] == ["Read", "Grep"] and data["planner"]["prompt"] == "Plan."


def test_every_file_left_out_is_listed_with_why(agents, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"---\nname: caf\xe9\n---\n")
    readme = tmp_path / "README.md"
    readme.write_text("# Notes\n")
    listed = tmp_path / "listed.md"
    listed.write_text("---\n- a list\n- not a map\n---\nbody\n")
    twin = tmp_path / "other" / ".claude" / "agents" / "reviewer.md"
    twin.parent.mkdir(parents=True)
    twin.write_bytes(REVIEWER)
    given = [*agents, bad, readme, tmp_path / "gone.md", listed, twin]
    plan = be.plan_export(given, options("opencode"), tmp_path / "repo")
    assert [(x.path.name, x.reason) for x in plan.left_out] == [
        ("bad.md", "not valid UTF-8 (line 2)"),
        ("README.md", "not an agent file: it has no frontmatter"),
        ("gone.md", "cannot be read: No such file or directory"),
        (
            "listed.md",
            "cannot be converted: mode: could not write 'mode' without changing other fields",
        ),
        ("reviewer.md", ".opencode/agent/reviewer.md is already taken by another agent"),
    ]
    assert plan.left_out[-1].path == twin and plan.errors == []
    assert sorted(plan.files) == [".opencode/agent/planner.md", ".opencode/agent/reviewer.md"]
    # the same file name twice: both go to their group's folder, where only one fits
    plugin = be.plan_export([*agents, twin], options(), tmp_path / "kit")
    reason = "agents/claude/reviewer.md is already taken by another agent"
    assert plugin.left_out == [be.LeftOut(twin, reason)] and plugin.errors == []
    as_json = be.plan_export([*agents, twin], options("agents-json"), tmp_path / "a.json")
    assert [str(x) for x in as_json.left_out] == [
        f"{twin}: left out: another agent is already named reviewer"
    ]
    nothing = be.plan_export([bad, readme], options(), tmp_path / "out")
    assert [str(e) for e in nothing.errors] == ["agents: no agent files to export"]
    assert len(nothing.left_out) == 2


# --- Claude Code's own validator --------------------------------------------------------------


CLAUDE = claude_binary()
WSHOBSON = CORPUS / "wshobson__agents"


def validate(folder: Path) -> dict:
    run = subprocess.run(
        [str(CLAUDE), "plugin", "validate", "--json", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=folder.parent,
        env={**os.environ, "DISABLE_AUTOUPDATER": "1"},
    )
    report = json.loads(run.stdout)
    assert run.returncode == 0, run.stdout[-2000:]
    return report


def _errors(report: dict) -> list:
    found = list(report["manifest"]["errors"])
    for item in report.get("contents") or []:
        found += item.get("errors", [])
    return found


@pytest.mark.skipif(CLAUDE is None, reason="claude-oracle has not installed Claude Code")
@pytest.mark.skipif(not WSHOBSON.is_dir(), reason="../shared/corpus is not present")
@pytest.mark.parametrize("fmt", ["plugin", "marketplace"])
def test_claude_plugin_validate_accepts_the_export(tmp_path, fmt):
    files = [f for _, found in discover(WSHOBSON) for f in found]
    dest = tmp_path / "wshobson-agents"
    plan = be.plan_export(files, options(fmt, name="wshobson-agents"), dest)
    assert plan.problems == []
    be.write_export(plan)
    report = validate(dest)
    assert report["success"] and _errors(report) == []
    if fmt == "plugin":
        assert len(report["provides"]["agents"]) == len(files)


# --- command line -----------------------------------------------------------------------------


def test_cli_export_writes_refuses_overwrite_and_reports_manifest_errors(agents, tmp_path, capsys):
    from agentquill.cli import main

    dest = tmp_path / "kit"
    src = str(agents[0].parent)
    assert main(["export", "--name", "team-kit", "--author", "Ada", "--out", str(dest), src]) == 0
    assert (dest / ".claude-plugin" / "plugin.json").is_file()
    assert main(["export", "--name", "team-kit", "--out", str(dest), src]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["export", "--name", "Team Kit", "--out", str(tmp_path / "x"), src]) == 1
    err = capsys.readouterr().err
    assert "name: 'Team Kit' is not kebab-case" in err and not (tmp_path / "x").exists()
    code = main(["export", "--format", "copilot", "--out", str(tmp_path / "repo"), src])
    out = capsys.readouterr().out
    assert code == 0 and "reviewer.color: dropped" in out
    assert main(["export", "--out", str(tmp_path / "y"), str(tmp_path / "missing")]) == 2
    bad = agents[0].parent / "bad.md"
    bad.write_bytes(b"---\nname: caf\xe9\n---\n")
    assert main(["export", "--name", "team-kit", "--out", str(tmp_path / "z"), src]) == 0
    assert f"warning: {bad}: left out: not valid UTF-8 (line 2)" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "z" / "agents").iterdir()) == [
        "planner.md",
        "reviewer.md",
    ]


def test_by_default_no_licence_is_invented(agents, tmp_path):
    plan = be.plan_export(agents, options(), tmp_path / "out")
    assert be.ExportOptions().license == "keep"
    assert not any("LICENSE" in rel for rel in plan.files)
    assert "license" not in json.loads(plan.files[".claude-plugin/plugin.json"])


def test_keep_copies_the_projects_licence_file_as_it_is(agents, tmp_path):
    project = tmp_path / "src"
    (project / "LICENSE.txt").write_bytes(b"Copyright (c) Someone\r\nAll rights reserved.\r\n")
    assert be.project_of(agents) == project and be.project_license(project).name == "LICENSE.txt"
    plan = be.plan_export(agents, options(project=project), tmp_path / "out")
    assert plan.files["LICENSE.txt"] == (project / "LICENSE.txt").read_bytes()
    assert "license" not in json.loads(plan.files[".claude-plugin/plugin.json"])  # not guessed


def test_the_default_name_is_the_project_folders(tmp_path):
    project = tmp_path / "My Agent Kit"
    bonus = project / "bonus" / ".claude" / "agents" / "a.md"
    assert be.default_name(project, [bonus]) == "my-agent-kit"
    assert be.default_name(None, [tmp_path / "loose" / "a.md"]) == "loose"
    assert be.default_name(None, []) == "my-agents"


BROKEN = b"---\nname: broken\ndescription: Use it: for\n  everything: really\n---\nBody\n"


def test_agents_claude_code_cannot_load_are_listed_and_repaired_on_request(agents, tmp_path):
    broken = agents[0].parent / "broken.md"
    broken.write_bytes(BROKEN)
    plan = be.plan_export([*agents, broken], options(), tmp_path / "out")
    (item,) = plan.attention
    assert item.path == broken and item.repairable
    assert item.problem == "Claude Code cannot parse it (line 3)" and "field dropped" in item.detail
    assert plan.files["agents/broken.md"] == BROKEN  # as it is, unless repaired
    plan = be.plan_export([*agents, broken], options(repair=frozenset([broken])), tmp_path / "o")
    repaired = plan.files["agents/broken.md"].decode()
    assert (
        repaired
        == "---\nname: broken\ndescription: >-\n  Use it: for\n  everything: really\n---\nBody\n"
    )
    assert broken.read_bytes() == BROKEN  # the source is never touched


def test_agents_conversion_changes_are_listed(agents, tmp_path):
    plan = be.plan_export(agents, options("copilot"), tmp_path / "out")
    assert {a.path.name for a in plan.attention} == {"reviewer.md"}
    assert "changes" in plan.attention[0].problem and not plan.attention[0].repairable


def test_an_agent_repair_cannot_make_loadable_is_listed_without_repair(agents, tmp_path):
    cut = agents[0].parent / "cut.md"
    cut.write_bytes(b"---\nname: cut\ndescription: |\n  Before\n  ---\n  After\n---\nBody\n")
    plan = be.plan_export([*agents, cut], options(repair=frozenset([cut])), tmp_path / "out")
    (item,) = plan.attention
    assert item.problem == "a '---' ends it early for Claude Code (line 5)"
    assert not item.repairable and plan.files["agents/cut.md"] == cut.read_bytes()


@pytest.mark.parametrize("fmt", be.FORMATS)
def test_rules_and_stray_components_are_left_out_of_every_format_never_converted(tmp_path, fmt):
    claude = tmp_path / "p" / ".claude"
    for rel, text in {
        "agents/helper.md": "---\nname: helper\ndescription: Helps.\n---\nHelp.\n",
        "rules/python.md": "---\npaths:\n  - '**/*.py'\n---\nUse type hints.\n",
        "commands/a/b/deep.md": "---\ndescription: Deep.\n---\nRun.\n",
    }.items():
        (claude / rel).parent.mkdir(parents=True, exist_ok=True)
        (claude / rel).write_text(text)
    given = [claude / r for r in ("agents/helper.md", "rules/python.md", "commands/a/b/deep.md")]
    dest = tmp_path / ("o.json" if fmt == "agents-json" else "o.zip" if fmt == "zip" else "o")
    plan = be.plan_export(given, options(fmt, license="none"), dest)
    why = {p.name: reason for p, reason in ((x.path, x.reason) for x in plan.left_out)}
    if fmt in ("plugin", "zip", "marketplace"):
        assert why == {
            "python.md": "plugins hold no rules",
            "deep.md": "a plugin holds a command only in its commands folder",
        }
    else:
        article = "an" if fmt[0] in "aeio" else "a"
        assert set(why.values()) == {f"{article} {fmt} export holds agents only"}
    assert plan.errors == [] and not any("python" in rel for rel in plan.files)


def test_converting_a_rule_is_refused_with_a_reason():
    from agentquill.core import convert

    with pytest.raises(convert.ConvertError, match="rule is not an agent"):
        convert.convert("---\npaths: ['*.py']\n---\nX\n", "copilot", path=".claude/rules/x.md")


WATCHED = (
    "---\nname: watched\ndescription: Is watched.\nautoCompactWindow: 120000\nomitClaudeMd: true\n"
    "observer: scribe\nobserverMessage: Note the risky steps.\nbackground: false\n---\nWork.\n"
)


def test_agents_json_keeps_every_key_of_claude_codes_agent_schema(tmp_path):
    source = tmp_path / "watched.md"
    source.write_text(WATCHED)
    plan = be.plan_export([source], options("agents-json"), tmp_path / "o.json")
    assert [e for e in plan.report if e.kind == "dropped"] == []
    entry = json.loads(plan.files["o.json"])["watched"]
    assert entry["autoCompactWindow"] == 120000 and entry["omitClaudeMd"] is True
    assert entry["observer"] == "scribe" and entry["observerMessage"] == "Note the risky steps."
    if CLAUDE is None:
        pytest.skip("claude-oracle has not installed Claude Code")
    home = tmp_path / "home"
    home.mkdir()
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_"))}
    env = {**keep, "HOME": str(home), "DISABLE_AUTOUPDATER": "1"}
    env["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1"
    run = subprocess.run(
        [str(CLAUDE), "-p", "hi", "--output-format", "stream-json", "--verbose"]
        + ["--agents", plan.files["o.json"].decode()],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=home,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    messages = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    init = next(m for m in messages if m.get("subtype") == "init")
    assert "watched" in init["agents"]
