"""The subagent fields of Claude Code 2.1.332, the registration facts, and the rules that follow
the target version. Expected verdicts are what the pinned Claude Code does: its agent-file
parser in the bundle and, where a test says so, ``claude-load``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from agentquill.core import claude_versions
from agentquill.core.agentfile import AgentFile
from agentquill.core.lint import Severity, lint
from support import CORPUS, ROOT

PROJECT = ".claude/agents/probe.md"
PLUGIN = "plugins/p/agents/probe.md"
OLD = "2.1.100"
CLAUDE_LOAD = shutil.which("claude-load") or (
    str(ROOT.parent / "shared/tools/claude-load")
    if (ROOT.parent / "shared/tools/claude-load").is_file()
    else None
)


def found(field: str, path: str = PROJECT, target: str | None = None) -> dict[str, list]:
    text = f"---\nname: probe\ndescription: Reviews code for bugs\n{field}---\n\nYou review code.\n"
    out: dict[str, list] = {}
    for d in lint(AgentFile.from_text(text, path), target):
        if d.code != "AQ310":  # the short body
            out.setdefault(d.code, []).append(d)
    return out


VALID = [
    "disallowedTools: Write, Edit\n",
    "disallowedTools:\n  - Write\n  - mcp__*\n",
    "tools:\n  - Read\n  - Grep\n",
    "mcpServers:\n  - github\n",
    "skills:\n  - pdf\n",
    "initialPrompt: Start with the failing test\n",
    "maxTurns: 12\n",
    "autoCompactWindow: 100000\n",
    "autoCompactWindow: 150000\n",
    "background: true\n",
    "omitClaudeMd: true\n",
    "omitClaudeMd: 'true'\n",  # the parser compares with the text too
    'background: "false"\n',
    "memory: local\n",
    *(f"effort: {e}\n" for e in ("low", "medium", "high", "xhigh", "max", "3")),
    *(f"permissionMode: {m}\n" for m in ("default", "acceptEdits", "auto", "dontAsk", "plan")),
    "observer: watcher\n",
    "observer: a, b, c, d\n",
    "observerMessage: Flag anything risky\n",
    "observeSubagents: false\n",
    "observeToolResults: false\n",
    "hooks: {}\n",
    "isolation: worktree\n",
    "isolation: remote\n",
    "experimental:\n  cacheTtl: 1h\n",
    "color: cyan\n",
    *(f"model: {m}\n" for m in ("inherit", "opus", "haiku", "claude-opus-4-5-20251101")),
]


@pytest.mark.parametrize("field", VALID)
def test_valid_2_1_332_fields_raise_nothing(field):
    assert found(field) == {}


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("maxTurns: 0\n", "AQ211"),
        ("autoCompactWindow: 99999\n", "AQ211"),
        ("autoCompactWindow: lots\n", "AQ211"),
        ("omitClaudeMd: yes please\n", "AQ211"),
        ("background: maybe\n", "AQ211"),
        ("memory: team\n", "AQ212"),
        ("effort: extreme\n", "AQ212"),
        ("effort: true\n", "AQ211"),
        ("permissionMode: yolo\n", "AQ212"),
        ("observer: a, b, c, d, e\n", "AQ212"),
        ("observer: a,,b\n", "AQ212"),
        ("isolation: docker\n", "AQ212"),
        ("experimental:\n  cacheTtl: 2h\n", "AQ212"),
        ("experimental:\n  turbo: true\n", "AQ210"),
        ("experimental: on\n", "AQ211"),
        ("omitClaudeMD: true\n", "AQ210"),
    ],
)
def test_invalid_values_get_the_right_rule(field, code):
    assert list(found(field)) == [code]


def test_the_autocompact_minimum_is_said():
    (d,) = found("autoCompactWindow: 5000\n")["AQ211"]
    assert "at least 100,000" in d.message


def test_plugin_agents_ignore_what_the_plugin_loader_warns_about():
    """2.1.332's plugin loader warns for permissionMode, hooks, mcpServers (one list) and
    initialPrompt, observer, observerMessage, observeSubagents (another); the rest apply."""
    ignored = [
        "permissionMode: plan\n",
        "hooks: {}\n",
        "mcpServers:\n  - github\n",
        "initialPrompt: Go\n",
        "observer: watcher\n",
        "observerMessage: Note it\n",
        "observeSubagents: false\n",
    ]
    for field in ignored:
        assert list(found(field, PLUGIN)) == ["AQ225"], field
    for field in ("omitClaudeMd: true\n", "autoCompactWindow: 100000\n", "effort: max\n"):
        assert found(field, PLUGIN) == {}, field


# --- the target version ------------------------------------------------------------------------


def test_tools_lists_are_flagged_only_for_older_targets():
    field = "tools:\n  - Read\n  - Grep\n"
    assert found(field, target=claude_versions.PINNED) == {}
    (d,) = found(field, target=OLD)["AQ220"]
    assert OLD in d.message and d.fix is not None


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("omitClaudeMd: true\n", "AQ210"),
        ("experimental:\n  cacheTtl: 5m\n", "AQ210"),
        ("observer: watcher\n", "AQ210"),
        ("effort: xhigh\n", "AQ212"),
        ("effort: 3\n", "AQ212"),
        ("isolation: remote\n", "AQ212"),
    ],
)
def test_newer_fields_and_values_are_flagged_for_older_targets(field, code):
    assert found(field, target=claude_versions.PINNED) == {}
    (d,) = found(field, target=OLD)[code]
    assert d.severity is Severity.WARNING and OLD in d.message and "2.1.332" in d.message


def test_old_values_stay_quiet_for_older_targets():
    assert found("effort: high\nisolation: worktree\nmaxTurns: 3\n", target=OLD) == {}


def test_the_project_file_sets_the_target(tmp_path):
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    path = agents / "probe.md"
    path.write_text("---\nname: probe\ndescription: Reviews code\neffort: max\n---\n\nReview.\n")
    assert claude_versions.target_for(path) == claude_versions.PINNED
    claude_versions.write_setting(tmp_path, OLD)
    assert json.loads((tmp_path / ".agentquill.json").read_text()) == {"claudeCode": OLD}
    assert claude_versions.target_for(path) == OLD
    assert "AQ212" in {d.code for d in lint(AgentFile.read(path))}
    assert "AQ212" not in {d.code for d in lint(AgentFile.read(path), claude_versions.PINNED)}


def test_a_broken_project_file_falls_back_to_the_pinned_version(tmp_path):
    (tmp_path / ".agentquill.json").write_text("{not json")
    claude_versions.clear_cache()
    assert claude_versions.target_for(tmp_path / "a.md") == claude_versions.PINNED
    with pytest.raises(ValueError, match="not a version"):
        claude_versions.write_setting(tmp_path, "latest")


def test_every_behaviour_says_what_it_rests_on():
    for name, behaviour in claude_versions.BEHAVIOURS.items():
        assert claude_versions.valid(behaviour.since) and behaviour.rests_on, name
    assert set(claude_versions.FIELD_BEHAVIOUR.values()) <= set(claude_versions.BEHAVIOURS)


# --- registration ------------------------------------------------------------------------------

LONG_NAME = "a" * 257


def named(name: str, path: str) -> dict[str, list]:
    text = f"---\nname: {name}\ndescription: Reviews code for bugs\n---\n\nYou review code.\n"
    out: dict[str, list] = {}
    for d in lint(AgentFile.from_text(text, path)):
        out.setdefault(d.code, []).append(d)
    return out


def test_a_name_over_256_characters_is_not_registered_in_a_project():
    (d,) = named(LONG_NAME, PROJECT)["AQ206"]
    assert d.severity is Severity.ERROR and "does not register" in d.message
    assert "AQ204" not in named(LONG_NAME, PROJECT)  # the length rule would only repeat it
    (p,) = named(LONG_NAME, PLUGIN)["AQ206"]
    assert p.severity is Severity.WARNING and "under its file name" in p.message
    assert "AQ206" not in named("b" * 256, PROJECT)


def test_an_opening_line_below_line_1_is_said_plainly():
    text = "\n---\nname: probe\ndescription: Reviews code\n---\nBody\n"
    (d,) = [d for d in lint(AgentFile.from_text(text, PROJECT)) if d.code == "AQ104"]
    assert "not on line 1" in d.message and "does not register" in d.message
    (p,) = [d for d in lint(AgentFile.from_text(text, PLUGIN)) if d.code == "AQ104"]
    assert "named after the file" in p.message


@pytest.mark.skipif(CLAUDE_LOAD is None, reason="claude-load is not installed")
def test_registration_rules_agree_with_claude_load(tmp_path):
    """The files the lint says a project drops are the ones Claude Code leaves out."""
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    files = {
        "long-name": f"---\nname: {LONG_NAME}\ndescription: Long\n---\nBody\n",
        "max-name": f"---\nname: {'b' * 256}\ndescription: Longest allowed\n---\nBody\n",
        "late-opener": "\n---\nname: late-opener\ndescription: Blank first line\n---\nBody\n",
        "new-fields": "---\nname: new-fields\ndescription: All new\ntools:\n  - Read\n"
        "effort: xhigh\nomitClaudeMd: true\nautoCompactWindow: 120000\nobserver: a, b\n"
        "experimental:\n  cacheTtl: 1h\nisolation: remote\n---\nBody\n",
    }
    dropped = set()
    for stem, text in files.items():
        path = agents / f"{stem}.md"
        path.write_text(text)
        errors = {d.code for d in lint(AgentFile.read(path)) if d.severity is Severity.ERROR}
        if errors & {"AQ104", "AQ206"}:
            dropped.add(stem)
    run = subprocess.run([CLAUDE_LOAD, str(tmp_path)], capture_output=True, text=True, timeout=600)
    if run.returncode == 2:
        pytest.skip(run.stderr.strip())
    registered = json.loads(run.stdout)["agents"]
    assert dropped == {"long-name", "late-opener"}
    assert sorted(registered) == sorted(["b" * 256, "new-fields"])


#: the values 2.1.332's agent-file parser accepts, for the enum fields
ACCEPTED = {
    "effort": {"low", "medium", "high", "xhigh", "max"},
    "memory": {"user", "project", "local"},
    "isolation": {"worktree", "remote"},
    "permissionMode": {"default", "acceptEdits", "auto", "dontAsk", "bypassPermissions", "plan"},
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_linting_the_corpus_flags_no_field_or_value_2_1_332_knows(capsys):
    from agentquill.cli import main

    main(["lint", "--json", "--target-version", claude_versions.PINNED, str(CORPUS)])
    report = json.loads(capsys.readouterr().out)
    claude = [r for r in report if r["dialect"].startswith("claude")]
    assert len(claude) > 500
    wrong = []
    for entry in claude:
        fields = lint_values(Path(entry["file"]))
        for d in entry["diagnostics"]:
            key = d.get("key")
            unknown_known = d["code"] == "AQ210" and key in {*ACCEPTED, *KNOWN}
            refused_valid = d["code"] == "AQ212" and str(fields.get(key)) in ACCEPTED.get(key, ())
            if unknown_known or refused_valid:
                wrong.append((entry["file"], d["message"]))
    assert wrong == []


KNOWN = {"disallowedTools", "mcpServers", "skills", "initialPrompt", "maxTurns", "background"}
KNOWN |= {"hooks", "color", "model", "tools", "name", "description", "observeSubagents"}
KNOWN |= claude_versions.FIELD_BEHAVIOUR.keys()


def lint_values(path: Path) -> dict:
    return {f.key: f.value for f in AgentFile.read(path).parsed.fields}
