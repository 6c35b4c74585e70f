"""Saves respect links and what the file is (owner, mode, extended attributes), reach the disk
(the file and its folder synced), and leave no debris: stale temp files of ours go. A file's
stamp tells a change of its bytes from a touch."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

import pytest

from agentquill.cli import main
from agentquill.core.files import DiskStamp, RecoveryStore, atomic_write, sweep_temps

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TEMP = ".agent.md.0123456789abcdef.tmp"


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def age(path: Path, seconds: float) -> Path:
    """``path`` made to look untouched for ``seconds``."""
    then = path.lstat().st_mtime - seconds
    os.utime(path, (then, then), follow_symlinks=False)
    return path


# --- symbolic links ---------------------------------------------------------------------------
@pytest.mark.parametrize("absolute", [False, True], ids=["relative", "absolute"])
def test_a_save_through_a_link_writes_its_target_and_the_link_stays(tmp_path, absolute):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "agent.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = tmp_path / "link.md"
    points_to = target if absolute else Path("real") / "agent.md"
    link.symlink_to(points_to)
    atomic_write(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(points_to)
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert names(tmp_path) == ["link.md", "real"] and names(tmp_path / "real") == ["agent.md"]


def test_a_chain_of_links_is_followed_to_its_end_each_read_from_its_own_folder(tmp_path):
    for sub in ("a", "b", "c"):
        (tmp_path / sub).mkdir()
    target = tmp_path / "c" / "agent.md"
    target.write_bytes(b"old")
    (tmp_path / "b" / "second.md").symlink_to(Path("..") / "c" / "agent.md")
    (tmp_path / "a" / "first.md").symlink_to(Path("..") / "b" / "second.md")
    atomic_write(tmp_path / "a" / "first.md", b"new")
    assert target.read_bytes() == b"new"
    assert (tmp_path / "a" / "first.md").is_symlink() and (
        tmp_path / "b" / "second.md"
    ).is_symlink()


def test_a_dangling_link_makes_its_target(tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to("made.md")
    atomic_write(link, b"new")
    assert link.is_symlink() and (tmp_path / "made.md").read_bytes() == b"new"


def test_a_loop_of_links_is_a_clear_error_and_changes_nothing(tmp_path):
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    with pytest.raises(OSError) as info:
        atomic_write(tmp_path / "a.md", b"new")
    assert info.value.errno == errno.ELOOP
    assert names(tmp_path) == ["a.md", "b.md"] and os.readlink(tmp_path / "a.md") == "b.md"


def test_cli_fix_through_a_link_fixes_the_target(tmp_path, capsys):
    target = tmp_path / "colon-description.md"
    shutil.copy(FIXTURES / "colon-description.md", target)
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    before = target.read_bytes()
    assert main(["fix", str(link)]) in (0, 1)
    assert "fixed AQ101" in capsys.readouterr().out
    assert link.is_symlink() and target.read_bytes() != before
    assert main(["lint", str(target)]) == 0


# --- hard links -------------------------------------------------------------------------------
def test_every_hard_link_shows_the_saved_text(tmp_path):
    path, other = tmp_path / "agent.md", tmp_path / "other.md"
    path.write_bytes(b"old text, longer than the new")
    os.link(path, other)
    inode = path.stat().st_ino
    atomic_write(path, b"new")
    assert other.read_bytes() == b"new" and path.stat().st_ino == inode
    assert path.stat().st_nlink == 2 and names(tmp_path) == ["agent.md", "other.md"]


def test_a_failed_in_place_write_keeps_the_new_text_beside_the_file(tmp_path, monkeypatch):
    path = tmp_path / "agent.md"
    path.write_bytes(b"old")
    os.link(path, tmp_path / "other.md")
    real_fsync, synced = os.fsync, []

    def fsync(fd):  # the copy syncs; the in-place write finds the disk full
        synced.append(fd)
        if len(synced) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError, match="the new text is kept in") as info:
        atomic_write(path, b"new")
    monkeypatch.undo()
    assert info.value.errno == errno.ENOSPC and info.value.filename == str(path)
    kept = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert [p.read_bytes() for p in kept] == [b"new"] and str(kept[0]) in str(info.value)
    age(kept[0], 120)
    assert sweep_temps(tmp_path) == 0 and kept[0].exists()  # beside a linked file: kept


# --- owner, mode, extended attributes -----------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_a_file_keeps_its_owner(tmp_path):
    path = tmp_path / "agent.md"
    path.write_bytes(b"old")
    os.chown(path, 4321, 4322)
    path.chmod(0o2640)  # set-gid too: a chown after the chmod would clear it
    atomic_write(path, b"new")
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 4322, 0o2640)


def xattrs_or_skip(path: Path) -> None:
    try:
        os.setxattr(path, "user.probe", b"1")
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes on this file system")
    os.removexattr(path, "user.probe")


def test_a_file_keeps_its_extended_attributes(tmp_path):
    path = tmp_path / "agent.md"
    path.write_bytes(b"old")
    xattrs_or_skip(path)
    os.setxattr(path, "user.origin", b"https://example.com/agent.md")
    os.setxattr(path, "user.empty", b"")
    atomic_write(path, b"new")
    assert sorted(os.listxattr(path)) == ["user.empty", "user.origin"]
    assert os.getxattr(path, "user.origin") == b"https://example.com/agent.md"


def test_an_attribute_the_copy_may_not_take_is_skipped(tmp_path, monkeypatch):
    path = tmp_path / "agent.md"
    path.write_bytes(b"old")
    xattrs_or_skip(path)
    os.setxattr(path, "user.kept", b"1")
    os.setxattr(path, "user.refused", b"2")
    real = os.setxattr

    def setxattr(target, name, value, *args, **kwargs):
        if name == "user.refused":
            raise OSError(errno.EPERM, os.strerror(errno.EPERM))
        return real(target, name, value, *args, **kwargs)

    monkeypatch.setattr(os, "setxattr", setxattr)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new" and os.listxattr(path) == ["user.kept"]


# --- syncing --------------------------------------------------------------------------------
def test_the_file_then_its_folder_are_synced(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "agent.md"
    real, synced = os.fsync, []

    def fsync(fd):
        st = os.fstat(fd)
        synced.append((st.st_dev, st.st_ino))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    atomic_write(path, b"new")
    monkeypatch.undo()
    folder = (tmp_path / "sub").stat()
    assert synced == [(path.stat().st_dev, path.stat().st_ino), (folder.st_dev, folder.st_ino)]


# --- stale temp files ---------------------------------------------------------------------------
def test_the_sweep_removes_only_our_stale_temp_files(tmp_path):
    (tmp_path / "agent.md").write_bytes(b"x")
    ours = tmp_path / TEMP
    ours.write_bytes(b"half")
    age(ours, 61)
    fresh = tmp_path / ".agent.md.fedcba9876543210.tmp"
    fresh.write_bytes(b"being written")
    for name in (
        ".agent.md.0123456789ABCDEF.tmp",  # not our hex
        ".agent.md.0123456789abcde.tmp",  # 15 digits
        "agent.md.0123456789abcdef.tmp",  # no leading dot
        ".agent.md.0123456789abcdef.tmp.bak",
        "notes.tmp",
    ):
        (tmp_path / name).write_bytes(b"theirs")
        age(tmp_path / name, 3600)
    (tmp_path / ".x.md.00000000000000aa.tmp").mkdir()  # a folder of that name is not ours
    age(tmp_path / ".x.md.00000000000000aa.tmp", 3600)
    (tmp_path / ".y.md.00000000000000bb.tmp").symlink_to("agent.md")  # nor is a link
    age(tmp_path / ".y.md.00000000000000bb.tmp", 3600)
    before = set(names(tmp_path))
    assert sweep_temps(tmp_path) == 1
    assert set(names(tmp_path)) == before - {TEMP}


def test_the_sweep_never_raises(tmp_path):
    assert sweep_temps(tmp_path / "missing") == 0
    (tmp_path / "file").write_bytes(b"")
    assert sweep_temps(tmp_path / "file") == 0


def test_a_save_sweeps_its_folder(tmp_path):
    (tmp_path / TEMP).write_bytes(b"half")
    age(tmp_path / TEMP, 61)
    RecoveryStore(tmp_path).save("agent.md", None, "unsaved")  # the autosave store too
    atomic_write(tmp_path / "agent.md", b"new")
    assert names(tmp_path) == ["agent.md", "agent.md.json"]


def test_the_autosave_folder_is_swept_when_read_at_start(tmp_path):
    store = RecoveryStore(tmp_path)
    store.save("key", None, "unsaved")
    stale = tmp_path / ".other.json.0123456789abcdef.tmp"
    stale.write_bytes(b"half")
    age(stale, 61)
    assert [r.text for r in store.pending()] == ["unsaved"] and not stale.exists()


def test_a_stamp_tells_new_bytes_from_a_touch(tmp_path):
    path = tmp_path / "agent.md"
    path.write_bytes(b"model: sonnet\n")
    stamp = DiskStamp.of(path)
    later = stamp.mtime_ns + 2_000_000_000
    os.utime(path, ns=(later, later))
    assert not stamp.changed(path)  # touched: the same bytes
    path.write_bytes(b"model: haiku!\n")  # the same size
    os.utime(path, ns=(later, later))
    assert stamp.changed(path)
    assert DiskStamp.of(path) == DiskStamp.of(path, path.read_bytes())
    path.unlink()
    assert stamp.changed(path) and DiskStamp.of(path) is None
