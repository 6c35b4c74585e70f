"""The project index: entries, search, refresh after changes on disk, and its cache."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest

from agentquill.core.project import ProjectIndex, index
from agentquill.core.project import cache as index_cache
from agentquill.core.project import discovery as project
from support import CORPUS

GOOD = (
    "---\nname: api-helper\ndescription: |\n  Use this agent for API work.\n  Second line.\n"
    "tools: Read, Grep\nmodel: sonnet\ncolor: blue\n---\n\n"
    "You design HTTP APIs.\n\n## Process\n\n1. Read the Kubernetes manifests first.\n"
)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "proj"
    write(root / ".claude/agents/api-helper.md", GOOD)
    write(root / ".claude/agents/bad.md", "---\nname: bad:one\ntools: [Read]\n---\n")
    write(root / ".opencode/agent/build.md", "---\ndescription: Build\ntools:\n  bash: true\n---\n")
    write(root / "README.md", "# Not an agent\n")
    return root


def scanned(root: Path, cache: Path | None = None, **kw) -> ProjectIndex:
    ix = ProjectIndex(root, cache, **kw)
    ix.scan()
    return ix


def test_entries_hold_what_the_tree_shows(tree):
    ix = scanned(tree)
    e = ix.entries[tree / ".claude/agents/api-helper.md"]
    assert (e.name, e.dialect, e.tools, e.model, e.color) == (
        "api-helper",
        "claude-code",
        "Read, Grep",
        "sonnet",
        "blue",
    )
    assert e.description == "Use this agent for API work. Second line."
    assert (e.errors, e.source.scope, e.name_line, e.size) == (0, "project", 2, len(GOOD))
    bad = ix.entries[tree / ".claude/agents/bad.md"]
    assert bad.errors >= 2 and bad.warnings >= 1  # AQ200 description, AQ202 ':' · AQ220 list
    build = ix.entries[tree / ".opencode/agent/build.md"]
    assert (build.name, build.dialect, build.tools, build.name_line) == (
        "build",
        "opencode",
        "bash",
        0,
    )
    assert list(ix.entries) == [p for _, files in ix.sources for p in files]


def test_unreadable_files_are_entries_with_one_error(tree):
    write(tree / ".claude/agents/latin1.md", b"---\nname: caf\xe9\n---\n")
    os.symlink(tree / "gone.md", tree / ".claude/agents/dangling.md")
    ix = scanned(tree)
    e = ix.entries[tree / ".claude/agents/latin1.md"]
    assert (e.errors, e.warnings, e.name) == (1, 0, "latin1")
    assert "UTF-8" in e.problem and "line 2" in e.problem
    assert tree / ".claude/agents/dangling.md" not in ix.entries  # not a file to read
    codes = [(p.code, p.severity) for p in ix.problems() if p.path.name == "latin1.md"]
    assert codes == [("AQ400", "error")]


def test_search_covers_name_description_tools_and_body(tree, monkeypatch):
    ix = scanned(tree)
    e = ix.entries[tree / ".claude/agents/api-helper.md"]
    assert all(e.matches(q) for q in ("API-HELPER", "second line", "grep", "kubernetes"))
    assert not e.matches("postgres")
    monkeypatch.setattr(index, "BODY_BUDGET", 0)  # over budget: the body is read when asked
    e = scanned(tree).entries[tree / ".claude/agents/api-helper.md"]
    assert e.body is None and e.matches("KUBERNETES") and not e.matches("postgres")


def test_progress_reports_entries_already_in(tree):
    seen = []
    ix = ProjectIndex(tree)
    ix.scan(progress=lambda done, total: seen.append((done, total, len(ix.entries))))
    assert seen == [(0, 3, 0), (3, 3, 3)]
    assert [p for _, files in ix.sources for p in files] == list(ix.entries)


def test_cancelled_scan_keeps_what_it_read_and_writes_no_cache(tree, tmp_path):
    calls = []
    ix = ProjectIndex(tree, tmp_path / "cache")
    ix.scan(cancelled=lambda: calls.append(1) or len(calls) > 2)
    assert len(ix.entries) == 2 and len(ix.sources) == 2
    assert not ix.cache_file.exists()


def test_refresh_changed_added_removed_renamed(tree):
    ix = scanned(tree)
    agents = tree / ".claude/agents"
    write(agents / "api-helper.md", GOOD.replace("sonnet", "opus"))
    write(agents / "new-one.md", GOOD.replace("api-helper", "new-one"))
    (agents / "bad.md").rename(agents / "renamed.md")
    changes = ix.refresh([agents / "api-helper.md", agents / "new-one.md", agents / "bad.md"])
    assert changes.changed == [agents / "api-helper.md"] and ix.entries[
        agents / "api-helper.md"
    ].model == ("opus")
    assert changes.added == [agents / "new-one.md"] and changes.removed == [agents / "bad.md"]
    changes = ix.refresh([agents / "renamed.md"])
    assert changes.added == [agents / "renamed.md"]
    assert not ix.refresh([agents / "renamed.md"])  # nothing changed since


def test_refresh_new_and_deleted_folders(tree):
    ix = scanned(tree)
    write(tree / ".gemini/agents/g.md", "---\nname: g\ndescription: Gemini agent\n---\nBody\n")
    changes = ix.refresh([tree / ".gemini"])
    assert changes.added == [tree / ".gemini/agents/g.md"]
    assert ix.entries[tree / ".gemini/agents/g.md"].source.scope == "gemini"
    for p in (tree / ".opencode/agent").iterdir():
        p.unlink()
    (tree / ".opencode/agent").rmdir()
    changes = ix.refresh([tree / ".opencode/agent"])
    assert changes.removed == [tree / ".opencode/agent/build.md"] and not changes.added


def test_refresh_a_watched_folder(tree):
    ix = scanned(tree)
    agents = tree / ".claude/agents"
    write(agents / "team/new.md", GOOD.replace("api-helper", "new"))
    (agents / "bad.md").unlink()
    changes = ix.refresh([agents])
    assert (changes.added, changes.removed) == ([agents / "team/new.md"], [agents / "bad.md"])
    assert ix.entries[agents / "team/new.md"].source.label == "Project · .claude/agents"


def test_refresh_file_that_stops_being_an_agent(tree):
    """In a plain folder; one in an agents folder stays, as an agent file without frontmatter."""
    path = write(tree / "catalog/helper.md", GOOD)
    ix = scanned(tree)
    assert path in ix.entries
    write(path, "# just notes now\n")
    assert ix.refresh([path]).removed == [path] and path not in ix.entries


# --- cache ------------------------------------------------------------------------------------


def reads_under(root: Path, monkeypatch) -> list[Path]:
    """The files under ``root`` the index opens from now on (the cache file lives elsewhere)."""
    read = []

    def opened(path, *args, **kwargs):
        if Path(path).is_relative_to(root):
            read.append(Path(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(index, "open", opened, raising=False)
    monkeypatch.setattr(project, "open", opened, raising=False)
    return read


def test_warm_cache_reads_no_file(tree, tmp_path, monkeypatch):
    cold = scanned(tree, tmp_path / "cache")
    assert cold.cache_file.is_file()
    read = reads_under(tree, monkeypatch)
    warm = scanned(tree, tmp_path / "cache")
    assert warm.entries == cold.entries and read == []
    assert warm.entries[tree / ".claude/agents/api-helper.md"].matches("kubernetes")


def test_cache_misses_after_size_or_mtime_change(tree, tmp_path, monkeypatch):
    scanned(tree, tmp_path / "cache")
    path = tree / ".claude/agents/api-helper.md"
    write(path, GOOD.replace("sonnet", "haiku"))  # same size, new mtime
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    read = reads_under(tree, monkeypatch)
    ix = scanned(tree, tmp_path / "cache")
    assert read == [path] and ix.entries[path].model == "haiku"  # opened once
    write(path, GOOD + "More.\n")  # new size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))  # the same mtime as cached
    read.clear()
    assert scanned(tree, tmp_path / "cache").entries[path].size == len(GOOD) + 6
    assert read == [path]


def test_corrupt_cache_is_ignored(tree, tmp_path):
    cold = scanned(tree, tmp_path / "cache")
    data = cold.cache_file.read_bytes()
    header = data[: 8 + int.from_bytes(data[:8], "little")]  # a valid header, then junk

    def frame(value) -> bytes:
        raw = marshal.dumps(value)
        return len(raw).to_bytes(8, "little") + raw

    broken = (b"", b"\x00garbage", data[:-40], data[: len(data) // 2], b"\xff" * 64)
    for junk in (*broken, header + frame(((1, 2),)), header + frame("x"), header + b"\x01" * 9):
        cold.cache_file.write_bytes(junk)
        assert scanned(tree, tmp_path / "cache").entries == cold.entries


def test_cache_of_another_version_or_folder_is_ignored(tree, tmp_path, monkeypatch):
    cold = scanned(tree, tmp_path / "cache")
    cache_file, width = cold.cache_file, len(next(iter(cold.entries.values())).record())
    assert len(index_cache.load(cache_file, tree, width)[0]) == 3
    monkeypatch.setattr(index_cache, "FORMAT", index_cache.FORMAT + 1)
    assert index_cache.load(cache_file, tree, width) == ({}, {})
    monkeypatch.undo()
    monkeypatch.setattr(index_cache, "__version__", "0.0.0-other")
    assert index_cache.load(cache_file, tree, width) == ({}, {})
    monkeypatch.undo()
    monkeypatch.setattr(index_cache, "_code_stamp", lambda: (("lint.py", 1),))  # core changed
    assert index_cache.load(cache_file, tree, width) == ({}, {})
    monkeypatch.undo()
    assert index_cache.load(cache_file, tree / "other", width) == ({}, {})
    assert index_cache.load(cache_file, tree, width + 1) == ({}, {})
    assert scanned(tree, tmp_path / "cache").entries == cold.entries


def test_unwritable_cache_dir_is_not_an_error(tree, tmp_path):
    blocker = write(tmp_path / "cache", "a file where the folder should be")
    ix = scanned(tree, blocker)
    assert len(ix.entries) == 3 and blocker.read_text().startswith("a file")


def test_cached_entry_is_reread_when_its_source_changes(tree, tmp_path):
    write(tree / "kit/agents/k.md", "---\nname: k\ndescription: A kit agent\n---\nBody.\n")
    assert scanned(tree, tmp_path / "c").entries[tree / "kit/agents/k.md"].source.scope == "folder"
    write(tree / "kit/.claude-plugin/plugin.json", '{"name": "kit"}')
    e = scanned(tree, tmp_path / "c").entries[tree / "kit/agents/k.md"]
    assert (e.source.scope, e.dialect) == ("plugin", "claude-plugin")


def test_user_agents_are_indexed(tree, tmp_path):
    user = write(tmp_path / "home/agents/u.md", GOOD.replace("api-helper", "u"))
    ix = scanned(tree, user_agents=user.parent)
    assert ix.entries[user].source.scope == "user"
    assert project.SCOPES.index("user") > project.SCOPES.index("project")


def test_the_corpus_indexes_in_full(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    ix = scanned(CORPUS, tmp_path / "cache")
    assert len(ix.entries) == 1171 and not any(e.problem for e in ix.entries.values())
    dialect_ids = {e.dialect for e in ix.entries.values()}
    assert {"claude-code", "claude-plugin", "copilot", "copilot-chatmode", "opencode"} <= (
        dialect_ids
    )
    agents = "davila7__claude-code-templates/cli-tool/components/agents"
    for rel in (  # the three files Claude Code cannot parse (corpus README.txt): AQ100
        f"{agents}/api-graphql/api-architect.md",
        f"{agents}/data-ai/prompt-engineer.md",
        "github__awesome-copilot/agents/elasticsearch-observability.agent.md",
    ):
        assert ix.entries[CORPUS / rel].errors >= 1
    assert scanned(CORPUS, tmp_path / "cache").entries == ix.entries  # from the cache


def test_a_failure_on_one_file_does_not_stop_the_scan(tree, monkeypatch):
    real = index.lint

    def fragile(agent):
        if str(agent.path).endswith("bad.md"):
            raise RuntimeError("boom")
        return real(agent)

    monkeypatch.setattr(index, "lint", fragile)
    ix = scanned(tree)
    bad = ix.entries[tree / ".claude/agents/bad.md"]
    assert bad.errors == 1 and "RuntimeError: boom" in bad.problem and len(ix.entries) == 3


def test_cache_is_stamped_with_every_core_source_in_every_package():
    """A change to a lint rule in core/lint/rules.py makes the cache stale like one in core/."""
    stamped = {name for name, _ in index_cache._code_stamp()}
    assert {"text.py", "lint/rules.py", "frontmatter/reader.py", "project/cache.py"} <= stamped


def test_an_agent_file_without_frontmatter_stays_listed_with_its_error(tree, tmp_path):
    agents = tree / ".claude/agents"
    write(agents / "empty.md", "")
    ix = scanned(tree, tmp_path / "cache")
    assert ix.entries[agents / "empty.md"].errors == 1
    write(agents / "bad.md", "The frontmatter was cut away.\n")  # a widget body
    assert ix.refresh([agents / "bad.md"]).changed == [agents / "bad.md"]
    assert ix.entries[agents / "bad.md"].errors == 1 and ix.entries[agents / "bad.md"].matches(
        "cut away"
    )
    warm = scanned(tree, tmp_path / "cache")  # from the cache, the same files
    assert sorted(warm.entries) == sorted(ix.entries)
    assert warm.entries[agents / "bad.md"].errors == 1
