"""Small generated projects for the registration check, and the init messages the real Claude
Code 2.1.332 printed for them (``tests/fixtures/claude/registration-*.jsonl``).

Record them again (HOME empty, offline, signed out; the temporary folder's path left out)::

    PYTHONPATH=app python tests/registration_cases.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from support import FIXTURES

RECORDED = FIXTURES / "claude"
LONG = "n" * 257

#: project .claude/ files: a clash, a skipped >256 name, an opening --- after a blank line
PROJECT = {
    "agents/alpha.md": "---\nname: alpha\ndescription: Reviews code\n---\nReview.\n",
    "agents/one.md": "---\nname: twin\ndescription: First of two\n---\nOne.\n",
    "agents/two.md": "---\nname: twin\ndescription: Second of two\n---\nTwo.\n",
    "agents/long.md": f"---\nname: {LONG}\ndescription: Too long a name\n---\nLong.\n",
    "agents/blank.md": "\n---\nname: blank-first\ndescription: After a blank line\n---\nX.\n",
    "skills/deploy/SKILL.md": "---\nname: deploy\ndescription: Deploys the app\n---\nGo.\n",
    "commands/hello.md": "---\ndescription: Says hello\n---\nHello.\n",
}

#: a plugin ``kit``: a >256 name and an opening --- after a blank line register by stem
PLUGIN = {
    ".claude-plugin/plugin.json": '{"name": "kit"}\n',
    "agents/tool.md": "---\nname: helper\ndescription: Named otherwise than its file\n---\nHelp.\n",
    "agents/a3.md": f"---\nname: {LONG}\ndescription: Too long a name\n---\nLong.\n",
    "agents/a5.md": "\n---\nname: a5-blank\ndescription: After a blank line\n---\nX.\n",
    "commands/run.md": "---\ndescription: Runs it\n---\nRun.\n",
}

CASES = {"project": PROJECT, "plugin": PLUGIN, "empty": {}}


def write(root: Path, case: str) -> Path:
    """The project of ``case`` laid out under ``root`` (a project's files in ``.claude/``)."""
    base = root / ".claude" if case == "project" else root
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in CASES[case].items():
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text(text, encoding="utf-8")
    return root


def transcript(case: str) -> Path:
    return RECORDED / f"registration-{case}.jsonl"


def init_line(case: str) -> str:
    """The recorded init message of ``case`` (a ``ui_invalidate`` message comes first)."""
    lines = transcript(case).read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if '"subtype": "init"' in line)


def record(claude: str) -> None:
    """Run the real Claude Code on each case and keep its output."""
    from agentquill.core.claude import registration, start_up

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp, "home")
        home.mkdir()
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
        for case in CASES:
            root = write(Path(tmp, case), case)
            args = registration.run_arguments(root)
            outcome = start_up(claude, root, args, env)
            lines = [json.dumps(m.raw, ensure_ascii=False) for m in outcome.messages]
            text = "\n".join(lines).replace(tmp, "")  # its temporary paths: /project, /home
            transcript(case).write_text(text + "\n", encoding="utf-8")
            print(case, outcome.init.agents if outcome.init else outcome.problem)


if __name__ == "__main__":
    from support import claude_binary

    found = claude_binary()
    if found is None:
        sys.exit("claude-oracle has not installed Claude Code")
    record(str(found))
