"""A stand-in Claude Code for tests of the signed-in paths (the real one, offline, is signed
out): an executable that replays a transcript of ``tests/fixtures/claude``."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from support import FIXTURES

RECORDED = FIXTURES / "claude"


def stand_in(folder: Path, transcript: str = "signed-in.jsonl", auth: str = "auth-signed-in.json"):
    """The path of an executable in ``folder`` that answers as Claude Code, and the
    environment it needs ($STAND_IN_DIR)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(RECORDED / transcript, folder / "transcript.jsonl")
    shutil.copy(RECORDED / auth, folder / "auth.json")
    program = folder / "claude"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{RECORDED / "stand_in.py"}" "$@"\n')
    program.chmod(0o755)
    return program, {"STAND_IN_DIR": str(folder)}


def runs(folder: Path, flag: str = "-p") -> list[dict]:
    """The runs of the stand-in in ``folder`` whose arguments hold ``flag``, oldest first: a
    project's registration check may run it beside the run a test is about."""
    said = folder / "runs.jsonl"
    lines = said.read_text().splitlines() if said.exists() else []
    return [run for run in map(json.loads, lines) if flag in run["args"]]


def eval_stand_in(folder: Path, verdicts: dict[str, list[int]]):
    """The path of an executable in ``folder`` that answers ``claude plugin eval`` as
    ``verdicts`` say (case name or "*" → [runs passed with the plugin, without]), and the
    environment it needs; the arguments of its last run are in ``folder / "argv.json"``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "verdicts.json").write_text(json.dumps(verdicts))
    program = folder / "claude"
    program.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" "{RECORDED / "eval_stand_in.py"}" "$@"\n'
    )
    program.chmod(0o755)
    return program, {"STAND_IN_DIR": str(folder)}
