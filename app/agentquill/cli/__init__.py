"""The ``agentquill`` command line: lint, show, fix, roundtrip, export, import, inventory and
evals over the core (never Qt). :mod:`.checks`, :mod:`.bundles`, :mod:`.inventory` and
:mod:`.evals` hold the commands, :mod:`.common` what they share, the one walk of the paths
named included. They load when a command runs: the desktop app's start-up reads only
:data:`COMMANDS` here."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from .. import __version__

if TYPE_CHECKING:
    import argparse

COMMANDS = ("lint", "show", "fix", "roundtrip", "export", "import", "inventory", "evals")


def _parser() -> argparse.ArgumentParser:
    from . import bundles, checks, evals, inventory
    from .common import Parser

    parser = Parser(prog="agentquill", description="Lossless tools for AI agent files.")
    parser.add_argument("--version", action="version", version=f"agentquill {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    checks.add_parsers(sub)
    bundles.add_parsers(sub)
    inventory.add_parsers(sub)
    evals.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run one command; its exit status.

    The one place where a failure the command did not handle itself (a disk that refuses a
    write, a name too long for the file system, input nested too deep to read) becomes one
    ``error: PATH: cause`` line and exit 2, never a traceback. A reader that closes stdout
    early (``| head``) ends the command quietly.
    """
    from . import bundles, checks, evals, inventory
    from .common import Exit, err, failure

    args = _parser().parse_args(argv)
    out = out or sys.stdout
    command = {
        "lint": checks.cmd_lint,
        "show": checks.cmd_show,
        "fix": checks.cmd_fix,
        "roundtrip": checks.cmd_roundtrip,
        "export": bundles.cmd_export,
        "import": bundles.cmd_import,
        "inventory": inventory.cmd_inventory,
        "evals": evals.cmd_evals,
    }[args.command]
    try:
        status = command(args, out)
        out.flush()  # inside the try: a reader gone by now is met here, not at exit
        return status
    except BrokenPipeError:
        _quiet_stdout()
        return Exit.OK
    except (OSError, RecursionError) as exc:
        err(failure(exc))
        return Exit.USAGE


def _quiet_stdout() -> None:
    """Point stdout at the null device, so the flush at exit does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # not a real file (a test's buffer): nothing left to flush
        pass


__all__ = ["COMMANDS", "main"]
