"""File modes: a new file gets what the umask gives, a replaced one keeps its own, and the
app's own state stays private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from agentquill.core.bundle import exporter as bundle_export
from agentquill.core.bundle import staging
from agentquill.core.files import RecoveryStore, atomic_write
from agentquill.core.project import cache as index_cache
from agentquill.core.project import manage

AGENT = "---\nname: reviewer\ndescription: Reviews diffs.\n---\n\nBody\n"


@pytest.fixture(params=[0o022, 0o077], ids=["umask022", "umask077"])
def umask(request):
    """The process umask for one test (tests run on one thread: nothing else creates files)."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path, umask):
    atomic_write(tmp_path / "agent.md", b"x")
    assert mode(tmp_path / "agent.md") == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["agent.md"]  # no temp file left


@pytest.mark.parametrize("kept", [0o640, 0o600, 0o664])
def test_a_replaced_file_keeps_its_mode(tmp_path, umask, kept):
    path = tmp_path / "agent.md"
    path.write_bytes(b"old")
    path.chmod(kept)
    atomic_write(path, b"new")
    assert (path.read_bytes(), mode(path)) == (b"new", kept)


def test_private_files_are_the_owners_alone(tmp_path, umask):
    atomic_write(tmp_path / "state.json", b"{}", private=True)
    RecoveryStore(tmp_path / "recovery").save("key", None, "unsaved")
    index_cache.save(tmp_path / "index", tmp_path, 80, [], {})
    for path in (tmp_path / "state.json", tmp_path / "recovery" / "key.json", tmp_path / "index"):
        assert mode(path) == 0o600


def test_every_writer_of_a_new_agent_file_follows_the_umask(tmp_path, umask):
    created = manage.create(tmp_path / "agents" / "reviewer.md", AGENT)
    copy = manage.duplicate(created)
    source = [created]
    zipped = tmp_path / "kit.zip"
    bundle_export.write_export(
        bundle_export.plan_export(source, bundle_export.ExportOptions("zip", "kit"), zipped)
    )
    staging.install(tmp_path / "plugin", {"agents/reviewer.md": AGENT.encode()})
    for path in (created, copy, zipped, tmp_path / "plugin" / "agents" / "reviewer.md"):
        assert mode(path) == 0o666 & ~umask, path


def test_staging_keeps_the_mode_of_a_file_it_replaces(tmp_path, umask):
    path = tmp_path / "agents" / "reviewer.md"
    path.parent.mkdir()
    path.write_bytes(b"old")
    path.chmod(0o640)
    staging.install(tmp_path, {"agents/reviewer.md": b"new", "agents/new.md": b"x"}, True)
    assert (path.read_bytes(), mode(path)) == (b"new", 0o640)
    assert mode(path.parent / "new.md") == 0o666 & ~umask


def test_the_copy_of_an_existing_file_is_private_while_written(tmp_path, monkeypatch, umask):
    path = tmp_path / "agent.md"
    path.write_bytes(b"old")
    path.chmod(0o640)
    seen = []
    fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: seen.append(os.fstat(fd).st_mode) or fsync(fd))
    atomic_write(path, b"new")
    files = [stat.S_IMODE(m) for m in seen if stat.S_ISREG(m)]  # then its folder is synced
    assert files == [0o600] and mode(path) == 0o640


def test_staging_on_a_read_only_disk_fails_as_a_disk_error_and_makes_nothing(tmp_path, monkeypatch):
    def refuse(path, *args, **kwargs):
        raise OSError(30, os.strerror(30), str(path))  # EROFS, from the very first mkdir

    monkeypatch.setattr(os, "mkdir", refuse)
    with pytest.raises(staging.DiskError, match=os.strerror(30)) as info:
        staging.install(tmp_path / "new" / "plugin", {"agents/reviewer.md": b"x"})
    assert isinstance(info.value.__cause__, OSError) and info.value.__cause__.errno == 30
    assert list(tmp_path.iterdir()) == []
