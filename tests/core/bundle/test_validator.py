"""Claude Code's verdict read into lines, and how it is asked."""

import json
import os

from agentquill.core.bundle import validator

REPORT = {
    "success": False,
    "manifest": {
        "errors": [],
        "warnings": [{"path": "author", "message": "No author information provided."}],
    },
    "contents": [
        {"file": "agents/x.md", "errors": [{"path": "", "message": "Bad frontmatter"}]},
    ],
    "provides": {"agents": ["kit:x"], "skills": [], "commands": ["kit:a", "kit:b"]},
    "advice": [
        {"message": "No install line.", "installLine": "/plugin install kit --marketplace o/r"}
    ],
    "directory": {
        "findings": [
            {
                "code": "LICENSE_MISSING",
                "title": "License missing",
                "severity": "error",
                "message": "This plugin has no LICENSE file.",
                "fix": "Add a LICENSE file.",
            }
        ],
        "undecided": [],
        "incomplete": False,
        "failure": "the plugin directory would refuse a submission of this plugin",
    },
}


def test_every_kind_of_report_becomes_a_readable_line():
    verdict = validator.read(json.dumps(REPORT))
    assert not verdict.success and not verdict.clean
    assert verdict.warnings == ["author: No author information provided."]
    assert verdict.errors == ["agents/x.md: Bad frontmatter"]
    assert verdict.findings == [
        "License missing (error): This plugin has no LICENSE file. Fix: Add a LICENSE file."
    ]
    assert verdict.advice == ["No install line. Add: /plugin install kit --marketplace o/r"]
    assert (verdict.agents, verdict.skills, verdict.commands, verdict.output_styles) == (1, 0, 2, 0)


def test_an_answer_that_is_not_the_report_is_said():
    verdict = validator.read("error: unknown option '--profile'\n")
    assert verdict.errors == [
        "Claude Code's answer could not be read: error: unknown option '--profile'"
    ]
    assert validator.read("").errors == ["Claude Code's answer could not be read: nothing"]


def test_the_arguments_validate_the_folder_as_the_directory_does(tmp_path):
    assert validator.arguments(tmp_path)[-1] == os.fspath(tmp_path)
    assert validator.arguments(tmp_path)[:2] == ["plugin", "validate"]
