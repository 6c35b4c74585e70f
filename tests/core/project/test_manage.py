"""File operations on agent files: create, duplicate, rename with undo, move, scopes."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentquill.core.frontmatter import parse
from agentquill.core.project import manage
from agentquill.core.project.manage import ManageError
from agentquill.core.project.templates import TEMPLATES

CRLF_AGENT = (
    b"\xef\xbb\xbf---\r\nname: 'log-reader'\r\ndescription: Reads logs.\r\nmodel: haiku\r\n"
    b"---\r\n\r\nYou read logs and report what went wrong.\r\n"
)


@pytest.fixture
def agents(tmp_path) -> Path:
    folder = tmp_path / "proj" / ".claude" / "agents"
    folder.mkdir(parents=True)
    (folder / "log-reader.md").write_bytes(CRLF_AGENT)
    return folder


def changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    pairs = zip(before.split(b"\n"), after.split(b"\n"), strict=True)
    return [(a, b) for a, b in pairs if a != b]


def test_split_name_keeps_compound_suffixes():
    assert manage.split_name(Path("a/x.agent.md")) == ("x", ".agent.md")
    assert manage.split_name(Path("x.chatmode.md")) == ("x", ".chatmode.md")
    assert manage.split_name(Path("x.md")) == ("x", ".md")


@pytest.mark.parametrize("bad", ["", " x", "a/b", "a\\b", ".hidden", "a:b"])
def test_file_name_problems(bad):
    assert manage.file_name_problem(bad)


def test_create_refuses_to_overwrite_and_free_name_skips_taken(agents):
    t = TEMPLATES["claude-code"]
    path = manage.create_from_template(t, agents / "sub", "new-agent", "Does things.")
    assert parse(path.read_text()).value("name") == "new-agent"
    before = path.read_bytes()
    with pytest.raises(ManageError, match="already exists"):
        manage.create_from_template(t, agents / "sub", "new-agent")
    assert path.read_bytes() == before
    assert manage.free_name(agents / "sub", "new-agent", ".md") == "new-agent-2"
    assert manage.free_name(agents, "x", ".md", frozenset({"x", "x-2"})) == "x-3"


def test_duplicate_changes_only_the_name_line(agents):
    original = agents / "log-reader.md"
    copy = manage.duplicate(original)
    assert copy.name == "log-reader-copy.md"
    assert changed_lines(CRLF_AGENT, copy.read_bytes()) == [
        (b"name: 'log-reader'\r", b"name: 'log-reader-copy'\r")
    ]
    again = manage.duplicate(original)
    assert again.name == "log-reader-copy-2.md"
    assert original.read_bytes() == CRLF_AGENT


def test_duplicate_avoids_a_name_another_file_uses(agents):
    (agents / "other.md").write_text("---\nname: log-reader-copy\ndescription: x y z w\n---\n")
    copy = manage.duplicate(agents / "log-reader.md")
    assert copy.name == "log-reader-copy-2.md"
    assert parse(copy.read_text(encoding="utf-8-sig")).value("name") == "log-reader-copy-2"


def test_rename_then_undo_restores_file_name_and_bytes(agents):
    path = agents / "log-reader.md"
    done = manage.rename(path, "trace-reader")
    assert not path.exists()
    assert done.new_path == agents / "trace-reader.md"
    assert changed_lines(CRLF_AGENT, done.new_path.read_bytes()) == [
        (b"name: 'log-reader'\r", b"name: 'trace-reader'\r")
    ]
    manage.undo_rename(done)
    assert path.read_bytes() == CRLF_AGENT and not done.new_path.exists()
    manage.redo_rename(done)
    assert done.new_path.read_bytes() == done.new_bytes and not path.exists()


def test_undo_keeps_changes_made_after_the_rename(agents):
    done = manage.rename(agents / "log-reader.md", "trace-reader")
    edited = done.new_bytes.replace(b"model: haiku", b"model: opus")
    done.new_path.write_bytes(edited)
    manage.undo_rename(done)
    restored = (agents / "log-reader.md").read_bytes()
    assert restored == CRLF_AGENT.replace(b"model: haiku", b"model: opus")


def test_rename_refuses_a_clash_and_changes_nothing(agents):
    (agents / "taken.md").write_bytes(b"---\nname: taken\n---\n")
    with pytest.raises(ManageError, match="already exists"):
        manage.rename(agents / "log-reader.md", "taken")
    assert (agents / "log-reader.md").read_bytes() == CRLF_AGENT
    assert (agents / "taken.md").read_bytes() == b"---\nname: taken\n---\n"
    with pytest.raises(ManageError):
        manage.rename(agents / "log-reader.md", "../escape")


def test_rename_without_name_field_renames_the_file_only(tmp_path):
    path = tmp_path / ".github" / "agents" / "helper.agent.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"---\ndescription: Helps.\n---\nBody\n")
    done = manage.rename(path, "guide")
    assert done.new_path.name == "guide.agent.md"
    assert done.new_path.read_bytes() == b"---\ndescription: Helps.\n---\nBody\n"


def test_rename_refuses_bytes_that_are_not_utf8(agents):
    bad = agents / "bad.md"
    bad.write_bytes(b"---\nname: bad\xff\n---\n")
    with pytest.raises(ManageError, match="not valid UTF-8"):
        manage.rename(bad, "good")
    assert bad.exists()


def test_move_between_scopes_and_refuse_clash(agents, tmp_path):
    home = tmp_path / "home"
    path = agents / "log-reader.md"
    targets = manage.move_targets(path, home=home)
    assert targets == [("User · ~/.claude/agents", home / ".claude" / "agents")]
    moved = manage.move(path, targets[0][1])
    assert moved.read_bytes() == CRLF_AGENT and not path.exists()
    project = agents.parent.parent
    back = manage.move_targets(moved, project=project, home=home)
    assert back == [("Project · proj/.claude/agents", agents)]
    path.write_bytes(b"other")
    with pytest.raises(ManageError, match="already exists"):
        manage.move(moved, agents)
    assert moved.exists() and path.read_bytes() == b"other"


def test_scopes_and_default_folders(tmp_path):
    home = tmp_path / "home"
    copilot = tmp_path / "p" / ".github" / "agents" / "x.agent.md"
    assert manage.project_root(copilot, home) == tmp_path / "p"
    assert manage.move_targets(copilot, home=home)[0][1] == home / ".copilot" / "agents"
    assert manage.scope_of(tmp_path / "elsewhere" / "x.md", home) is None
    assert manage.project_root(home / ".claude" / "agents" / "x.md", home) is None
    t = TEMPLATES["gemini"]
    assert manage.default_folder(t, tmp_path / "p", home) == tmp_path / "p" / ".gemini" / "agents"
    assert manage.default_folder(t, None, home) == home / ".gemini" / "agents"
    assert manage.default_folder(TEMPLATES["claude-plugin"], None, home) == home
