"""Entry point: a subcommand runs the CLI; no arguments or file/folder paths open the editor."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from .cli import COMMANDS

    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version")):
        from .cli import main as cli_main

        return cli_main(args)
    import gc

    gc.disable()  # loading the app makes many objects and few cycles: no collection (72 took
    # 8-11 ms) until create_app has frozen what start-up loaded (ui.app._tune_gc)
    from .ui.app import run  # Qt is imported only on this path

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
