"""Publish-ready exports: what the plugin directory asks (licence, README with the install
line, icon, author, description) and the skills, commands and output styles a plugin carries,
checked against the real ``claude plugin validate --strict --profile directory`` and
``claude-load --plugin`` when the oracle is available."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from agentquill.cli import main
from agentquill.core.bundle import components, icon, publish, validator
from agentquill.core.bundle import exporter as be
from agentquill.core.bundle import importer as bi
from support import CORPUS, SEED

ORACLE = CORPUS.parent / "tools" / "claude-oracle"
LOAD = CORPUS.parent / "tools" / "claude-load"
WSHOBSON = CORPUS / "wshobson__agents"
PUBLISH = [
    "--description",
    "Agents, skills and commands for reviewing and shipping code.",
    "--author",
    "Ada Lovelace",
    "--email",
    "ada@example.org",
    "--icon",
    "generate",
    "--marketplace",
    "acme/agent-plugins",
]


def claude() -> str:
    """The pinned Claude Code the oracle installed, or skip."""
    if not ORACLE.is_file():
        pytest.skip("../shared/tools/claude-oracle is not present")
    run = subprocess.run([str(ORACLE), "--binary"], capture_output=True, text=True, timeout=600)
    if run.returncode != 0 or not run.stdout.strip():
        pytest.skip(f"claude-oracle could not install Claude Code: {run.stderr.strip()[-300:]}")
    return run.stdout.strip()


def verdict(folder: Path) -> dict:
    run = subprocess.run(
        [claude(), "plugin", "validate", "--strict", "--profile", "directory", "--json", folder],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DISABLE_AUTOUPDATER": "1"},
    )
    return json.loads(run.stdout)


def loaded(folder: Path) -> dict:
    run = subprocess.run(
        [str(LOAD), "--plugin", str(folder)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def assert_publishable(folder: Path) -> dict:
    """Nothing reported: no error, warning, directory finding or advice."""
    report = verdict(folder)
    said = [*report["manifest"]["errors"], *report["manifest"]["warnings"]]
    said += [x for item in report.get("contents") or [] for x in item.get("errors", [])]
    said += [x for item in report.get("contents") or [] for x in item.get("warnings", [])]
    said += report["advice"] + report["directory"]["findings"] + report["directory"]["undecided"]
    assert report["success"] and said == [], json.dumps(report, indent=1)[:4000]
    assert report["directory"]["failure"] is None and not report["directory"]["incomplete"]
    assert validator.read(json.dumps(report)).clean
    return report


AGENT = "---\nname: {0}\ndescription: Reviews {0} changes before they ship.\n---\n\nBody.\n"
SKILL = "---\nname: {0}\ndescription: Fills and reads PDF forms when asked to.\n---\n\nSteps.\n"
COMMAND = "---\ndescription: Review the staged diff\nargument-hint: [focus]\n---\n\nReview $1.\n"
STYLE = "---\nname: Terse\ndescription: Short answers, no preamble\n---\n\nBe brief.\n"


@pytest.fixture
def mixed(tmp_path) -> Path:
    """A project with agents, a skill with a script, commands (one namespaced) and a style."""
    root = tmp_path / "ship-kit"
    claude_dir = root / ".claude"
    for name in ("code-reviewer", "release-manager"):
        (claude_dir / "agents").mkdir(parents=True, exist_ok=True)
        (claude_dir / "agents" / f"{name}.md").write_text(AGENT.format(name))
    skill = claude_dir / "skills" / "pdf-forms"
    (skill / "scripts").mkdir(parents=True)
    (skill / "SKILL.md").write_text(SKILL.format("pdf-forms"))
    (skill / "scripts" / "fill.py").write_bytes(b"print('fill')\n")
    (claude_dir / "commands" / "git").mkdir(parents=True)
    (claude_dir / "commands" / "review.md").write_text(COMMAND)
    (claude_dir / "commands" / "git" / "ship.md").write_text(COMMAND)
    (claude_dir / "output-styles").mkdir()
    (claude_dir / "output-styles" / "terse.md").write_text(STYLE)
    (root / "notes.md").write_text("# Not a component\n")
    return root


# --- the three exports Claude Code accepts ------------------------------------------------------


def test_the_seed_exports_publishable(tmp_path):
    dest = tmp_path / "backend-developer"
    args = ["export", "--name", "backend-developer", "--license", "MIT", *PUBLISH]
    assert main([*args, "--out", str(dest), str(SEED)]) == 0
    assert_publishable(dest)
    assert loaded(dest)["agents"] == ["backend-developer:backend-developer"]


@pytest.mark.skipif(not WSHOBSON.is_dir(), reason="../shared/corpus is not present")
def test_wshobson_agents_export_publishable_keeping_their_licence(tmp_path):
    dest = tmp_path / "wshobson-agents"
    args = ["export", "--name", "wshobson-agents", "--license", "keep", *PUBLISH]
    assert main([*args, "--out", str(dest), str(WSHOBSON)]) == 0
    assert (dest / "LICENSE").read_bytes() == (WSHOBSON / "LICENSE").read_bytes()
    report = assert_publishable(dest)
    count = len(list(WSHOBSON.rglob("agents/*.md")))
    assert len(report["provides"]["agents"]) == count == len(loaded(dest)["agents"])


def test_a_mixed_project_exports_every_component_publishable(mixed, tmp_path):
    dest = tmp_path / "ship-kit"
    args = ["export", "--license", "Apache-2.0", *PUBLISH, "--out", str(dest), str(mixed)]
    assert main(args) == 0
    script = dest / "skills" / "pdf-forms" / "scripts" / "fill.py"
    assert script.read_bytes() == b"print('fill')\n"  # the skill's whole folder
    report = assert_publishable(dest)
    assert report["provides"]["outputStyles"] == ["ship-kit:Terse"]
    assert loaded(dest) | {"version": ""} == {
        "version": "",
        "agents": ["ship-kit:code-reviewer", "ship-kit:release-manager"],
        "skills": ["ship-kit:pdf-forms"],
        "commands": ["ship-kit:git:ship", "ship-kit:pdf-forms", "ship-kit:review"],
        "plugins": ["ship-kit"],
    }


def test_a_marketplace_export_of_the_mixed_project_is_publishable_too(mixed, tmp_path):
    dest = tmp_path / "market"
    args = ["export", "--format", "marketplace", "--name", "ship-market", "--license", "MIT"]
    assert main([*args, *PUBLISH, "--out", str(dest), str(mixed)]) == 0
    (plugin,) = (dest / "plugins").iterdir()
    line = publish.install_line(plugin.name, "acme/agent-plugins")
    assert line in (plugin / "README.md").read_text()
    assert (plugin / "skills" / "pdf-forms" / "SKILL.md").is_file()
    assert_publishable(plugin)


# --- the parts, without Claude Code -------------------------------------------------------------


def test_components_are_found_by_where_they_lie(mixed):
    (mixed / "docs" / "commands").mkdir(parents=True)
    (mixed / "docs" / "commands" / "howto.md").write_text("# Not read by Claude Code\n")
    found = components.find(mixed)
    claude_dir = mixed / ".claude"
    assert found == [
        claude_dir / "commands" / "git" / "ship.md",
        claude_dir / "commands" / "review.md",
        claude_dir / "output-styles" / "terse.md",
        claude_dir / "skills" / "pdf-forms" / "SKILL.md",
    ]
    assert [components.place(p) for p in found] == [
        "commands/git/ship.md",
        "commands/review.md",
        "output-styles/terse.md",
        "skills/pdf-forms",
    ]
    assert components.kind_of(claude_dir / "agents" / "code-reviewer.md") is None
    assert components.kind_of(mixed / "notes.md") is None
    assert components.find(mixed / ".claude" / "commands") == found[:2]
    plugin = mixed / "plugins" / "extra"
    (plugin / "agents").mkdir(parents=True)
    (plugin / "commands").mkdir()
    (plugin / "commands" / "go.md").write_text(COMMAND)
    assert plugin / "commands" / "go.md" in components.find(mixed)


def test_the_readme_lists_everything_and_has_the_install_line(mixed, tmp_path):
    paths = sorted((mixed / ".claude" / "agents").iterdir()) + components.find(mixed)
    options = be.ExportOptions(name="ship-kit", license="MIT", marketplace="acme/agent-plugins")
    readme = be.plan_export(paths, options, tmp_path / "out").files["README.md"].decode()
    for heading in ("## Agents", "## Skills", "## Commands", "## Output styles", "## License"):
        assert heading in readme
    assert "| `git:ship` | Review the staged diff |" in readme
    assert "| `pdf-forms` | Fills and reads PDF forms when asked to. |" in readme
    assert "    /plugin install ship-kit --marketplace acme/agent-plugins\n" in readme
    assert publish.words(readme) >= publish.MIN_README_WORDS
    bare = be.plan_export(paths[:1], be.ExportOptions(name="x"), tmp_path / "out")
    assert publish.words(bare.files["README.md"].decode()) >= publish.MIN_README_WORDS
    assert "--marketplace <owner>/<repo>" in bare.files["README.md"].decode()  # until known


@pytest.mark.parametrize(
    ("license", "file", "manifest"),
    [
        ("BSD-3-Clause", b"Neither the name of the copyright holder", "BSD-3-Clause"),
        ("ISC", b"ISC License", "ISC"),
        ("GPL-3.0-only", None, "GPL-3.0-only"),  # named in plugin.json: no text written
        ("MIT OR Apache-2.0", None, "MIT OR Apache-2.0"),
        ("LicenseRef-Acme", None, "LicenseRef-Acme"),
    ],
)
def test_an_spdx_licence_is_written_as_chosen(mixed, tmp_path, license, file, manifest):
    agent = mixed / ".claude" / "agents" / "code-reviewer.md"
    plan = be.plan_export([agent], be.ExportOptions(name="kit", license=license), tmp_path / "o")
    assert json.loads(plan.files[".claude-plugin/plugin.json"])["license"] == manifest
    if file is None:
        assert "LICENSE" not in plan.files
    else:
        assert file in plan.files["LICENSE"]


def test_a_licence_is_never_assumed(mixed, tmp_path):
    agent = [mixed / ".claude" / "agents" / "code-reviewer.md"]
    unchosen = be.plan_export(agent, be.ExportOptions(name="kit", license=""), tmp_path / "o")
    assert [str(p) for p in unchosen.errors] == [
        "license: choose a licence, keep the project's, or none"
    ]
    typo = be.plan_export(agent, be.ExportOptions(name="kit", license="MTI"), tmp_path / "o")
    assert "'MTI' is not an SPDX licence id we know" in str(typo.errors[0])


def test_icons_picked_or_generated(mixed, tmp_path):
    agent = [mixed / ".claude" / "agents" / "code-reviewer.md"]

    def plan(choice: str) -> be.ExportPlan:
        return be.plan_export(agent, be.ExportOptions(name="kit", icon=choice), tmp_path / "o")

    generated = plan(be.GENERATE)
    assert icon.check(generated.files[be.ICON_PNG]) == icon.Icon("png", 512, 512)
    jpeg = tmp_path / "logo.jpeg"
    jpeg.write_bytes(b"\xff\xd8\xff\xc0\x00\x11\x08\x02\x00\x02\x00\x03" + b"\0" * 20)
    picked = plan(str(jpeg))
    assert picked.files[".claude-plugin/icon.jpg"] == jpeg.read_bytes()
    assert json.loads(picked.files[".claude-plugin/plugin.json"])["icon"] == (
        "./.claude-plugin/icon.jpg"
    )
    small = tmp_path / "small.png"
    small.write_bytes(icon.monogram("kit", size=64))
    assert [str(p) for p in plan(str(small)).errors] == [
        "icon: small.png: 64×64 px: an icon is 512 to 2048 px a side"
    ]
    assert "cannot be read" in str(plan(str(tmp_path / "gone.png")).errors[0])


def test_the_marketplace_must_be_owner_slash_repo(mixed, tmp_path):
    agent = [mixed / ".claude" / "agents" / "code-reviewer.md"]
    options = be.ExportOptions(name="kit", marketplace="https://github.com/acme/x")
    assert [str(p) for p in be.plan_export(agent, options, tmp_path / "o").errors] == [
        "marketplace: 'https://github.com/acme/x' is not OWNER/REPO (like acme/agent-plugins)"
    ]


def test_a_dialect_export_leaves_components_out_saying_why(mixed, tmp_path):
    paths = [mixed / ".claude" / "agents" / "code-reviewer.md", *components.find(mixed)]
    plan = be.plan_export(paths, be.ExportOptions(format="copilot"), tmp_path / "o")
    assert {x.reason for x in plan.left_out} == {"a copilot export holds agents only"}
    assert len(plan.left_out) == 4 and plan.errors == []


def test_import_brings_components_back_beside_the_agents(mixed, tmp_path, capsys):
    exported = tmp_path / "ship-kit.zip"
    args = ["export", "--format", "zip", "--license", "MIT", "--out", str(exported), str(mixed)]
    assert main(args) == 0
    bundle = bi.open_bundle(exported)
    assert sorted(c.key for c in bundle.components) == [
        "ship-kit:git:ship",
        "ship-kit:pdf-forms",
        "ship-kit:review",
        "ship-kit:terse",
    ]
    into = tmp_path / "project" / ".claude" / "agents"
    (into.parent / "commands").mkdir(parents=True)
    (into.parent / "commands" / "review.md").write_text("ours\n")
    assert main(["import", str(exported), "--into", str(into)]) == 0
    out = capsys.readouterr().out
    assert f"ship-kit:review: {into.parent / 'commands' / 'review-2.md'} (rename)" in out
    assert (into.parent / "commands" / "review.md").read_text() == "ours\n"  # kept
    assert (into.parent / "commands" / "review-2.md").read_text() == COMMAND
    skill = into.parent / "skills" / "pdf-forms"
    assert (skill / "scripts" / "fill.py").read_bytes() == b"print('fill')\n"
    assert (into.parent / "commands" / "git" / "ship.md").read_text() == COMMAND
    assert (into.parent / "output-styles" / "terse.md").read_text() == STYLE
    assert sorted(p.name for p in into.iterdir()) == ["code-reviewer.md", "release-manager.md"]
    assert main(["import", str(exported), "--into", str(into), "--on-clash", "replace"]) == 0
    assert (into.parent / "commands" / "review.md").read_text() == COMMAND
    shutil.rmtree(into.parent)
    assert main(["import", str(exported), "--into", str(into), "--agents", "pdf-forms"]) == 0
    assert [p.name for p in into.parent.iterdir()] == ["skills"]


def test_import_writes_nothing_outside_the_folder_named_and_renames_components(
    mixed, tmp_path, capsys
):
    exported = tmp_path / "ship-kit"
    assert main(["export", "--license", "none", "--out", str(exported), str(mixed)]) == 0
    into = tmp_path / "x" / "imp"
    assert main(["import", str(exported), "--into", str(into)]) == 0
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["imp"]
    assert (into / "skills" / "pdf-forms" / "scripts" / "fill.py").is_file()
    assert (into / "commands" / "review.md").read_text() == COMMAND
    assert main(["import", str(exported), "--into", str(into)]) == 0  # again: renamed
    skill = (into / "skills" / "pdf-forms-2" / "SKILL.md").read_text()
    assert "name: pdf-forms-2\n" in skill
    assert (
        skill.replace("pdf-forms-2", "pdf-forms")
        == (into / "skills" / "pdf-forms" / "SKILL.md").read_text()
    )  # one edit: the name
    assert (into / "commands" / "review-2.md").read_text() == COMMAND
    capsys.readouterr()
    assert main(["import", str(exported), "--into", str(into), "--on-clash", "skip"]) == 0
    assert f"{into}: nothing imported: every name is already taken" in capsys.readouterr().out
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["imp"]
