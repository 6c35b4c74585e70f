"""Dialect schemas and detection (FORMATS.md §1–§3)."""

from __future__ import annotations

import collections
import os
import re
from pathlib import Path, PureWindowsPath

import pytest

from agentquill.core import dialects
from agentquill.core.dialects import ALL_KNOWN_KEYS, DIALECTS, FieldType, detect, get
from support import ROOT, run_python

IDS = ("claude-code", "claude-plugin", "copilot", "copilot-chatmode", "opencode", "gemini")
KIND_IDS = (
    "claude-skill",
    "claude-command",
    "claude-output-style",
    "claude-rule",
    "claude-eval-prompt",
    "claude-eval-grader",
)
CLAUDE_KEYS = [
    "name", "description", "tools", "disallowedTools", "model", "permissionMode", "maxTurns",
    "skills", "mcpServers", "hooks", "memory", "background", "effort", "isolation", "color",
    "initialPrompt", "autoCompactWindow", "omitClaudeMd", "observer", "observerMessage",
    "observeSubagents", "observeToolResults", "experimental",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_cache():
    dialects.clear_cache()
    yield
    dialects.clear_cache()


# --- registry and schema sanity ----------------------------------------------------------------


def test_registry_ids_and_get():
    assert tuple(DIALECTS) == IDS + KIND_IDS
    for dialect_id in IDS:
        assert get(dialect_id) is DIALECTS[dialect_id]
        assert get(dialect_id).id == dialect_id
    with pytest.raises(KeyError, match="claude-code"):
        get("cursor")


@pytest.mark.parametrize("dialect_id", IDS)
def test_schema_sanity(dialect_id):
    d = get(dialect_id)
    assert d.label and d.file_suffix.endswith(".md") and d.locations
    for key, spec in d.fields.items():
        assert spec.key == key and isinstance(spec.type, FieldType)
        assert spec.help.endswith(".") and 10 < len(spec.help) < 240, key
        if spec.type is FieldType.ENUM:
            assert spec.allowed, f"{key}: an enum needs allowed values"
        if spec.type is FieldType.TOOLS:
            assert spec.list_style in ("comma", "flow", "block"), key
        if spec.list_style:
            assert spec.type in (FieldType.TOOLS, FieldType.STRING_LIST, FieldType.ANY), key
        if spec.replaced_by:
            assert spec.deprecated and spec.replaced_by in d.fields
        if spec.minimum is not None and spec.maximum is not None:
            assert spec.minimum < spec.maximum
        for pattern in (spec.pattern,):
            re.compile(pattern)
    for wrong, right in d.near_misses.items():
        assert wrong not in d.fields, wrong
        assert right is None or right in d.fields, (wrong, right)
    assert set(d.legacy_tools) <= set(d.known_tools)
    assert len(set(d.known_tools)) == len(d.known_tools)
    for pattern in (*d.tool_patterns, d.model_pattern, d.name_pattern):
        re.compile(pattern)
    assert set(d.ignored_keys) <= set(d.fields)


def test_required_keys():
    for dialect_id in ("claude-code", "claude-plugin", "gemini"):
        assert get(dialect_id).required_keys == ("name", "description")
    for dialect_id in ("copilot", "opencode"):
        assert get(dialect_id).required_keys == ("description",)
    assert get("copilot-chatmode").required_keys == ()


def test_claude_fields_cover_the_docs_in_conventional_order():
    for dialect_id in ("claude-code", "claude-plugin"):
        d = get(dialect_id)
        assert sorted(d.fields) == sorted(CLAUDE_KEYS)
        assert list(d.fields)[:5] == ["name", "description", "tools", "model", "color"]
    claude = get("claude-code")
    assert claude.fields["permissionMode"].allowed == (
        "default", "acceptEdits", "auto", "dontAsk", "bypassPermissions", "plan", "manual",
    )  # fmt: skip
    assert claude.fields["effort"].allowed == ("low", "medium", "high", "xhigh", "max")
    assert claude.fields["memory"].allowed == ("user", "project", "local")
    assert claude.fields["isolation"].allowed == ("worktree", "remote")
    assert claude.fields["autoCompactWindow"].minimum == 100_000  # the bundle's z.min(1e5)
    assert claude.fields["maxTurns"].type is FieldType.INT
    assert claude.fields["background"].type is FieldType.BOOL
    assert claude.fields["hooks"].type is FieldType.MAP
    assert claude.fields["skills"].type is FieldType.STRING_LIST


def test_list_styles_per_dialect():
    assert get("claude-code").fields["tools"].list_style == "comma"
    assert get("claude-plugin").fields["disallowedTools"].list_style == "comma"
    assert get("copilot").fields["tools"].list_style == "flow"
    assert get("copilot-chatmode").fields["tools"].list_style == "flow"
    assert get("gemini").fields["tools"].list_style == "block"


def test_plugin_ignores_what_the_2_1_332_plugin_loader_warns_about():
    assert get("claude-plugin").ignored_keys == {
        "hooks", "mcpServers", "permissionMode",  # "Use .claude/agents/ for this level of control"
        "initialPrompt", "observer", "observerMessage", "observeSubagents",  # "Define the agent…"
    }  # fmt: skip
    assert get("claude-code").ignored_keys == frozenset()


def test_claude_vocabularies():
    claude = get("claude-code")
    for tool in ("Read", "PowerShell", "ToolSearch", "Artifact", "Agent", "Task", "LS"):
        assert tool in claude.known_tools
    legacy = {"LS", "NotebookRead", "KillShell", "BashOutput", "MultiEdit"}
    assert set(claude.legacy_tools) == legacy
    assert claude.models == ("inherit", "sonnet", "opus", "haiku", "fable")
    assert claude.is_known_model("claude-opus-5") and not claude.is_known_model("gpt-5")
    assert len(claude.colors) == 8 and "magenta" not in claude.colors
    assert "magenta" in claude.unofficial_colors
    assert claude.fields["color"].allowed == claude.colors
    assert re.fullmatch(claude.name_pattern, "code-reviewer")
    assert not re.fullmatch(claude.name_pattern, "Code_Reviewer")


def test_other_dialect_facts():
    copilot, opencode, gemini = get("copilot"), get("opencode"), get("gemini")
    assert {"execute", "read", "edit", "search", "agent", "web", "todo"} <= set(copilot.known_tools)
    assert copilot.max_body_chars == 30_000 and copilot.file_suffix == ".agent.md"
    assert get("copilot-chatmode").file_suffix == ".chatmode.md"
    assert copilot.fields["infer"].deprecated
    assert opencode.fields["mode"].allowed == ("primary", "subagent", "all")
    assert opencode.fields["tools"].replaced_by == "permission"
    assert re.fullmatch(opencode.fields["color"].pattern, "#FF8800")
    assert "red" not in opencode.fields["color"].allowed
    assert gemini.strict_keys and not get("claude-code").strict_keys
    assert {"read_file", "grep_search"} <= set(gemini.known_tools)
    assert "color" not in gemini.fields and gemini.suggest_key("color") is None
    assert {"max_turns", "timeout_mins", "kind"} <= set(gemini.fields)
    assert re.fullmatch(gemini.name_pattern, "code_reviewer-2")


def test_all_known_keys_is_the_union():
    assert frozenset().union(*(d.fields for d in DIALECTS.values())) == ALL_KNOWN_KEYS
    assert set(CLAUDE_KEYS) <= ALL_KNOWN_KEYS
    assert {"mode", "permission", "kind", "max_turns", "mcp-servers", "handoffs"} <= ALL_KNOWN_KEYS
    assert "outputStyle" not in ALL_KNOWN_KEYS


FIRST_READ = """
import gc, json
from agentquill.core import dialects

found = dialects.detect(".claude/agents/reviewer.md", ["name"])
name = found.fields["name"].key
assert "handoffs" in dialects.ALL_KNOWN_KEYS and "handoffs" in dialects.get("copilot").keys
built = [o for o in gc.get_objects() if isinstance(o, dialects.FieldSpec)]
print(json.dumps([found.id, name, len(built), len(found.fields)]))
"""


def test_only_the_dialects_read_build_their_fields():
    """Start-up reads one dialect's fields (~20 of ~160): every key is known without the rest."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "app"))
    found, name, built, fields = run_python(FIRST_READ, env=env)
    assert (found, name) == ("claude-code", "name")
    assert built == fields


@pytest.mark.parametrize(
    ("dialect_id", "key", "expected"),
    [
        ("claude-code", "tool", "tools"),
        ("claude-code", "allowed-tools", "tools"),
        ("claude-code", "allowedTools", "tools"),
        ("claude-code", "disallowed_tools", "disallowedTools"),
        ("claude-code", "max_turns", "maxTurns"),
        ("claude-code", "permission_mode", "permissionMode"),
        ("claude-code", "outputStyle", None),
        ("claude-code", "Model", "model"),  # case/separator folding
        ("claude-code", "completely-unknown", None),
        ("gemini", "maxTurns", "max_turns"),
        ("copilot", "mcpServers", "mcp-servers"),
        ("opencode", "permissions", "permission"),
    ],
)
def test_suggest_key(dialect_id, key, expected):
    assert get(dialect_id).suggest_key(key) == expected


def test_known_tools():
    claude, copilot, gemini = get("claude-code"), get("copilot"), get("gemini")
    for tool in ("Read", "mcp__github", "mcp__github__*", "mcp__github__create_issue", "mcp__*"):
        assert claude.is_known_tool(tool), tool
    assert claude.is_known_tool("Agent(worker, researcher)") and claude.is_known_tool("Task(x)")
    assert not claude.is_known_tool("read") and not claude.is_known_tool("Frobnicate")
    assert copilot.is_known_tool("READ") and copilot.is_known_tool("github/*")
    assert copilot.is_known_tool("Bash")
    assert gemini.is_known_tool("read_file") and gemini.is_known_tool("mcp_server_tool")
    assert gemini.is_known_tool("*") and not gemini.is_known_tool("Read")


# --- detection ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (".claude/agents/reviewer.md", "claude-code"),
        ("/home/u/.claude/agents/team/nested/reviewer.md", "claude-code"),
        ("repo/.claude/agents/x.agent.md", "claude-code"),  # Copilot reads these in Claude format
        ("plugins/my-plugin/agents/reviewer.md", "claude-plugin"),
        ("/src/market/plugins/p/agents/review/security.md", "claude-plugin"),
        (".github/agents/planner.agent.md", "copilot"),
        (".github/agents/planner.md", "copilot"),
        ("anywhere/planner.agent.md", "copilot"),
        ("/home/u/.copilot/agents/planner.md", "copilot"),
        (".github/chatmodes/beast.chatmode.md", "copilot-chatmode"),
        (".github/chatmodes/beast.md", "copilot-chatmode"),
        ("x/Beast.ChatMode.md", "copilot-chatmode"),
        (".opencode/agent/review.md", "opencode"),
        (".opencode/agents/sub/review.md", "opencode"),
        ("/home/u/.config/opencode/agent/review.md", "opencode"),
        (".gemini/agents/investigator.md", "gemini"),
        ("/home/u/.config/gemini-cli/agents/investigator.md", "gemini"),
        ("notes/readme.md", "claude-code"),  # nothing matches: the default
        ("", "claude-code"),
        (None, "claude-code"),
    ],
)
def test_detect_by_path(path, expected):
    assert detect(path).id == expected


def test_detect_accepts_pathlike_and_windows_separators():
    assert detect(Path(".gemini/agents/a.md")).id == "gemini"
    assert detect(str(PureWindowsPath(r"C:\repo\.claude\agents\a.md"))).id == "claude-code"
    assert detect(r"C:\repo\plugins\p\agents\a.md").id == "claude-plugin"


def test_plugin_manifest_on_disk(tmp_path):
    plugin = tmp_path / "my-plugin"
    (plugin / ".claude-plugin").mkdir(parents=True)
    (plugin / "agents" / "review").mkdir(parents=True)
    agent = plugin / "agents" / "review" / "security.md"
    assert detect(agent).id == "claude-code"  # no manifest yet
    (plugin / ".claude-plugin" / "plugin.json").write_text('{"name": "my-plugin"}')
    assert detect(agent).id == "claude-code"  # the negative answer is cached ...
    dialects.clear_cache()
    assert detect(agent).id == "claude-plugin"  # ... until the cache is cleared
    assert detect(plugin / "agents" / "top.md").id == "claude-plugin"
    assert detect(tmp_path / "other" / "agents" / "x.md").id == "claude-code"


def test_plugin_check_is_cached_and_skipped_when_not_needed(monkeypatch):
    calls = []
    real_isfile = os.path.isfile
    monkeypatch.setattr(os.path, "isfile", lambda p: calls.append(p) or real_isfile(p))
    for i in range(50):
        detect(f"/nowhere/project/agents/a{i}.md")
    assert len(calls) == 1
    for path in (".claude/agents/a.md", "x.agent.md", "docs/a.md", "plugins/p/agents/a.md"):
        detect(path)
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ({"description", "mode", "temperature", "permission"}, "opencode"),
        ({"description", "temperature"}, "opencode"),
        ({"name", "description", "kind", "tools", "max_turns", "timeout_mins"}, "gemini"),
        ({"name", "description", "temperature", "max_turns"}, "gemini"),
        ({"description", "tools", "handoffs"}, "copilot"),
        ({"description", "target"}, "copilot"),
        ({"description", "mcp-servers"}, "copilot"),
        ({"description", "argument-hint", "tools"}, "copilot"),
        ({"name", "description", "tools", "model", "color"}, "claude-code"),
        ({"name", "description", "permissionMode", "maxTurns"}, "claude-code"),
        ((), "claude-code"),
    ],
)
def test_detect_by_content(keys, expected):
    assert detect(None, keys).id == expected
    assert detect("somewhere/agent.md", keys).id == expected


def test_path_beats_content():
    assert detect(".claude/agents/a.md", ["mode", "temperature"]).id == "claude-code"
    assert detect(".gemini/agents/a.md", ["handoffs"]).id == "gemini"
    assert detect("x.chatmode.md", {"description": "d", "tools": []}).id == "copilot-chatmode"


# --- corpus ------------------------------------------------------------------------------------

_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.M)


def _top_level_keys(path: Path) -> set[str]:
    """A cheap, YAML-free guess at the frontmatter's top-level keys."""
    text = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")
    if not text.lstrip("\ufeff").startswith("---\n"):
        return set()
    end = text.find("\n---", 4)
    return set(_KEY_LINE.findall(text[4 : end if end > 0 else None]))


def _expected(rel: str) -> str:
    top = rel.split("/", 1)[0]
    if top == "github__awesome-copilot":
        return "copilot-chatmode" if rel.endswith(".chatmode.md") else "copilot"
    if top in ("anthropics__claude-plugins-official", "wshobson__agents"):
        return "claude-plugin" if "/plugins/" in rel else "claude-code"
    if top == "darrenhinde__OpenAgentsControl":
        return "opencode"
    return "claude-code"  # VoltAgent, davila7 (plain subagent collections)


def test_corpus_detection(corpus, capsys):
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    wrong, by_path = [], 0
    for path in corpus:
        rel = path.as_posix().split("/corpus/", 1)[1]
        got = detect(path, _top_level_keys(path)).id
        by_path += dialects.dialect_for_path(path) is not None
        counts[rel.split("/", 1)[0]][got] += 1
        if got != _expected(rel):
            wrong.append((rel, got))
    with capsys.disabled():
        print(f"\ndialect detection on {len(corpus)} corpus files ({by_path} by path):")
        for folder, counter in sorted(counts.items()):
            print(f"  {folder}: {dict(counter.most_common())}")
    assert not wrong, wrong[:20]
    assert counts["github__awesome-copilot"]["copilot-chatmode"] >= 80
    assert counts["darrenhinde__OpenAgentsControl"]["opencode"] >= 30
    assert counts["anthropics__claude-plugins-official"]["claude-plugin"] >= 20
