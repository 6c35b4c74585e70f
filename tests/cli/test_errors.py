"""Every command turns an OS or input error into one ``error:`` line naming the file, exits 2
and leaves nothing half-written; a reader that closes stdout early ends the command quietly."""

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from agentquill.cli import main
from support import FIXTURES, ROOT

APP = ROOT / "app"


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` with its bytes (None for a folder)."""
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


def agent(name: str) -> str:
    return f"---\nname: {name}\ndescription: Use it to review code.\n---\n\nReview the code.\n"


@pytest.fixture(params=["read-only folder", "read-only mount", "full disk"])
def refusing_disk(request, monkeypatch):
    """Make writes under a folder fail the way the named case does; returns what makes
    that folder. A read-only folder is a real chmod, which root ignores: then the test is skipped.
    A read-only mount refuses every file or folder made (EROFS); a full disk lets them be
    made and fails when the data is synced or a folder made (ENOSPC)."""
    case = request.param

    def make(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        if case == "read-only folder":
            folder.chmod(0o555)
            request.addfinalizer(lambda: folder.chmod(0o755))
            probe = folder / ".probe"
            try:
                probe.write_bytes(b"")
            except PermissionError:
                return folder
            probe.unlink()
            pytest.skip("running as root: chmod 0o555 does not stop writes")
        code = errno.EROFS if case == "read-only mount" else errno.ENOSPC
        real_open = os.open  # monkeypatch puts the real calls back when the test ends

        def refuse(path):
            raise OSError(code, os.strerror(code), str(path))

        def fake_open(path, flags, *args, **kwargs):
            if code == errno.EROFS and flags & os.O_CREAT:
                refuse(path)
            return real_open(path, flags, *args, **kwargs)

        def fake_mkdir(path, *args, **kwargs):
            refuse(path)

        def fake_fsync(fd):
            raise OSError(code, os.strerror(code))  # as the real one: no file named

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "mkdir", fake_mkdir)
        monkeypatch.setattr(os, "fsync", fake_fsync)
        return folder

    make.cause = {
        "read-only folder": "Permission denied",
        "read-only mount": os.strerror(errno.EROFS),
        "full disk": os.strerror(errno.ENOSPC),
    }[case]
    return make


def one_error(err: str, *named: str) -> str:
    """The single stderr line, checked to be an ``error:`` naming each of ``named``."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    for n in named:
        assert n in lines[0]
    return lines[0]


def test_fix_on_a_disk_that_refuses_reports_each_file_carries_on_and_changes_nothing(
    tmp_path, capsys, refusing_disk
):
    folder = tmp_path / "agents"
    folder.mkdir()
    for name in ("one.md", "two.md"):
        shutil.copy(FIXTURES / "colon-description.md", folder / name)
    before = snapshot(folder)
    refusing_disk(folder)
    assert main(["fix", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "fixed" not in out
    lines = err.splitlines()
    assert lines == [
        f"error: {folder / 'one.md'}: {refusing_disk.cause}",
        f"error: {folder / 'two.md'}: {refusing_disk.cause}",
    ]
    assert snapshot(folder) == before  # no temp copy left, neither file touched


@pytest.mark.parametrize("fmt", ["plugin", "zip"])
def test_export_to_a_disk_that_refuses_is_one_error_and_writes_nothing(
    tmp_path, capsys, refusing_disk, fmt
):
    src = tmp_path / "src" / ".claude" / "agents"
    src.mkdir(parents=True)
    (src / "reviewer.md").write_text(agent("reviewer"))
    target = tmp_path / "target"
    dest = target / ("kit.zip" if fmt == "zip" else "kit")
    refusing_disk(target)
    code = main(["export", "--format", fmt, "--name", "kit", "--out", str(dest), str(src)])
    assert code == 2
    line = one_error(capsys.readouterr().err, refusing_disk.cause)
    assert str(target) in line
    assert snapshot(target) == {}


def test_import_into_a_disk_that_refuses_is_one_error_and_writes_nothing(
    tmp_path, capsys, refusing_disk
):
    bundle = tmp_path / "bundle" / "agents"
    bundle.mkdir(parents=True)
    (bundle / "reviewer.md").write_text(agent("reviewer"))
    target = tmp_path / "target"
    into = target / ".claude" / "agents"
    refusing_disk(target)
    assert main(["import", str(bundle.parent), "--into", str(into)]) == 2
    line = one_error(capsys.readouterr().err, refusing_disk.cause)
    assert str(target) in line
    assert snapshot(target) == {}


def test_import_of_a_name_too_long_for_the_file_system_is_one_error(tmp_path, capsys):
    bundle = tmp_path / "bundle" / "agents"
    bundle.mkdir(parents=True)
    (bundle / "long.md").write_text(agent("a" * 400))
    into = tmp_path / "into"
    assert main(["import", str(bundle.parent), "--into", str(into)]) == 2
    one_error(capsys.readouterr().err, str(into / ("a" * 400)), os.strerror(errno.ENAMETOOLONG))
    assert not into.exists()


def test_a_plugin_json_nested_too_deep_is_refused_in_one_line(tmp_path, capsys):
    bundle = tmp_path / "bundle"
    (bundle / ".claude-plugin").mkdir(parents=True)
    (bundle / ".claude-plugin" / "plugin.json").write_text("[" * 100_000 + "]" * 100_000)
    (bundle / "agents").mkdir()
    (bundle / "agents" / "reviewer.md").write_text(agent("reviewer"))
    into = tmp_path / "into"
    # a refused bundle exits 1, as for every other hostile bundle (test_cli_import)
    assert main(["import", str(bundle), "--into", str(into)]) == 1
    one_error(capsys.readouterr().err, "plugin.json", "nested too deep")
    assert not into.exists()


def test_show_json_into_a_closed_pipe_ends_quietly(tmp_path):
    big = tmp_path / "big.md"
    sections = "".join(f"## Section {i}\n\n- item {i}\n\n" for i in range(5000))
    big.write_text(agent("big") + sections)  # far more than a pipe holds
    env = {**os.environ, "PYTHONPATH": str(APP)}
    for args in (["show", "--json", str(big)], ["show", str(big)]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "agentquill", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None and proc.stderr is not None
        assert len(proc.stdout.read(10)) == 10  # like `| head -c 10`
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 0
        assert err == b"", err.decode()


@pytest.mark.parametrize("command", ["lint", "show", "fix", "roundtrip"])
def test_a_missing_file_or_a_folder_read_as_a_file_is_one_error_line(command, tmp_path, capsys):
    missing = tmp_path / "gone.md"
    assert main([command, str(missing)]) == 2
    assert capsys.readouterr().err == f"error: {missing}: no such file or folder\n"


def test_show_of_a_folder_is_one_error_line(tmp_path, capsys):
    assert main(["show", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path}: is a folder\n"


HOSTILE_AGENTS = {  # found by make fuzz: each raised out of export
    ".claude/agents/colour.md": "name: colour\ndescription: Reviews code.\ncolor: [red]\n",
    ".claude/agents/binary.md": "name: binary\ndescription: Reviews code.\nx: !!binary aGk=\n",
    ".claude/agents/nul.md": 'name: "nul\\0name"\ndescription: Reviews code.\n',
    ".gemini/agents/twice.md": "name: ~\ndescription: Reviews code.\nname: twice\n",
}


@pytest.mark.parametrize("fmt", ["plugin", "opencode", "copilot", "gemini", "agents-json"])
def test_export_of_hostile_values_converts_or_leaves_the_agent_out(fmt, tmp_path, capsys):
    for rel, front in HOSTILE_AGENTS.items():
        path = tmp_path / "kit" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\n\nReview the code.\n", encoding="utf-8")
    out = tmp_path / ("out.json" if fmt == "agents-json" else "out")
    paths = [str(p) for p in sorted((tmp_path / "kit").rglob("*.md"))]
    assert main(["export", "--format", fmt, "--out", str(out), *paths]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    written = [p for p in tmp_path.joinpath("out").rglob("*")] if out.is_dir() else [out]
    assert not any("\x00" in str(p) for p in written)
