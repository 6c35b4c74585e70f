"""Cross-file rules of skills and commands (AQ41x), checked against what Claude Code
registers (``claude-load``, run when ../shared/tools has it)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from agentquill.core.project import ProjectIndex
from support import CORPUS

LOAD = CORPUS.parent / "tools" / "claude-load"


def write(path: Path, frontmatter: str, body: str = "Follow these steps with care.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{frontmatter}---\n{body}")
    return path


def problems(root: Path) -> dict[str, list]:
    ix = ProjectIndex(root)
    ix.scan()
    found: dict[str, list] = {}
    for p in ix.problems():
        found.setdefault(p.code, []).append(p)
    return found


def claude_load(*args: str) -> dict:
    if not LOAD.is_file():
        pytest.skip("claude-load is not available")
    run = subprocess.run([str(LOAD), *args], capture_output=True, text=True, timeout=300)
    if run.returncode == 2:
        pytest.skip(f"claude-load could not run: {run.stderr.strip()[-300:]}")
    return json.loads(run.stdout)


def test_skill_named_unlike_its_folder(tmp_path):
    skill = write(
        tmp_path / ".claude/skills/fold-name/SKILL.md", "name: other-name\ndescription: X.\n"
    )
    write(tmp_path / ".claude/skills/same/SKILL.md", "name: same\ndescription: Y.\n")
    (p,) = problems(tmp_path)["AQ410"]
    assert (p.path, p.line) == (skill, 2) and "as 'fold-name'" in p.message
    assert claude_load(str(tmp_path))["skills"] == ["fold-name", "same"]


def test_plugin_skill_registers_under_plugin_and_folder(tmp_path):
    (tmp_path / ".claude-plugin").mkdir()
    (tmp_path / ".claude-plugin/plugin.json").write_text('{"name": "sp"}')
    write(tmp_path / "skills/Bad_Skill/SKILL.md", "name: other-name\ndescription: A skill.\n")
    (p,) = problems(tmp_path)["AQ410"]
    assert "as 'sp:Bad_Skill'" in p.message
    assert claude_load("--plugin", str(tmp_path))["skills"] == ["sp:Bad_Skill"]


def test_a_skill_hides_the_command_of_its_name(tmp_path):
    skill = write(tmp_path / ".claude/skills/dup/SKILL.md", "user-invocable: false\n")
    command = write(tmp_path / ".claude/commands/dup.md", "description: The command.\n")
    write(tmp_path / ".claude/commands/team/dup.md", "description: Named team:dup.\n")
    write(tmp_path / ".claude/commands/lone.md", "description: Alone.\n")
    (p,) = problems(tmp_path)["AQ413"]
    assert (p.path, p.others) == (command, (skill,))
    assert claude_load(str(tmp_path))["commands"] == ["lone", "team:dup"]


def test_agent_preloads_missing_and_manual_only_skills(tmp_path):
    write(tmp_path / ".claude/skills/manual/SKILL.md", "disable-model-invocation: true\n")
    write(tmp_path / ".claude/skills/fine/SKILL.md", "description: Usable.\n")
    agent = write(
        tmp_path / ".claude/agents/a.md",
        "name: a\ndescription: Uses skills.\nskills:\n  - fine\n  - manual\n  - ghost\n",
    )
    found = problems(tmp_path)
    ((missing,), (manual,)) = found["AQ411"], found["AQ412"]
    assert (missing.path, missing.line) == (agent, 4) and "'ghost'" in missing.message
    assert "'manual'" in manual.message and manual.others == (
        tmp_path / ".claude/skills/manual/SKILL.md",
    )


def test_kinds_are_not_checked_as_agents(tmp_path):
    """No AQ401 for a skill and an agent of one name, no AQ404 for SKILL.md vs its name."""
    write(tmp_path / ".claude/agents/review.md", "name: review\ndescription: Reviews.\n")
    write(tmp_path / ".claude/skills/review/SKILL.md", "name: review\ndescription: Reviews.\n")
    write(tmp_path / ".claude/commands/review.md", "name: Review\n")
    assert set(problems(tmp_path)) == {"AQ413"}


def test_the_kind_templates_register_in_claude_code(tmp_path):
    from agentquill.core.project import manage
    from agentquill.core.project.templates import TEMPLATES

    for template_id in ("skill", "command", "output-style", "rule"):
        t = TEMPLATES[template_id]
        manage.create_from_template(t, tmp_path / t.folder, t.default_name, "Does the thing.")
    assert problems(tmp_path) == {}
    found = claude_load(str(tmp_path))
    assert (found["skills"], found["commands"]) == (["new-skill"], ["new-command", "new-skill"])
