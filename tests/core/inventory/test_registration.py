"""Each registration rule on a generated case; the expected verdicts are what claude-load
2.1.332 printed for these files (see inventory_cases.py), so no Claude Code is needed here."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentquill.core.inventory import Entry, combined, detect_layout, inventory, registered
from inventory_cases import lay_out, manifest_plugins, write, zipped


@pytest.fixture(scope="module")
def laid(tmp_path_factory) -> dict[str, dict[tuple[str, str], Entry]]:
    """Each layout's entries by (kind, file relative to the kind's folder)."""
    out = {}
    for layout in ("project", "user", "plugin"):
        root = lay_out(tmp_path_factory.mktemp(layout), layout)
        base = root / ".claude" if layout == "project" else root
        by_file = {}
        for e in inventory(root, layout):
            rel = Path(e.file).relative_to(base)
            by_file[(e.kind, rel.relative_to(rel.parts[0]).as_posix())] = e
        out[layout] = by_file
    return out


def agent(laid, layout: str, rel: str) -> Entry:
    return laid[layout][("agent", rel)]


@pytest.mark.parametrize("layout", ["project", "user"])
@pytest.mark.parametrize(
    ("rel", "reason"),
    [
        ("a02.md", "it has no frontmatter"),
        ("a03.md", "its name has 257 characters, over 256"),
        ("a04.md", "its opening --- is not on the first line"),
        ("a05.md", "its description is missing, empty or not text"),
        ("a06.md", "its name is missing or not text"),
        ("a10.md", "its hooks are not a mapping"),
        ("b02.md", "its hooks are not a mapping"),
        ("b04.md", "its description is missing, empty or not text"),
        ("b07.md", "its name is missing or not text"),
        ("b08.md", "its name is not text"),
        ("b16.md", "it has no frontmatter"),
        ("b17.md", "its name is missing or not text"),
        ("b20.md", "its name is missing or not text"),  # cut before it by a "---"
        ("b22.md", "Claude Code cannot parse its frontmatter"),
        ("a17.txt", "not a .md file"),
        ("a19.md", "its name is missing or not text"),
        ("a20.md", "its description is missing, empty or not text"),
        ("a21.md", "its name is not text"),
        ("a23.md", "Claude Code cannot parse its frontmatter"),
        ("a25.md", "its description is missing, empty or not text"),
        ("a28.md", "its frontmatter is never closed"),
        ("a30.MD", "not a .md file"),
        ("a34.md", "its frontmatter is not a set of fields"),
        ("a38.md", "its name contains ':'"),
    ],
)
def test_project_and_user_skip_with_a_reason(laid, layout, rel, reason):
    entry = agent(laid, layout, rel)
    assert (entry.registered, entry.reason) == (False, reason)


@pytest.mark.parametrize(
    ("rel", "name"),
    [
        ("a01.md", "a01-ok"),
        ("a07.md", "a07-other"),  # the name, not the stem
        ("a08.md", "a08-recovered"),  # YAML Claude Code recovers
        ("a09.md", "a09-tab"),  # a tab in the indentation
        ("README.md", "a11-readme"),
        ("readme.md", "a35-lower-readme"),
        ("sub/a13.md", "a13-nested"),  # subfolders searched, not in the name
        ("sub/deeper/a14.md", "a14-deeper"),
        ("a18.md", "A18 Upper Spaced"),
        ("a22.md", "a22-bom"),
        ("a24.md", "a24-crlf"),
        ("a26.md", "m" * 256),
        ("a27.md", "a27-trailing-space"),
        (".a29.md", "a29-hidden"),
        ("a33.md", "a33-bad-yaml"),
        ("a36.md", "a36-dashes"),
        ("a37.md", "a37-model"),  # wrong types elsewhere do not matter
        ("b01.md", "b01-hooks-map"),
        ("b05.md", "b05/slash"),
        ("b06.md", "  b06-spaced  "),  # not trimmed
        ("b09.md", "café-b09"),
        ("b10.md", "b10-desc-spaces"),  # a blank description is enough
        ("b13.md", "b13-hooks-event"),
        ("b19.md", "b19-odd"),
        ("b21.md", "b21-cut"),  # its hooks cut off
    ],
)
def test_project_registers(laid, rel, name):
    entry = agent(laid, "project", rel)
    assert (entry.registered, entry.name) == (True, name)


@pytest.mark.parametrize(
    ("rel", "name"),
    [
        ("a02.md", "edge:a02"),  # the stem for what a project skips
        ("a03.md", "edge:a03"),
        ("a04.md", "edge:a04"),
        ("a05.md", "edge:a05-no-description"),  # no description needed
        ("a10.md", "edge:a10-hooks"),
        ("a21.md", "edge:12345"),  # String() of the YAML value
        ("a32.md", "edge:a,b"),
        ("a23.md", "edge:a23"),
        ("a30.MD", "edge:a30-upper-ext"),
        ("a38.md", "edge:a38:colon"),
        ("b07.md", "edge:b07"),
        ("b08.md", "edge:true"),
        ("b17.md", "edge:b17"),
        ("b20.md", "edge:b20"),
        ("sub/deeper/a14.md", "edge:sub:deeper:a14-deeper"),  # folders join the name
    ],
)
def test_plugin_registers_every_markdown_agent(laid, rel, name):
    entry = agent(laid, "plugin", rel)
    assert (entry.registered, entry.name) == (True, name)


def test_duplicate_agents_register_once_the_last_in_path_order(laid):
    first, last = agent(laid, "project", "a15.md"), agent(laid, "project", "a16.md")
    assert last.registered and not first.registered
    assert first.reason == f"{last.file} takes the name 'dup-agent'"
    assert last.reason == f"wins the name over {first.file}"
    # in a plugin a file's stem can clash with another file's name
    stemmed, named = agent(laid, "plugin", "b18-dup-stem.md"), agent(laid, "plugin", "b18.md")
    assert named.registered and not stemmed.registered
    assert stemmed.reason == f"{named.file} takes the name 'edge:b18-dup-stem'"


def test_the_whole_path_orders_files(tmp_path):
    for rel in ("a/x.md", "a-b.md"):
        write(tmp_path / ".claude" / "agents", {rel: "---\nname: dup\ndescription: d\n---\n"})
    assert Path(registered(tmp_path)[0].file).relative_to(tmp_path) == Path(".claude/agents/a/x.md")


def test_a_project_agent_wins_over_the_users(tmp_path):
    text = "---\nname: dup\ndescription: d\n---\n"
    write(tmp_path / "project" / ".claude" / "agents", {"p.md": text})
    write(tmp_path / "user" / "agents", {"u.md": text})
    entries = combined([(tmp_path / "user", "user"), (tmp_path / "project", "project")])
    assert [(e.scope, e.registered) for e in entries] == [("user", False), ("project", True)]


@pytest.mark.parametrize("layout", ["project", "user", "plugin"])
def test_skills_take_their_folder_name_and_are_commands_too(laid, layout):
    prefix = "edge:" if layout == "plugin" else ""
    by = laid[layout]
    other = by[("skill", "s02/SKILL.md")]
    assert (other.name, other.registered) == (f"{prefix}s02", True)
    assert "not its name 's02-other'" in other.reason
    no_description = by[("skill", "s04/SKILL.md")]
    assert not no_description.registered
    hidden = by[("skill", "s11/SKILL.md")]
    assert (hidden.registered, hidden.reason.startswith("user-invocable: false")) == (False, True)
    assert ("command", "s04/SKILL.md") in by and ("command", "s11/SKILL.md") not in by
    for rel in ("s05/skill.md", "t04/SKILL.MD", "group/s07/SKILL.md", "s08.md"):
        assert not by[("skill", rel)].registered
    assert ("skill", "s06/notes.md") not in by
    listed = {rel for (kind, rel), e in by.items() if kind == "skill" and e.registered}
    assert {"t01/SKILL.md", "t02/SKILL.md"} <= listed  # a number, or only when_to_use
    assert not {"t03/SKILL.md", "t05/SKILL.md", "t07/SKILL.md"} & listed


@pytest.mark.parametrize("layout", ["project", "user"])
def test_a_skill_with_paths_waits_for_a_matching_file(laid, layout):
    by = laid[layout]
    for rel in ("p01", "p02", "p05", "p07"):
        for kind in ("skill", "command"):
            entry = by[(kind, f"{rel}/SKILL.md")]
            assert (entry.registered, entry.conditional) == (False, True)
            assert entry.reason == "conditional: listed once a file matching paths is touched"
    for rel in ("p03", "p04", "p06", "p08"):  # [], "**", "" and a number hold nothing back
        assert by[("skill", f"{rel}/SKILL.md")].registered
    assert by[("command", "p09.md")].registered and by[("command", "p01.md")].registered
    assert by[("agent", "b23.md")].registered
    assert by[("skill", "p01/SKILL.md")].as_dict()["conditional"]


def test_a_plugin_lists_its_skills_with_paths(laid):
    entry = laid["plugin"][("skill", "p01/SKILL.md")]
    assert (entry.registered, entry.conditional) == (True, False)


def test_a_hidden_skill_keeps_its_name_from_a_command_in_a_project_only(laid):
    project, plugin = laid["project"][("command", "t06.md")], laid["plugin"][("command", "t06.md")]
    assert not project.registered and project.reason.endswith("takes the name 't06'")
    assert plugin.registered


def test_commands_hidden_or_listed_as_skills(laid):
    by = laid["project"]
    assert not by[("command", "d02.md")].registered
    assert by[("skill", "d03.md")].registered and by[("command", "d03.md")].registered
    assert not by[("command", "d01.MD")].registered
    assert laid["plugin"][("command", "d01.MD")].name == "edge:d01.MD"


@pytest.mark.parametrize("layout", ["project", "plugin"])
def test_commands_are_named_by_path_and_a_skill_wins_a_shared_name(laid, layout):
    prefix = "edge:" if layout == "plugin" else ""
    by = laid[layout]
    names = {rel: e.name for (kind, rel), e in by.items() if kind == "command" and e.registered}
    assert names["grp/sub/c04.md"] == f"{prefix}grp:sub:c04"
    assert names["c08.md"] == f"{prefix}c08"  # its own name is not used
    assert {"c02.md", "c05.md", "c07.md", "c10.md", "README.md", ".c09.md"} <= set(names)
    shared = by[("command", "shared.md")]
    assert not shared.registered and shared.reason.startswith(by[("skill", "shared/SKILL.md")].file)
    assert not by[("command", "c06.txt")].registered


def test_a_zipped_plugin_reads_like_its_folder(tmp_path):
    folder = lay_out(tmp_path / "edge", "plugin")
    names = {(e.kind, e.name, e.registered) for e in inventory(folder)}
    for top in ("", "edge/"):
        archive = zipped(folder, tmp_path / f"edge{len(top)}.zip", top)
        assert {(e.kind, e.name, e.registered) for e in inventory(archive)} == names


def test_a_plugin_without_manifest_is_named_after_its_folder(tmp_path):
    folder = lay_out(tmp_path / "bare", "plugin", manifest=False)
    assert registered(folder, "plugin")[0].name.startswith("bare:")


@pytest.fixture(scope="module")
def manifests(tmp_path_factory) -> dict[str, set[tuple[str, str, bool, str]]]:
    """Each manifest case's entries as (kind, file within the plugin, registered, name)."""
    root = tmp_path_factory.mktemp("manifests")
    return {
        folder.name: {
            (e.kind, Path(e.file).relative_to(folder).as_posix(), e.registered, e.name)
            for e in inventory(folder, "plugin")
        }
        for folder in manifest_plugins(root)
    }


