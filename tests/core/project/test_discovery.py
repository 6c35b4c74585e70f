"""Discovery: every place a tool loads agent files from, as temp folder trees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentquill.core.project import (
    Sniffer,
    agent_stem,
    discover,
    discover_paths,
    looks_like_agent,
)
from support import CORPUS

AGENT = "---\nname: {name}\ndescription: Use for {name} work.\n---\n\nYou do {name} work.\n"


def write(root: Path, rel: str, text: str | None = None) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(AGENT.format(name=agent_stem(path)) if text is None else text)
    return path


def groups(root: Path, user: Path | None = None) -> dict[str, list[str]]:
    """label → paths relative to ``root`` (or to ``user``) for each discovered source."""
    found = {}
    for source, files in discover(root, user):
        base = user if source.scope == "user" else root
        found[source.label] = [f.relative_to(base).as_posix() for f in files]
    return found


def scopes(root: Path) -> dict[str, str]:
    return {f.relative_to(root).as_posix(): s.scope for s, files in discover(root) for f in files}


def test_nested_claude_agents_in_a_monorepo(tmp_path):
    write(tmp_path, ".claude/agents/api.md")
    write(tmp_path, ".claude/agents/team/db.md")
    write(tmp_path, "packages/web/.claude/agents/ui.md")
    assert groups(tmp_path) == {
        "Project · .claude/agents": [".claude/agents/api.md", ".claude/agents/team/db.md"],
        "Project · packages/web/.claude/agents": ["packages/web/.claude/agents/ui.md"],
    }


def test_plugin_agents_beside_a_manifest_with_subfolders(tmp_path):
    write(tmp_path, "tools/my-plugin/.claude-plugin/plugin.json", json.dumps({"name": "mine"}))
    write(tmp_path, "tools/my-plugin/agents/x.md")
    write(tmp_path, "tools/my-plugin/agents/sub/y.md")
    write(tmp_path, "tools/my-plugin/commands/run.md")  # a command, not an agent
    write(tmp_path, "tools/my-plugin/skills/s/SKILL.md")
    (source, files), *others = discover(tmp_path)
    assert [(o.kind, o.label) for o, _ in others] == [
        ("skill", "Skills · Plugin · mine"),
        ("command", "Commands · Plugin · mine"),
    ]
    assert (source.scope, source.plugin, source.label) == ("plugin", "mine", "Plugin · mine")
    assert source.root == tmp_path / "tools/my-plugin/agents"
    assert [f.name for f in files] == ["y.md", "x.md"]


def test_plugin_manifest_that_lists_its_agents(tmp_path):
    manifest = {"name": "p", "agents": ["./custom/", "./extra/one.md"]}
    write(tmp_path, "p/.claude-plugin/plugin.json", json.dumps(manifest))
    write(tmp_path, "p/custom/a.md")
    write(tmp_path, "p/extra/one.md")
    write(tmp_path, "p/extra/two.md")  # not listed: a plain folder of agent files
    assert scopes(tmp_path) == {
        "p/custom/a.md": "plugin",
        "p/extra/one.md": "plugin",
        "p/extra/two.md": "folder",
    }


def test_broken_manifest_falls_back_to_the_folder_name(tmp_path):
    write(tmp_path, "p/.claude-plugin/plugin.json", "{not json")
    write(tmp_path, "p/agents/a.md")
    ((source, _),) = discover(tmp_path)
    assert (source.scope, source.plugin) == ("plugin", "p")


def test_marketplace_plugins_without_manifests(tmp_path):
    market = {
        "name": "m",
        "owner": {"name": "me"},
        "metadata": {"pluginRoot": "./vendor"},
        "plugins": [
            {"name": "first", "source": "./plugins/p"},
            {"name": "second", "source": "q"},  # bare: under pluginRoot
            {"name": "escape", "source": "../outside"},
            {"name": "remote", "source": {"source": "github", "repo": "a/b"}},
        ],
    }
    write(tmp_path, ".claude-plugin/marketplace.json", json.dumps(market))
    write(tmp_path, "plugins/p/agents/a.md")
    write(tmp_path, "vendor/q/agents/b.md")
    found = {s.plugin: [f.name for f in files] for s, files in discover(tmp_path)}
    assert found == {"first": ["a.md"], "second": ["b.md"]}


def test_plugins_folder_without_manifest_is_a_plugin(tmp_path):
    write(tmp_path, "plugins/kit/agents/a.md")
    write(tmp_path, "plugins/kit/commands/c.md")
    write(tmp_path, "plugins/tools/skills/s/SKILL.md")  # a plugin of skills only
    assert groups(tmp_path) == {
        "Plugin · kit": ["plugins/kit/agents/a.md"],
        "Skills · Plugin · tools": ["plugins/tools/skills/s/SKILL.md"],
        "Commands · Plugin · kit": ["plugins/kit/commands/c.md"],
    }


def test_copilot_opencode_and_gemini_folders(tmp_path):
    write(tmp_path, ".github/agents/review.agent.md")
    write(tmp_path, ".github/chatmodes/plan.chatmode.md")
    write(tmp_path, ".github/ISSUE_TEMPLATE/bug.md", "---\nname: Bug\nabout: x\n---\n")
    write(tmp_path, ".github/prompts/p.prompt.md")
    write(tmp_path, ".opencode/agent/build.md")
    write(tmp_path, ".opencode/agents/deep/plan.md")
    write(tmp_path, ".opencode/command/c.md")
    write(tmp_path, ".gemini/agents/g.md")
    assert scopes(tmp_path) == {
        ".github/agents/review.agent.md": "copilot",
        ".github/chatmodes/plan.chatmode.md": "copilot",
        ".opencode/agent/build.md": "opencode",
        ".opencode/agents/deep/plan.md": "opencode",
        ".gemini/agents/g.md": "gemini",
    }
    labels = {s.label for s, _ in discover(tmp_path)}
    assert "Copilot · .github/chatmodes" in labels and "OpenCode · .opencode/agent" in labels


def test_bare_folder_of_agents_and_non_agents(tmp_path):
    write(tmp_path, "a.md")
    write(tmp_path, "README.md", "# Agents\n\nNo frontmatter here.\n")
    write(tmp_path, "notes.txt", "---\nname: x\n---\n")
    write(tmp_path, "catalog/engineering/b.md")
    write(tmp_path, "catalog/engineering/noext")
    assert groups(tmp_path) == {
        "Folder": ["a.md"],
        "Folder · catalog/engineering": ["catalog/engineering/b.md", "catalog/engineering/noext"],
    }


def test_skip_dirs_are_not_walked(tmp_path):
    for skipped in ("node_modules/pkg", ".git", ".venv/lib", "__pycache__"):
        write(tmp_path, f"{skipped}/.claude/agents/x.md")
    write(tmp_path, ".claude/agents/kept.md")
    assert groups(tmp_path) == {"Project · .claude/agents": [".claude/agents/kept.md"]}


def test_opening_an_agents_folder_itself(tmp_path):
    write(tmp_path, "repo/.claude/agents/a.md")
    ((source, files),) = discover(tmp_path / "repo/.claude/agents")
    assert (source.scope, source.label) == ("project", "Project · .claude/agents")
    write(tmp_path, "p/.claude-plugin/plugin.json", '{"name": "pp"}')
    write(tmp_path, "p/agents/b.md")
    ((source, files),) = discover(tmp_path / "p/agents")
    assert (source.scope, source.plugin) == ("plugin", "pp")


def test_user_agents_folder_is_a_user_source(tmp_path):
    write(tmp_path, "proj/.claude/agents/a.md")
    write(tmp_path, "home/.claude/agents/mine.md")
    write(tmp_path, "home/.claude/agents/deep/more.md")
    found = discover(tmp_path / "proj", tmp_path / "home/.claude/agents")
    assert [(s.scope, [f.name for f in files]) for s, files in found] == [
        ("project", ["a.md"]),
        ("user", ["more.md", "mine.md"]),
    ]
    assert found[1][0].label.startswith("User · ")


def test_user_folder_inside_the_project_is_listed_once(tmp_path):
    write(tmp_path, "users/.claude/agents/u.md")
    found = discover(tmp_path, tmp_path / "users/.claude/agents")
    assert [(s.scope, len(files)) for s, files in found] == [("user", 1)]


def test_paths_are_absolute_and_sorted(tmp_path):
    for name in ("c", "a", "b"):
        write(tmp_path, f".claude/agents/{name}.md")
    ((_, files),) = discover(tmp_path / "." / ".claude" / ".." / "")
    assert files == sorted(files) and all(f.is_absolute() for f in files)
    assert files[0] == tmp_path / ".claude/agents/a.md"


def test_a_single_file_and_a_missing_folder(tmp_path):
    path = write(tmp_path, "x.md")
    assert [files for _, files in discover(path)] == [[path]]
    assert discover(tmp_path / "missing") == []


def test_looks_like_agent(tmp_path):
    agent = write(tmp_path, "x.md")
    readme = write(tmp_path, "README.md", "# no\n")
    bom = write(tmp_path, "bom.md", "\ufeff---\nname: b\n---\n")
    assert looks_like_agent(agent) and looks_like_agent(bom) and not looks_like_agent(readme)


def test_agent_stem():
    assert [agent_stem(Path(p)) for p in ("a.agent.md", "b.chatmode.md", "c.md", "d")] == list(
        "abcd"
    )


def test_the_corpus_is_found_in_full():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    found = [f for _, files in discover(CORPUS) for f in files]
    assert len(found) == len(set(found)) == 1171


def test_sniffer_keeps_agent_bytes_within_its_budget(tmp_path):
    small = write(tmp_path, "a.md")
    big = write(tmp_path, "b.md", "---\nname: b\n---\n" + "x" * 500)
    write(tmp_path, "README.md", "# no\n")
    sniff = Sniffer(budget=200)
    found = [f for _, files in discover_paths(tmp_path, is_agent=sniff) for f in files]
    assert found == [str(small), str(big)]
    assert sniff.take(str(small)) == small.read_bytes() and sniff.take(str(small)) is None
    assert sniff.take(str(big)) is None  # over the budget: read again by whoever needs it
    assert sniff.budget == 200 - small.stat().st_size


def test_symlinked_folders_are_not_followed(tmp_path):
    write(tmp_path, ".claude/agents/a.md")
    (tmp_path / ".claude/agents/loop").symlink_to(tmp_path)
    write(tmp_path, "elsewhere/b.md")
    (tmp_path / ".claude/agents/linked.md").symlink_to(tmp_path / "elsewhere/b.md")
    assert groups(tmp_path) == {
        "Project · .claude/agents": [".claude/agents/a.md", ".claude/agents/linked.md"],
        "Folder · elsewhere": ["elsewhere/b.md"],
    }


def test_home_claude_agents_is_the_user_scope(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    write(tmp_path, ".claude/agents/mine.md")
    write(tmp_path, "work/.claude/agents/team.md")
    assert [(s.scope, s.label) for s, _ in discover(tmp_path)] == [
        ("project", "Project · work/.claude/agents"),
        ("user", "User · ~/.claude/agents"),
    ]
    ((source, _),) = discover(tmp_path / ".claude/agents")
    assert (source.scope, source.label) == ("user", "User · ~/.claude/agents")


def test_files_named_as_agents_in_agents_folders_are_listed_without_frontmatter(tmp_path):
    """Claude Code does not load them (claude-load), so they are listed to show the problem;
    a README there, loose markdown in a plain folder and Copilot's non-agent names are not."""
    write(tmp_path, ".claude/agents/ok.md")
    write(tmp_path, ".claude/agents/nofm.md", "just a widget body\n")
    write(tmp_path, ".claude/agents/empty.md", "")
    write(tmp_path, ".claude/agents/README.md", "# About these agents\n")
    write(tmp_path, ".github/agents/bare.agent.md", "")
    write(tmp_path, ".github/agents/notes.md", "")
    write(tmp_path, "docs/guide.md", "Prose\n")
    write(tmp_path, "plugins/kit/agents/README.md", "# Kit\n")  # registered as kit:README
    assert groups(tmp_path) == {
        "Project · .claude/agents": [
            ".claude/agents/empty.md",
            ".claude/agents/nofm.md",
            ".claude/agents/ok.md",
        ],
        "Plugin · kit": ["plugins/kit/agents/README.md"],
        "Copilot · .github/agents": [".github/agents/bare.agent.md"],
    }


