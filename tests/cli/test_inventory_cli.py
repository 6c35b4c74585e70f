"""``agentquill inventory``: the table, the JSON list, the layout detected or forced, and bad
input as one line."""

import json

from agentquill.cli import main
from inventory_cases import lay_out, zipped


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_every_file_with_its_verdict(capsys, tmp_path):
    lay_out(tmp_path, "project")
    code, out, _ = run(capsys, "inventory", "--json", str(tmp_path))
    rows = {r["file"]: r for r in json.loads(out)}
    assert code == 0
    assert rows[f"{tmp_path}/.claude/agents/a01.md"] == {
        "kind": "agent",
        "name": "a01-ok",
        "file": f"{tmp_path}/.claude/agents/a01.md",
        "scope": "project",
        "registered": True,
        "reason": "",
        "description": "A valid agent",
        "conditional": False,
    }
    skipped = rows[f"{tmp_path}/.claude/agents/a04.md"]
    assert (skipped["registered"], skipped["reason"]) == (
        False,
        "its opening --- is not on the first line",
    )


def test_table_shows_names_status_and_totals(capsys, tmp_path):
    lay_out(tmp_path, "plugin")
    code, out, _ = run(capsys, "inventory", str(tmp_path))
    lines = out.splitlines()
    assert code == 0
    assert any(line.split()[:3] == ["agent", "edge:a01-ok", "registered"] for line in lines)
    assert lines[-1].startswith("plugin layout: ") and lines[-1].endswith(" skipped")


def test_layout_can_be_forced(capsys, tmp_path):
    lay_out(tmp_path, "user")
    _, out, _ = run(capsys, "inventory", "--json", "--layout", "user", str(tmp_path))
    assert {r["scope"] for r in json.loads(out)} == {"user"}
    _, out, _ = run(capsys, "inventory", "--json", "--layout", "project", str(tmp_path))
    assert json.loads(out) == []  # nothing under .claude/


def test_a_zip_is_a_plugin_and_its_files_are_named_inside_it(capsys, tmp_path):
    archive = zipped(lay_out(tmp_path / "edge", "plugin"), tmp_path / "edge.zip")
    _, out, _ = run(capsys, "inventory", "--json", str(archive))
    files = {r["file"] for r in json.loads(out)}
    assert f"{archive}/agents/a01.md" in files


def test_bad_input_is_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "inventory", str(tmp_path / "missing"))
    assert code == 2 and err == f"error: {tmp_path / 'missing'}: no such file or folder\n"
    broken = tmp_path / "broken.zip"
    broken.write_text("not a zip")
    code, _, err = run(capsys, "inventory", str(broken))
    assert code == 2 and err.startswith(f"error: {broken}: not a zip archive")
    code, _, err = run(capsys, "inventory", "--layout", "user", str(broken))
    assert code == 2 and err == f"error: {broken}: the user layout needs a folder\n"