def test_manifest_lists_replace_agents_and_commands_and_add_skills(manifests):
    assert {(k, f, n) for k, f, r, n in manifests["m1"] if r} == {
        ("agent", "custom/cust.md", "m1:cust"),  # no folder in the name
        ("command", "cmds/cc.md", "m1:cc"),
        ("skill", "skills/k0/SKILL.md", "m1:k0"),
        ("skill", "sk/k1/SKILL.md", "m1:k1"),
        ("command", "skills/k0/SKILL.md", "m1:k0"),
        ("command", "sk/k1/SKILL.md", "m1:k1"),
    }
    assert ("agent", "agents/std.md", False, "") in manifests["m1"]
    assert {n for k, f, r, n in manifests["m8"] if r} >= {"m8:cc", "m8:k0", "m8:k1"}
    assert not any(k == "agent" and r for k, f, r, n in manifests["m9"] | manifests["m10"])
    assert {n for k, f, r, n in manifests["m6"] if k == "agent" and r} == {"m6:cust", "m6:std"}


@pytest.mark.parametrize("case", ["m2", "m3", "m4", "m5", "m12", "m13"])
def test_a_manifest_claude_code_refuses_loads_nothing(manifests, case):
    assert manifests[case] and not any(r for k, f, r, n in manifests[case])


def test_plugin_names_may_hold_capitals_dots_and_underscores(manifests):
    assert ("agent", "agents/std.md", True, "My_Plugin.x1:std") in manifests["m7"]


def test_layout_is_detected(tmp_path):
    for layout in ("project", "plugin"):
        assert detect_layout(lay_out(tmp_path / layout, layout)) == layout
    user = lay_out(tmp_path / ".claude", "user")
    assert detect_layout(user) == "user"
    assert detect_layout(tmp_path / "empty") == "project"


def test_registered_keeps_descriptions(tmp_path):
    lay_out(tmp_path, "project")
    agents = {e.name: e.description for e in registered(tmp_path) if e.kind == "agent"}
    assert agents["a01-ok"] == "A valid agent"
