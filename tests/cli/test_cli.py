import json
import shutil

import pytest

from agentquill.cli import main
from agentquill.core.project import discover
from support import FIXTURES


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_lint_clean_file_exits_zero(capsys):
    code, out, _ = run(capsys, "lint", str(FIXTURES / "release-manager.md"))
    assert code == 0 and "error" not in out and "warning" not in out


def test_lint_findings_exit_one_with_file_line_col(capsys):
    path = FIXTURES / "unindented-description.md"
    code, out, _ = run(capsys, "lint", str(path))
    assert code == 1
    assert f"{path}:3:" in out and "AQ100" in out


def test_lint_json_and_dialect(capsys):
    code, out, _ = run(
        capsys, "lint", "--json", "--dialect", "gemini", str(FIXTURES / "release-manager.md")
    )
    report = json.loads(out)
    assert report[0]["dialect"] == "gemini"
    assert any(d["code"] == "AQ210" for d in report[0]["diagnostics"])  # color is not Gemini's


def test_lint_folder_finds_agents_of_every_dialect(capsys):
    code, out, _ = run(capsys, "lint", "--json", str(FIXTURES))
    dialects = {entry["dialect"] for entry in json.loads(out)}
    assert {"copilot", "opencode"} <= dialects


def test_bad_input_is_one_line_without_traceback(capsys, tmp_path):
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"---\nname: caf\xe9\n---\n")
    code, out, err = run(capsys, "lint", str(bad))
    assert code == 2 and err.strip() == f"{bad}:2:10: error: not valid UTF-8 (byte 13)"
    code, _, err = run(capsys, "lint", str(tmp_path / "missing.md"))
    assert code == 2 and "no such file" in err and "Traceback" not in err


def test_usage_error_exits_two(capsys):
    with pytest.raises(SystemExit) as info:
        main(["lint"])
    assert info.value.code == 2


def test_show_prints_fields_examples_and_outline(capsys):
    code, out, _ = run(capsys, "show", "--json", str(FIXTURES / "release-manager.md"))
    info = json.loads(out)
    assert code == 0 and info["dialect"] == "claude-code"
    assert [f["key"] for f in info["fields"]][:2] == ["name", "description"]
    assert len(info["examples"]) == 2
    assert info["examples"][0]["turns"][0]["text"] == "Cut the 2.4.0 release"
    assert info["outline"]
    code, out, _ = run(capsys, "show", str(FIXTURES / "release-manager.md"))
    assert "model" in out and "examples: 2" in out


def test_fix_dry_run_prints_a_diff_and_fix_writes(capsys, tmp_path):
    target = tmp_path / "colon-description.md"
    shutil.copy(FIXTURES / "colon-description.md", target)
    before = target.read_bytes()
    code, out, _ = run(capsys, "fix", "--dry-run", str(target))
    assert "-description: Use this agent when:" in out and "+description: 'Use" in out
    assert target.read_bytes() == before
    code, out, _ = run(capsys, "fix", str(target))
    assert "fixed AQ101" in out
    assert main(["lint", str(target)]) == 0


def test_fix_leaves_an_empty_tools_list_alone(capsys, tmp_path):
    """``tools: []`` and ``tools: ''`` both mean no tools; a safe fix has nothing to change."""
    target = tmp_path / "probe.md"
    target.write_text(
        "---\nname: probe\ndescription: Reviews code for bugs\ntools: []\n---\nBody.\n"
    )
    before = target.read_bytes()
    run(capsys, "fix", str(target))
    assert target.read_bytes() == before


def test_roundtrip_summary_line(capsys):
    code, out, _ = run(capsys, "roundtrip", str(FIXTURES))
    last = out.strip().splitlines()[-1]
    count = sum(len(files) for _, files in discover(FIXTURES))
    assert code == 0 and last.endswith("edit-minimal, 0 failures")
    assert last.startswith(f"{count} files: {count} identical, {count} edit-minimal")


def test_lint_of_a_folder_warns_when_the_descriptions_pass_claude_codes_limit(capsys, tmp_path):
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    for i in range(2):  # ≈8,000 tokens each, 16,000 together
        (agents / f"big{i}.md").write_text(f"---\nname: big{i}\ndescription: {'d' * 32_000}\n---\n")
    assert main(["lint", str(tmp_path)]) == 1
    said = capsys.readouterr().out
    assert said.count("AQ420") == 1 and "15,000-token limit" in said
    (agents / "big1.md").unlink()
    main(["lint", str(tmp_path)])
    main(["lint", str(agents / "big0.md")])  # a file alone: no budget to judge
    assert "AQ420" not in capsys.readouterr().out