def test_skills_commands_output_styles_and_rules_beside_agents(tmp_path):
    write(tmp_path, ".claude/agents/a.md")
    write(tmp_path, ".claude/skills/review/SKILL.md")
    write(tmp_path, ".claude/skills/review/reference.md")  # a skill's own file, not a skill
    write(tmp_path, ".claude/skills/review/deep/SKILL.md", "---\nname: deep\n---\n")
    write(tmp_path, ".claude/commands/go.md", "Run the deploy.\n")  # no frontmatter needed
    write(tmp_path, ".claude/commands/team/ship.md")
    write(tmp_path, ".claude/output-styles/terse.md")
    write(tmp_path, ".claude/output-styles/old/stale.md")  # styles are not read from subfolders
    write(tmp_path, ".claude/rules/py/style.md", "Use type hints.\n")
    write(tmp_path, ".claude/hooks/h.md")
    assert [(s.kind, s.scope, s.label) for s, _ in discover(tmp_path)] == [
        ("agent", "project", "Project · .claude/agents"),
        ("skill", "project", "Skills · Project · .claude/skills"),
        ("command", "project", "Commands · Project · .claude/commands"),
        ("output-style", "project", "Output styles · Project · .claude/output-styles"),
        ("rule", "project", "Rules · Project · .claude/rules"),
    ]
    assert set(scopes(tmp_path)) == {
        ".claude/agents/a.md",
        ".claude/skills/review/SKILL.md",
        ".claude/commands/go.md",
        ".claude/commands/team/ship.md",
        ".claude/output-styles/terse.md",
        ".claude/rules/py/style.md",
    }


def test_user_kinds_come_with_the_user_agents(tmp_path):
    home = tmp_path / "home" / ".claude"
    write(home, "agents/a.md")
    write(home, "skills/s/SKILL.md")
    write(home, "commands/c.md")
    found = {s.label: [f.name for f in fs] for s, fs in discover(tmp_path / "p", home / "agents")}
    assert set(found) == {
        f"User · {home / 'agents'}",
        f"Skills · User · {home / 'skills'}",
        f"Commands · User · {home / 'commands'}",
    }
