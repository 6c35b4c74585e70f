"""Claude Code's own verdict on an exported plugin, as the plugin directory would give it.

``claude plugin validate --strict --profile directory --json DIR`` (Claude Code 2.1.332) prints
one JSON object: the manifest's errors and warnings, each component's, the directory profile's
findings (licence, icon…) and advice (the README's install line). :func:`read` turns it into
lines a person reads; running it is left to the caller (the dialog runs it in the background,
the Claude Code that :mod:`agentquill.core.claude` finds).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


def arguments(folder: Path) -> list[str]:
    """The arguments that validate the plugin in ``folder`` as the directory does."""
    return ["plugin", "validate", "--strict", "--profile", "directory", "--json", str(folder)]


@dataclass
class Verdict:
    """What Claude Code said, in readable lines."""

    success: bool
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # the directory profile's
    advice: list[str] = field(default_factory=list)
    agents: int = 0  # how many of each kind it would register
    skills: int = 0
    commands: int = 0
    output_styles: int = 0

    @property
    def clean(self) -> bool:
        """Passed with nothing reported at all."""
        return self.success and not (self.errors or self.warnings or self.findings or self.advice)


def _said(item: dict, where: str = "") -> str:
    path = item.get("path") or item.get("file") or where
    message = str(item.get("message", item))
    return f"{path}: {message}" if path and path != "file" else message


def read(output: str) -> Verdict:
    """The verdict in the validator's JSON ``output``; a verdict with one error when it is
    not that JSON (the error says what came instead)."""
    try:
        report = json.loads(output)
        manifest = report["manifest"]
    except (ValueError, KeyError, TypeError):
        shown = output.strip()[-300:] or "nothing"
        return Verdict(False, [f"Claude Code's answer could not be read: {shown}"])
    verdict = Verdict(bool(report.get("success")))
    verdict.errors += [_said(e) for e in manifest.get("errors", [])]
    verdict.warnings += [_said(w) for w in manifest.get("warnings", [])]
    for item in report.get("contents") or []:
        where = str(item.get("file", ""))
        verdict.errors += [_said(e, where) for e in item.get("errors", [])]
        verdict.warnings += [_said(w, where) for w in item.get("warnings", [])]
    directory = report.get("directory") or {}
    for found in [*directory.get("findings", []), *directory.get("undecided", [])]:
        fix = f" Fix: {found['fix']}" if found.get("fix") else ""
        title = f"{found.get('title') or found.get('code')} ({found.get('severity', 'note')})"
        verdict.findings.append(f"{title}: {found.get('message', '')}{fix}")
    if directory.get("incomplete") and directory.get("failure"):
        verdict.findings.append(str(directory["failure"]))
    for advice in report.get("advice") or []:
        line = f" Add: {advice['installLine']}" if advice.get("installLine") else ""
        verdict.advice.append(f"{advice.get('message', advice)}{line}")
    provides = report.get("provides") or {}
    verdict.agents = len(provides.get("agents", []))
    verdict.skills = len(provides.get("skills", []))
    verdict.commands = len(provides.get("commands", []))
    verdict.output_styles = len(provides.get("outputStyles", []))
    return verdict
